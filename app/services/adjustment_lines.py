"""A day's head-office adjustments (退补/调整) as day report lines: no shift, no cash, listed on their own."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from app.journal import Entry, Kind


@dataclass(frozen=True)
class AdjustmentLine:
    """A head-office adjustment (退补/调整) journaled on the day: what changed, its money effect, who approved."""

    seq: int
    customer_no: str
    subject: str  # the bill's period, or "用电类别"
    old: str
    new: str
    to_balance_fen: int  # paid principal turned into balance
    difference_due_fen: int  # more owed
    fee_waived_fen: int  # late fee a later due date removed: a waiver
    reason: str
    approver_id: str


def adjustment_lines(entries: Iterable[Entry], business_day: str) -> tuple[AdjustmentLine, ...]:
    """The day's adjustment entries as report lines (pure)."""
    out = []
    for e in entries:
        p = e.payload
        if e.kind != Kind.ADJUSTMENT or p.get("business_day") != business_day:
            continue
        old, new = p.get("old", {}), p.get("new", {})
        if p.get("what") == "category":
            subject, o, n = "用电类别", str(old.get("category", "")), str(new.get("category", ""))
        else:
            subject = str(p.get("period", p.get("bill_id", "")))
            o = f"{_yuan(old.get('amount_fen', 0))}/{old.get('due_date', '')}/{old.get('kwh', '')}kWh"
            n = f"{_yuan(new.get('amount_fen', 0))}/{new.get('due_date', '')}/{new.get('kwh', '')}kWh"
        out.append(
            AdjustmentLine(
                e.seq,
                str(p.get("customer_no", "")),
                subject,
                o,
                n,
                int(p.get("to_balance_fen", 0)),
                int(p.get("difference_due_fen", 0)),
                int(p.get("fee_waived_fen", 0)),
                str(p.get("reason", "")),
                str(p.get("approver_id", "")),
            )
        )
    return tuple(out)


def _yuan(fen: Any) -> str:
    from app.money import yuan_text  # a line of the printed day report: grouped like every printed amount

    return yuan_text(int(fen))
