"""Arrears work: the arrears list and its exports, stop-power notices, the collection report."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.money import format_fen, parse_yuan
from bootstrap import Services
from cli.output import words
from cli.render import arrears_json, collection_json, emit_json, notice_json

if TYPE_CHECKING:
    from cli.parser import Add  # the grammar; cli/commands.py registers this module


def register(add: Add) -> None:
    p = add("arrears", cmd_arrears, "the arrears list (欠费清单): filter, totals, export")
    p.add_argument("--grade", choices=["I", "II", "III"])
    p.add_argument("--category", choices=["residential", "commercial", "industrial", "agricultural"])
    p.add_argument("--area")
    p.add_argument("--responsible", help="clerk answering for the area (收费责任制)")
    p.add_argument("--min-days", type=int, default=0)
    p.add_argument("--min-amount")
    p.add_argument("--notice", choices=["none", "proposed", "approved", "served", "reminded"])
    p.add_argument("--sort", default="owed_desc", choices=["owed_desc", "age_desc", "customer_no"])
    p.add_argument("--limit", type=int, default=200)
    p.add_argument("--csv")
    p.add_argument("--xlsx")
    p.add_argument("--pdf")
    p.add_argument("--json", action="store_true")
    p = add(
        "notice", cmd_notice, "stop-power notice: propose CUSTOMER_NO | approve|serve|remind|print NOTICE_ID"
    )
    p.add_argument("action", choices=["propose", "approve", "serve", "remind", "print"])
    p.add_argument("target", help="customer number (propose) or notice id")
    p.add_argument("--reason", default="")
    p.add_argument("--supervisor", default="")
    p.add_argument("--method", default="in_person")
    p.add_argument("--pdf")
    p.add_argument("--json", action="store_true")
    p = add("collection", cmd_collection, "collection responsibility report (收费责任制) per clerk and area")
    p.add_argument("--month", help="YYYY-MM (default: this month)")
    p.add_argument("--json", action="store_true")


def cmd_arrears(w: Services, args: argparse.Namespace) -> int:
    from app.risk import ArrearsFilter
    from app.services.arrears import arrears_list

    f = ArrearsFilter(
        grade=args.grade or "",
        category=args.category or "",
        area=args.area or "",
        clerk_id=args.responsible or "",
        min_days=args.min_days,
        min_fen=parse_yuan(args.min_amount) if args.min_amount else 0,
        notice_state=args.notice or "",
        sort=args.sort,
        limit=args.limit,
    )
    lst = arrears_list(w.ctx, f)
    if args.csv or args.xlsx:
        from printing.export import export_csv, export_xlsx

        if args.csv:
            export_csv(lst, args.csv)
        if args.xlsx:
            export_xlsx(lst, args.xlsx)
    if args.pdf:
        from printing.arrears_pdf import arrears_pdf

        arrears_pdf(lst, w.ctx.terminal.hall_name, args.pdf)
    t = lst.totals
    if args.json:
        emit_json(arrears_json(lst))
    else:
        for r in lst.rows:
            print(
                words(
                    w,
                    "cli.arrears_row",
                    customer_no=r.customer_no,
                    name=r.name,
                    grade=r.grade or "-",
                    bills=r.bills,
                    owed=format_fen(r.owed_fen),
                    days=r.days_overdue,
                    state=r.notice_state,
                )
            )
        print(words(w, "cli.arrears_total", customers=t.customers, owed_fen=t.owed_fen))
    return 0


def cmd_notice(w: Services, args: argparse.Namespace) -> int:
    from app.services import notices

    clerk = args.clerk or w.config.clerk
    if args.action == "propose":
        n = notices.propose(w.ctx, args.target, clerk, args.reason)
    elif args.action == "approve":
        pin = os.environ.get("HALLPAY_SUPERVISOR_PIN") or __import__("getpass").getpass(
            words(w, "cli.supervisor_pin")
        )
        n = notices.approve(w.ctx, args.target, clerk, args.supervisor, pin)
    elif args.action == "serve":
        n = notices.serve(w.ctx, args.target, clerk, args.method)
    elif args.action == "remind":
        n = notices.remind(w.ctx, args.target, clerk)
    else:
        from app.services.payments import due
        from printing.notice_pdf import NoticeDoc, notice_pdf

        n = notices.get_notice(w.ctx, args.target)
        d = due(w.ctx, n.customer_no)
        out = Path(args.pdf or w.data_dir / "reports" / f"{n.notice_id}.pdf")
        notice_pdf(NoticeDoc(n, d.customer, d.quote, w.ctx.terminal.hall_name), out)
        print(out, file=sys.stderr)
    if args.json:
        emit_json(notice_json(n))
    else:
        print(
            words(
                w,
                "cli.notice_row",
                notice_id=n.notice_id,
                customer_no=n.customer_no,
                state=n.state,
                stop_from=n.stop_from or "-",
            )
        )
    return 0


def cmd_collection(w: Services, args: argparse.Namespace) -> int:
    from app.services.collection import collection_report, report_text

    report = collection_report(w.ctx, args.month)
    if args.json:
        emit_json(collection_json(report))
    else:
        print(report_text(report))
    return 0
