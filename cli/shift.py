"""The clerk's shift and the day: `shift open|status|close|report|signoff`."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import HallPayError
from app.messages import coded
from app.money import parse_yuan
from bootstrap import Services
from cli.output import words
from cli.render import day_report_json, emit_json, shift_close_json, shift_status_json

if TYPE_CHECKING:
    from app.services.wallet_day import DayReconciliation
    from app.services.wallet_reconcile import Reconciliation
    from cli.parser import Add  # the grammar; cli/commands.py registers this module


def register(add: Add) -> None:
    p = add("shift", cmd_shift, "the clerk's shift")
    p.add_argument("action", choices=["open", "status", "close", "report", "signoff"])
    p.add_argument("--hall", action="store_true", help="report: every terminal synced to the central ledger")
    p.add_argument("--float", default="0")
    p.add_argument(
        "--count",
        help='cash by denomination (yuan x pieces, down to the 1-fen coin), e.g. "100x5,50x2,0.5x3,0.05x1"',
    )
    p.add_argument("--reason", default="")
    p.add_argument(
        "--wallet-reason",
        default="",
        help="close: a supervisor (--supervisor) signs the wallet reconciliation's differences off",
    )
    p.add_argument(
        "--wallet-pending",
        action="store_true",
        help="signoff: sign the day off although its wallet reconciliation is pending (recorded as such)",
    )
    p.add_argument("--supervisor", default="", help="approving supervisor's id")
    p.add_argument("--day", help="business day YYYY-MM-DD (default: today)")
    p.add_argument("--pdf", help="write the day report PDF here")
    p.add_argument("--slip", help="write the bank deposit slip PDF here (default: beside --pdf)")
    p.add_argument("--json", action="store_true")


def cmd_shift(w: Services, args: argparse.Namespace) -> int:
    from app.services.shifts import open_shift

    clerk = args.clerk or w.config.clerk
    if args.action == "open":
        shift = open_shift(w.ctx, clerk, parse_yuan(args.float, allow_zero=True))
        print(words(w, "cli.shift_opened", shift_id=shift.shift_id, float_fen=shift.float_fen))
        return 0
    from app.cash import parse_count
    from app.services import shift_close as sc

    if args.action == "close":
        if not args.count:
            raise coded(HallPayError, "cli.count_needed")
        count = parse_count(args.count)  # a malformed count is refused before the acquirer is asked
        wallet_report = close_reconciliation(w, args, clerk)
        result = sc.close_shift(
            w.ctx,
            sc.CloseRequest(clerk, count, args.reason, args.supervisor, approver_pin=args.supervisor_pin),
            wallet_report=wallet_report,
        )
        recorded = sc.recorded_wallet_day(w.ctx, result.shift.business_day) if wallet_report else None
        # as recorded: signed now or by an earlier sign-off
        wallet = (
            (wallet_report, recorded.state) if wallet_report is not None and recorded is not None else None
        )
        out = shift_close_json(result, clerk, sc.difference_label(result.difference_fen), wallet)
        if args.json:
            emit_json(out)
        else:
            print(
                words(
                    w,
                    "cli.shift_closed",
                    shift_id=result.shift.shift_id,
                    expected=out["expected_cash"],
                    counted=out["counted_cash"],
                    deposit=out["deposit"],
                    difference=sc.difference_phrase(result.difference_fen),
                )
            )
        say_reconciliation(wallet_report, recorded, quiet=args.json)
        return 0
    if args.action == "status":
        preview = sc.close_preview(w.ctx, clerk)
        out = shift_status_json(preview, clerk)
        emit_json(out) if args.json else print(
            words(
                w,
                "cli.shift_status",
                shift_id=preview.shift.shift_id,
                expected_fen=preview.figures.expected_cash_fen,
            )
        )
        return 0
    day = parse_day(args.day) if args.day else None
    if args.action == "signoff":
        signed = sc.sign_off_day(
            w.ctx,
            args.supervisor,
            day or w.ctx.today().isoformat(),
            clerk_id="",
            pin=args.supervisor_pin,
            wallet_pending_ok=args.wallet_pending,
        )
        print(
            words(
                w,
                "cli.signed_off",
                business_day=signed.business_day,
                who=args.supervisor,
                seq=signed.entry.seq,
            )
        )
        return 0
    from printing.day_report_pdf import day_report_pdf, deposit_slip_pdf

    if args.hall:  # every terminal whose journal has reached the central ledger
        from app.services.hall_report import hall_day_report, hall_day_report_from
        from db.central.store import CentralStore

        central = CentralStore.open(
            w.config.central_url(), w.data_dir, clock=w.ctx.clock, limits=w.config.central_limits()
        )
        try:
            summed = central.hall_day(
                day or w.ctx.today().isoformat()
            )  # PostgreSQL: sums in SQL, the day checked
            if summed is not None:
                report = hall_day_report_from(w.ctx, summed, day or w.ctx.today().isoformat())
            else:
                journals, damaged = central.checked_journals()  # a report from an edited journal says so
                report = dataclasses.replace(
                    hall_day_report(w.ctx, journals, day), journal_problems=tuple(damaged)
                )
        finally:
            central.close()
    else:
        report = sc.load_day_report(w.ctx, day)  # checks this terminal's own journal
    damaged = list(report.journal_problems)  # on the PDF pages, on stderr and in the JSON
    for sentence in damaged:
        print(sentence, file=sys.stderr)
    pdf = Path(args.pdf) if args.pdf else w.data_dir / "reports" / f"day-{report.business_day}.pdf"
    slip = Path(args.slip) if args.slip else pdf.with_name(f"{pdf.stem}-deposit.pdf")
    day_report_pdf(report, pdf)
    deposit_slip_pdf(report, slip)
    if args.json:
        emit_json(day_report_json(report, str(pdf), str(slip), damaged))
    else:
        print(pdf)
        print(slip)
    return 0


def close_reconciliation(w: Services, args: argparse.Namespace, clerk: str) -> Reconciliation | None:
    """The day's wallet reconciliation before the close (the acquirer is on the network, never under the
    write lock); with --wallet-reason the supervisor signs its differences off first, so a wrong PIN
    refuses before anything is closed."""
    from app.services.shift_close import close_preview
    from app.services.wallet_reconcile import reconcile_for_close, sign_off
    from cli.wallet import wallets_of

    day = dt.date.fromisoformat(close_preview(w.ctx, clerk).shift.business_day)
    report = reconcile_for_close(w.ctx, lambda: wallets_of(w), day)
    if args.wallet_reason:
        if report is None or not report.has_differences:
            raise coded(HallPayError, "wallet.no_differences")
        sign_off(w.ctx, report, clerk, args.supervisor, args.supervisor_pin, args.wallet_reason)
    return report


def say_reconciliation(
    report: Reconciliation | None, recorded: DayReconciliation | None, *, quiet: bool
) -> None:
    """The differences, and what is still to do, on stderr: stdout stays the close's one line or JSON."""
    if report is None or recorded is None:
        return
    if not quiet:
        for line in report.lines():
            print(line, file=sys.stderr)
    if recorded.pending:
        print(
            "收单机构暂时无法对账：扫码对账标为待完成，结班照常；稍后请运行 wallet reconcile。",
            file=sys.stderr,
        )
    if recorded.needs_signature:
        print(
            "扫码对账有差异：请主管签认（wallet reconcile --supervisor 工号 --reason 原因），签认后才能签认日结。",
            file=sys.stderr,
        )


def parse_day(text: str) -> str:
    try:
        return dt.date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise coded(HallPayError, "cli.bad_day", text=text) from None
