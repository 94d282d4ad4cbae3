"""What a customer owes today, and how money received is spread over it.

Oldest bill first; within a bill its late fee before its principal (policy switch). Whatever is
left after every bill is settled stays with the customer as prepaid balance (预存). The customer's
existing balance is spent first, so a balance "draws on the next bills".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from app.ids import CustomerNo
from app.latefee import accrue, apply_minimum
from app.model import Bill, Category
from app.policy import Policy


@dataclass(frozen=True)
class BillLine:
    bill: Bill
    days_overdue: int
    fee_due_fen: int  # carried from an earlier partial payment + accrued now (+ the minimum's top-up)
    principal_due_fen: int
    new_fee_fen: int = 0  # accrued now, before the minimum (the minimum applies only when this is > 0)
    topup_fen: int = 0  # the 1-yuan minimum's top-up, already inside fee_due_fen

    @property
    def total_fen(self) -> int:
        return self.fee_due_fen + self.principal_due_fen


@dataclass(frozen=True)
class Quote:
    customer_no: CustomerNo
    pay_date: dt.date
    lines: tuple[BillLine, ...]
    balance_fen: int
    minimum_fen: int = 0  # the policy's minimum fee of one payment (0: none)

    @property
    def minimum_topup_fen(self) -> int:
        """What the 1-yuan minimum adds when everything is paid now (shown on the quote)."""
        return sum(line.topup_fen for line in self.lines)

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
    raw = [
        BillLine(b, a.days_overdue, b.fee_carried_fen + a.fee_fen, b.unpaid_fen, new_fee_fen=a.fee_fen)
        for b, a in zip(open_bills, accruals)
    ]
    lines = with_minimum(raw, len(raw), policy.minimum_fee_fen)
    return Quote(customer_no, pay_date, lines, balance_fen, policy.minimum_fee_fen)


def with_minimum(raw: list[BillLine], touched: int, minimum_fen: int) -> tuple[BillLine, ...]:
    """The lines with the 1-yuan minimum applied to the fees of the first `touched` lines (no top-up in `raw`).

    DOMAIN.md: the late fees one payment collects, together more than 0 and less than the minimum, are
    charged the minimum. The lines a payment reaches are the ones whose fee it fixes (paid or carried); their
    fee is what an earlier partial payment carried plus what accrued since (issue 28: the new part alone
    charged a customer with 50.10 carried a top-up of 0.70). A payment that collects no new fee at all is
    not topped up: its carried fees were fixed, the minimum included, by the payment that carried them, and
    charging it again would make a customer pay the minimum twice. The top-up goes on the first line with a
    fee. The counter (allocate, make_quote) and the central ledger (app/settle.py) both call this.
    """
    head = [line.fee_due_fen for line in raw[:touched]]
    fresh = sum(line.new_fee_fen for line in raw[:touched])
    topped = apply_minimum(head, minimum_fen) if head and fresh > 0 else head
    out = []
    for i, line in enumerate(raw):
        top = topped[i] - head[i] if i < touched else 0
        same = top == 0 and line.topup_fen == 0  # most lines: no copy (a fifth of the central fold's time)
        out.append(line if same else replace(line, fee_due_fen=line.fee_due_fen + top, topup_fen=top))
    return tuple(out)


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
    # the bill's amount as this ledger held it when it allocated: the central ledger tells a bill head office
    # reduced meanwhile (its own case kind, `bill_reduced`) from one another hall paid
    bill_amount_fen: int = 0

    @property
    def fee_carried_after_fen(self) -> int:
        return self.fee_due_fen - self.fee_paid_fen


@dataclass(frozen=True)
class Settlement:
    allocations: tuple[Allocation, ...]
    balance_before_fen: int
    amount_fen: int
    balance_after_fen: int
    minimum_topup_fen: int = 0  # late fee this settlement charges because of the 1-yuan minimum

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
    """Spend balance + amount over the quote's bills, oldest first. Pure: changes nothing.

    The 1-yuan minimum applies to the fees of the bills this money reaches (all of them for a full
    payment, as the quote shows; the first few for a partial one), never to the quote as a whole.
    """
    funds = quote.balance_fen + amount_fen
    raw = [replace(line, fee_due_fen=line.fee_due_fen - line.topup_fen, topup_fen=0) for line in quote.lines]
    touched = len(raw)
    while True:
        lines = with_minimum(raw, touched, quote.minimum_fen)
        allocations, left = _spread(lines, funds, policy)
        if len(allocations) >= touched:
            break
        touched = len(allocations)  # a bigger top-up never reaches further: this ends
    topup = sum(line.topup_fen for line in lines[: len(allocations)])
    return Settlement(tuple(allocations), quote.balance_fen, amount_fen, left, topup)


def owed_after_fen(quote: Quote, settlement: Settlement) -> int:
    """What the customer still owes once this settlement is booked (a partial payment's receipt and screen).

    The bills the money reached owe their due less what was paid; the bills it did not reach owe their
    principal and the late fee accrued so far (the 1-yuan minimum is charged by the payment that collects it).
    """
    reached = {a.bill_id for a in settlement.allocations}
    left = sum(
        a.principal_due_fen + a.fee_due_fen - a.principal_paid_fen - a.fee_paid_fen
        for a in settlement.allocations
    )
    left += sum(
        line.principal_due_fen + line.fee_due_fen - line.topup_fen
        for line in quote.lines
        if line.bill.bill_id not in reached
    )
    return left


def _spread(lines: tuple[BillLine, ...], funds: int, policy: Policy) -> tuple[list[Allocation], int]:
    allocations = []
    for line in lines:
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
                bill_amount_fen=line.bill.amount_fen,
            )
        )
    return allocations, funds


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
        # a waived quote's fees are fixed as approved: the minimum is not applied again on top
        lines.append(BillLine(line.bill, line.days_overdue, line.fee_due_fen - take, line.principal_due_fen))
    return Quote(
        quote.customer_no, quote.pay_date, tuple(lines), quote.balance_fen, quote.minimum_fen
    ), per_bill
