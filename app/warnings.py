"""What the counter must show about a customer at a glance (DOMAIN.md "Risk", "Stop-power notices").

Each warning is a level and one sentence; the UI adds colour and a symbol, never colour alone.
Without a RiskView (the store's facts: saved grade, notices, blacklist) the grade is computed from
the quote alone, so even a caller that only has the quote shows a grade with its reasons.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.allocation import Quote
from app.messages import message
from app.model import Customer
from app.policy import Policy
from app.risk import GRADE_LABELS, Notice, RiskGrade, RiskRules, facts_of, grade

__all__ = ["GRADE_LABELS", "RiskView", "Warning", "customer_warnings"]


@dataclass(frozen=True)
class Warning:
    level: str  # error | warn | info
    text: str  # the Chinese sentence (CLI, logs)
    code: str = ""  # app/messages.py: the window renders code + params in its own language
    params: dict[str, Any] = field(default_factory=dict)


def _w(level: str, code: str, **params: Any) -> Warning:
    return Warning(level, message(code, **params), code, params)


@dataclass(frozen=True)
class RiskView:
    grade: RiskGrade
    ho_grade: str
    blacklist: tuple[str, str] | None = None  # (credit code, quarter)
    notices: tuple[Notice, ...] = field(default_factory=tuple)
    months_in_arrears: int = 0
    overdue_fen: int = 0


def _grade_from_quote(customer: Customer, quote: Quote, rules: RiskRules) -> RiskGrade:
    """The grade from the quote's open bills alone (no journal: no late payments, no blacklist)."""
    return grade(facts_of(customer, [line.bill for line in quote.lines], quote.pay_date), rules)


_SEVERITY = ("I", "II", "III")  # Ⅰ级 is the gravest


def stricter(a: str, b: str) -> str:
    """The graver of two grades ("" is none): what the counter shows when its grade and head office's differ."""
    known = [x for x in (a, b) if x in _SEVERITY]
    return min(known, key=_SEVERITY.index) if known else ""


def customer_warnings(
    customer: Customer,
    quote: Quote,
    policy: Policy,
    view: RiskView | None = None,
    rules: RiskRules | None = None,
) -> list[Warning]:
    out: list[Warning] = []
    overdue = [line for line in quote.lines if line.days_overdue > 0]
    if overdue:
        oldest = max(line.days_overdue for line in overdue)
        owed = sum(line.total_fen for line in overdue)
        level = "error" if oldest > policy.notice_stop_after_days else "warn"
        # a notice already open: the line under it says which; no more invitation to propose one (ux P3)
        may_propose = oldest > policy.notice_stop_after_days and not (view is not None and view.notices)
        code = "warn.overdue_stop" if may_propose else "warn.overdue"
        out.append(_w(level, code, bills=len(overdue), owed_fen=owed, days=oldest))
    g = (
        view.grade
        if view is not None
        else _grade_from_quote(customer, quote, rules or RiskRules.from_values())
    )
    ho = customer.risk_grade
    if g.grade:
        reasons: object = g.phrases or "；".join(g.reasons)  # codes: each edge says them in its language
        level = "error" if g.grade == "I" else "warn"
        # one grade in the banner, the one that applies: the stricter of this counter's and head office's
        # (ux P3: "风险等级 Ⅲ级（关注）…（总部评级 Ⅱ级（中风险））" named two that disagree)
        if ho in GRADE_LABELS and stricter(ho, g.grade) == ho:
            level = "error" if ho == "I" else "warn"
            out.append(_w(level, "warn.grade_ho", reasons=reasons, ho_grade=GRADE_LABELS[ho]))
        else:
            out.append(_w(level, "warn.grade", grade=GRADE_LABELS[g.grade], reasons=reasons))
    elif ho in GRADE_LABELS:
        out.append(_w("error" if ho == "I" else "warn", "warn.grade_ho_only", ho_grade=GRADE_LABELS[ho]))
    if view is not None:
        served = [n for n in view.notices if n.state in ("served", "reminded") and n.stop_from]
        if served:
            first = min(served, key=lambda n: n.stop_from or "")
            out.append(
                _w("error", "warn.notice_served", served_on=first.served_on, stop_from=first.stop_from)
            )
        else:
            for n in view.notices:
                code = "warn.notice_proposed" if n.state == "proposed" else "warn.notice_approved"
                out.append(_w("warn", code, notice_id=n.notice_id))
        if view.blacklist is not None:
            code, quarter = view.blacklist
            out.append(_w("error", "warn.blacklist", credit_code=code, quarter=quarter))
    if customer.important:
        out.append(_w("warn", "warn.important"))
    if customer.prepaid:
        out.append(_w("info", "warn.prepaid"))
    elif g.prepaid_candidate or (not g.grade and ho in ("I", "II") and overdue):
        out.append(_w("info", "warn.prepaid_candidate"))
    return out
