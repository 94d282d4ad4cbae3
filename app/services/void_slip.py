"""A reversed receipt on paper (issue 28, ux N2 and N9).

- A reprint or PDF copy of a receipt that was reversed carries the reversal (time, journal number, supervisor,
  reason): printing/ lays it out as a large 已冲正 mark, so the copy can never pass for a valid receipt.
- A void prints a slip of its own (冲正凭证): what went back to the customer, by which method, why and who
  approved, with a line for the customer's and one for the supervisor's signature, like the refund pay-out.
  A cash refund opens the drawer, since the money leaves it.

The slip is not a receipt row: the reversal entry is the record, and the slip can be printed again from it.
"""

from __future__ import annotations

from dataclasses import replace

from app.clock import local_text
from app.errors import NotFound
from app.journal import Entry, Kind
from app.messages import coded
from app.model import METHOD_LABELS, Method
from app.ports import PrintResult, ReceiptPrinter
from app.receipt import Receipt, signed_qr
from app.services.context import Context
from app.store import ReadUnitOfWork

REVERSAL_SLIP = "reversal"  # Receipt.kind of a void slip (printing/layout.py)


def with_reversal(receipt: Receipt, entry: Entry | None) -> Receipt:
    """The receipt marked with the reversal entry that undid it (unchanged without one)."""
    if entry is None or entry.kind != Kind.REVERSAL:
        return receipt
    p = entry.payload
    return replace(
        receipt,
        reversed_at=_local(entry.created_at),
        reversal_seq=entry.seq,
        reversal_approver=str(p.get("approver_id", "")),
        reversal_reason=str(p.get("reason", "")),
    )


def reversal_of(uow: ReadUnitOfWork, receipt_no: str) -> Entry | None:
    seq = uow.receipts.reversed_by(receipt_no)
    return uow.journal.get(seq) if seq is not None else None


def void_slip(receipt: Receipt, entry: Entry) -> Receipt:
    """The slip of reversal `entry` of `receipt` (the original, as stored)."""
    p = entry.payload
    refund = int(p["refund_fen"])
    method = str(p["method"])
    label = METHOD_LABELS[Method(method)] if method in Method._value2member_map_ else method
    return replace(
        with_reversal(receipt, entry),
        kind=REVERSAL_SLIP,
        clerk_id=entry.clerk_id,
        issued_at=_local(entry.created_at),
        method=method,
        method_label=label,
        amount_fen=refund,
        total_fen=refund,
        tendered_fen=0,
        change_fen=0,
        balance_before_fen=int(p["balance_before_fen"]),
        balance_after_fen=int(p["balance_after_fen"]),
        entry_id=entry.entry_id,
        entry_hash=entry.hash,
        qr_text=signed_qr(entry, receipt.receipt_no, -refund),
        reprint=False,
        lines=(),
        late_fee_total_fen=0,
        waived_fen=0,
        change_to_balance_fen=0,
        offset_fen=0,
        owed_after_fen=0,
    )


def print_void_slip(
    ctx: Context, printer: ReceiptPrinter, receipt_no: str, *, copy: bool = False
) -> PrintResult:
    """Print the slip of `receipt_no`'s reversal (after its commit). The first print opens the drawer for a
    cash refund; a copy (History's Ctrl+R on the 冲正 row) is marked 重打 and leaves the drawer shut."""
    from app.services.payments import receipt_from_json

    with ctx.read() as uow:
        stored = uow.receipts.get(receipt_no)
        entry = reversal_of(uow, receipt_no)
    if stored is None or entry is None:
        raise coded(NotFound, "receipt.not_found", receipt_no=receipt_no)
    slip = void_slip(receipt_from_json(stored.body), entry)
    if copy:
        slip = slip.as_reprint()
    return printer.print_receipt(slip, open_drawer=not copy and slip.method == Method.CASH.value)


def _local(created_at: str) -> str:
    import datetime as dt

    return local_text(dt.datetime.fromisoformat(created_at.replace("Z", "+00:00")))
