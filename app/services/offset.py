"""Prepaid offset (预收冲抵): the customer's balance pays their open bills by itself (DOMAIN.md).

Run inside the caller's unit of work whenever a bill enters the local books at this terminal
(import) or a balance appears (a reversal or an adjustment that credits the balance, money kept as
balance at a payment). One `offset` journal entry, shaped like a payment with amount 0: the pure
allocate() of app/allocation.py spends the balance oldest bill first, late fee before principal.
No receipt, no shift; the next receipt and the lookup show it. Bills issued centrally are offset by
the central ledger, never here (two terminals must not spend one balance twice).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.allocation import Quote, Settlement, allocate, make_quote
from app.journal import Entry, Kind
from app.policy import Policy
from app.services.context import Context, append_entry
from app.store import ReadUnitOfWork, UnitOfWork


def allocations_payload(settlement: Settlement) -> list[dict[str, Any]]:
    """The allocations as a payment or offset entry records them (app/moves.py reads them back)."""
    return [
        {
            "bill_id": a.bill_id,
            "period": a.period,
            "kwh": a.kwh,
            "days_overdue": a.days_overdue,
            "principal_due_fen": a.principal_due_fen,
            "fee_due_fen": a.fee_due_fen,
            "principal_paid_fen": a.principal_paid_fen,
            "fee_paid_fen": a.fee_paid_fen,
        }
        for a in settlement.allocations
    ]


def apply_settlement(uow: UnitOfWork, quote: Quote, settlement: Settlement) -> None:
    """Write a settlement onto the bills and the balance (payment and offset alike)."""
    for a in settlement.allocations:
        bill = next(line.bill for line in quote.lines if line.bill.bill_id == a.bill_id)
        uow.bills.record_payment(a.bill_id, bill.principal_paid_fen + a.principal_paid_fen,
                                 a.fee_carried_after_fen, quote.pay_date)
    uow.customers.set_balance(quote.customer_no, settlement.balance_after_fen)


def offset_from_balance(uow: UnitOfWork, ctx: Context, customer_no: str, clerk_id: str, now: dt.datetime,
                        cause: str) -> Entry | None:
    """Let the customer's balance settle what it can of their open bills; the offset entry, or None."""
    customer = uow.customers.get(customer_no)
    if customer is None or customer.balance_fen <= 0:
        return None
    bills = uow.bills.open_for(customer_no)
    if not bills:
        return None
    policy = Policy.from_values(uow.settings.policy_values())
    quote = make_quote(customer.customer_no, customer.category, bills, customer.balance_fen, ctx.today(), policy)
    settlement = allocate(quote, 0, policy)
    if not settlement.allocations:
        return None
    apply_settlement(uow, quote, settlement)
    payload = {
        "customer_no": customer.customer_no,
        "business_day": quote.pay_date.isoformat(),
        "cause": cause,  # import | reversal | adjustment | payment
        "amount_fen": 0,
        "balance_before_fen": settlement.balance_before_fen,
        "balance_after_fen": settlement.balance_after_fen,
        "minimum_topup_fen": settlement.minimum_topup_fen,
        "allocations": allocations_payload(settlement),
    }
    entry = append_entry(uow, ctx, Kind.OFFSET, clerk_id, payload, now)
    from app.services.notice_journal import cancel_if_paid

    cancel_if_paid(uow, ctx, customer.customer_no, clerk_id, quote.pay_date)
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
            "used_fen": int(e.payload["balance_before_fen"]) - int(e.payload["balance_after_fen"]),
            "bills": [{"period": a["period"], "principal_fen": int(a["principal_paid_fen"]),
                       "fee_fen": int(a["fee_paid_fen"])} for a in e.payload.get("allocations", [])],
        }
        for e in entries
    ]
