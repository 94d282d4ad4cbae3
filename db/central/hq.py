"""Head office's own chain in the central journal (terminal id HQ): the records the central ledger makes by
itself (prepaid offsets of bills it issues or of balances a push credited, adjustments when billing corrects
an issued bill). Append-only and hash-chained like a counter's journal. HQ is no counter: it has no row in
`terminals` and never pushes."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, select, text

from app.journal import GENESIS_HASH, Entry, new_entry
from db.central.sql import is_pg
from db.central_schema import central_journal

HQ = "HQ"


def hq_head(conn: Connection) -> tuple[int, str]:
    """The HQ chain's last seq and hash; on PostgreSQL also the lock that keeps it one chain (no gaps,
    no forks) until the caller's transaction ends."""
    if is_pg(conn):
        conn.execute(text("SELECT pg_advisory_xact_lock(72010018)"))
    c = central_journal.c
    row = conn.execute(select(c.seq, c.hash).where(c.terminal_id == HQ).order_by(c.seq.desc()).limit(1)).first()
    return (int(row.seq), row.hash) if row else (0, GENESIS_HASH)


def append_hq(conn: Connection, kind: str, payload: dict[str, Any], now: str) -> Entry:
    """One record at the end of the HQ chain, inside the caller's transaction."""
    seq, prev = hq_head(conn)
    e = new_entry(terminal_id=HQ, seq=seq + 1, kind=kind, created_at=now, clerk_id=HQ, payload=payload,
                  prev_hash=prev)
    conn.execute(central_journal.insert().values(
        entry_id=e.entry_id, terminal_id=HQ, seq=e.seq, kind=e.kind, created_at=e.created_at, clerk_id=HQ,
        payload=json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False),
        prev_hash=e.prev_hash, hash=e.hash, received_at=now, signature=None))
    return e
