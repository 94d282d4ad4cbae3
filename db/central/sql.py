"""Small SQL helpers the central ledger's push, projection and store share (portable to PostgreSQL and
SQLite): one module below them all, so none of them imports another for these."""

from __future__ import annotations

import datetime as dt
import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, any_, bindparam, func, select, text
from sqlalchemy.dialects import postgresql, sqlite

from app.ids import CustomerNo
from app.journal import Entry
from app.model import Bill
from db.central_schema import PULLED_TABLES


def is_pg(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def in_values(conn: Connection, column: Any, values: list[Any]) -> Any:
    """column IN values; on PostgreSQL one array parameter (`= ANY`), not one parameter per value."""
    if is_pg(conn):
        return column == any_(bindparam(None, list(values), type_=postgresql.ARRAY(column.type)))
    return column.in_(values)


def insert_ignore(conn: Connection, table: Any, rows: list[dict[str, Any]], keys: list[str]) -> None:
    """INSERT … ON CONFLICT DO NOTHING on PostgreSQL and SQLite alike."""
    if not rows:
        return
    dialect = postgresql if is_pg(conn) else sqlite
    conn.execute(dialect.insert(table).on_conflict_do_nothing(index_elements=keys), rows)


def next_txn(conn: Connection) -> int:
    """The pull cursor value of this transaction (see db/central_schema.py)."""
    if is_pg(conn):
        return int(conn.execute(text("SELECT pg_current_xact_id()::text::bigint")).scalar_one())
    return 1 + max(
        int(conn.execute(select(func.coalesce(func.max(t.c.txn), 0))).scalar_one()) for t in PULLED_TABLES
    )


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while a fold holds a batch of entries (db/central/projector.py) or a
    page of the recompute's stream: each of its passes walks every container still alive, and a batch of
    20,000 entries keeps about a million of them alive, so the collector cost a third of the projector's
    time (bench/projector_bench.py: 12,000-18,000 entries/s with it, 21,000 without). Nothing is lost:
    reference counting frees the batch as before, and a cycle made meanwhile is collected after it."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def entry_of(r: Any, payload: dict[str, Any] | None = None) -> Entry:
    """A central_journal row as the Entry it stores (its payload parsed, unless the query gave it already)."""
    return Entry(
        r.entry_id,
        r.terminal_id,
        int(r.seq),
        r.kind,
        r.created_at,
        r.clerk_id,
        json.loads(r.payload) if payload is None else payload,
        r.prev_hash,
        r.hash,
        r.signature or "",
    )


def bill_of(r: Any) -> Bill:
    """A central_bills row as the domain's Bill (what a payment, an offset or an adjustment works on)."""
    return Bill(
        r.bill_id,
        CustomerNo(r.customer_no),
        r.period,
        int(r.kwh),
        int(r.amount_fen),
        dt.date.fromisoformat(r.due_date),
        int(r.principal_paid_fen),
        int(r.fee_carried_fen),
        dt.date.fromisoformat(r.fee_accrued_through) if r.fee_accrued_through else None,
    )
