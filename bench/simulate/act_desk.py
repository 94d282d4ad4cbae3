"""The counter's other work, through the same services as its pages: a receipt printed again (重打: the copy
still verifies, a reversed one says 已冲正; after the shift closed a supervisor approves it with their PIN)
and a stop-power notice proposed (停电通知) for a customer whose arrears are older than the policy allows."""

from __future__ import annotations

import random
from collections.abc import Callable

from app.errors import HallPayError
from app.ports import PrinterState, PrinterStatus, PrintResult
from app.receipt import Receipt
from bench.simulate.day import Day
from bench.simulate.world import Province, SimTerminal


class PaperPrinter:
    """The counter's printer as the simulation sees it: the receipt reaches the paper. What a receipt
    looks like is not the simulation's concern, and laying one out (fonts, the QR image) takes a second."""

    def status(self) -> PrinterStatus:
        return PrinterStatus(PrinterState.READY, "")

    def print_receipt(
        self, receipt: Receipt, *, open_drawer: bool = False, on_sent: Callable[[], None] | None = None
    ) -> PrintResult:
        if on_sent is not None:
            on_sent()
        return PrintResult(True, "", "")

    def preview_png(self, receipt: Receipt) -> bytes:
        return b""


def reprint(p: Province, t: SimTerminal, clerk: str, rng: random.Random, day: Day) -> None:
    """A customer asks for a copy of a receipt this counter printed (today's or an earlier day's)."""
    from app.services.receipts import reprint as reprint_
    from app.services.verify import verify_receipt

    mine = sorted(p.printed.get(t.tid, {}))
    if not mine:
        return
    receipt_no = rng.choice(mine)
    supervisor = p.halls[t.hall].supervisor
    try:
        copy, _printed = reprint_(
            t.ctx,
            PaperPrinter(),
            receipt_no,
            clerk,
            supervisor,
            p.pins.get(supervisor, ""),
        )
    except HallPayError as refused:  # e.g. the supervisor's PIN has not reached this counter yet
        day.note(f"{t.tid} {clerk} reprint {receipt_no}: refused ({refused})", "refused")
        return
    check = verify_receipt(t.ctx, copy.qr_text)
    if not check.genuine:
        p.problems.append(f"6: the reprint of {receipt_no} on {t.tid} does not verify: {check.reason}")
    if (receipt_no in p.reversed) != bool(copy.reversed_at):
        p.problems.append(
            f"6: the reprint of {receipt_no} on {t.tid} says reversed={bool(copy.reversed_at)}, "
            f"the receipt {'was' if receipt_no in p.reversed else 'was not'} reversed"
        )
    day.note(
        f"{t.tid} {clerk} reprint {receipt_no}{' (reversed)' if copy.reversed_at else ''}: {check.genuine}",
        "reprint",
    )


def propose_notice(p: Province, t: SimTerminal, clerk: str, rng: random.Random, day: Day) -> None:
    """The clerk proposes a stop-power notice for a customer the arrears page lists as long overdue and
    without a notice (the service refuses, with one sentence, what is not overdue long enough)."""
    from app.risk import ArrearsFilter
    from app.services.arrears import arrears_list
    from app.services.notices import propose

    listed = arrears_list(t.ctx, ArrearsFilter(min_days=25, notice_state="none"), with_fees=False)
    if not listed.rows:
        return
    cno = rng.choice(sorted(r.customer_no for r in listed.rows))
    try:
        notice = propose(t.ctx, cno, clerk)
    except HallPayError as refused:
        day.note(f"{t.tid} {clerk} notice for {cno}: refused ({refused})", "notice_refused")
        return
    day.note(
        f"{t.tid} {clerk} proposed notice {notice.notice_id} for {cno}: {notice.owed_fen}", "notice_proposed"
    )
