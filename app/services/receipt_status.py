"""Whether a receipt has been reversed (冲正), and how: what `verify-receipt` adds to "genuine" (issue 16).

A reversed receipt is still a genuine record of a payment that happened, but it no longer proves the
customer has paid: the money went back. Read-only; a read unit of work.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.money import format_fen
from app.services.context import Context


@dataclass(frozen=True)
class Reversal:
    seq: int  # the reversal's journal sequence
    business_day: str
    refund_fen: int
    method: str
    reason: str
    approver_id: str


def reversal_of(ctx: Context, receipt_no: str) -> Reversal | None:
    with ctx.uow() as uow:
        seq = uow.receipts.reversed_by(receipt_no.strip())
        entry = uow.journal.get(seq) if seq else None
    if seq is None:
        return None
    p = entry.payload if entry is not None else {}
    return Reversal(
        int(seq),
        str(p.get("business_day", "")),
        int(p.get("refund_fen", 0)),
        str(p.get("method", "")),
        str(p.get("reason", "")),
        str(p.get("approver_id", "")),
    )


def shift_is_open(ctx: Context, clerk_id: str) -> bool:
    """Whether the clerk has an open shift (the counter says so before the clerk starts; issue 16)."""
    with ctx.uow() as uow:
        return uow.shifts.open_for(clerk_id) is not None


def reversal_sentence(receipt_no: str, r: Reversal) -> str:
    return (
        f"但凭证 {receipt_no} 已于 {r.business_day} 冲正（第 {r.seq} 号流水，主管 {r.approver_id}，原因：{r.reason}），"
        f"已退款 {format_fen(r.refund_fen)} 元：它不再证明该笔电费已缴。"
    )
