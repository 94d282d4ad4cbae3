"""SQLite side of arrears, risk grades, stop-power notices, the blacklist and collection areas.

The arrears list reads the `arrears` table that triggers keep in step with bills (migration l0005),
so filtering a million customers never aggregates the twelve million bills; only the page shown
joins the customers table. bench/arrears.py measures that filter on a big data directory.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from sqlalchemy import Connection, text

from app.risk import OPEN_NOTICE_STATES, ArrearsFilter, ArrearsRow, ArrearsTotals, Notice
from db.raw_sql import raw_rows

_SORT_SQL = {
    "owed_desc": "a.owed_fen DESC, a.customer_no",
    "age_desc": "a.oldest_due ASC, a.owed_fen DESC",
    "customer_no": "a.customer_no",
}
_OPEN = "('" + "','".join(OPEN_NOTICE_STATES) + "')"
_NOTICE_COLUMNS = [
    "notice_id",
    "customer_no",
    "state",
    "reason",
    "owed_fen",
    "important",
    "proposed_at",
    "proposed_by",
    "approved_at",
    "approved_by",
    "served_on",
    "served_method",
    "pay_by",
    "stop_from",
    "reminded_at",
    "closed_at",
    "close_reason",
]


def _where(f: ArrearsFilter, today: dt.date) -> tuple[str, dict[str, Any]]:
    clauses = ["a.oldest_due < :today"]
    params: dict[str, Any] = {"today": today.isoformat()}
    if f.min_days > 0:
        clauses.append("a.oldest_due <= :oldest_max")
        params["oldest_max"] = (today - dt.timedelta(days=f.min_days)).isoformat()
    if f.max_days is not None:
        clauses.append("a.oldest_due >= :oldest_min")
        params["oldest_min"] = (today - dt.timedelta(days=f.max_days)).isoformat()
    if f.grade:
        clauses.append("(CASE WHEN a.grade != '' THEN a.grade ELSE a.ho_grade END) = :grade")
        params["grade"] = f.grade
    if f.category:
        clauses.append("a.category = :category")
        params["category"] = f.category
    if f.area:
        clauses.append("a.area = :area")
        params["area"] = f.area
    if f.clerk_id:
        clauses.append("a.area IN (SELECT area FROM collection_areas WHERE clerk_id = :clerk)")
        params["clerk"] = f.clerk_id
    if f.min_fen > 0:
        clauses.append("a.owed_fen >= :min_fen")
        params["min_fen"] = f.min_fen
    if f.max_fen is not None:
        clauses.append("a.owed_fen <= :max_fen")
        params["max_fen"] = f.max_fen
    if f.notice_state == "none":
        clauses.append(
            f"NOT EXISTS (SELECT 1 FROM notices n WHERE n.customer_no = a.customer_no AND n.state IN {_OPEN})"
        )
    elif f.notice_state:
        clauses.append(
            "EXISTS (SELECT 1 FROM notices n WHERE n.customer_no = a.customer_no AND n.state = :ns)"
        )
        params["ns"] = f.notice_state
    return " AND ".join(clauses), params


def _notice(row: Any) -> Notice:
    data = dict(row._mapping) if hasattr(row, "_mapping") else vars(row).copy()
    data["important"] = bool(data["important"])
    return Notice(**data)


class SqlRisk:
    def __init__(self, conn: Connection) -> None:
        self._c = conn

    # -------------------------------------------------------------------------- arrears list
    def arrears_page(self, f: ArrearsFilter, today: dt.date) -> list[ArrearsRow]:
        where, params = _where(f, today)
        sql = (
            "SELECT a.customer_no, c.name, c.address, c.phone, a.category, a.area, c.important, a.owed_fen, "
            "a.bills, a.oldest_due, a.grade, a.ho_grade, "
            f"(SELECT n.state FROM notices n WHERE n.customer_no = a.customer_no AND n.state IN {_OPEN} "
            " ORDER BY n.proposed_at DESC LIMIT 1) AS notice_state "
            f"FROM (SELECT * FROM arrears a WHERE {where} ORDER BY {_SORT_SQL.get(f.sort, _SORT_SQL['owed_desc'])} "
            "LIMIT :limit OFFSET :offset) a JOIN customers c ON c.customer_no = a.customer_no "
            f"ORDER BY {_SORT_SQL.get(f.sort, _SORT_SQL['owed_desc'])}"
        )
        rows = self._c.execute(text(sql), {**params, "limit": f.limit, "offset": f.offset}).all()
        return [
            ArrearsRow(
                customer_no=r.customer_no,
                name=r.name,
                address=r.address,
                phone=r.phone,
                category=r.category,
                area=r.area,
                important=bool(r.important),
                owed_fen=r.owed_fen,
                bills=r.bills,
                oldest_due=r.oldest_due,
                days_overdue=(today - dt.date.fromisoformat(r.oldest_due)).days,
                grade=r.grade or r.ho_grade,
                ho_grade=r.ho_grade,
                notice_state=r.notice_state or "",
            )
            for r in rows
        ]

    def arrears_totals(self, f: ArrearsFilter, today: dt.date) -> ArrearsTotals:
        where, params = _where(f, today)
        edges = [(today - dt.timedelta(days=d)).isoformat() for d in (30, 60, 90)]
        params.update({"e30": edges[0], "e60": edges[1], "e90": edges[2]})
        row = self._c.execute(
            text(
                "SELECT COUNT(*) n, COALESCE(SUM(owed_fen), 0) s, "
                "SUM(oldest_due >= :e30) n0, SUM(oldest_due < :e30 AND oldest_due >= :e60) n1, "
                "SUM(oldest_due < :e60 AND oldest_due >= :e90) n2, SUM(oldest_due < :e90) n3, "
                "SUM(CASE WHEN oldest_due >= :e30 THEN owed_fen ELSE 0 END) s0, "
                "SUM(CASE WHEN oldest_due < :e30 AND oldest_due >= :e60 THEN owed_fen ELSE 0 END) s1, "
                "SUM(CASE WHEN oldest_due < :e60 AND oldest_due >= :e90 THEN owed_fen ELSE 0 END) s2, "
                "SUM(CASE WHEN oldest_due < :e90 THEN owed_fen ELSE 0 END) s3 "
                f"FROM arrears a WHERE {where}"
            ),
            params,
        ).one()
        return ArrearsTotals(
            customers=row.n,
            owed_fen=row.s,
            bucket_customers=(row.n0 or 0, row.n1 or 0, row.n2 or 0, row.n3 or 0),
            bucket_fen=(row.s0 or 0, row.s1 or 0, row.s2 or 0, row.s3 or 0),
        )

    def areas(self) -> list[str]:
        return [r[0] for r in self._c.execute(text("SELECT DISTINCT area FROM customers ORDER BY area"))]

    # -------------------------------------------------------------------------- risk facts
    def late_payments(self, customer_no: str, since_utc: str) -> int:
        """Payments of this customer since then that paid at least one bill after its due date."""
        return int(
            self._c.execute(
                text(
                    "SELECT COUNT(*) FROM receipts r JOIN journal j ON j.seq = r.entry_seq "
                    "WHERE r.customer_no = :c AND r.kind = 'payment' AND r.reversed_by_seq IS NULL "
                    "AND j.created_at >= :since AND EXISTS (SELECT 1 FROM json_each(j.payload, '$.allocations') x "
                    "WHERE json_extract(x.value, '$.days_overdue') > 0)"
                ),
                {"c": customer_no, "since": since_utc},
            ).scalar()
            or 0
        )

    def save_grade(self, customer_no: str, grade: str, reasons: Iterable[str], at: str) -> None:
        self._c.execute(
            text(
                "INSERT INTO risk_grades (customer_no, grade, reasons, computed_at) VALUES (:c, :g, :r, :t) "
                "ON CONFLICT(customer_no) DO UPDATE SET grade = excluded.grade, reasons = excluded.reasons, "
                "computed_at = excluded.computed_at"
            ),
            {"c": customer_no, "g": grade, "r": json.dumps(list(reasons), ensure_ascii=False), "t": at},
        )

    def saved_grade(self, customer_no: str) -> tuple[str, list[str], str] | None:
        row = self._c.execute(
            text("SELECT grade, reasons, computed_at FROM risk_grades WHERE customer_no = :c"),
            {"c": customer_no},
        ).first()
        return (row.grade, json.loads(row.reasons), row.computed_at) if row else None

    # -------------------------------------------------------------------------- notices
    def add_notice(self, notice: Notice) -> None:
        data = asdict(notice)
        data["important"] = int(notice.important)
        self._c.execute(
            text(
                f"INSERT INTO notices ({','.join(_NOTICE_COLUMNS)}) VALUES ({','.join(':' + c for c in _NOTICE_COLUMNS)})"
            ),
            data,
        )

    def update_notice(self, notice: Notice) -> None:
        data = asdict(notice)
        data["important"] = int(notice.important)
        sets = ", ".join(f"{c} = :{c}" for c in _NOTICE_COLUMNS if c != "notice_id")
        self._c.execute(text(f"UPDATE notices SET {sets} WHERE notice_id = :notice_id"), data)

    def get_notice(self, notice_id: str) -> Notice | None:
        row = self._c.execute(text("SELECT * FROM notices WHERE notice_id = :i"), {"i": notice_id}).first()
        return _notice(row) if row else None

    def open_notices(self, customer_no: str) -> list[Notice]:
        # on every payment (a paid-up customer's pending stop is cancelled): the driver's prepared statement
        rows = raw_rows(
            self._c,
            f"SELECT * FROM notices WHERE customer_no = :c AND state IN {_OPEN} ORDER BY proposed_at",
            {"c": customer_no},
        )
        return [_notice(r) for r in rows]

    def notices(self, state: str = "", limit: int = 500) -> list[Notice]:
        if state:
            rows = self._c.execute(
                text("SELECT * FROM notices WHERE state = :s ORDER BY proposed_at LIMIT :n"),
                {"s": state, "n": limit},
            ).all()
        else:
            rows = self._c.execute(
                text("SELECT * FROM notices ORDER BY proposed_at DESC LIMIT :n"), {"n": limit}
            ).all()
        return [_notice(r) for r in rows]

    # -------------------------------------------------------------------------- blacklist
    def import_blacklist(self, rows: list[tuple[str, str, str]], at: str) -> int:
        """(credit_code, name, quarter) rows; match non-residential customers by exact name. Returns matches."""
        self._c.execute(
            text(
                "INSERT INTO blacklist (credit_code, quarter, name, imported_at) VALUES (:c, :q, :n, :t) "
                "ON CONFLICT(credit_code, quarter) DO UPDATE SET name = excluded.name"
            ),
            [{"c": c, "n": n, "q": q, "t": at} for c, n, q in rows],
        )
        self._c.execute(text("DELETE FROM blacklist_matches"))
        self._c.execute(
            text(
                "INSERT OR REPLACE INTO blacklist_matches (customer_no, credit_code, quarter, name) "
                "SELECT c.customer_no, b.credit_code, b.quarter, b.name FROM blacklist b "
                "JOIN customers c ON c.name = b.name WHERE c.category != 'residential' ORDER BY b.quarter"
            )
        )
        return int(self._c.execute(text("SELECT COUNT(*) FROM blacklist_matches")).scalar() or 0)

    def blacklist_match(self, customer_no: str) -> tuple[str, str] | None:
        """(credit code, quarter) when the customer is on the blacklist."""
        row = self._c.execute(
            text("SELECT credit_code, quarter FROM blacklist_matches WHERE customer_no = :c"),
            {"c": customer_no},
        ).first()
        return (row.credit_code, row.quarter) if row else None

    # -------------------------------------------------------------------------- collection areas
    def set_area_clerk(self, area: str, clerk_id: str) -> None:
        self._c.execute(
            text(
                "INSERT INTO collection_areas (area, clerk_id) VALUES (:a, :c) "
                "ON CONFLICT(area) DO UPDATE SET clerk_id = excluded.clerk_id"
            ),
            {"a": area, "c": clerk_id},
        )

    def area_clerks(self) -> dict[str, str]:
        return {
            r.area: r.clerk_id for r in self._c.execute(text("SELECT area, clerk_id FROM collection_areas"))
        }

    def owed_by_area(self, today: dt.date) -> dict[str, tuple[int, int]]:
        """area -> (customers in arrears, unpaid principal) for bills past due."""
        rows = self._c.execute(
            text("SELECT area, COUNT(*) n, SUM(owed_fen) s FROM arrears WHERE oldest_due < :t GROUP BY area"),
            {"t": today.isoformat()},
        )
        return {r.area: (r.n, r.s) for r in rows}
