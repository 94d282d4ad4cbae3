"""The command line's output in one place: one JSON object on stdout for --json (amounts as "123.45"),
and the JSON shapes that more than one command prints."""

from __future__ import annotations

import json
import sys
from typing import Any

from app.money import format_fen


def emit_json(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=None) + "\n")


def customer_json(c: Any) -> dict[str, Any]:
    return {
        "customer_no": c.customer_no, "name": c.name, "address": c.address, "phone": c.phone,
        "category": c.category.value, "meter_no": c.meter_no, "prepaid": c.prepaid,
        "risk_grade": c.risk_grade, "important": c.important, "balance": format_fen(c.balance_fen),
    }


def quote_json(q: Any) -> dict[str, Any]:
    return {
        "bills": [
            {"period": line.bill.period, "principal": format_fen(line.principal_due_fen),
             "days_overdue": line.days_overdue, "late_fee": format_fen(line.fee_due_fen),
             "due_date": line.bill.due_date.isoformat()}
            for line in q.lines
        ],
        "late_fee_total": format_fen(q.late_fee_total_fen),
        "total": format_fen(q.total_fen),
        "balance": format_fen(q.balance_fen),
        "to_pay": format_fen(q.to_pay_fen),
        # DOMAIN.md: the late fees one payment collects, together above 0 and below the minimum, are the minimum
        "minimum_fee": format_fen(q.minimum_fen),
        "minimum_fee_applied": q.minimum_topup_fen > 0,
        "minimum_topup": format_fen(q.minimum_topup_fen),
    }


def figures_json(f: Any) -> dict[str, Any]:
    """A shift's or a day's figures for --json: amounts as "123.45"."""
    return {
        "float": format_fen(f.float_fen), "expected_cash": format_fen(f.expected_cash_fen),
        "cash_tendered": format_fen(f.cash_tendered_fen), "change_given": format_fen(f.change_given_fen),
        "cash_refunds": format_fen(f.cash_refunds_fen), "receipts": f.receipts, "reversals": f.reversals,
        "reversed": format_fen(f.reversed_fen), "waivers": f.waivers, "card_purchases": f.card_purchases,
        "counted_cash": format_fen(f.counted_fen), "difference": format_fen(f.difference_fen),
        "by_method": {m.method: {"count": m.count, "amount": format_fen(m.amount_fen), "refund_count": m.refund_count,
                                 "refunded": format_fen(m.refunded_fen), "net": format_fen(m.net_fen)}
                      for m in f.by_method},
        "by_category": {c.category: {"count": c.count, "amount": format_fen(c.amount_fen)} for c in f.by_category},
    }
