"""Prepaid offset (预收冲抵): the customer's balance pays their open bills by itself (DOMAIN.md).

Run inside the caller's unit of work whenever a bill enters the local books at this terminal
(import) or a balance appears (a reversal or an adjustment that credits the balance, money kept as
balance at a payment). One `offset` journal entry, shaped like a payment with amount 0: the pure
allocate() of app/allocation.py spends the balance oldest bill first, late fee before principal.
No receipt, no shift; the next receipt and the lookup show it. allocations_payload is app.settle's
(re-exported here for the payment service). Bills issued centrally are offset by
the central ledger, never here (two terminals must not spend one balance twice).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.allocation import Quote, Settlement
from app.journal import Entry, Kind
from app.moves import balance_delta_fen
from app.policy import Policy
from app.services.context import Context, append_entry
from app.settle import allocations_payload, offset_balance, offset_payload
from app.store import ReadUnitOfWork, UnitOfWork

__all__ = [
    "allocations_payload",
    "apply_settlement",
    "offset_from_balance",
    "offsets_since_last_receipt",
    "offset_lines",
]


def apply_settlement(uow: UnitOfWork, quote: Quote, settlement: Settlement) -> None:
    """Write a payment's settlement onto the bills and the balance."""
    for a in settlement.allocations:
        bill = next(line.bill for line in quote.lines if line.bill.bill_id == a.bill_id)
        uow.bills.record_payment(
            a.bill_id, bill.principal_paid_fen + a.principal_paid_fen, a.fee_carried_after_fen, quote.pay_date
        )
    uow.customers.set_balance(quote.customer_no, settlement.balance_after_fen)


def offset_from_balance(
    uow: UnitOfWork, ctx: Context, customer_no: str, clerk_id: str, now: dt.datetime, cause: str
) -> Entry | None:
    """Let the customer's balance settle what it can of their open bills; the offset entry, or None.

    The rule and the record are app.settle's offset_balance and offset_payload, the ones the central
    ledger uses for the bills it issues (db/central/offset.py)."""
    customer = uow.customers.get(customer_no)
    if customer is None or customer.balance_fen <= 0:
        return None
    bills = uow.bills.open_for(customer_no)
    if not bills:
        return None
    policy = Policy.from_values(uow.settings.policy_values())
    day = ctx.today()
    settlement, changed = offset_balance(
        bills, customer.customer_no, customer.category, customer.balance_fen, day, policy
    )
    if not changed:
        return None
    for b in changed.values():
        uow.bills.record_payment(b.bill_id, b.principal_paid_fen, b.fee_carried_fen, day)
    uow.customers.set_balance(customer.customer_no, settlement.balance_after_fen)
    payload = offset_payload(
        customer.customer_no, day, settlement, cause
    )  # cause: import|reversal|adjustment|payment
    entry = append_entry(uow, ctx, Kind.OFFSET, clerk_id, payload, now)
    from app.services.notice_journal import cancel_if_paid

    cancel_if_paid(uow, ctx, customer.customer_no, clerk_id, day)
    return entry


def offsets_since_last_receipt(uow: ReadUnitOfWork, customer_no: str) -> list[Entry]:
    """The offsets no receipt has shown yet: those after the customer's last payment."""
    payments = uow.journal.for_customer(customer_no, (Kind.PAYMENT,))
    after = payments[-1].seq if payments else 0
    return uow.journal.for_customer(customer_no, (Kind.OFFSET,), after)


def offset_lines(entries: list[Entry]) -> list[dict[str, Any]]:
    """Per offset: day, balance used, and per bill the period, principal and fee settled."""
    return [
        {
            "seq": e.seq,
            "business_day": e.payload.get("business_day", ""),
            "used_fen": -balance_delta_fen(e.payload),
            "bills": [
                {
                    "period": a["period"],
                    "principal_fen": int(a["principal_paid_fen"]),
                    "fee_fen": int(a["fee_paid_fen"]),
                }
                for a in e.payload.get("allocations", [])
            ],
        }
        for e in entries
    ]
