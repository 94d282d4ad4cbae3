import dataclasses

import pytest

from app.journal import GENESIS_HASH, canonical, new_entry, verify_chain


def chain(n=5):
    entries, prev = [], GENESIS_HASH
    for i in range(1, n + 1):
        e = new_entry(
            terminal_id="T01",
            seq=i,
            kind="payment",
            created_at="2026-11-23T02:00:00Z",
            clerk_id="C01",
            payload={"amount_fen": i * 100, "名": "王"},
            prev_hash=prev,
        )
        entries.append(e)
        prev = e.hash
    return entries


def test_intact_chain_verifies():
    assert verify_chain(chain(), "T01") is None


def test_edit_is_named():
    entries = chain()
    entries[2] = dataclasses.replace(entries[2], payload={"amount_fen": 1})
    problem = verify_chain(entries, "T01")
    assert problem is not None and problem.seq == 3 and "edited" in problem.reason


def test_deletion_is_a_gap():
    entries = chain()
    del entries[1]
    problem = verify_chain(entries, "T01")
    assert problem is not None and problem.seq == 3 and "gap" in problem.reason


def test_rehash_of_edited_entry_breaks_the_next_link():
    entries = chain()
    body = {**entries[1].body(), "payload": {"amount_fen": 1}}
    forged = new_entry(**{k: v for k, v in body.items()})
    entries[1] = forged
    problem = verify_chain(entries, "T01")
    assert problem is not None and problem.seq == 3 and "chain" in problem.reason


def test_floats_are_refused_in_the_journal():
    with pytest.raises(TypeError):
        canonical({"amount": 1.5})


def test_canonical_is_stable():
    assert canonical({"b": 1, "a": "王"}) == '{"a":"王","b":1}'.encode()
