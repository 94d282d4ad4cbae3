"""The journal head each counter reports with its pushes (issue 21): how far its own journal goes.

Head office cannot count what a counter has not sent; the counter says where its journal ends, and the
console shows the difference to the acknowledgement as "entries waiting". The head is the counter's claim:
it is recorded and shown, never used for money. A head below the acknowledged sequence means the counter's
disk holds less than head office already has (a restored backup, a copied disk): it is recorded as reported,
logged, and the console shows it as a warning; the push itself goes on as before.
"""

from __future__ import annotations

import logging

from sqlalchemy import Connection, select, update

from db.central_schema import terminals

log = logging.getLogger("hallpay.central.heads")


def record_head(conn: Connection, terminal_id: str, head_seq: int, now: str) -> None:
    """Keep the reported head and when it came, for a terminal head office already knows (a heartbeat
    from an id with no row creates nothing)."""
    t = terminals.c
    ack = conn.execute(select(t.ack_seq).where(t.terminal_id == terminal_id)).scalar()
    if ack is None:
        return
    if head_seq < int(ack):
        log.warning(
            "terminal %s reports journal head %d below the acknowledged %d: restored or copied disk?",
            terminal_id,
            head_seq,
            int(ack),
        )
    conn.execute(
        update(terminals)
        .where(t.terminal_id == terminal_id)
        .values(reported_head=head_seq, head_reported_at=now)
    )
