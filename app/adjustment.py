"""Head-office adjustments of a bill (退补/调整): their money effect, pure (DOMAIN.md).

- a lower amount on a (partly) paid bill: the principal paid beyond the new amount becomes balance;
- a higher amount: the difference is due (the bill is open again);
- a later due date: the late fee it removes, at today's date, is a waiver and is reported as one;
- kWh: recorded, no money.
The journal entry (kind `adjustment`) carries the old and new values and these figures; app/moves.py
reads it back for the central ledger and for a replay.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from app.latefee import accrue
from app.model import CATEGORY_LABELS, Bill, Category
from app.money import format_fen
from app.policy import Policy


@dataclass(frozen=True)
class BillAdjustment:
    old: Bill
    new_amount_fen: int
    new_due_date: dt.date
    new_kwh: int
    principal_paid_after_fen: int
    to_balance_fen: int  # principal paid beyond the new amount, now the customer's balance
    unpaid_before_fen: int
    unpaid_after_fen: int
    fee_before_fen: int  # the late fee the bill would earn today with the old values
    fee_after_fen: int  # ... and with the new ones

    @property
    def fee_waived_fen(self) -> int:
        """A later due date (or a lower amount) removes fee: a waiver, reported as one."""
        return max(0, self.fee_before_fen - self.fee_after_fen)

    @property
    def difference_due_fen(self) -> int:
        return max(0, self.unpaid_after_fen - self.unpaid_before_fen)

    def payload(self) -> dict[str, Any]:
        o = self.old
        return {
            "old": {"amount_fen": o.amount_fen, "due_date": o.due_date.isoformat(), "kwh": o.kwh},
            "new": {
                "amount_fen": self.new_amount_fen,
                "due_date": self.new_due_date.isoformat(),
                "kwh": self.new_kwh,
            },
            "principal_paid_before_fen": o.principal_paid_fen,
            "principal_paid_after_fen": self.principal_paid_after_fen,
            "to_balance_fen": self.to_balance_fen,
            "difference_due_fen": self.difference_due_fen,
            "fee_before_fen": self.fee_before_fen,
            "fee_after_fen": self.fee_after_fen,
            "fee_waived_fen": self.fee_waived_fen,
        }


def bill_adjustment(
    old: Bill,
    amount_fen: int,
    due_date: dt.date,
    kwh: int,
    category: Category,
    today: dt.date,
    policy: Policy,
) -> BillAdjustment:
    paid_after = min(old.principal_paid_fen, amount_fen)
    new = replace(old, amount_fen=amount_fen, due_date=due_date, kwh=kwh, principal_paid_fen=paid_after)
    return BillAdjustment(
        old=old,
        new_amount_fen=amount_fen,
        new_due_date=due_date,
        new_kwh=kwh,
        principal_paid_after_fen=paid_after,
        to_balance_fen=old.principal_paid_fen - paid_after,
        unpaid_before_fen=old.unpaid_fen,
        unpaid_after_fen=new.unpaid_fen,
        fee_before_fen=old.fee_carried_fen + accrue(old, category, today, policy).fee_fen,
        fee_after_fen=new.fee_carried_fen + accrue(new, category, today, policy).fee_fen,
    )


def change_sentence(line: int, old: Bill, row: dict[str, Any], source: str = "") -> str:
    """One sentence refusing a silent change of an existing bill, naming the file line."""
    changes = []
    if row["amount_fen"] != old.amount_fen:
        changes.append(f"金额 {format_fen(old.amount_fen)} → {format_fen(row['amount_fen'])}")
    if row["due_date"] != old.due_date.isoformat():
        changes.append(f"缴费截止日 {old.due_date.isoformat()} → {row['due_date']}")
    if row["kwh"] != old.kwh:
        changes.append(f"电量 {old.kwh} → {row['kwh']}")
    where = f"账单文件 {source} 第 {line} 行" if source else f"账单文件第 {line} 行"
    return (
        f"{where}：户号 {old.customer_no} 账期 {old.period} 的账单已存在，不能直接修改（"
        f"{'，'.join(changes)}）；如是总部退补调整，请加 --adjust --reason 原因 --supervisor 主管工号。"
    )


def overdue_since(bill: Bill, adjustments: Iterable[Mapping[str, Any]]) -> dt.date:
    """The day what a bill still owes fell due: its due date, or, when head office raised it after it had been
    paid in full, the day of that adjustment (the difference's own due day, the day its late fee starts from).
    `adjustments`: the payloads of the customer's adjustment entries. Pure.

    Issue 28, domain P2-2: a bill paid in full, then raised by 50.00, was proposed for a power cut 22 days
    after the difference fell due, its overdue days counted from the original due date."""
    since = bill.due_date
    for p in adjustments:
        if p.get("what") != "bill" or p.get("bill_id") != bill.bill_id:
            continue
        old = p.get("old", {})
        paid_in_full = int(p.get("principal_paid_before_fen", 0)) >= int(old.get("amount_fen", 0))
        if int(p.get("difference_due_fen", 0)) > 0 and paid_in_full and p.get("business_day"):
            since = max(since, dt.date.fromisoformat(str(p["business_day"])))
    return since


def category_fee_effect(
    bills: list[Bill], old: Category, new: Category, today: dt.date, policy: Policy
) -> dict[str, int]:
    """A category change's money effect on the customer's open bills today: their late fee with the old rate
    and with the new one (DOMAIN: an adjustment carries its money effect; a lower fee is a waiver, never
    silent; issue 28, domain P2-1: 40.00 → 20.00 left no waiver anywhere). Pure."""
    open_bills = [b for b in bills if b.is_open]
    before = sum(b.fee_carried_fen + accrue(b, old, today, policy).fee_fen for b in open_bills)
    after = sum(b.fee_carried_fen + accrue(b, new, today, policy).fee_fen for b in open_bills)
    return {
        "fee_before_fen": before,
        "fee_after_fen": after,
        "fee_waived_fen": max(0, before - after),
        "fee_raised_fen": max(0, after - before),
    }


def category_change_sentence(line: int | None, customer_no: str, old: str, new: str, source: str = "") -> str:
    name = f"用户文件 {source} " if source else "用户文件"
    where = f"{name}第 {line} 行" if line else f"{name}中户号 {customer_no} 一行"
    label_old = CATEGORY_LABELS.get(Category(old), old)
    label_new = CATEGORY_LABELS.get(Category(new), new)
    return (
        f"{where}：户号 {customer_no} 的用电类别不能直接由{label_old}改为{label_new}（影响违约金费率）；"
        "如是总部调整，请加 --adjust --reason 原因 --supervisor 主管工号。"
    )
