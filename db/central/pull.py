"""Pull: customers, bills and policy values changed since the terminal's cursors, page by page.

All pages of one pull come from one read snapshot (REPEATABLE READ on PostgreSQL, a WAL read
transaction on SQLite), so a bill never arrives before its customer. The cursor handed back with a
page is at most the snapshot's watermark: every transaction below it had finished when the snapshot
was taken, so nothing committed late is skipped; rows at or above it may be read twice (harmless,
the local side applies them idempotently).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, or_, select, text

from app.sync import PullPage
from db.central_schema import PULLED_TABLES, central_bills, central_customers, central_policy

CUSTOMER_COLUMNS = ("customer_no", "name", "address", "phone", "category", "meter_no", "prepaid", "risk_grade",
                    "important", "area", "balance_fen")
BILL_COLUMNS = ("bill_id", "customer_no", "period", "kwh", "amount_fen", "due_date", "principal_paid_fen",
                "fee_carried_fen", "fee_accrued_through")

# Pulled in this order: policy first (rules), customers before their bills.
STREAMS: tuple[tuple[str, Any, str, tuple[str, ...]], ...] = (
    ("policy", central_policy, "key", ("key", "value")),
    ("customers", central_customers, "customer_no", CUSTOMER_COLUMNS),
    ("bills", central_bills, "bill_id", BILL_COLUMNS),
)


def watermark(conn: Connection) -> int:
    if conn.dialect.name == "postgresql":
        return int(conn.execute(text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")).scalar_one())
    return 1 + max(int(conn.execute(select(func.coalesce(func.max(t.c.txn), 0))).scalar_one())
                   for t in PULLED_TABLES)


def _read_connection(engine: Engine) -> Connection:
    conn = engine.connect()
    if engine.dialect.name == "postgresql":
        return conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
    return conn.execution_options(hallpay_write=False)


def pull_pages(engine: Engine, cursors: Mapping[str, int], page_size: int) -> Iterator[PullPage]:
    with _read_connection(engine) as conn, conn.begin():
        mark = watermark(conn)
        for name, table, key, columns in STREAMS:
            cursor = int(cursors.get(name, 0))
            if cursor >= mark:
                continue
            after: tuple[int, str] | None = None
            while True:
                stmt = select(*(table.c[c] for c in columns), table.c.txn).where(table.c.txn >= cursor)
                if after is not None:
                    stmt = stmt.where(or_(table.c.txn > after[0], and_(table.c.txn == after[0], table.c[key] > after[1])))
                rows = conn.execute(stmt.order_by(table.c.txn, table.c[key]).limit(page_size)).all()
                full = len(rows) == page_size
                page_cursor = min(mark, int(rows[-1].txn)) if full else mark
                yield PullPage(name, [{c: getattr(r, c) for c in columns} for r in rows], page_cursor)
                if not full:
                    break
                after = (int(rows[-1].txn), getattr(rows[-1], key))
