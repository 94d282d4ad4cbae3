"""app/quarantine.py: the HQ record that posted a fork's payment gives back exactly the entry the copy signed,
and nothing when the carried entry was edited (a replay then cannot count money nobody paid)."""

from __future__ import annotations

from app.journal import GENESIS_HASH, new_entry
from app.quarantine import QUARANTINE_POST, entry_record, posted_entry, with_posted


def _payment():
    return new_entry(
        terminal_id="T12",
        seq=6,
        kind="payment",
        created_at="2026-11-23T02:00:00.000000Z",
        clerk_id="C11",
        payload={"customer_no": "5000000026", "amount_fen": 20000, "allocations": []},
        prev_hash=GENESIS_HASH,
    )


def _record(carried: dict, kind: str = QUARANTINE_POST):
    return new_entry(
        terminal_id="HQ",
        seq=1,
        kind=kind,
        created_at="2026-11-24T02:00:00.000000Z",
        clerk_id="HQ",
        payload={"posted": carried, "decided_by": "fin-wang", "reason": "核对现金"},
        prev_hash=GENESIS_HASH,
    )


def test_the_record_gives_back_the_signed_entry_and_the_books_count_it_after_the_record():
    e = _payment()
    record = _record(entry_record(e))
    assert posted_entry(record) == e
    assert with_posted([record]) == [record, e]


def test_an_edited_carried_entry_or_another_kind_gives_nothing():
    e = _payment()
    edited = entry_record(e)
    edited["payload"] = {**e.payload, "amount_fen": 2000000}
    assert posted_entry(_record(edited)) is None
    assert posted_entry(_record(entry_record(e), kind="case_decision")) is None
    assert posted_entry(_record({"entry_id": e.entry_id})) is None
