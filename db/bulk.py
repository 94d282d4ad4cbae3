"""Bulk loading of master data (demo, import, pull pages) through the raw sqlite3 cursor.

executemany on the driver is an order of magnitude faster than row-by-row ORM inserts; the
search index is rebuilt once at the end instead of row by row through triggers.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from sqlalchemy import Connection

from app.demo_data import BILL_COLUMNS, CUSTOMER_COLUMNS
from db.search import name_bigrams

_FTS_TRIGGERS = ("customers_fts_ai", "customers_fts_ad", "customers_fts_au")


def load_customers_and_bills(conn: Connection, rows: Iterable[tuple[tuple, list[tuple]]], batch: int = 20000) -> int:
    """Insert new customers with their bills inside the caller's transaction. Returns the count."""
    raw = conn.connection.driver_connection
    assert raw is not None
    trigger_sql = [
        r[0] for r in raw.execute(
            "SELECT sql FROM sqlite_master WHERE type='trigger' AND name IN (?,?,?)", _FTS_TRIGGERS
        )
    ]
    for name in _FTS_TRIGGERS:
        raw.execute(f"DROP TRIGGER IF EXISTS {name}")
    customer_sql = (f"INSERT INTO customers ({','.join(CUSTOMER_COLUMNS)}) "
                    f"VALUES ({','.join('?' * len(CUSTOMER_COLUMNS))})")
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
        count += len(chunk)
    raw.execute("INSERT INTO customer_fts(customer_fts) VALUES ('rebuild')")
    for sql in trigger_sql:
        raw.execute(sql)
    return count
