"""A pushed batch into central_journal on PostgreSQL: COPY into a per-connection staging table, then one
INSERT … SELECT … ON CONFLICT DO NOTHING.

Why: the row-by-row INSERT (even pipelined) paid one parse/bind/execute per entry; COPY sends the batch
as one stream and the INSERT … SELECT moves it in one statement. The same statement finds an entry id
already stored under another (terminal, seq) (a UUID clash: an alarm, never a second row) and takes only
the entries before the first clash, so the clash check costs no separate round trip.

The staging table is a temporary table (ON COMMIT DELETE ROWS), created once per pooled connection.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from psycopg import sql
from sqlalchemy import Connection

JOURNAL_COLS = (
    "entry_id",
    "terminal_id",
    "seq",
    "kind",
    "created_at",
    "clerk_id",
    "payload",
    "prev_hash",
    "hash",
    "received_at",
    "signature",
    "day",
    "shift_id",
)
_STAGE = "central_push_stage"


class ConcurrentClash(RuntimeError):
    """Another transaction stored one of these entry ids between the check and the insert: the whole push
    rolls back and the terminal's next attempt sees the clash as an alarm."""


@dataclass(frozen=True)
class Acked:
    """The writes that follow an append, made by the same statement (issue 29: one round trip, not four):
    the central_appended row naming what went in, the terminal's acknowledgement, and the head it reports."""

    terminal_id: str
    now: str
    head_seq: int | None


def prepare_stage() -> list[sql.Composable]:
    """The staging table, made once per connection, emptied (ON COMMIT clears it only at a transaction's end):
    statements to run before COPY, in one round trip with the push's reads (db/central/push_pg.py)."""
    return [
        sql.SQL(
            f"CREATE TEMP TABLE IF NOT EXISTS {_STAGE} (LIKE central_journal INCLUDING DEFAULTS) "
            "ON COMMIT DELETE ROWS"
        ),
        sql.SQL(f"DELETE FROM {_STAGE}"),
    ]


def stage_and_insert(
    conn: Connection, rows: Sequence[Sequence[Any]], acked: Acked | None = None, prepared: bool = False
) -> int | None:
    """COPY rows (JOURNAL_COLS order, one terminal, ascending seq) and insert them; with `acked`, the same
    statement appends the central_appended row, moves the acknowledgement to the last row inserted and records
    the reported head. `prepared`: the staging table was made ready in this transaction (prepare_stage).

    Returns None when every row went in, else the seq of the first row whose entry id is already stored
    (the rows from it on are not inserted)."""
    raw = conn.connection.driver_connection
    assert raw is not None
    cols = ", ".join(JOURNAL_COLS)
    with raw.cursor() as cur:
        if not prepared:  # one round trip (no parameters: the simple protocol takes both)
            cur.execute(sql.SQL("; ").join(prepare_stage()).as_string(raw))
        with cur.copy(f"COPY {_STAGE} ({cols}) FROM STDIN") as copy:
            for r in rows:
                copy.write_row(r)
        writes, params = "", {}
        if acked is not None:
            params = {"t": acked.terminal_id, "now": acked.now, "head": acked.head_seq}
            head = (
                ", reported_head = %(head)s, head_reported_at = %(now)s" if acked.head_seq is not None else ""
            )
            writes = (
                "top AS (SELECT seq, hash FROM ins ORDER BY seq DESC LIMIT 1), "
                "app AS (INSERT INTO central_appended (terminal_id, from_seq, to_seq) "
                "        SELECT %(t)s, (SELECT min(seq) FROM ins), top.seq FROM top), "
                "ack AS (UPDATE terminals SET ack_seq = top.seq, ack_hash = top.hash, last_push_at = %(now)s"
                f"       {head} FROM top WHERE terminals.terminal_id = %(t)s), "
            )
        cur.execute(
            f"WITH clash AS (SELECT min(s.seq) AS seq FROM {_STAGE} s "
            f"               WHERE EXISTS (SELECT 1 FROM central_journal j WHERE j.entry_id = s.entry_id)), "
            f"ins AS (INSERT INTO central_journal ({cols}) SELECT {', '.join('s.' + c for c in JOURNAL_COLS)} "
            f"        FROM {_STAGE} s, clash WHERE clash.seq IS NULL OR s.seq < clash.seq "
            f"        ON CONFLICT DO NOTHING RETURNING seq, hash), "
            f"{writes}"
            f"counted AS (SELECT count(*) AS n FROM ins) "
            f"SELECT (SELECT seq FROM clash), (SELECT n FROM counted), "
            f"       (SELECT count(*) FROM {_STAGE} s, clash WHERE clash.seq IS NULL OR s.seq < clash.seq)",
            params or None,
        )
        found = cur.fetchone()
    assert found is not None
    clash, inserted, wanted = found
    if inserted != wanted:
        raise ConcurrentClash("entry ids stored by a concurrent push")
    return None if clash is None else int(clash)
