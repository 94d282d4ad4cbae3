"""A forked terminal's quarantined money, posted to the books by head office (issue 27 part 4). Pure.

A fork (two PCs under one terminal id, or an old disk image that took money) leaves the copy's entries in
head office's quarantine: kept, never counted. A supervisor posts one of them with a reason: head office
appends a `quarantine_post` record to its own chain (HQ) that carries the whole quarantined entry (hash and
signature included), and the central ledger projects that entry as it projects a pushed one. So the journal
alone still explains every fen: whoever replays it counts the posted entry once, from the HQ record
(`posted_entry`), and checks it is the entry the copy signed.

Only money for the customer's account is posted: a payment. A card purchase went onto the meter card and
its money is the meter's (no bill, no balance); shift and cash records belong to the copy's own drawer.
"""

from __future__ import annotations

from typing import Any

from app.journal import Entry, Kind, entry_hash

QUARANTINE_POST = "quarantine_post"  # the HQ journal kind (db/central/quarantine_post.py)
POSTABLE = (Kind.PAYMENT,)

ENTRY_FIELDS = ("entry_id", "terminal_id", "seq", "kind", "created_at", "clerk_id", "payload", "prev_hash")


def entry_record(e: Entry) -> dict[str, Any]:
    """The quarantined entry as the HQ record carries it: its body, hash and signature."""
    return {**e.body(), "hash": e.hash, "signature": e.signature}


def posted_entry(hq_record: Entry) -> Entry | None:
    """The entry a `quarantine_post` record posted, rebuilt from its payload; None for any other record or
    one whose carried entry no longer hashes to its own hash (the record was edited)."""
    if hq_record.kind != QUARANTINE_POST:
        return None
    carried = hq_record.payload.get("posted")
    if not isinstance(carried, dict):
        return None
    try:
        e = Entry(
            **{k: carried[k] for k in ENTRY_FIELDS},
            hash=str(carried["hash"]),
            signature=str(carried.get("signature") or ""),
        )
    except (KeyError, TypeError):
        return None
    return e if entry_hash(e.body()) == e.hash else None


def with_posted(entries: list[Entry]) -> list[Entry]:
    """The entries, each `quarantine_post` HQ record followed by the entry it posted: what to count."""
    out: list[Entry] = []
    for e in entries:
        out.append(e)
        posted = posted_entry(e)
        if posted is not None:
            out.append(posted)
    return out
