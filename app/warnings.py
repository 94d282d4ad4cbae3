"""What the counter must show about a customer at a glance (DOMAIN.md "Risk", "Stop-power notices").

Each warning is a level and one sentence; the UI adds colour and a symbol, never colour alone.
Without a RiskView (the store's facts: saved grade, notices, blacklist) the grade is computed from
the quote alone, so even a caller that only has the quote shows a grade with its reasons.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.allocation import Quote
from app.model import Customer
from app.money import format_fen
from app.policy import Policy
from app.risk import GRADE_LABELS, Notice, RiskFacts, RiskGrade, RiskRules, grade

__all__ = ["GRADE_LABELS", "RiskView", "Warning", "customer_warnings"]


@dataclass(frozen=True)
class Warning:
    level: str  # error | warn | info
    text: str


@dataclass(frozen=True)
class RiskView:
    grade: RiskGrade
    ho_grade: str
    blacklist: tuple[str, str] | None = None  # (credit code, quarter)
    notices: tuple[Notice, ...] = field(default_factory=tuple)
    months_in_arrears: int = 0
    overdue_fen: int = 0


def _grade_from_quote(customer: Customer, quote: Quote, rules: RiskRules) -> RiskGrade:
    overdue = [line for line in quote.lines if line.days_overdue > 0 and line.principal_due_fen > 0]
    bills = [line.bill.amount_fen for line in quote.lines]
    facts = RiskFacts(
        customer_no=customer.customer_no,
        residential=customer.category.is_residential,
        prepaid=customer.prepaid,
        months_in_arrears=len(overdue),
        overdue_fen=sum(line.principal_due_fen for line in overdue),
        oldest_days_overdue=max((line.days_overdue for line in overdue), default=0),
        late_payments=0,
        monthly_bill_fen=sum(bills) // len(bills) if bills else 0,
    )
    return grade(facts, rules)


def customer_warnings(
    customer: Customer, quote: Quote, policy: Policy, view: RiskView | None = None,
    rules: RiskRules | None = None,
) -> list[Warning]:
    out: list[Warning] = []
    overdue = [line for line in quote.lines if line.days_overdue > 0]
    if overdue:
        oldest = max(line.days_overdue for line in overdue)
        owed = sum(line.total_fen for line in overdue)
        level = "error" if oldest > policy.notice_stop_after_days else "warn"
        out.append(Warning(level, f"欠费 {len(overdue)} 期共 {format_fen(owed)} 元（含违约金），最长逾期 {oldest} 天"
                                  + ("，已满足停电通知条件" if oldest > policy.notice_stop_after_days else "")))
    g = view.grade if view is not None else _grade_from_quote(customer, quote, rules or RiskRules.from_values())
    ho = customer.risk_grade
    if g.grade:
        text = f"风险等级 {GRADE_LABELS[g.grade]}：" + "；".join(g.reasons)
        if ho in GRADE_LABELS and ho != g.grade:
            text += f"（总部评级 {GRADE_LABELS[ho]}）"
        out.append(Warning("error" if g.grade == "I" else "warn", text))
    elif ho in GRADE_LABELS:
        out.append(Warning("error" if ho == "I" else "warn",
                           f"风险等级（总部评级）{GRADE_LABELS[ho]}；本柜台按数据计算：无风险等级"))
    if view is not None:
        served = [n for n in view.notices if n.state in ("served", "reminded") and n.stop_from]
        if served:
            first = min(served, key=lambda n: n.stop_from or "")
            out.append(Warning("error", f"停电通知书已于 {first.served_on} 送达，最早可于 {first.stop_from} 起停电；"
                                        "结清欠费后自动撤销"))
        else:
            for n in view.notices:
                label = "已提出，待主管审批" if n.state == "proposed" else "已审批，尚未送达"
                out.append(Warning("warn", f"停电通知 {label}（{n.notice_id}）"))
        if view.blacklist is not None:
            code, quarter = view.blacklist
            out.append(Warning("error", f"列入诚信黑榜（统一社会信用代码 {code}，{quarter}）"))
    if customer.important:
        out.append(Warning("warn", "重要用户：停电须报电力管理部门，不得简单停电"))
    if customer.prepaid:
        out.append(Warning("info", "费控（IC卡）用户：购电请使用“IC卡购电”"))
    elif g.prepaid_candidate or (not g.grade and ho in ("I", "II") and overdue):
        out.append(Warning("info", "高风险后付费用户：建议改装费控（预付费）电表"))
    return out
