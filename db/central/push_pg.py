"""A push's reads on PostgreSQL in one round trip (issue 29).

A 500-entry push spent more time waiting on round trips than PostgreSQL spent appending: the terminal's key
history, head office's published key, the stored tail of its chain and the staging table's preparation were
four statements after the terminal's lock. They are one here (the simple query protocol takes several
statements; the values are quoted by psycopg), read after the lock, so they see every push of this terminal
that committed before it, as the separate statements did. The embedded SQLite ledger keeps the plain
statements (db/central/push.py).
"""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

from psycopg import sql
from sqlalchemy import Connection

from db.central.pull import HQ_PUBLIC
from db.central.push_checks import TAIL_CHECK
from db.central.stage import prepare_stage

_TAIL_COLS = (
    "entry_id",
    "terminal_id",
    "seq",
    "kind",
    "created_at",
    "clerk_id",
    "payload",
    "prev_hash",
    "hash",
)


def read_state(
    conn: Connection, terminal_id: str, ack_seq: int, tail: bool, stage: bool
) -> tuple[list[Any], str, list[Any]]:
    """(key states, head office's published key, the stored tail's rows when `tail`) of a locked terminal,
    preparing the staging table first when `stage`. Rows are objects with the columns' names."""
    raw = conn.connection.driver_connection
    assert raw is not None
    cols = sql.SQL(", ").join(sql.Identifier(c) for c in (*_TAIL_COLS, "signature"))
    query = sql.SQL(
        "SELECT (SELECT coalesce(json_agg(json_build_array(public_key, state, from_seq)), '[]') "
        "        FROM terminal_keys WHERE terminal_id = {t}), "
        "       (SELECT value FROM central_meta WHERE key = {hq}), "
        "       (SELECT coalesce(json_agg(json_build_array({cols}) ORDER BY seq), '[]') FROM central_journal "
        "        WHERE terminal_id = {t} AND seq > {lo} AND seq <= {hi})"
    ).format(
        t=sql.Literal(terminal_id),
        hq=sql.Literal(HQ_PUBLIC),
        cols=cols,
        lo=sql.Literal(ack_seq - TAIL_CHECK if tail else 0),
        hi=sql.Literal(ack_seq if tail else 0),
    )
    found: Any = None
    with raw.cursor() as cur:
        statements = [*prepare_stage(), query] if stage else [query]
        cur.execute(sql.SQL("; ").join(statements).as_string(raw))
        while True:  # the staging statements return no rows; the last one returns the state
            if cur.description is not None:
                found = cur.fetchone()
            if not cur.nextset():
                break
    assert found is not None
    keys, hq_key, rows = found
    return _states(keys), str(hq_key or ""), _rows(rows)


def _states(keys: Any) -> list[Any]:
    data = json.loads(keys) if isinstance(keys, str) else keys
    return [SimpleNamespace(public_key=k, state=s, from_seq=int(f)) for k, s, f in data]


def _rows(rows: Any) -> list[Any]:
    data = json.loads(rows) if isinstance(rows, str) else rows
    names = (*_TAIL_COLS, "signature")
    return [SimpleNamespace(**dict(zip(names, r, strict=True))) for r in data]
