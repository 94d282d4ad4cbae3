"""How a payment's bill allocations land on a ledger's bills: each bill's fee and principal settled once.

The counter spreads money with app/allocation.py (make_quote, then allocate): on each bill, late fee
first, then principal, never more than the quote says is due. A ledger that receives the counter's
allocations later (the central ledger, after terminals worked offline) applies them with the same rule
to *its* state of the bills: it quotes the customer's bills as it holds them (app.allocation.make_quote,
the counter's own quote, so the same late-fee accrual and the same minimum), and each claim settles at
most what that quote still has due, never more than the counter itself believed due. Whatever a claim
carries beyond that (another hall already settled the fee or the principal) is surplus: it goes to the
customer's balance and is flagged with its exact amount, fee and principal apart.

Pure: no storage, no clock. On a counter's own state this is the identity (its allocations never exceed
its quote), so central and local agree whenever no other hall touched the bills.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from app.allocation import Settlement, allocate, make_quote, with_minimum
from app.ids import CustomerNo
from app.journal import Kind
from app.model import Bill, Category
from app.moves import EntryMoves, entry_moves
from app.policy import Policy


@dataclass(frozen=True)
class LedgerBill:
    """A bill as a ledger holds it: the counter's Bill (principal paid, fee carried and accrued through)
    plus the late fee received and waived so far."""

    bill: Bill
    fee_paid_fen: int = 0
    fee_waived_fen: int = 0


@dataclass(frozen=True)
class Claim:
    """One bill allocation of a payment entry, as the counter recorded it."""

    bill_id: str
    principal_fen: int
    fee_fen: int
    fee_due_fen: int  # the fee the counter's quote had due on this bill (after any waiver)


@dataclass(frozen=True)
class Settled:
    bill_id: str
    principal_fen: int  # principal that reached the bill
    fee_fen: int  # late fee that reached the bill
    surplus_principal_fen: int  # claimed principal the bill no longer owed
    surplus_fee_fen: int  # claimed late fee the bill no longer owed

    @property
    def surplus_fen(self) -> int:
        return self.surplus_principal_fen + self.surplus_fee_fen


def settle_payment(
    bills: Mapping[str, LedgerBill],
    customer_no: CustomerNo,
    category: Category,
    claims: Sequence[Claim],
    pay_date: dt.date,
    policy: Policy,
) -> tuple[dict[str, LedgerBill], tuple[Settled, ...]]:
    """Apply one payment's claims to the ledger's bills of this customer; returns the changed bills and
    what each claim settled. Every claim's bill must be in `bills` (a caller parks unknown bills).

    Per bill: fee owed = min(the ledger's quote fee, the counter's fee due); principal owed = the
    ledger's unpaid principal. The claim settles min(claimed, owed) of each; the rest is surplus. The bill
    then carries fee owed - fee settled, accrued through the later of its date and the payment's."""
    mine = [lb.bill for lb in bills.values() if lb.bill.customer_no == customer_no]
    quote = make_quote(customer_no, category, mine, 0, pay_date, policy)
    # the 1-yuan minimum looks at the fees (carried + new) of the bills this payment reaches, by the
    # counter's own function (app/allocation.py), not at every open bill the ledger holds
    claimed = {c.bill_id for c in claims}
    reached = [
        replace(line, fee_due_fen=line.fee_due_fen - line.topup_fen, topup_fen=0) if line.topup_fen else line
        for line in quote.lines
        if line.bill.bill_id in claimed
    ]
    due = {line.bill.bill_id: line for line in with_minimum(reached, len(reached), quote.minimum_fen)}
    changed: dict[str, LedgerBill] = {}
    settled: list[Settled] = []
    for c in claims:
        lb = changed.get(c.bill_id) or bills[c.bill_id]
        line = due.get(c.bill_id)
        fee_owed = min(c.fee_due_fen, line.fee_due_fen) if line else 0
        principal_owed = line.principal_due_fen if line else 0
        fee = max(0, min(c.fee_fen, fee_owed))
        principal = max(0, min(c.principal_fen, principal_owed))
        b = lb.bill
        through = b.fee_accrued_through
        if line is not None:
            through = pay_date if through is None else max(through, pay_date)
            carried = fee_owed - fee
        else:
            carried = b.fee_carried_fen
        changed[c.bill_id] = LedgerBill(
            moved_bill(b, b.principal_paid_fen + principal, carried, through),
            lb.fee_paid_fen + fee,
            lb.fee_waived_fen,
        )
        settled.append(Settled(c.bill_id, principal, fee, c.principal_fen - principal, c.fee_fen - fee))
    return changed, tuple(settled)


def moved_bill(
    b: Bill, principal_paid_fen: int, fee_carried_fen: int, fee_accrued_through: dt.date | None
) -> Bill:
    """The bill with its paid principal and late-fee state moved: what a payment changes. Built field by field,
    not with dataclasses.replace (a third of the central fold's time, issue 29); tests/unit/test_settle.py
    fails when Bill gains a field this does not carry over."""
    return Bill(
        b.bill_id,
        b.customer_no,
        b.period,
        b.kwh,
        b.amount_fen,
        b.due_date,
        principal_paid_fen,
        fee_carried_fen,
        fee_accrued_through,
    )


def claims_of_moves(moves: EntryMoves) -> list[Claim]:
    """A payment's or an offset's bill moves (app.moves.entry_moves, the one reader of their payloads) as
    claims: what it put on each bill, and the fee the counter had due there (carried after + paid)."""
    return [
        Claim(m.bill_id, m.principal_fen, m.fee_fen, (m.fee_carried_after_fen or 0) + m.fee_fen)
        for m in moves.bills
    ]


def claims_of(allocations: Iterable[Mapping[str, Any]]) -> list[Claim]:
    """A payment entry's payload allocations as claims."""
    moves = entry_moves(Kind.PAYMENT, {"customer_no": "-", "allocations": list(allocations)})
    return claims_of_moves(moves) if moves is not None else []


def allocations_payload(settlement: Settlement) -> list[dict[str, Any]]:
    """The allocations as a payment or an offset entry records them (app/moves.py reads them back)."""
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
            "bill_amount_fen": a.bill_amount_fen,
        }
        for a in settlement.allocations
    ]


def offset_payload(customer_no: str, day: dt.date, settlement: Settlement, cause: str) -> dict[str, Any]:
    """The one payload of an offset entry (kind `offset`), whoever spends the balance: a counter (its own
    chain; cause import | reversal | adjustment | payment) or the central ledger (the HQ chain; cause
    issue | balance). Shaped like a payment of amount 0; app.moves.entry_moves reads it back."""
    return {
        "customer_no": customer_no,
        "business_day": day.isoformat(),
        "cause": cause,
        "amount_fen": 0,
        "balance_before_fen": settlement.balance_before_fen,
        "balance_after_fen": settlement.balance_after_fen,
        "minimum_topup_fen": settlement.minimum_topup_fen,
        "allocations": allocations_payload(settlement),
    }


def offset_balance(
    bills: Sequence[Bill],
    customer_no: CustomerNo,
    category: Category,
    balance_fen: int,
    pay_date: dt.date,
    policy: Policy,
) -> tuple[Settlement, dict[str, Bill]]:
    """Prepaid offset (预收冲抵, DOMAIN.md): the customer's balance pays their open bills by itself, oldest
    bill first, each bill's late fee before its principal: the counter's quote and allocation with no
    money handed over. Returns the settlement (balance before/after, per-bill moves) and the changed bills.
    The counter (app/services/offset.py) and the central ledger (db/central/offset.py) both call this and
    record the result with offset_payload."""
    quote = make_quote(customer_no, category, list(bills), max(0, balance_fen), pay_date, policy)
    settlement = allocate(quote, 0, policy)
    by_id = {b.bill_id: b for b in bills}
    changed = {
        a.bill_id: replace(
            by_id[a.bill_id],
            principal_paid_fen=by_id[a.bill_id].principal_paid_fen + a.principal_paid_fen,
            fee_carried_fen=a.fee_carried_after_fen,
            fee_accrued_through=pay_date,
        )
        for a in settlement.allocations
        if a.principal_paid_fen or a.fee_paid_fen
    }
    return settlement, changed
