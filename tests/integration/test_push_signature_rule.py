"""Issue 29: a push verifies the signature of the last entry of each key run in the batch, not every entry's
(app/signing.py's rule: the hash chain binds the entries before it). A wrong rule must fail here: a bad last
signature, an altered middle entry, a re-key inside a batch; and whatever a push accepted, the readers of the
stored chain (the next push's stored-tail check, the chain checkpoints, the checked journals) never flag."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from app.journal import GENESIS_HASH, Entry, entry_hash, new_entry
from app.signing import Ed25519Signer, _public_key
from app.sync import Ack
from db.central.chain_checks import check_chains
from db.central.push_checks import _check_new
from db.central.store import CentralStore
from tests.integration.pg_fixtures import pg_server  # noqa: F401

A, B = Ed25519Signer.generate(), Ed25519Signer.generate()


def _chain(n: int, signer_of: dict[int, Ed25519Signer] | None = None, start: int = 1) -> list[Entry]:
    out, prev = [], GENESIS_HASH
    for seq in range(start, start + n):
        e = new_entry(
            terminal_id="T01",
            seq=seq,
            kind="receipt_print",
            created_at="2026-11-23T02:00:00Z",
            clerk_id="C01",
            payload={"receipt_no": f"T01-{seq}", "printed": True},
            prev_hash=prev,
        )
        signer = (signer_of or {}).get(seq, A)
        out.append(dataclasses.replace(e, signature=signer.sign_hash(e.hash)))
        prev = e.hash
    return out


def _resigned(e: Entry, signer: Ed25519Signer) -> Entry:
    return dataclasses.replace(e, signature=signer.sign_hash(e.hash))


def test_a_batch_whose_last_signature_is_bad_is_refused_whole():
    batch = _chain(5)
    batch[-1] = _resigned(batch[-1], B)
    taken, alarms = _check_new("T01", Ack(), batch, A.public_key_hex)
    # the 4th entry's own signature vouches for the four before it, as an entry-by-entry check would
    assert [e.seq for e in taken] == [1, 2, 3, 4] and [(a.kind, a.seq) for a in alarms] == [
        ("bad_signature", 5)
    ]
    batch[-2] = _resigned(batch[-2], B)
    taken, alarms = _check_new("T01", Ack(), batch, A.public_key_hex)
    assert taken == [] and [(a.kind, a.seq) for a in alarms] == [("bad_signature", 5)]
    unsigned = [dataclasses.replace(e, signature="") for e in _chain(3)]
    assert _check_new("T01", Ack(), unsigned, A.public_key_hex)[0] == []


def test_a_middle_entry_altered_and_rehashed_breaks_the_link_and_is_refused():
    batch = _chain(5)
    altered = dataclasses.replace(batch[2], payload={"receipt_no": "T01-3", "printed": False})
    batch[2] = _resigned(dataclasses.replace(altered, hash=entry_hash(altered.body())), B)
    taken, alarms = _check_new("T01", Ack(), batch, A.public_key_hex)
    assert [e.seq for e in taken] == [1, 2] and [(a.kind, a.seq) for a in alarms] == [("bad_signature", 3)]
    batch[2] = _resigned(batch[2], A)  # even signed by the right key: the next entry does not chain to it
    taken, alarms = _check_new("T01", Ack(), batch, A.public_key_hex)
    assert [e.seq for e in taken] == [1, 2, 3] and [(a.kind, a.seq) for a in alarms] == [("chain_break", 4)]


def test_a_rekey_inside_a_batch_verifies_each_runs_last_entry_with_its_own_key():
    def key_for(seq: int) -> str:
        return A.public_key_hex if seq <= 3 else B.public_key_hex

    signed = {4: B, 5: B, 6: B}
    batch = _chain(6, signed)
    taken, alarms = _check_new("T01", Ack(), batch, B.public_key_hex, key_for)
    assert len(taken) == 6 and alarms == []
    wrong_first_run = _chain(6, {3: B, **signed})  # the old key's last entry signed by the new key
    taken, alarms = _check_new("T01", Ack(), wrong_first_run, B.public_key_hex, key_for)
    assert [e.seq for e in taken] == [1, 2] and [(a.kind, a.seq) for a in alarms] == [("bad_signature", 3)]
    wrong_second_run = _chain(6, {4: B, 5: B})  # the new key's last entry signed by the old one
    taken, alarms = _check_new("T01", Ack(), wrong_second_run, B.public_key_hex, key_for)
    assert [e.seq for e in taken] == [1, 2, 3, 4, 5] and [a.seq for a in alarms] == [6]
    assert _public_key.cache_info().hits > 0  # the key objects are built once per hex key


def test_what_a_push_accepted_is_never_flagged_by_the_readers_of_the_stored_chain(tmp_path: Path):
    """Entries in the middle of a batch carry a signature nobody verified (here: garbage): the push takes
    them, and the next push's stored-tail check, the chain checkpoints and the checked journals agree."""
    chain = _chain(8)
    garbage = [dataclasses.replace(e, signature="ab" * 64) if e.seq in (2, 3, 6) else e for e in chain]
    central = CentralStore.open("", tmp_path)
    try:
        first = central.push("T01", "厅", garbage[:4], A.public_key_hex)
        assert first.accepted == 4 and first.alarms == ()
        second = central.push("T01", "厅", garbage[4:], A.public_key_hex)  # re-checks the stored tail
        assert second.accepted == 4 and second.alarms == ()
        assert central.checked_journals()[1] == []
        (state,) = check_chains(central.engine, "2026-11-23T03:00:00Z", full=True)
        assert state.problem == "" and state.checked_seq == 8
        with central.engine.begin() as conn:  # a re-signed head is still found
            conn.exec_driver_sql("DROP TRIGGER IF EXISTS central_journal_no_update")
            conn.exec_driver_sql(
                "UPDATE central_journal SET signature = ? WHERE seq = 8", (B.sign_hash(chain[7].hash),)
            )
        (state,) = check_chains(central.engine, "2026-11-23T03:00:00Z", full=True)
        assert "#8" in state.problem or "signature" in state.problem
        assert central.checked_journals()[1] != []
    finally:
        central.close()


def test_on_postgresql_a_stored_entry_id_stops_the_batch_and_signed_batches_chain_on(pg_server, tmp_path):  # noqa: F811
    """PostgreSQL's push reads the lock, keys, tail and stored entry ids in one round trip and COPYs straight
    into the journal: an entry id stored under another terminal is still an alarm (the entries before it
    taken, none after), and batch after batch of signed entries with unverified middles chains on."""
    central = CentralStore.open(pg_server.url(pg_server.new_database()), tmp_path, projector="service")
    try:
        chain = _chain(8)
        garbage = [dataclasses.replace(e, signature="ab" * 64) if e.seq in (2, 6) else e for e in chain]
        for part in (garbage[:4], garbage[4:]):  # the second push checks the stored tail on the fast path
            report = central.push("T01", "厅", part, A.public_key_hex)
            assert report.alarms == () and report.accepted == 4
        other = _chain(3)
        other = [dataclasses.replace(e, terminal_id="T02") for e in other]
        prev, rebuilt = GENESIS_HASH, []
        for e in other:  # T02's own chain, its third entry reusing T01's 5th entry id
            e = dataclasses.replace(
                e, prev_hash=prev, entry_id=chain[4].entry_id if e.seq == 3 else e.entry_id
            )
            e = dataclasses.replace(e, hash=entry_hash(e.body()))
            rebuilt.append(_resigned(e, B))
            prev = e.hash
        report = central.push("T02", "厅", rebuilt, B.public_key_hex)
        assert report.accepted == 2 and [(a.kind, a.seq) for a in report.alarms] == [("content_mismatch", 3)]
        assert [e.seq for e in central.journal("T02")] == [1, 2] and central.ack("T02").seq == 2
        assert central.checked_journals()[1] == []
    finally:
        central.close()
