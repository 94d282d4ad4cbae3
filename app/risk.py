"""Fee-recovery risk grade (电费回收风险等级) Ⅰ/Ⅱ/Ⅲ from data, with the reasons kept beside it.

Pure: the facts about one customer go in, a grade and its reasons come out. The thresholds are
policy values head office sends down (app/policy.py DEFAULTS, keys ``risk.*``). Ⅰ is the highest
risk; a customer who matches no rule has no grade (""). Every rule that matched is a reason, the
most severe first, so the counter can say *why*.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from app.messages import Phrase
from app.model import Bill, Customer
from app.policy import DEFAULTS

GRADES = ("I", "II", "III")
GRADE_RANK = {"I": 3, "II": 2, "III": 1, "": 0}


@dataclass(frozen=True)
class RiskFacts:
    customer_no: str
    residential: bool
    prepaid: bool
    months_in_arrears: int  # bills with unpaid principal past their due date
    overdue_fen: int  # unpaid principal of those bills
    oldest_days_overdue: int
    late_payments: int  # payments in the history window that paid a bill after its due date
    monthly_bill_fen: int  # average bill amount of the last bills
    blacklisted: bool = False  # on the government's integrity blacklist (诚信黑榜)


def is_overdue(bill: Bill, today: dt.date, since: dt.date | None = None) -> bool:
    """The bill still owes and what it owes fell due before today: the one reading of "overdue" for the
    risk grade, a stop-power notice and its cancellation. `since`: the day what it owes fell due when
    that is not its due date (a bill raised after it was paid, app/adjustment.py overdue_since)."""
    return bill.unpaid_fen > 0 and (bill.due_date if since is None else since) < today


def facts_of(
    customer: Customer,
    bills: Sequence[Bill],
    today: dt.date,
    late_payments: int = 0,
    blacklisted: bool = False,
) -> RiskFacts:
    """The one reading of a customer's risk facts from their bills: the grade kept in the store
    (app/services/risk.py, all bills) and the grade a caller with only the quote shows (app/warnings.py,
    the open bills) both come from here."""
    overdue = [b for b in bills if is_overdue(b, today)]
    recent = sorted(bills, key=lambda b: b.period)[-6:]
    return RiskFacts(
        customer_no=customer.customer_no,
        residential=customer.category.is_residential,
        prepaid=customer.prepaid,
        months_in_arrears=len(overdue),
        overdue_fen=sum(b.unpaid_fen for b in overdue),
        oldest_days_overdue=max(((today - b.due_date).days for b in overdue), default=0),
        late_payments=late_payments,
        monthly_bill_fen=sum(b.amount_fen for b in recent) // len(recent) if recent else 0,
        blacklisted=blacklisted,
    )


@dataclass(frozen=True)
class RiskRules:
    grade1_months: int
    grade1_overdue_fen: int
    grade1_blacklist: bool
    grade2_months: int
    grade2_overdue_fen: int
    grade2_late_payments: int
    grade2_large_bill_fen: int
    grade3_days: int
    grade3_late_payments: int
    late_history_days: int
    prepaid_candidate_grades: tuple[str, ...]

    @classmethod
    def from_values(cls, values: Mapping[str, str] | None = None) -> RiskRules:
        v = {**DEFAULTS, **(values or {})}

        def i(key: str) -> int:
            return int(v[f"risk.{key}"])

        return cls(
            grade1_months=i("grade1_months"),
            grade1_overdue_fen=i("grade1_overdue_fen"),
            grade1_blacklist=v["risk.grade1_blacklist"].strip() in ("1", "true", "yes"),
            grade2_months=i("grade2_months"),
            grade2_overdue_fen=i("grade2_overdue_fen"),
            grade2_late_payments=i("grade2_late_payments"),
            grade2_large_bill_fen=i("grade2_large_bill_fen"),
            grade3_days=i("grade3_days"),
            grade3_late_payments=i("grade3_late_payments"),
            late_history_days=i("late_history_days"),
            prepaid_candidate_grades=tuple(
                g.strip() for g in v["risk.prepaid_candidate_grades"].split(",") if g.strip() in GRADES
            ),
        )


@dataclass(frozen=True)
class RiskGrade:
    grade: str  # "I" | "II" | "III" | ""
    reasons: tuple[str, ...]  # the Chinese sentences, saved with the grade
    prepaid_candidate: bool
    phrases: tuple[Phrase, ...] = field(default=(), compare=False)  # the same reasons as codes

    @property
    def label(self) -> str:
        return GRADE_LABELS.get(self.grade, "无风险等级")


GRADE_LABELS = {"I": "Ⅰ级（高风险）", "II": "Ⅱ级（中风险）", "III": "Ⅲ级（关注）"}


def grade(facts: RiskFacts, rules: RiskRules) -> RiskGrade:
    """The highest grade any rule gives, with every matching rule as a reason (most severe first)."""
    found: list[tuple[str, Phrase]] = []
    months, owed = facts.months_in_arrears, facts.overdue_fen
    if facts.blacklisted and rules.grade1_blacklist:
        found.append(("I", Phrase("risk.blacklisted")))
    if months >= rules.grade1_months:
        found.append(("I", Phrase("risk.months", {"months": months, "limit": rules.grade1_months})))
    elif months >= rules.grade2_months:
        found.append(("II", Phrase("risk.months", {"months": months, "limit": rules.grade2_months})))
    if owed >= rules.grade1_overdue_fen:
        found.append(("I", Phrase("risk.owed", {"owed_fen": owed, "limit_fen": rules.grade1_overdue_fen})))
    elif owed >= rules.grade2_overdue_fen:
        found.append(("II", Phrase("risk.owed", {"owed_fen": owed, "limit_fen": rules.grade2_overdue_fen})))
    if facts.late_payments >= rules.grade2_late_payments:
        found.append(
            ("II", Phrase("risk.late", {"count": facts.late_payments, "limit": rules.grade2_late_payments}))
        )
    elif facts.late_payments >= rules.grade3_late_payments:
        found.append(
            ("III", Phrase("risk.late", {"count": facts.late_payments, "limit": rules.grade3_late_payments}))
        )
    if not facts.residential and months > 0 and facts.monthly_bill_fen >= rules.grade2_large_bill_fen:
        found.append(("II", Phrase("risk.large", {"monthly_fen": facts.monthly_bill_fen})))
    if facts.oldest_days_overdue > rules.grade3_days:
        found.append(
            ("III", Phrase("risk.oldest", {"days": facts.oldest_days_overdue, "limit": rules.grade3_days}))
        )
    if not found:
        return RiskGrade("", (), False)
    found.sort(key=lambda gr: -GRADE_RANK[gr[0]])
    top = found[0][0]
    candidate = not facts.prepaid and top in rules.prepaid_candidate_grades
    phrases = tuple(reason for _, reason in found)
    return RiskGrade(top, tuple(str(p) for p in phrases), candidate, phrases)


# ----------------------------------------------------------------------------- arrears and notices
# Values the arrears list, the notice workflow and their store exchange (app/store.py RiskRepo).

AGE_BUCKETS = ((0, 30, "0–30 天"), (31, 60, "31–60 天"), (61, 90, "61–90 天"), (91, None, "90 天以上"))
NOTICE_STATES = ("proposed", "approved", "served", "reminded", "cancelled")
OPEN_NOTICE_STATES = ("proposed", "approved", "served", "reminded")
NOTICE_STATE_LABELS = {
    "proposed": "已提出",
    "approved": "已审批",
    "served": "已送达",
    "reminded": "已再次通知",
    "cancelled": "已撤销",
    "none": "无",
}
SORTS = ("owed_desc", "age_desc", "customer_no")


@dataclass(frozen=True)
class ArrearsFilter:
    grade: str = ""  # I | II | III | "" (any); the computed grade, else head office's
    category: str = ""
    area: str = ""
    clerk_id: str = ""  # areas this clerk answers for (collection_areas)
    min_days: int = 0  # age of the oldest unpaid bill, days past due
    max_days: int | None = None
    min_fen: int = 0
    max_fen: int | None = None
    notice_state: str = ""  # "" any | none | proposed | approved | served | reminded
    sort: str = "owed_desc"
    limit: int = 200
    offset: int = 0


@dataclass(frozen=True)
class ArrearsRow:
    customer_no: str
    name: str
    address: str
    phone: str
    category: str
    area: str
    important: bool
    owed_fen: int
    bills: int
    oldest_due: str
    days_overdue: int
    grade: str  # the effective grade: computed, else head office's
    ho_grade: str
    notice_state: str  # "" when none open
    late_fee_fen: int = 0  # late fees to date (filled by the service for the page shown)


@dataclass(frozen=True)
class ArrearsTotals:
    customers: int
    owed_fen: int
    bucket_customers: tuple[int, int, int, int]
    bucket_fen: tuple[int, int, int, int]


@dataclass(frozen=True)
class Notice:
    notice_id: str
    customer_no: str
    state: str
    reason: str
    owed_fen: int
    important: bool
    proposed_at: str
    proposed_by: str
    approved_at: str | None = None
    approved_by: str | None = None
    served_on: str | None = None
    served_method: str | None = None
    pay_by: str | None = None
    stop_from: str | None = None
    reminded_at: str | None = None
    closed_at: str | None = None
    close_reason: str = ""
