"""A pushed batch into central_journal on PostgreSQL: COPY straight into the table, then one statement for
what follows (issue 29).

Why: the row-by-row INSERT (even pipelined) paid one parse/bind/execute per entry; COPY sends the batch as
one stream. Until issue 29 it went into a staging table and an INSERT … SELECT moved it, finding entry-id
clashes on the way: twice the writing. The clash check now runs with the push's other reads under the
terminal's lock (db/central/push_pg.py), so the batch is copied where it belongs, and the central_appended
row, the acknowledgement and the reported head are one statement after it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from psycopg.errors import UniqueViolation
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


class ConcurrentClash(RuntimeError):
    """Another transaction stored one of these entry ids between the check and the insert: the whole push
    rolls back and the terminal's next attempt sees the clash as an alarm."""


@dataclass(frozen=True)
class Acked:
    """The writes that follow an append, in one statement (issue 29: one round trip, not four): the
    central_appended row naming what went in, the terminal's acknowledgement, and the head it reports."""

    terminal_id: str
    now: str
    head_seq: int | None


def copy_and_ack(conn: Connection, rows: Sequence[Sequence[Any]], acked: Acked) -> None:
    """COPY rows (JOURNAL_COLS order, one terminal, ascending seq, none of their entry ids stored: the caller
    checked under the terminal's lock, db/central/push_pg.py) straight into central_journal, then write what
    follows the append. A concurrent push that stored one of these entry ids in the same month meanwhile
    makes the COPY fail on the key: the whole push rolls back, and the terminal's next attempt sees the clash
    as an alarm."""
    raw = conn.connection.driver_connection
    assert raw is not None
    first, last = rows[0], rows[-1]
    seq_at, hash_at = JOURNAL_COLS.index("seq"), JOURNAL_COLS.index("hash")
    head = ", reported_head = %(head)s, head_reported_at = %(now)s" if acked.head_seq is not None else ""
    with raw.cursor() as cur:
        try:
            with cur.copy(f"COPY central_journal ({', '.join(JOURNAL_COLS)}) FROM STDIN") as copy:
                for r in rows:
                    copy.write_row(r)
        except UniqueViolation as error:
            raise ConcurrentClash("entry ids stored by a concurrent push") from error
        cur.execute(
            "WITH app AS (INSERT INTO central_appended (terminal_id, from_seq, to_seq) "
            "             VALUES (%(t)s, %(from)s, %(to)s)) "
            "UPDATE terminals SET ack_seq = %(to)s, ack_hash = %(hash)s, last_push_at = %(now)s"
            f"{head} WHERE terminal_id = %(t)s",
            {
                "t": acked.terminal_id,
                "from": first[seq_at],
                "to": last[seq_at],
                "hash": last[hash_at],
                "now": acked.now,
                "head": acked.head_seq,
            },
        )
