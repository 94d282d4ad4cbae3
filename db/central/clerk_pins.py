"""Head office keeps each clerk's newest PIN hash (issue 27): the `pin_set` entries counters push.

A clerk who sets their own PIN at one counter (or uses up head office's one-time PIN doing so) journals a
`pin_set` entry there (app/services/pin_roaming.py). When the push stores it, this projection, in the same
transaction, makes it the clerk's row in central_clerks (pin_kind 'own', when, where), which every counter
of the hall pulls. The newest wins: an entry based on a one-time issue head office has since replaced
(`central clerk reset-pin`), or older than the row's PIN (app/provisioning.pin_mark: version, then when and
where), changes nothing. The row is signed with the pushing
counter's certified key, like the bills its payments move (db/central/rowsign.sign_written).

A one-time PIN used up on two counters before either synced (the slip was seen twice) opens a review case
`one_time_pin_reused` naming both terminals and entries: the second counter had no way to know offline.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, select, update

from app.journal import Entry, Kind
from app.messages import message
from app.provisioning import pin_mark
from db.central.sql import next_txn
from db.central_schema import central_clerks, central_journal


def project_pins(
    conn: Connection, terminal_id: str, entries: Sequence[Entry], now: str
) -> list[dict[str, Any]]:
    """Apply the batch's pin_set entries in order; returns the review cases to open."""
    cases: list[dict[str, Any]] = []
    for e in entries:
        if e.kind != Kind.PIN_SET:
            continue
        p = e.payload
        cid = str(p.get("clerk_id") or "")
        c = central_clerks.c
        row = conn.execute(select(central_clerks).where(c.clerk_id == cid).with_for_update()).first()
        if row is None or not str(p.get("pin_hash") or "").startswith("scrypt$"):
            continue  # a clerk head office does not provision (a demo terminal's): nothing to share
        if p.get("one_time") and (reused := _reused(conn, e, terminal_id, now)):
            cases += reused  # the first use stands; IT issues a new one-time PIN after checking
            continue
        if int(p.get("issue") or 0) < int(row.pin_issue):
            continue  # head office issued a newer one-time PIN since: that one stands
        mark = pin_mark(int(p.get("version") or 0), e.created_at, terminal_id)
        held = pin_mark(int(row.pin_version or 0), row.pin_set_at or "", row.pin_set_by or "")
        if row.pin_kind == "own" and mark <= held:
            continue  # a newer PIN is already head office's (app/provisioning.pin_mark)
        conn.execute(
            update(central_clerks)
            .where(c.clerk_id == cid)
            .values(
                pin_hash=p["pin_hash"],
                pin_kind="own",
                pin_version=int(p.get("version") or 0),
                pin_set_at=e.created_at,
                pin_set_by=terminal_id,
                txn=next_txn(conn),
            )
        )
    return cases


def _reused(conn: Connection, e: Entry, terminal_id: str, now: str) -> list[dict[str, Any]]:
    """The same one-time issue used up at another terminal too: one case, both sessions named."""
    j = central_journal.c
    others = conn.execute(
        select(j.terminal_id, j.seq, j.entry_id, j.created_at, j.payload)
        .where(j.kind == Kind.PIN_SET)
        .where(j.clerk_id == e.clerk_id)
        .where(j.terminal_id != terminal_id)
    ).all()
    issue = int(e.payload.get("issue") or 0)
    for o in others:
        q = json.loads(o.payload)
        if q.get("one_time") and int(q.get("issue") or 0) == issue:
            params = {
                "clerk_id": e.clerk_id,
                "issue": issue,
                "first": f"{o.terminal_id} #{o.seq} {o.created_at}",
                "second": f"{terminal_id} #{e.seq} {e.created_at}",
            }
            return [
                {
                    "case_id": f"one_time_pin_reused:{e.clerk_id}:{issue}:{terminal_id}",
                    "kind": "one_time_pin_reused",
                    "terminal_id": terminal_id,
                    "seq": e.seq,
                    "entry_id": e.entry_id,
                    "customer_no": None,
                    "bill_id": None,
                    "amount_fen": 0,
                    "fee_fen": 0,
                    "detail": message("case.one_time_pin_reused", **params),
                    "created_at": now,
                }
            ]
    return []
