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
from typing import Any

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


def stage_and_insert(conn: Connection, rows: Sequence[Sequence[Any]]) -> int | None:
    """COPY rows (JOURNAL_COLS order, one terminal, ascending seq) and insert them.

    Returns None when every row went in, else the seq of the first row whose entry id is already stored
    (the rows from it on are not inserted)."""
    raw = conn.connection.driver_connection
    assert raw is not None
    cols = ", ".join(JOURNAL_COLS)
    with raw.cursor() as cur:
        # one round trip (no parameters: the simple protocol takes both); DELETE because ON COMMIT clears
        # the table only at the end of the transaction
        cur.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {_STAGE} (LIKE central_journal INCLUDING DEFAULTS) "
            f"ON COMMIT DELETE ROWS; DELETE FROM {_STAGE}"
        )
        with cur.copy(f"COPY {_STAGE} ({cols}) FROM STDIN") as copy:
            for r in rows:
                copy.write_row(r)
        cur.execute(
            f"WITH clash AS (SELECT min(s.seq) AS seq FROM {_STAGE} s "
            f"               WHERE EXISTS (SELECT 1 FROM central_journal j WHERE j.entry_id = s.entry_id)), "
            f"ins AS (INSERT INTO central_journal ({cols}) SELECT {', '.join('s.' + c for c in JOURNAL_COLS)} "
            f"        FROM {_STAGE} s, clash WHERE clash.seq IS NULL OR s.seq < clash.seq "
            f"        ON CONFLICT DO NOTHING RETURNING 1) "
            f"SELECT (SELECT seq FROM clash), (SELECT count(*) FROM ins), "
            f"       (SELECT count(*) FROM {_STAGE} s, clash WHERE clash.seq IS NULL OR s.seq < clash.seq)"
        )
        found = cur.fetchone()
    assert found is not None
    clash, inserted, wanted = found
    if inserted != wanted:
        raise ConcurrentClash("entry ids stored by a concurrent push")
    return None if clash is None else int(clash)
