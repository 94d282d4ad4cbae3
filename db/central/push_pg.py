"""A push's lock and reads on PostgreSQL in one round trip (issue 29).

A 500-entry push spent more time waiting on round trips than PostgreSQL spent appending. Here the terminal's
lock (SELECT … FOR UPDATE) and what the checks read after it (the key history, head office's published key,
the stored tail of the chain, which of the batch's entry ids are stored already) go as one query of several
statements (the simple query protocol; values quoted by psycopg). Under READ COMMITTED each statement takes
its own snapshot when it starts, and the server starts the reads only once the lock is granted, so they see
every push of this terminal that committed before it, as separate statements did; the tail is chosen by the
acknowledgement the locked row holds, in SQL. The embedded SQLite ledger keeps plain statements (push.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from psycopg import sql
from sqlalchemy import Connection

from app.pulled import ENTRY_FIELDS
from db.central.pull import HQ_PUBLIC
from db.central.push_checks import TAIL_CHECK

_TAIL_COLS = (*ENTRY_FIELDS, "signature")  # an entry as the chain checks read it back


@dataclass(frozen=True)
class PgState:
    ack_seq: int
    ack_hash: str
    public_key: str | None
    hall_id: str | None
    cert: str | None
    states: list[Any]  # terminal_keys rows: public_key, state, from_seq
    hq_key: str
    tail: list[Any]  # the last TAIL_CHECK stored rows up to the acknowledgement, in seq order
    stored_ids: frozenset[str]  # of the entry ids asked about, those central_journal holds


def lock_and_read(conn: Connection, terminal_id: str, entry_ids: Sequence[str]) -> PgState | None:
    """Lock the terminal's row and read the push's state; None when head office has no row for it yet."""
    raw = conn.connection.driver_connection
    assert raw is not None
    t = sql.Literal(terminal_id)
    ack = sql.SQL("(SELECT ack_seq FROM terminals WHERE terminal_id = {t})").format(t=t)
    cols = sql.SQL(", ").join(sql.Identifier(c) for c in _TAIL_COLS)
    ids = sql.Literal(list(entry_ids))
    lock = sql.SQL(
        "SELECT ack_seq, ack_hash, public_key, hall_id, cert FROM terminals WHERE terminal_id = {t} FOR UPDATE"
    ).format(t=t)
    reads = sql.SQL(
        "SELECT (SELECT coalesce(json_agg(json_build_array(public_key, state, from_seq)), '[]') "
        "        FROM terminal_keys WHERE terminal_id = {t}), "
        "       (SELECT value FROM central_meta WHERE key = {hq}), "
        "       (SELECT coalesce(json_agg(json_build_array({cols}) ORDER BY seq), '[]') FROM central_journal "
        "        WHERE terminal_id = {t} AND seq > {ack} - {n} AND seq <= {ack}), "
        "       (SELECT coalesce(array_agg(entry_id), '{{}}') FROM central_journal "
        "        WHERE entry_id = ANY({ids}::text[]))"
    ).format(t=t, hq=sql.Literal(HQ_PUBLIC), cols=cols, ack=ack, n=sql.Literal(TAIL_CHECK), ids=ids)
    results: list[Any] = []
    with raw.cursor() as cur:
        cur.execute(sql.SQL("{}; {}").format(lock, reads).as_string(raw))
        while True:
            results.append(cur.fetchone())
            if not cur.nextset():
                break
    locked, found = results
    if locked is None:
        return None
    keys, hq_key, tail, stored = found
    return PgState(
        int(locked[0]),
        locked[1],
        locked[2],
        locked[3],
        locked[4],
        [SimpleNamespace(public_key=k, state=s, from_seq=int(f)) for k, s, f in keys],
        str(hq_key or ""),
        [SimpleNamespace(**dict(zip(_TAIL_COLS, r, strict=True))) for r in tail],
        frozenset(stored),
    )
