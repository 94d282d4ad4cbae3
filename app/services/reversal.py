"""Reversal (冲正) of a payment taken in the clerk's current shift, approved by a supervisor.

A reversal never edits the original entry: it is a new journal entry that undoes the original's
allocation (each bill's paid principal back, its paid late fee carried again, the customer's
balance restored) and refunds the money by the original method; a cash refund leaves the drawer
and so lowers the shift's expected cash. The receipt row remembers its reversal, and the store
refuses a second one.

Refused: a receipt already reversed; one outside the clerk's current open shift (a closed shift is
immutable: a later correction is a new entry in a new shift); a card purchase not known to be absent
from its card (written, or owed without a card read showing it did not land); a payment whose prepaid balance the customer has since spent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.errors import NotFound, Refused
from app.journal import Entry, Kind
from app.messages import coded
from app.model import Method
from app.moves import balance_delta_fen
from app.ports import CardImage
from app.services.approvals import Approver, check_supervisor, require_supervisor
from app.services.context import Context, append_entry
from app.services.drawer import check_drawer
from app.services.shift_figures import purchase_key
from app.services.void_card import FoundOnCard, check_not_on_card, record_found
from app.store import UnitOfWork

REVERSIBLE = (Kind.PAYMENT, Kind.CARD_PURCHASE)


@dataclass(frozen=True)
class ReversalRequest:
    receipt_no: str
    clerk_id: str  # the clerk whose shift took the payment and whose drawer refunds it
    approver_id: str  # the supervisor approving, with their PIN typed now
    reason: str
    approver_pin: str = ""
    # a card purchase whose write is owed: the card as read at the void (off the Qt thread, by the caller's
    # reader); its purchase count must show the purchase did not land (app/services/void_card.py)
    card: CardImage | None = None


@dataclass(frozen=True)
class ReversalResult:
    entry: Entry
    receipt_no: str
    customer_no: str
    method: str
    refund_fen: int
    balance_after_fen: int
    shift_id: str


def reverse(ctx: Context, req: ReversalRequest) -> ReversalResult:
    reason = req.reason.strip()
    if not reason:
        raise coded(Refused, "void.reason_needed")
    receipt_no = req.receipt_no.strip()
    now = ctx.clock.now_utc()
    checked = check_supervisor(
        ctx,
        req.approver_id,
        req.approver_pin,
        "冲正",  # the scrypt, before the write lock
        {"receipt_no": receipt_no, "reason": reason},
        clerk_id=req.clerk_id,
    )
    try:
        return _reverse(ctx, req, receipt_no, reason, checked, now)
    except FoundOnCard as found:  # the card holds the owed write: recorded as 补写卡 would, still refused
        record_found(ctx, found, req.clerk_id)
        raise


def _reverse(
    ctx: Context, req: ReversalRequest, receipt_no: str, reason: str, checked: Approver, now: dt.datetime
) -> ReversalResult:
    with ctx.uow() as uow:
        approver = require_supervisor(uow, ctx, checked).approver_id
        receipt = uow.receipts.get(receipt_no)
        if receipt is None:
            raise coded(NotFound, "receipt.not_found", receipt_no=receipt_no or "—")
        if receipt.kind not in REVERSIBLE:
            raise coded(Refused, "void.not_payment", receipt_no=receipt_no)
        done = uow.receipts.reversed_by(receipt_no)
        if done is not None:
            raise coded(Refused, "void.done_already", receipt_no=receipt_no, seq=done)
        shift = uow.shifts.open_for(req.clerk_id)
        if shift is None or shift.shift_id != receipt.shift_id:
            raise coded(
                Refused,
                "void.other_shift",
                receipt_no=receipt_no,
                shift_id=receipt.shift_id,
                clerk_id=req.clerk_id,
            )
        original = uow.journal.get(receipt.entry_seq)
        if original is None or original.payload.get("receipt_no") != receipt_no:
            raise coded(Refused, "void.entry_missing", receipt_no=receipt_no)
        p = original.payload
        if original.kind == Kind.CARD_PURCHASE:  # only when known to be absent from the card (void_card.py)
            check_not_on_card(uow, original, receipt_no, req.card)
        customer = uow.customers.get(receipt.customer_no)
        if customer is None:
            raise coded(NotFound, "void.no_customer", customer_no=receipt.customer_no)
        balance_delta = balance_delta_fen(p)
        balance_after = customer.balance_fen - balance_delta
        if p["method"] == Method.CASH.value:  # the cash goes back out of this shift's drawer
            check_drawer(uow, shift, int(p["amount_fen"]), "void.drawer_short")
        if balance_after < 0:
            raise coded(
                Refused, "void.balance_spent", delta_fen=balance_delta, balance_fen=customer.balance_fen
            )
        restored = _restore_bills(uow, receipt.customer_no, p.get("allocations", []), ctx.today(), receipt_no)
        uow.customers.set_balance(receipt.customer_no, balance_after)
        refund = int(p["amount_fen"])
        payload = {
            "receipt_no": receipt_no,
            "original_seq": original.seq,
            "original_entry_id": original.entry_id,
            "original_kind": original.kind,
            "purchase_key": purchase_key(p, original),
            "shift_id": shift.shift_id,
            "business_day": ctx.today().isoformat(),
            "customer_no": receipt.customer_no,
            "method": p["method"],
            "reference": p.get("reference", ""),
            "refund_fen": refund,
            "fee_reversed_fen": sum(a["fee_restored_fen"] for a in restored),
            "balance_before_fen": customer.balance_fen,
            "balance_after_fen": balance_after,
            "allocations": restored,
            "reason": reason,
            "approver_id": approver,
        }
        if p["method"] == "cash" and "tendered_fen" in p:
            # the voided payment's cash leaves the day's cash lines with it (issue 28: 99,999,999 tendered by
            # mistake stayed in 现金实收 after its void); the refund is then no cash refund of its own
            payload["voided_tendered_fen"] = int(p["tendered_fen"])
            payload["voided_change_fen"] = int(p.get("change_fen", 0))
        entry = append_entry(uow, ctx, Kind.REVERSAL, req.clerk_id, payload, now)
        uow.receipts.mark_reversed(receipt_no, entry.seq)
        # a balance beside the reopened bills settles them at once (预收冲抵, its own entry): the balance the
        # payment had drawn, or one that was there already (a double payment's surplus credited centrally).
        # The central ledger applies the offset bill by bill (db/central/project.py), so a bill it already
        # holds as settled is never settled from the balance twice.
        from app.services.offset import offset_from_balance

        offset_from_balance(uow, ctx, receipt.customer_no, req.clerk_id, now, "reversal")
        uow.commit()
    return ReversalResult(
        entry, receipt_no, receipt.customer_no, p["method"], refund, balance_after, shift.shift_id
    )


def _restore_bills(
    uow: UnitOfWork, customer_no: str, allocations: list[dict], today: dt.date, receipt_no: str
) -> list[dict]:
    """Give each bill back what the payment paid: principal unpaid again, paid fee carried again.

    Deltas, not the old values: the fee the bill had earned by the payment day (carried + accrued,
    which the payment's fee_due recorded) stays earned, and accrues on from there.
    """
    bills = {b.bill_id: b for b in uow.bills.for_customer(customer_no)}
    restored = []
    for a in allocations:
        bill = bills.get(a["bill_id"])
        principal, fee = int(a["principal_paid_fen"]), int(a["fee_paid_fen"])
        if bill is None or bill.principal_paid_fen < principal:
            raise coded(Refused, "void.bill_adjusted", receipt_no=receipt_no, period=a.get("period", ""))
        uow.bills.record_payment(
            bill.bill_id,
            bill.principal_paid_fen - principal,
            bill.fee_carried_fen + fee,
            bill.fee_accrued_through or today,
        )
        restored.append(
            {
                "bill_id": bill.bill_id,
                "period": bill.period,
                "principal_restored_fen": principal,
                "fee_restored_fen": fee,
            }
        )
    return restored
