"""Risk grade of one customer from the store's data, and what the counter shows about it.

Facts: overdue bills (months, unpaid principal, oldest age), late payments in the history window
(from the journal, through the receipts of payments not reversed), the size of the monthly bill,
and the integrity blacklist. The grade is saved with its reasons so the arrears list can filter on it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.clock import utc_text
from app.model import Customer
from app.risk import RiskFacts, RiskGrade, RiskRules, facts_of, grade
from app.services.context import Context
from app.services.payments import load_customer
from app.store import ReadUnitOfWork, UnitOfWork
from app.warnings import RiskView


@dataclass(frozen=True)
class Assessment:
    customer: Customer
    facts: RiskFacts
    grade: RiskGrade
    ho_grade: str  # head office's grade, as imported / synced


def rules_of(uow: ReadUnitOfWork) -> RiskRules:
    return RiskRules.from_values(uow.settings.policy_values())


def facts_for(
    uow: ReadUnitOfWork, customer: Customer, today: dt.date, now_utc: dt.datetime, rules: RiskRules
) -> RiskFacts:
    since = utc_text(now_utc - dt.timedelta(days=rules.late_history_days))
    return facts_of(
        customer,
        uow.bills.for_customer(customer.customer_no),
        today,
        late_payments=uow.risk.late_payments(customer.customer_no, since),
        blacklisted=uow.risk.blacklist_match(customer.customer_no) is not None,
    )


def grade_in(uow: ReadUnitOfWork, ctx: Context, customer: Customer) -> Assessment:
    """Grade one customer from what the unit of work reads; writes nothing."""
    now = ctx.clock.now_utc()
    rules = rules_of(uow)
    facts = facts_for(uow, customer, ctx.today(), now, rules)
    return Assessment(customer, facts, grade(facts, rules), customer.risk_grade)


def assess_in(uow: UnitOfWork, ctx: Context, customer: Customer) -> Assessment:
    """Grade one customer and keep the grade with its reasons, inside the caller's write transaction."""
    a = grade_in(uow, ctx, customer)
    result = a.grade
    saved = uow.risk.saved_grade(customer.customer_no)
    if saved is None or saved[0] != result.grade or saved[1] != list(result.reasons):
        uow.risk.save_grade(customer.customer_no, result.grade, result.reasons, utc_text(ctx.clock.now_utc()))
    return a


def keep_grade(ctx: Context, customer_no: str, result: RiskGrade) -> None:
    """Save a grade with its reasons so the arrears list can filter on it: one short write."""
    with ctx.uow() as uow:
        uow.risk.save_grade(customer_no, result.grade, result.reasons, utc_text(ctx.clock.now_utc()))
        uow.commit()


def assess(ctx: Context, customer_no: str) -> Assessment:
    """Grade one customer now and keep the grade with its reasons."""
    with ctx.uow() as uow:
        result = assess_in(uow, ctx, load_customer(uow, customer_no))
        uow.commit()
    return result


def regrade(ctx: Context, customer_nos: list[str]) -> dict[str, str]:
    """Grade these customers (the arrears page's 重新评级). customer_no -> grade.

    The grading reads in a read unit of work; only the grades that changed are written, in one short write."""
    out: dict[str, str] = {}
    changed: list[tuple[str, RiskGrade]] = []
    with ctx.read() as reading:
        for no in customer_nos:
            customer = reading.customers.get(no)
            if customer is None:
                continue
            result = grade_in(reading, ctx, customer).grade
            out[no] = result.grade
            saved = reading.risk.saved_grade(no)
            if saved is None or saved[0] != result.grade or saved[1] != list(result.reasons):
                changed.append((no, result))
    if changed:
        at = utc_text(ctx.clock.now_utc())
        with ctx.uow() as uow:
            for no, result in changed:
                uow.risk.save_grade(no, result.grade, result.reasons, at)
            uow.commit()
    return out


def risk_view(ctx: Context, customer_no: str) -> RiskView:
    """Everything the counter shows about the customer's risk at lookup (app/warnings.py).

    Reads in a read unit of work; the grade is kept (a short write of its own) only when it changed."""
    with ctx.read() as reading:
        a = grade_in(reading, ctx, load_customer(reading, customer_no))
        match = reading.risk.blacklist_match(customer_no)
        notices = reading.risk.open_notices(customer_no)
        saved = reading.risk.saved_grade(customer_no)
    if saved is None or saved[0] != a.grade.grade or saved[1] != list(a.grade.reasons):
        keep_grade(ctx, customer_no, a.grade)
    return RiskView(
        grade=a.grade,
        ho_grade=a.ho_grade,
        blacklist=match,
        notices=tuple(notices),
        months_in_arrears=a.facts.months_in_arrears,
        overdue_fen=a.facts.overdue_fen,
    )
