"""The driver connection under a unit of work, for the hot paths.

sqlite3 keeps these statements prepared; SQLAlchemy's per-execute overhead was five times the raw
statements' cost on the payment path (bench). They run inside the unit of work's transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection


def raw(conn: Connection) -> sqlite3.Connection:
    driver = conn.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return driver


def raw_rows(conn: Connection, sql: str, params: dict[str, Any] | None = None) -> list[SimpleNamespace]:
    """The payment path's reads through the driver, inside the unit of work's transaction."""
    cur = raw(conn).execute(sql, params or {})
    cols = [d[0] for d in cur.description]
    return [SimpleNamespace(**dict(zip(cols, r))) for r in cur.fetchall()]


def insert_sql(table: str, columns: Iterable[str]) -> str:
    cols = list(columns)
    return f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join(':' + c for c in cols)})"
