"""What a customer owes today, and how money received is spread over it.

Oldest bill first; within a bill its late fee before its principal (policy switch). Whatever is
left after every bill is settled stays with the customer as prepaid balance (预存). The customer's
existing balance is spent first, so a balance "draws on the next bills".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.ids import CustomerNo
from app.latefee import accrue, apply_minimum
from app.model import Bill, Category
from app.policy import Policy


@dataclass(frozen=True)
class BillLine:
    bill: Bill
    days_overdue: int
    fee_due_fen: int  # carried from an earlier partial payment + accrued now
    principal_due_fen: int

    @property
    def total_fen(self) -> int:
        return self.fee_due_fen + self.principal_due_fen


@dataclass(frozen=True)
class Quote:
    customer_no: CustomerNo
    pay_date: dt.date
    lines: tuple[BillLine, ...]
    balance_fen: int

    @property
    def principal_total_fen(self) -> int:
        return sum(line.principal_due_fen for line in self.lines)

    @property
    def late_fee_total_fen(self) -> int:
        return sum(line.fee_due_fen for line in self.lines)

    @property
    def total_fen(self) -> int:
        """Everything due today: principal and late fees of every open bill."""
        return self.principal_total_fen + self.late_fee_total_fen

    @property
    def to_pay_fen(self) -> int:
        """What the customer must hand over to settle everything, after their balance."""
        return max(0, self.total_fen - self.balance_fen)


def make_quote(
    customer_no: CustomerNo,
    category: Category,
    bills: list[Bill],
    balance_fen: int,
    pay_date: dt.date,
    policy: Policy,
) -> Quote:
    open_bills = sorted((b for b in bills if b.is_open), key=lambda b: (b.period, b.due_date, b.bill_id))
    accruals = [accrue(b, category, pay_date, policy) for b in open_bills]
    new_fees = apply_minimum([a.fee_fen for a in accruals], policy.minimum_fee_fen)
    lines = tuple(
        BillLine(b, a.days_overdue, b.fee_carried_fen + fee, b.unpaid_fen)
        for b, a, fee in zip(open_bills, accruals, new_fees)
    )
    return Quote(customer_no, pay_date, lines, balance_fen)


@dataclass(frozen=True)
class Allocation:
    bill_id: str
    period: str
    kwh: int
    days_overdue: int
    principal_due_fen: int
    fee_due_fen: int
    principal_paid_fen: int
    fee_paid_fen: int

    @property
    def fee_carried_after_fen(self) -> int:
        return self.fee_due_fen - self.fee_paid_fen


@dataclass(frozen=True)
class Settlement:
    allocations: tuple[Allocation, ...]
    balance_before_fen: int
    amount_fen: int
    balance_after_fen: int

    @property
    def principal_paid_fen(self) -> int:
        return sum(a.principal_paid_fen for a in self.allocations)

    @property
    def fee_paid_fen(self) -> int:
        return sum(a.fee_paid_fen for a in self.allocations)

    @property
    def settled_fen(self) -> int:
        return self.principal_paid_fen + self.fee_paid_fen


def allocate(quote: Quote, amount_fen: int, policy: Policy) -> Settlement:
    """Spend balance + amount over the quote's bills, oldest first. Pure: changes nothing."""
    funds = quote.balance_fen + amount_fen
    allocations = []
    for line in quote.lines:
        if funds <= 0:
            break
        parts = [line.fee_due_fen, line.principal_due_fen]
        if not policy.fee_before_principal:
            parts.reverse()
        paid = []
        for due in parts:
            take = min(due, funds)
            paid.append(take)
            funds -= take
        fee_paid, principal_paid = paid if policy.fee_before_principal else paid[::-1]
        allocations.append(
            Allocation(
                bill_id=line.bill.bill_id,
                period=line.bill.period,
                kwh=line.bill.kwh,
                days_overdue=line.days_overdue,
                principal_due_fen=line.principal_due_fen,
                fee_due_fen=line.fee_due_fen,
                principal_paid_fen=principal_paid,
                fee_paid_fen=fee_paid,
            )
        )
    return Settlement(tuple(allocations), quote.balance_fen, amount_fen, funds)


def waive(quote: Quote, waived_fen: int) -> tuple[Quote, dict[str, int]]:
    """The quote with `waived_fen` of late fee taken off (oldest bill's fee first) and what came off each bill.

    Pure. Per bill, fee still due + fee waived = the fee before the waiver, so nothing is dropped silently.
    """
    if waived_fen < 0 or waived_fen > quote.late_fee_total_fen:
        raise ValueError("waiver outside 0..late fee due")
    left = waived_fen
    lines = []
    per_bill: dict[str, int] = {}
    for line in quote.lines:
        take = min(left, line.fee_due_fen)
        left -= take
        if take:
            per_bill[line.bill.bill_id] = take
        lines.append(BillLine(line.bill, line.days_overdue, line.fee_due_fen - take, line.principal_due_fen))
    return Quote(quote.customer_no, quote.pay_date, tuple(lines), quote.balance_fen), per_bill
