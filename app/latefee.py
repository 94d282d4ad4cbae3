"""Late fees (电费违约金), DOMAIN.md "Late fees".

A bill's fee accrues day by day on what is still unpaid of its principal. Residential customers
pay one rate; other customers pay the current-year rate for overdue days in the calendar year of
the due date and the past-year rate from the following 1 January. Each bill's fee is rounded
half-up to the fen; a payment whose new fees total more than nothing and less than the minimum is
charged the minimum.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from app.model import Bill, Category
from app.money import round_half_up
from app.policy import Policy


@dataclass(frozen=True)
class Accrual:
    days_overdue: int  # days counted for the fee (after grace), as the receipt shows them
    fee_fen: int  # new fee for the days since the last accrual, rounded to the fen


def overdue_days(due_date: dt.date, pay_date: dt.date, grace_days: int) -> int:
    """Payment date − due date − grace; never negative. Due yesterday, paid today: 1."""
    return max(0, (pay_date - due_date).days - grace_days)


def accrue(bill: Bill, category: Category, pay_date: dt.date, policy: Policy) -> Accrual:
    """The fee a bill has earned since its last accrual, for the principal still unpaid."""
    days = overdue_days(bill.due_date, pay_date, policy.grace_days)
    if days == 0 or bill.unpaid_fen <= 0:
        return Accrual(days, 0)
    first_day = bill.due_date + dt.timedelta(days=policy.grace_days + 1)
    if bill.fee_accrued_through is not None:
        first_day = max(first_day, bill.fee_accrued_through + dt.timedelta(days=1))
    if first_day > pay_date:
        return Accrual(days, 0)
    rate_days = _rate_days(first_day, pay_date, bill.due_date.year, category, policy)
    exact = sum((Fraction(bill.unpaid_fen) * rate * n for rate, n in rate_days), Fraction(0))
    return Accrual(days, round_half_up(exact))


def _rate_days(
    first: dt.date, last: dt.date, due_year: int, category: Category, policy: Policy
) -> list[tuple[Fraction, int]]:
    total = (last - first).days + 1
    if category.is_residential:
        return [(policy.residential_rate, total)]
    year_end = dt.date(due_year, 12, 31)
    in_due_year = max(0, min((year_end - first).days + 1, total))
    return [(policy.current_year_rate, in_due_year), (policy.past_year_rate, total - in_due_year)]


def apply_minimum(fees: list[int], minimum_fen: int) -> list[int]:
    """When the fees of one payment total more than 0 and less than the minimum, charge the minimum.

    The top-up goes on the first (oldest) bill that carries a fee, so the bill lines still add up.
    """
    total = sum(fees)
    if total <= 0 or total >= minimum_fen:
        return list(fees)
    topped = list(fees)
    first = next(i for i, fee in enumerate(fees) if fee > 0)
    topped[first] += minimum_fen - total
    return topped
