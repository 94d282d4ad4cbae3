"""Printing receipts after their money is committed; reprints (重打) are journal entries.

The printer runs on its own thread in the GUI; these functions are what that thread calls. A
receipt that did not print stays recorded as failed with the reason, ready to be reprinted.

A receipt's state is pending (committed, not yet at the printer), sent (its bytes reached the printer;
the job's result not yet recorded), printed or failed. `sent` is written the moment the printer port
says the bytes are at the device, before the printer's status after the job is asked: a process killed
between the two (the review of 2026-11-28 found 9 receipts printed but `pending` after kill -9) leaves
`sent`, and the next start (bootstrap.open_terminal -> finish_interrupted_prints) records them printed.
"""

from __future__ import annotations

import logging

from app.errors import NotFound
from app.journal import Kind
from app.messages import coded
from app.model import Method
from app.ports import PrintResult, ReceiptPrinter
from app.receipt import Receipt
from app.services.context import Context, append_entry
from app.services.payments import receipt_from_json
from app.services.void_slip import reversal_of, with_reversal

log = logging.getLogger(__name__)

SENT = "sent"


def load_receipt(ctx: Context, receipt_no: str) -> tuple[Receipt, str]:
    """The receipt and its print state; a reversed one carries its reversal (app/services/void_slip.py)."""
    with ctx.read() as uow:
        stored = uow.receipts.get(receipt_no.strip())
        reversal = reversal_of(uow, stored.receipt_no) if stored is not None else None
    if stored is None:
        raise coded(NotFound, "receipt.not_found", receipt_no=receipt_no.strip())
    # a reversed receipt comes with its reversal: every copy of it (reprint, PDF) says 已冲正 (issue 28)
    return with_reversal(receipt_from_json(stored.body), reversal), stored.print_state


def print_receipt(ctx: Context, printer: ReceiptPrinter, receipt: Receipt) -> PrintResult:
    """First print of a freshly committed receipt; kicks the drawer for cash."""
    result = printer.print_receipt(
        receipt,
        open_drawer=receipt.method == Method.CASH.value,
        on_sent=lambda: _mark_sent(ctx, receipt.receipt_no),
    )
    _record(ctx, receipt.receipt_no, result)
    return result


def reprint(
    ctx: Context,
    printer: ReceiptPrinter,
    receipt_no: str,
    clerk_id: str,
    approver_id: str = "",
    approver_pin: str = "",
) -> tuple[Receipt, PrintResult]:
    """Print a receipt again, marked 重打, and journal who did it and when.

    A receipt whose shift is closed is reprinted only with a supervisor's approval (id + PIN now).
    """
    from app.services.approvals import check_supervisor, require_supervisor

    original, state = load_receipt(ctx, receipt_no)
    with ctx.read() as reading:
        stored = reading.receipts.get(original.receipt_no)
        shift = reading.shifts.get(stored.shift_id) if stored is not None else None
    if shift is not None and shift.closed_at is not None:  # a closed shift's shifts row never reopens
        approver = check_supervisor(
            ctx,
            approver_id,
            approver_pin,
            "结班后重打凭证",
            {"receipt_no": original.receipt_no, "shift_id_closed": shift.shift_id},
            clerk_id=clerk_id,
        )
        with ctx.uow() as uow:
            require_supervisor(uow, ctx, approver)
            uow.commit()
    copy = original.as_reprint() if state == "printed" else original
    on_sent = None if state == "printed" else (lambda: _mark_sent(ctx, original.receipt_no))
    result = printer.print_receipt(copy, open_drawer=False, on_sent=on_sent)
    now = ctx.clock.now_utc()
    with ctx.uow() as uow:
        append_entry(
            uow,
            ctx,
            Kind.RECEIPT_PRINT,
            clerk_id,
            {
                "receipt_no": original.receipt_no,
                "copy": copy.reprint,
                "printed": result.printed,
                "reason": result.reason,
            },
            now,
        )
        uow.receipts.set_print_state(
            original.receipt_no,
            "printed" if result.printed else ("printed" if state == "printed" else "failed"),
            "" if result.printed else result.reason,
            result.printed,
        )
        uow.commit()
    return copy, result


def _mark_sent(ctx: Context, receipt_no: str) -> None:
    """The bytes are at the printer: durable before anything else is asked of it (SQLite, synchronous=FULL)."""
    with ctx.uow() as uow:
        uow.receipts.set_print_state(receipt_no, SENT, "", False)
        uow.commit()


def finish_interrupted_prints(ctx: Context) -> list[str]:
    """At start-up: receipts whose bytes reached the printer before the process died are printed. A read
    first, so a start with nothing to finish never takes the write lock; returns the receipt numbers."""
    with ctx.read() as reading:
        if not reading.receipts.with_state(SENT):
            return []
    with ctx.uow() as uow:
        done = [r.receipt_no for r in uow.receipts.with_state(SENT)]
        for receipt_no in done:
            uow.receipts.set_print_state(receipt_no, "printed", "", True)
        uow.commit()
    if done:
        log.warning("receipts %s reached the printer before the last run stopped: recorded as printed", done)
    return done


def _record(ctx: Context, receipt_no: str, result: PrintResult) -> None:
    with ctx.uow() as uow:
        uow.receipts.set_print_state(
            receipt_no, "printed" if result.printed else "failed", result.reason, result.printed
        )
        uow.commit()


def unprinted(ctx: Context) -> list[str]:
    with ctx.read() as uow:
        return [r.receipt_no for r in uow.receipts.with_state("failed") + uow.receipts.with_state("pending")]
