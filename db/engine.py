"""The local SQLite engine: WAL, synchronous=FULL, foreign keys, explicit BEGIN IMMEDIATE for writes.

pysqlite's own transaction handling starts transactions lazily and deferred, so two writers can
dead-lock on the upgrade to a write lock; we take the lock at BEGIN instead (SQLAlchemy's
documented recipe) and give a busy database a few seconds before we call it locked.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

from db import checkpoint

BUSY_TIMEOUT_MS = 3000


def sqlite_engine(
    path: Path,
    *,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    read_only: bool = False,
    background_checkpoints: bool = False,
) -> Engine:
    """read_only: the readers' engine, its own pool of WAL reader connections. They open with a
    deferred BEGIN (a snapshot, never the write lock) and `query_only`, so a write through one fails.

    background_checkpoints: the terminal's write engine; no commit runs SQLite's automatic checkpoint,
    a thread of its own does after the writes (db/checkpoint.py: that checkpoint was the payment's p99)."""
    # Connections move between threads through the pool (UI, printer, sync workers), one at a time.
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        if read_only:
            cursor.execute("PRAGMA query_only=ON")
        if background_checkpoints:
            cursor.execute("PRAGMA wal_autocheckpoint=0")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.connection.driver_connection.in_transaction:  # the unit of work began on the driver
            return
        write = not read_only and conn.get_execution_options().get("hallpay_write", True)
        mode = "IMMEDIATE" if write else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")

    if background_checkpoints:
        checkpoint.attach(engine, path)
    return engine
