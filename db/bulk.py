"""Bulk loading of master data (demo, import, pull pages) through the raw sqlite3 cursor.

executemany on the driver is an order of magnitude faster than row-by-row ORM inserts; the
search index is rebuilt once at the end instead of row by row through triggers.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from sqlalchemy import Connection

from app.demo_data import BILL_COLUMNS, CUSTOMER_COLUMNS
from app.progress import Progress, no_progress
from db.search import name_bigrams

# Row-by-row index maintenance that a bulk load does once at the end instead: the search index
# (rebuilt) and the arrears summary (aggregated over the loaded customers' bills in one statement;
# at 1M customers × 12 months the per-bill trigger doubled the load time).
_BULK_TRIGGERS = ("customers_fts_ai", "customers_fts_ad", "customers_fts_au", "arrears_bill_ai")
_ARREARS_OF_LOADED = (
    "INSERT INTO arrears (customer_no, owed_fen, bills, oldest_due, category, area, ho_grade, grade) "
    "SELECT b.customer_no, SUM(b.amount_fen - b.principal_paid_fen), COUNT(*), MIN(b.due_date), "
    "cu.category, cu.area, cu.risk_grade, '' FROM temp.bulk_loaded l "
    "JOIN bills b ON b.customer_no = l.customer_no JOIN customers cu ON cu.customer_no = l.customer_no "
    "WHERE b.principal_paid_fen < b.amount_fen GROUP BY b.customer_no"
)


def load_customers_and_bills(
    conn: Connection,
    rows: Iterable[tuple[tuple, list[tuple]]],
    batch: int = 20000,
    progress: Progress = no_progress,
    total: int | None = None,
) -> int:
    """Insert new customers with their bills inside the caller's transaction. Returns the count.
    progress: customers loaded so far after each batch (the index rebuild at the end is one step more)."""
    raw = conn.connection.driver_connection
    assert raw is not None
    trigger_sql = [
        r[0]
        for r in raw.execute(
            f"SELECT sql FROM sqlite_master WHERE type='trigger' AND name IN ({','.join('?' * len(_BULK_TRIGGERS))})",
            _BULK_TRIGGERS,
        )
    ]
    has_arrears = any("arrears_bill_ai" in sql for sql in trigger_sql)
    for name in _BULK_TRIGGERS:
        raw.execute(f"DROP TRIGGER IF EXISTS {name}")
    raw.execute("CREATE TEMP TABLE IF NOT EXISTS bulk_loaded (customer_no TEXT PRIMARY KEY)")
    raw.execute("DELETE FROM temp.bulk_loaded")
    customer_sql = (
        f"INSERT INTO customers ({','.join(CUSTOMER_COLUMNS)}) "
        f"VALUES ({','.join('?' * len(CUSTOMER_COLUMNS))})"
    )
    bill_sql = f"INSERT INTO bills ({','.join(BILL_COLUMNS)}) VALUES ({','.join('?' * len(BILL_COLUMNS))})"
    count = 0
    iterator = iter(rows)
    while True:
        chunk = list(itertools.islice(iterator, batch))
        if not chunk:
            break
        raw.executemany(customer_sql, [c for c, _ in chunk])
        raw.executemany(bill_sql, [b for _, bills in chunk for b in bills])
        raw.executemany(
            "INSERT INTO customer_name2 (grams, customer_no) VALUES (?, ?)",
            [(name_bigrams(c[1]), c[0]) for c, _ in chunk],
        )
        raw.executemany("INSERT INTO temp.bulk_loaded (customer_no) VALUES (?)", [(c[0],) for c, _ in chunk])
        count += len(chunk)
        progress(count, total)
    raw.execute("INSERT INTO customer_fts(customer_fts) VALUES ('rebuild')")
    if has_arrears:
        raw.execute(_ARREARS_OF_LOADED)
    raw.execute("DROP TABLE temp.bulk_loaded")
    for sql in trigger_sql:
        raw.execute(sql)
    return count
