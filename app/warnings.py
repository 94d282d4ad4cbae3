"""What the counter must show about a customer at a glance (DOMAIN.md "Risk", "Stop-power notices").

Each warning is a level and one sentence; the UI adds colour and a symbol, never colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.allocation import Quote
from app.model import Customer
from app.money import format_fen
from app.policy import Policy

GRADE_LABELS = {"I": "Ⅰ级（高风险）", "II": "Ⅱ级（中风险）", "III": "Ⅲ级（关注）"}


@dataclass(frozen=True)
class Warning:
    level: str  # error | warn | info
    text: str


def customer_warnings(customer: Customer, quote: Quote, policy: Policy) -> list[Warning]:
    out: list[Warning] = []
    overdue = [line for line in quote.lines if line.days_overdue > 0]
    if overdue:
        oldest = max(line.days_overdue for line in overdue)
        owed = sum(line.total_fen for line in overdue)
        level = "error" if oldest > policy.notice_stop_after_days else "warn"
        out.append(Warning(level, f"欠费 {len(overdue)} 期共 {format_fen(owed)} 元，最长逾期 {oldest} 天"
                                  + ("，已满足停电通知条件" if oldest > policy.notice_stop_after_days else "")))
    if customer.risk_grade in GRADE_LABELS:
        out.append(Warning("error" if customer.risk_grade == "I" else "warn",
                           f"风险等级 {GRADE_LABELS[customer.risk_grade]}"))
    if customer.important:
        out.append(Warning("warn", "重要用户：停电须报电力管理部门，不得简单停电"))
    if customer.prepaid:
        out.append(Warning("info", "费控（IC卡）用户：购电请使用“IC卡购电”"))
    elif customer.risk_grade in ("I", "II") and overdue:
        out.append(Warning("info", "高风险后付费用户：建议改装费控（预付费）电表"))
    return out
