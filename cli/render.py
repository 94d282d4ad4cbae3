"""The command line's output in one place: one JSON object on stdout for --json (amounts as "123.45"),
the shapes more than one command prints, and the money commands' documented shapes (pay, recharge)."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from app.money import format_fen

if TYPE_CHECKING:
    from app.ports import PrintResult
    from app.services.arrears import ArrearsList
    from app.services.payments import PayResult
    from app.services.recharge import RechargeResult


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
        "refund_payouts": f.refund_payouts, "refund_paid_out": format_fen(f.refund_payout_fen),
        "reversed": format_fen(f.reversed_fen), "waivers": f.waivers, "card_purchases": f.card_purchases,
        "counted_cash": format_fen(f.counted_fen), "difference": format_fen(f.difference_fen),
        "by_method": {m.method: {"count": m.count, "amount": format_fen(m.amount_fen), "refund_count": m.refund_count,
                                 "refunded": format_fen(m.refunded_fen), "net": format_fen(m.net_fen)}
                      for m in f.by_method},
        "by_category": {c.category: {"count": c.count, "amount": format_fen(c.amount_fen)} for c in f.by_category},
    }


def pay_json(result: PayResult, printed: PrintResult) -> dict[str, Any]:
    """`pay --json` (DESIGN.md lists the fields every caller may rely on)."""
    r, s = result.receipt, result.settlement
    return {
        "receipt_no": r.receipt_no, "customer_no": r.customer_no, "method": r.method,
        "bills": [
            {"period": a.period, "principal": format_fen(a.principal_paid_fen), "days_overdue": a.days_overdue,
             "late_fee": format_fen(a.fee_paid_fen)}
            for a in s.allocations
        ],
        "late_fee_total": format_fen(s.fee_paid_fen), "total": format_fen(s.settled_fen),
        "amount": format_fen(r.amount_fen), "tendered": format_fen(r.tendered_fen),
        "change": format_fen(r.change_fen), "balance_before": format_fen(r.balance_before_fen),
        "balance_after": format_fen(r.balance_after_fen), "entry_id": r.entry_id, "entry_hash": r.entry_hash,
        "printed": printed.printed, "print_reason": printed.reason,
        "change_to_balance": format_fen(r.change_to_balance_fen), "offset": format_fen(r.offset_fen),
        "minimum_fee_applied": s.minimum_topup_fen > 0, "minimum_topup": format_fen(s.minimum_topup_fen),
    }


def recharge_json(result: RechargeResult, printed: PrintResult) -> dict[str, Any]:
    """`recharge --json`: pay's fields, the card's purchase count and state."""
    r = result.receipt
    return {
        "receipt_no": r.receipt_no, "customer_no": r.customer_no, "method": r.method, "bills": [],
        "late_fee_total": "0.00", "total": format_fen(r.total_fen), "amount": format_fen(r.amount_fen),
        "tendered": format_fen(r.tendered_fen), "change": format_fen(r.change_fen),
        "balance_before": format_fen(r.balance_before_fen), "balance_after": format_fen(r.balance_after_fen),
        "entry_id": r.entry_id, "entry_hash": r.entry_hash, "printed": printed.printed,
        "print_reason": printed.reason, "purchase_count": result.purchase_count, "card_state": result.card_state,
        "card_message": result.card_message, "meter_no": r.meter_no, "rewritten": list(result.completed),
        "meter_balance": None if result.meter_balance_fen is None else format_fen(result.meter_balance_fen),
    }


def arrears_json(lst: ArrearsList) -> dict[str, Any]:
    t = lst.totals
    return {"customers": t.customers, "owed": format_fen(t.owed_fen),
            "ageing": {k: {"customers": n, "owed": format_fen(v)} for k, n, v in
                       zip(("0-30", "31-60", "61-90", "90+"), t.bucket_customers, t.bucket_fen)},
            "rows": [{"customer_no": r.customer_no, "name": r.name, "grade": r.grade, "bills": r.bills,
                      "owed": format_fen(r.owed_fen), "late_fee": format_fen(r.late_fee_fen),
                      "days_overdue": r.days_overdue, "notice": r.notice_state} for r in lst.rows]}
