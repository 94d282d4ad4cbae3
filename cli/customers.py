"""Customers and master data: `lookup`, `demo`, `import`, `blacklist import`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import HallPayError
from app.messages import coded
from bootstrap import Services, seed_generated
from cli.output import words
from cli.render import emit_json, lookup_json

if TYPE_CHECKING:
    from cli.parser import Add  # the grammar; cli/commands.py registers this module


def register(add: Add) -> None:
    p = add("demo", cmd_demo, "seed demo customers and bills")
    p.add_argument("--customers", type=int, required=True)
    p.add_argument("--months", type=int, default=12)
    p.add_argument("--seed", type=int, default=2026)
    p = add("import", cmd_import, "load master data exported by head office")
    p.add_argument("--customers")
    p.add_argument("--bills")
    p.add_argument(
        "--adjust", action="store_true", help="changed bills/categories are a head-office adjustment"
    )
    p.add_argument("--reason", default="", help="the adjustment's reason")
    p.add_argument("--supervisor", default="", help="approving supervisor's id (PIN: HALLPAY_SUPERVISOR_PIN)")
    p = add("lookup", cmd_lookup, "find a customer")
    p.add_argument("query")
    p.add_argument("--json", action="store_true")
    p = add("blacklist", cmd_blacklist, "import the government's integrity blacklist (诚信黑榜) CSV")
    p.add_argument("action", choices=["import"])
    p.add_argument("file")
    p.add_argument("--json", action="store_true")


def cmd_lookup(w: Services, args: argparse.Namespace) -> int:
    from app.services.lookup import find_customers
    from app.services.payments import due

    found = find_customers(w.ctx, args.query)
    if not found:
        raise coded(HallPayError, "lookup.none", query=args.query)
    if args.json:
        quote, offsets, refund_owed = None, None, None
        if len(found) == 1:
            from app.services.payments import recent_offsets
            from app.services.refund_payout import owed_refunds

            quote = due(w.ctx, found[0].customer_no).quote
            offsets = recent_offsets(w.ctx, found[0].customer_no)
            refund_owed = sum(r.amount_fen for r in owed_refunds(w.ctx, found[0].customer_no))
        emit_json(lookup_json(found, quote, offsets, refund_owed))
    else:
        from app.services.refund_payout import owed_refunds

        for c in found:
            owed = sum(r.amount_fen for r in owed_refunds(w.ctx, c.customer_no)) if len(found) == 1 else 0
            print(
                words(
                    w,
                    "cli.customer",
                    customer_no=c.customer_no,
                    name=c.name,
                    address=c.address,
                    phone=c.phone,
                    balance_fen=c.balance_fen,
                )
                + (words(w, "cli.refund_owed", owed_fen=owed) if owed else "")
            )
    return 0


def cmd_demo(w: Services, args: argparse.Namespace) -> int:
    import time

    from cli.progress import progress_bar

    started = time.perf_counter()
    with progress_bar("演示用户 demo customers", "户") as progress:
        count = seed_generated(
            w.store, args.customers, w.ctx.today(), seed=args.seed, months=args.months, progress=progress
        )
    print(
        f"{count} demo customers with {args.months} months of bills in {time.perf_counter() - started:.1f} s"
    )
    return 0


def cmd_import(w: Services, args: argparse.Namespace) -> int:
    from app.importing import parse_bills, parse_customers
    from app.services.master_data import Adjust, import_master_data

    customers = (
        parse_customers(read_import_file(args.customers, "用户"), source=args.customers)
        if args.customers
        else []
    )
    bills = (
        parse_bills(read_import_file(args.bills, "账单"), today=w.ctx.today(), source=args.bills)
        if args.bills
        else []
    )
    if not args.adjust and (args.reason or args.supervisor):
        raise coded(HallPayError, "cli.adjust_needed")
    adjust = Adjust(args.reason, args.supervisor, args.supervisor_pin) if args.adjust else None
    from cli.progress import progress_bar

    with progress_bar("导入 import", "行") as progress:
        result = import_master_data(
            w.ctx,
            customers,
            bills,
            adjust,
            clerk_id=args.clerk or w.config.clerk,
            sources=(args.customers or "", args.bills or ""),
            progress=progress,
        )
    extra = ""
    if result.unchanged_bills or result.adjustments or result.offsets:
        extra = (
            f" ({result.new_bills} new, {result.unchanged_bills} unchanged, {len(result.adjustments)} adjustments, "
            f"{len(result.offsets)} prepaid offsets)"
        )
    print(f"imported {result.customers} customers, {result.bills} bills{extra}")
    return 0


def read_import_file(path: str, what: str) -> str:
    """An import file's text, or one sentence naming the file: missing, a directory, unreadable, undecodable."""
    from app.importing import decode_import

    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise coded(HallPayError, "file.missing", what=what, path=path) from None
    except IsADirectoryError:
        raise coded(HallPayError, "file.folder", what=what, path=path) from None
    except PermissionError:
        raise coded(HallPayError, "file.denied", what=what, path=path) from None
    except OSError as error:
        raise coded(
            HallPayError, "file.unreadable", what=what, path=path, detail=error.strerror or error
        ) from None
    return decode_import(data, what, path)


def cmd_blacklist(w: Services, args: argparse.Namespace) -> int:
    from app.services.blacklist import import_blacklist

    result = import_blacklist(w.ctx, args.file)
    if args.json:
        emit_json({"rows": result.rows, "matched": result.matched})
    else:
        print(f"已导入诚信黑榜 {result.rows} 条；匹配用户 {result.matched} 户")
    return 0
