"""Paying out a refund head office ordered (退款支付, issue 21): cash out of the drawer, once.

Finance decides a double payment's surplus as a refund in the console: the amount comes off the customer's
central balance and a refund order is pulled by the counters (db/local_sync.py, signed like master data).
When the customer comes in, the counter shows what is owed (退款待领) and pays it out: one `refund_payout`
journal entry naming each refund, the refunds marked paid by that entry, and a receipt the customer signs,
all in one transaction. The entry moves no account money (the balance moved at the decision): it takes cash
out of the shift's drawer (app/services/shift_figures.py), and head office marks each refund paid when the
entry arrives (db/central/refunds.py). A refund already paid here, or paid at another counter as head office
last said, is refused with one sentence and nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.clock import local_text
from app.errors import NotFound, Refused
from app.journal import Entry, Kind
from app.messages import coded
from app.model import METHOD_LABELS, Method
from app.receipt import Receipt, next_receipt_no, signed_qr
from app.services.context import Context, append_entry
from app.services.drawer import check_drawer
from app.services.payments import load_customer, open_shift_of, stored_receipt
from app.store import OwedRefund, ReadUnitOfWork


@dataclass(frozen=True)
class PayoutRequest:
    customer_no: str
    clerk_id: str
    refund_ids: tuple[str, ...] = ()  # empty: every refund owed to the customer


@dataclass(frozen=True)
class PayoutResult:
    receipt: Receipt
    entry: Entry
    refunds: tuple[OwedRefund, ...]

    @property
    def amount_fen(self) -> int:
        return sum(r.amount_fen for r in self.refunds)


def owed_refunds(ctx: Context, customer_no: str) -> list[OwedRefund]:
    """The refunds still to pay out to this customer (the counter's 退款待领). Reads only."""
    with ctx.read() as uow:
        return uow.refunds.owed_to(customer_no.strip())


def _chosen(uow: ReadUnitOfWork, customer_no: str, refund_ids: tuple[str, ...]) -> list[OwedRefund]:
    """The refunds this pay-out pays, or one sentence why not."""
    if not refund_ids:
        owed = uow.refunds.owed_to(customer_no)
        if not owed:
            raise coded(Refused, "refund.none", customer_no=customer_no)
        return owed
    chosen = []
    for rid in dict.fromkeys(r.strip() for r in refund_ids):
        refund = uow.refunds.get(rid)
        if refund is None or refund.customer_no != customer_no:
            raise coded(NotFound, "refund.unknown", refund_id=rid, customer_no=customer_no)
        if refund.paid_seq is not None:
            raise coded(Refused, "refund.already_paid", refund_id=rid, seq=refund.paid_seq)
        if refund.central_status != "ordered":
            raise coded(Refused, "refund.paid_elsewhere", refund_id=rid)
        chosen.append(refund)
    return chosen


def pay_out(ctx: Context, req: PayoutRequest) -> PayoutResult:
    """Pay the customer's refunds out in cash: entry, refunds marked paid and receipt row in one commit."""
    now = ctx.clock.now_utc()
    with ctx.uow() as uow:
        customer = load_customer(uow, req.customer_no)
        shift = open_shift_of(uow, req.clerk_id, ctx.today())
        refunds = _chosen(uow, customer.customer_no, req.refund_ids)
        amount = sum(r.amount_fen for r in refunds)
        check_drawer(uow, shift, amount, "refund.drawer_short")  # the cash comes out of this drawer
        day = ctx.today()
        receipt_no = next_receipt_no(uow.receipts, ctx.terminal.terminal_id, day)
        payload: dict[str, Any] = {
            "receipt_no": receipt_no,
            "customer_no": customer.customer_no,
            "shift_id": shift.shift_id,
            "business_day": day.isoformat(),
            "method": Method.CASH.value,
            "amount_fen": amount,
            "refunds": [
                {
                    "refund_id": r.refund_id,
                    "amount_fen": r.amount_fen,
                    "case_id": r.case_id,
                    "order_entry_id": r.order_entry_id,
                }
                for r in refunds
            ],
        }
        entry = append_entry(uow, ctx, Kind.REFUND_PAYOUT, req.clerk_id, payload, now)
        for r in refunds:
            uow.refunds.mark_paid(r.refund_id, entry.seq)
        receipt = payout_receipt(
            entry,
            ctx.terminal.hall_name,
            customer.name,
            customer.address,
            customer.balance_fen,
            local_text(now),
        )
        uow.receipts.add(stored_receipt(receipt, entry.seq, shift.shift_id, day.isoformat()))
        uow.commit()
    return PayoutResult(receipt, entry, tuple(refunds))


def payout_receipt(
    entry: Entry, hall_name: str, customer_name: str, address: str, balance_fen: int, issued_at: str
) -> Receipt:
    """The receipt of a refund_payout entry (the pay-out, and a rebuild from the journal alone): the refund ids
    as its reference, the customer's signature line printed by the layout (printing/layout.py)."""
    p = entry.payload
    amount = int(p["amount_fen"])
    return Receipt(
        kind=Kind.REFUND_PAYOUT,
        receipt_no=str(p["receipt_no"]),
        hall_name=hall_name,
        terminal_id=entry.terminal_id,
        clerk_id=entry.clerk_id,
        issued_at=issued_at,
        customer_no=str(p["customer_no"]),
        customer_name=customer_name,
        address=address,
        lines=(),
        late_fee_total_fen=0,
        waived_fen=0,
        waiver_reason="",
        total_fen=amount,
        method=Method.CASH.value,
        method_label=METHOD_LABELS[Method.CASH],
        reference=" ".join(str(r["refund_id"])[:8] for r in p["refunds"]),
        amount_fen=amount,
        tendered_fen=0,
        change_fen=0,
        balance_before_fen=balance_fen,
        balance_after_fen=balance_fen,
        entry_id=entry.entry_id,
        entry_hash=entry.hash,
        qr_text=signed_qr(entry, str(p["receipt_no"]), amount),
    )
