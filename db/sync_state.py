"""The counter's sync bookkeeping in local.db's sync_state table: cursors, acknowledgements, pinned keys.

One key/value table the sync worker, the start-up check (db/restore.py) and provisioning share; the names
of the keys they agree on are here.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, text

from db.local_schema import sync_state

# what the central ledger last said it holds for this terminal id (its seq and hash), kept for the
# start-up check, which never reaches over the network (db/restore.py)
CENTRAL_SEQ, CENTRAL_HASH = "central.ack_seq", "central.ack_hash"
# head office's sentence when it found another machine holding this terminal id (a fork): this one takes
# no money from then on (db/restore.startup_check), until it is re-provisioned under a new id
CENTRAL_FORK = "central.fork"
# head office's public key, pinned at the first pull: pulled rows must be signed by it or by a counter it
# certified (app/pulled.py)
HQ_KEY = "central.hq_key"
# the last entry of head office's HQ chain this counter checked (its seq is the cursor pull.hq): the next
# one pulled must follow it (app.pulled.hq_entry_problem)
HQ_STREAM, HQ_HASH = "hq", "central.hq_hash"
ROW_STREAMS = ("policy", "customers", "bills", "clerks", "refunds")  # refunds: issue 21


def read_state(conn: Any, key: str, default: str) -> str:
    value = conn.execute(select(sync_state.c.value).where(sync_state.c.key == key)).scalar()
    return default if value is None else str(value)


def write_state(conn: Any, values: dict[str, str]) -> None:
    conn.execute(
        text("INSERT INTO sync_state (key, value) VALUES (:k, :v) ON CONFLICT(key) DO UPDATE SET value = :v"),
        [{"k": k, "v": v} for k, v in values.items()],
    )
