"""The `cards.<terminal>` pull pages (issue 26, defect 5): the card writes each counter still owes, so the
hall's other counters do not sell the same purchase count again onto a card one purchase behind.

Derived from head office's journal alone (a push only appends it): a card_purchase is owed until the same
counter's card_written or reversal names its receipt. Each counter's entries are read by the journal's
(terminal_id, seq) key, from the pulling counter's cursor for that counter (`pull.cards.<terminal>`) up to the
counter's acknowledgement in this snapshot, so a pull reads only what was appended since the last one. Within
that range a purchase finished in the same range is not sent at all: a counter's first pull gets the writes
owed now and the finishes of nothing, a few rows however long the journal is (it still reads the range once).

The rows are not signed: a forged `owed` row only refuses a sale (no money moves), a dropped one is the old
defect (the counter sells over the owed write, the owing counter's 补写卡 refuses: `card.pending_conflict`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy import Connection, select

from app.journal import Kind
from app.sync import PullPage
from db.central_schema import central_journal
from db.central_schema import terminals as terminals_t

CARDS_STREAM = "cards"  # pages and cursors are named cards.<terminal id>
OWED, DONE = "owed", "done"
KINDS = (Kind.CARD_PURCHASE, Kind.CARD_WRITTEN, Kind.REVERSAL)
BATCH = 2000  # rows fetched at a time while a range is read


def card_pages(conn: Connection, cursors: Mapping[str, int]) -> Iterator[PullPage]:
    """One page per counter with card entries appended since the pulling counter's cursor for it."""
    t = terminals_t.c
    for tid, ack in conn.execute(
        select(t.terminal_id, t.ack_seq).where(t.ack_seq > 0).order_by(t.terminal_id)
    ):
        name = f"{CARDS_STREAM}.{tid}"
        after = int(cursors.get(name, 0))
        if after >= int(ack):
            continue
        yield PullPage(name, owed_rows(conn, str(tid), after, int(ack)), int(ack))


def owed_rows(conn: Connection, terminal_id: str, after: int, upto: int) -> list[dict[str, Any]]:
    """The counter's card writes owed and done in (after, upto], the ones both owed and done there left out."""
    j = central_journal.c
    stmt = (
        select(j.entry_id, j.kind, j.payload)
        .where(j.terminal_id == terminal_id, j.seq > after, j.seq <= upto, j.kind.in_(KINDS))
        .order_by(j.seq)
        .execution_options(yield_per=BATCH)
    )
    rows: dict[str, dict[str, Any]] = {}  # receipt no -> its row, in journal order
    for entry_id, kind, payload in conn.execute(stmt):
        p = json.loads(payload)
        receipt_no = str(p.get("receipt_no") or "")
        if not receipt_no or (kind == Kind.REVERSAL and p.get("original_kind") != Kind.CARD_PURCHASE):
            continue  # a payment's reversal owes no card
        if kind == Kind.CARD_PURCHASE:
            rows[receipt_no] = {
                "receipt_no": receipt_no,
                "terminal_id": terminal_id,
                "entry_id": entry_id,
                "serial": str(p["serial"]),
                "customer_no": str(p["customer_no"]),
                "purchase_count": int(p["purchase_count"]),
                "purchase_fen": int(p["purchase_fen"]),
                "state": OWED,
            }
        elif receipt_no in rows:  # owed and finished within the range: nothing to say
            if rows[receipt_no]["state"] == OWED:
                del rows[receipt_no]
        else:  # finishes a purchase an earlier pull brought
            rows[receipt_no] = {"receipt_no": receipt_no, "terminal_id": terminal_id, "state": DONE}
    return list(rows.values())
