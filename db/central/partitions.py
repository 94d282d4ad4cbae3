"""The central journal by month (PostgreSQL declarative partitioning, migration c0011).

Every central journal row carries `day`: the business day it belongs to, the entry's own `business_day`
when its payload names one (payments, shifts, card purchases: the shift's day), else the Asia/Shanghai
date of its `created_at`. It is storage only (not hashed, not part of the entry). On PostgreSQL the table
is partitioned by RANGE (day), one partition per calendar month (`central_journal_y2026m11`), so a
query for one day (`day = '2026-11-23'`) reads one partition, and a year of history is twelve tables
whose indexes stay the size of a month. The embedded SQLite ledger keeps one table with the same column.

A row can only go into a month whose partition exists. Partitions are created ahead (this month and
the next AHEAD months, when a ledger opens and by the migration), and on demand before a push that
brings a month without one (a terminal whose backlog reaches into an old month): in its own short
transaction before the push's, because creating a partition locks the parent table, and a push holds
its transaction for the whole batch.

Creation is serialised across every process by a transaction-scoped advisory lock: `CREATE TABLE IF NOT
EXISTS` alone is not race-free (two sessions both pass the check before either commits, and the second fails
with DuplicateTable, SQLSTATE 42P07: at the first syncs of every month, or when two counters push a backlog
from a month without a partition). Under the lock the existence check runs after the previous creator
committed, so it sees that creator's table.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, Engine, text

from app.clock import SHANGHAI

AHEAD = 3  # months created beyond the current one
# pg_advisory_xact_lock key of the month creators (the migrations' lock is 72010005)
PARTITION_LOCK = 72010011
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def journal_day(created_at: str, payload: Mapping[str, Any]) -> str:
    """The business day a journal row is filed under (see the module's docstring)."""
    day = payload.get("business_day")
    if isinstance(day, str) and _DAY.match(day):
        return day
    try:
        at = dt.datetime.fromisoformat(created_at)
    except ValueError:
        return created_at[:10]
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone(SHANGHAI).date().isoformat()


def shift_of(payload: Mapping[str, Any]) -> str | None:
    """The shift a journal row belongs to (central_journal.shift_id, indexed for the hall day report):
    the payload's shift_id when it is a string, as app/services/shift_figures.py matches it."""
    sid = payload.get("shift_id")
    return sid if isinstance(sid, str) else None


def month_of(day: str) -> str:
    return day[:7]


def partition_name(month: str) -> str:
    return f"central_journal_y{month[:4]}m{month[5:7]}"


def _next_month(month: str) -> str:
    y, m = int(month[:4]), int(month[5:7])
    return f"{y + m // 12:04d}-{m % 12 + 1:02d}"


def months_ahead(today: dt.date, ahead: int = AHEAD) -> list[str]:
    out = [today.isoformat()[:7]]
    for _ in range(ahead):
        out.append(_next_month(out[-1]))
    return out


def create_partitions(conn: Connection, months: Iterable[str]) -> None:
    """CREATE TABLE IF NOT EXISTS … PARTITION OF for each month (PostgreSQL), in the caller's transaction,
    under the creators' advisory lock (held until that transaction ends: see the module's docstring)."""
    wanted = sorted(set(months))
    for month in wanted:
        if not re.match(r"^\d{4}-\d{2}$", month):
            raise ValueError(f"not a month: {month!r}")
    if not wanted:
        return
    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PARTITION_LOCK})
    for month in wanted:
        conn.execute(
            text(
                f"CREATE TABLE IF NOT EXISTS {partition_name(month)} PARTITION OF central_journal "
                f"FOR VALUES FROM ('{month}-01') TO ('{_next_month(month)}-01')"
            )
        )


class MonthPartitions:
    """The months this process knows to have a partition: one catalog read per ledger, then a set lookup
    per push; a month not in it is created (under the lock, IF NOT EXISTS: another process may have made it
    meanwhile)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.known: set[str] | None = None
        self.lock = threading.Lock()

    def _read(self, conn: Connection) -> set[str]:
        names = conn.execute(
            text(
                "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                "WHERE i.inhparent = 'central_journal'::regclass"
            )
        ).scalars()
        return {f"{n[17:21]}-{n[22:24]}" for n in names if re.match(r"^central_journal_y\d{4}m\d{2}$", n)}

    def ensure(self, months: Iterable[str]) -> None:
        wanted = set(months)
        with self.lock:
            if self.known is not None and wanted <= self.known:
                return
            with self.engine.begin() as conn:
                known = self.known if self.known is not None else self._read(conn)
                missing = wanted - known
                if missing:
                    create_partitions(conn, missing)
            self.known = known | missing
