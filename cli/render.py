"""The command line's --json output in one place: every command's JSON object is shaped here (amounts as
"123.45") and written by `emit_json`, one object on stdout and nothing else; the money commands' shapes
(pay, recharge) are the documented ones (DESIGN.md)."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from app.money import format_fen

if TYPE_CHECKING:
    from app.ports import PrintResult
    from app.services.arrears import ArrearsList
    from app.services.collection import CollectionLine, CollectionReport
    from app.services.payments import PayResult
    from app.services.recharge import RechargeResult


def emit_json(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=None) + "\n")


def customer_json(c: Any) -> dict[str, Any]:
    return {
        "customer_no": c.customer_no,
        "name": c.name,
        "address": c.address,
        "phone": c.phone,
        "category": c.category.value,
        "meter_no": c.meter_no,
        "prepaid": c.prepaid,
        "risk_grade": c.risk_grade,
        "important": c.important,
        "balance": format_fen(c.balance_fen),
    }


def lookup_json(
    found: list[Any], quote: Any, offsets: list[dict[str, Any]] | None, refund_owed_fen: int | None = None
) -> dict[str, Any]:
    """`lookup --json`: the customers found; for one, what is due, the prepaid offsets since the last receipt
    and the refund head office ordered that waits to be collected."""
    out: dict[str, Any] = {"count": len(found), "customers": [customer_json(c) for c in found]}
    if quote is not None:
        out["due"] = quote_json(quote)
    if offsets is not None:
        out["offset"] = [
            {
                "business_day": o["business_day"],
                "used": format_fen(o["used_fen"]),
                "bills": [
                    {
                        "period": b["period"],
                        "principal": format_fen(b["principal_fen"]),
                        "late_fee": format_fen(b["fee_fen"]),
                    }
                    for b in o["bills"]
                ],
            }
            for o in offsets
        ]
    if refund_owed_fen is not None:
        out["refund_owed"] = format_fen(refund_owed_fen)
    return out


def quote_json(q: Any) -> dict[str, Any]:
    return {
        "bills": [
            {
                "period": line.bill.period,
                "principal": format_fen(line.principal_due_fen),
                "days_overdue": line.days_overdue,
                "late_fee": format_fen(line.fee_due_fen),
                "due_date": line.bill.due_date.isoformat(),
            }
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
        "float": format_fen(f.float_fen),
        "expected_cash": format_fen(f.expected_cash_fen),
        "cash_tendered": format_fen(f.cash_tendered_fen),
        "change_given": format_fen(f.change_given_fen),
        "cash_refunds": format_fen(f.cash_refunds_fen),
        "receipts": f.receipts,
        "reversals": f.reversals,
        "refund_payouts": f.refund_payouts,
        "refund_paid_out": format_fen(f.refund_payout_fen),
        "reversed": format_fen(f.reversed_fen),
        "waivers": f.waivers,
        "waived": format_fen(f.waived_fen),
        "card_purchases": f.card_purchases,
        "counted_cash": format_fen(f.counted_fen),
        "difference": format_fen(f.difference_fen),
        "by_method": {
            m.method: {
                "count": m.count,
                "amount": format_fen(m.amount_fen),
                "refund_count": m.refund_count,
                "refunded": format_fen(m.refunded_fen),
                "net": format_fen(m.net_fen),
            }
            for m in f.by_method
        },
        "by_category": {
            c.category: {"count": c.count, "amount": format_fen(c.amount_fen)} for c in f.by_category
        },
    }


def pay_json(result: PayResult, printed: PrintResult) -> dict[str, Any]:
    """`pay --json` (DESIGN.md lists the fields every caller may rely on)."""
    r, s = result.receipt, result.settlement
    return {
        "receipt_no": r.receipt_no,
        "customer_no": r.customer_no,
        "method": r.method,
        "bills": [
            {
                "period": a.period,
                "principal": format_fen(a.principal_paid_fen),
                "days_overdue": a.days_overdue,
                "late_fee": format_fen(a.fee_paid_fen),
            }
            for a in s.allocations
        ],
        "late_fee_total": format_fen(s.fee_paid_fen),
        "total": format_fen(s.settled_fen),
        "amount": format_fen(r.amount_fen),
        "tendered": format_fen(r.tendered_fen),
        "change": format_fen(r.change_fen),
        "balance_before": format_fen(r.balance_before_fen),
        "balance_after": format_fen(r.balance_after_fen),
        "entry_id": r.entry_id,
        "entry_hash": r.entry_hash,
        "printed": printed.printed,
        "print_reason": printed.reason,
        "change_to_balance": format_fen(r.change_to_balance_fen),
        "offset": format_fen(r.offset_fen),
        "minimum_fee_applied": s.minimum_topup_fen > 0,
        "minimum_topup": format_fen(s.minimum_topup_fen),
    }


def recharge_json(result: RechargeResult, printed: PrintResult) -> dict[str, Any]:
    """`recharge --json`: pay's fields, the card's purchase count and state."""
    r = result.receipt
    return {
        "receipt_no": r.receipt_no,
        "customer_no": r.customer_no,
        "method": r.method,
        "bills": [],
        "late_fee_total": "0.00",
        "total": format_fen(r.total_fen),
        "amount": format_fen(r.amount_fen),
        "tendered": format_fen(r.tendered_fen),
        "change": format_fen(r.change_fen),
        "balance_before": format_fen(r.balance_before_fen),
        "balance_after": format_fen(r.balance_after_fen),
        "entry_id": r.entry_id,
        "entry_hash": r.entry_hash,
        "printed": printed.printed,
        "print_reason": printed.reason,
        "purchase_count": result.purchase_count,
        "card_state": result.card_state,
        "card_message": result.card_message,
        "meter_no": r.meter_no,
        "rewritten": list(result.completed),
        "meter_balance": None if result.meter_balance_fen is None else format_fen(result.meter_balance_fen),
    }


def arrears_json(lst: ArrearsList) -> dict[str, Any]:
    t = lst.totals
    return {
        "customers": t.customers,
        "owed": format_fen(t.owed_fen),
        "ageing": {
            k: {"customers": n, "owed": format_fen(v)}
            for k, n, v in zip(("0-30", "31-60", "61-90", "90+"), t.bucket_customers, t.bucket_fen)
        },
        "rows": [
            {
                "customer_no": r.customer_no,
                "name": r.name,
                "grade": r.grade,
                "bills": r.bills,
                "owed": format_fen(r.owed_fen),
                "late_fee": format_fen(r.late_fee_fen),
                "days_overdue": r.days_overdue,
                "notice": r.notice_state,
            }
            for r in lst.rows
        ],
    }


def reversal_json(r: Any) -> dict[str, Any]:
    """`reverse --json`: what was refunded, from which receipt, and the reversal's entry."""
    return {
        "receipt_no": r.receipt_no,
        "customer_no": r.customer_no,
        "method": r.method,
        "refund": format_fen(r.refund_fen),
        "balance_after": format_fen(r.balance_after_fen),
        "shift_id": r.shift_id,
        "entry_id": r.entry.entry_id,
        "entry_hash": r.entry.hash,
    }


def notice_json(n: Any) -> dict[str, Any]:
    return {
        "notice_id": n.notice_id,
        "customer_no": n.customer_no,
        "state": n.state,
        "owed": format_fen(n.owed_fen),
        "served_on": n.served_on,
        "pay_by": n.pay_by,
        "stop_from": n.stop_from,
        "important": n.important,
    }


def shift_close_json(
    result: Any, clerk: str, difference_label: str, wallet: tuple[Any, str] | None = None
) -> dict[str, Any]:
    """`shift close --json`; wallet: the day's reconciliation as recorded with the close, and its state."""
    return {
        **figures_json(result.figures),
        "shift_id": result.shift.shift_id,
        "clerk": clerk,
        "counted_cash": format_fen(result.counted_fen),
        "difference": format_fen(result.difference_fen),
        "difference_label": difference_label,
        "deposit": format_fen(result.deposit.total_fen),
        "deposit_counts": result.deposit.text(),
        "kept_counts": result.kept.text(),
        "pending_card_writes": list(result.pending_card_writes),
        "unprinted_receipts": list(result.unprinted_receipts),
        "entry_id": result.close_entry.entry_id,
        "entry_hash": result.close_entry.hash,
        "wallet_reconciliation": None if wallet is None else {**wallet[0].as_json(), "state": wallet[1]},
    }


def shift_status_json(preview: Any, clerk: str) -> dict[str, Any]:
    return {
        **figures_json(preview.figures),
        "shift_id": preview.shift.shift_id,
        "clerk": clerk,
        "supervisor_above": format_fen(preview.threshold_fen),
        "pending_card_writes": list(preview.pending_card_writes),
        "unprinted_receipts": [r.receipt_no for r in preview.unprinted_receipts],
        **adjustment_waivers_json(preview.adjustments),
    }


def adjustment_waivers_json(adjustments: Any) -> dict[str, Any]:
    """The day's waivers head office's adjustments made outside any shift (a category change that lowers a
    fee): beside `waivers`, which counts the counter's own, as the day report's 违约金减免 line does."""
    waived = [a.fee_waived_fen for a in adjustments if a.fee_waived_fen > 0]
    return {"adjustment_waivers": len(waived), "adjustment_waived": format_fen(sum(waived))}


def day_report_json(report: Any, pdf: str, slip: str, damaged: Any) -> dict[str, Any]:
    return {
        **figures_json(report.hall),
        "business_day": report.business_day,
        "pdf": pdf,
        "journal_damaged": damaged,
        "slip": slip,
        "signed_off_by": report.signed_off_by,
        **adjustment_waivers_json(report.adjustments),
        "clerks": {c.clerk_id: figures_json(c.figures) for c in report.clerks},
    }


def verify_json(report: Any, central: Any, central_error: str) -> dict[str, Any]:
    return {
        "ok": report.ok and (central is None or central.ok),
        "entries": report.entries,
        "head_hash": report.head_hash,
        "problem": str(report.problem) if report.problem else None,
        "central": None
        if central is None
        else {
            "ok": central.ok,
            "entries": central.entries,
            "problem": str(central.problem) if central.problem else None,
        },
        "central_error": central_error or None,
    }


def verify_receipt_json(check: Any, reversal: Any) -> dict[str, Any]:
    f = check.fields
    return {
        "genuine": check.genuine,
        "reason": check.reason,
        "receipt_no": f.receipt_no if f else None,
        "amount": format_fen(f.amount_fen) if f else None,
        "reversed": reversal is not None,
        "reversal": None
        if reversal is None
        else {
            "seq": reversal.seq,
            "business_day": reversal.business_day,
            "refund": format_fen(reversal.refund_fen),
            "reason": reversal.reason,
            "approver_id": reversal.approver_id,
        },
    }


def sync_json(result: Any) -> dict[str, Any]:
    return {
        "pushed": result.pushed,
        "duplicates": result.duplicates,
        "pulled": result.pulled,
        "pending": result.pending,
        "ack_seq": result.ack.seq,
        # head office's books (issue 29): the last of this terminal's entries applied (null: it did not say),
        # and how many acknowledged entries wait for it; a projector service applies after the push
        "applied": None if result.applied is None else result.applied.applied_seq,
        "awaiting_head_office": 0 if result.applied is None else result.applied.awaiting,
        "review_cases": result.cases,
        "alarms": [a.reason for a in result.alarms],
        "alarm_kinds": [a.kind for a in result.alarms],  # uncertified is set-up, not tampering (issue 27)
    }


def backup_json(status: Any, path: str) -> dict[str, Any]:
    return {
        "state": status.state,
        "backed_seq": status.backed_seq,
        "head_seq": status.head_seq,
        "age_s": status.age_s,
        "text": status.text(),
        "path": path,
    }


def restore_json(report: Any) -> dict[str, Any]:
    return {
        "terminal_id": report.terminal_id,
        "source": str(report.source),
        "backup_seq": report.backup_seq,
        "central_seq": report.central_seq,
        "from_central": report.appended_from_central,
        "head_seq": report.head_seq,
        "head_hash": report.head_hash,
        "receipts": report.receipts,
        "kept_aside": [str(p) for p in report.kept_aside],
    }


def card_rewrite_json(view: Any) -> dict[str, Any]:
    return {
        "serial": view.image.serial,
        "customer_no": view.image.customer_no,
        "rewritten": list(view.completed),
        "purchase_count": view.image.purchase_count,
        "check": view.check.code,
        "message": view.check.message,
    }


def card_replace_json(r: Any) -> dict[str, Any]:
    return {
        "receipt_no": r.receipt_no,
        "serial": r.new_serial,
        "retired": list(r.retired),
        "fee": format_fen(r.fee_fen),
        "tendered": format_fen(r.tendered_fen),
        "change": format_fen(r.change_fen),
        "purchase_count": r.purchase_count,
        "purchase": format_fen(r.purchase_fen),
        "card_state": r.card_state,
        "card_message": r.card_message,
        "entry_id": r.entry.entry_id,
        "entry_hash": r.entry.hash,
    }


def collection_line_json(line: CollectionLine) -> dict[str, object]:
    m, p = line.month, line.previous
    return {
        "key": line.key,
        "label": line.label,
        "clerk_id": line.clerk_id,
        "areas": list(line.areas),
        "collected": format_fen(m.collected_fen),
        "payments": m.payments,
        "recovered": format_fen(m.recovered_fen),
        "arrears_customers": line.customers_in_arrears,
        "arrears": format_fen(line.arrears_fen),
        "recovery_rate": line.recovery_text,
        "waivers": m.waivers,
        "waived": format_fen(m.waived_fen),
        "previous": {
            "collected": format_fen(p.collected_fen),
            "payments": p.payments,
            "recovered": format_fen(p.recovered_fen),
            "waivers": p.waivers,
            "waived": format_fen(p.waived_fen),
        },
        "collected_change": format_fen(line.change_fen),
    }


def collection_json(r: CollectionReport) -> dict[str, object]:
    return {
        "month": r.month,
        "previous_month": r.previous_month,
        "business_day": r.business_day,
        "by_clerk": [collection_line_json(x) for x in r.by_clerk],
        "by_area": [collection_line_json(x) for x in r.by_area],
        "total": collection_line_json(r.total),
    }
