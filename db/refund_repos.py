"""SQLite implementation of app.store.RefundRepo (the refunds owed table, l0010), and the pull's side: head
office's refund orders applied to it (db/local_sync.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, select, text, update

from app.store import OwedRefund
from db.local_schema import refunds_owed


def _refund(row: Any) -> OwedRefund:
    return OwedRefund(**{k: getattr(row, k) for k in OwedRefund.__dataclass_fields__})


class SqlRefunds:
    def __init__(self, conn: Connection) -> None:
        self._c = conn

    def owed_to(self, customer_no: str) -> list[OwedRefund]:
        r = refunds_owed.c
        rows = self._c.execute(
            select(refunds_owed)
            .where(r.customer_no == customer_no, r.paid_seq.is_(None), r.central_status == "ordered")
            .order_by(r.ordered_at, r.refund_id)
        )
        return [_refund(row) for row in rows]

    def get(self, refund_id: str) -> OwedRefund | None:
        row = self._c.execute(select(refunds_owed).where(refunds_owed.c.refund_id == refund_id)).first()
        return _refund(row) if row is not None else None

    def mark_paid(self, refund_id: str, paid_seq: int) -> None:
        r = refunds_owed.c
        done = self._c.execute(
            update(refunds_owed)
            .where(r.refund_id == refund_id, r.paid_seq.is_(None))
            .values(paid_seq=paid_seq)
        )
        if done.rowcount != 1:
            raise ValueError(f"refund {refund_id} is not owed here")


def apply_pulled_refunds(conn: Connection, rows: Iterable[Mapping[str, Any]], known: set[str]) -> int:
    """Head office's refund orders for this counter's customers: a new one is owed; head office's status
    follows (paid: paid out at another counter, or here and acknowledged); what this counter paid stays
    paid (paid_seq is never touched by a pull). Rows of customers this counter does not hold are skipped."""
    values = [
        {
            "id": str(r["refund_id"]),
            "cno": str(r["customer_no"]),
            "amount": int(r["amount_fen"]),
            "case": str(r["case_id"]),
            "order": str(r["order_entry_id"]),
            "at": str(r["ordered_at"]),
            "status": "paid" if r.get("status") == "paid" else "ordered",
        }
        for r in rows
        if str(r["customer_no"]) in known
    ]
    if values:
        conn.execute(
            text(
                "INSERT INTO refunds_owed (refund_id, customer_no, amount_fen, case_id, order_entry_id, ordered_at, "
                "central_status) VALUES (:id, :cno, :amount, :case, :order, :at, :status) "
                "ON CONFLICT(refund_id) DO UPDATE SET central_status = :status"
            ),
            values,
        )
    return len(values)
