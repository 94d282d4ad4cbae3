"""Issue 17, keys on the embedded central ledger (fast): a re-key is an explicit registration, never a fork;
a retired key's pushes are refused and flagged; a key nobody vouched for waits, its entries kept locally."""

from __future__ import annotations

import pytest

from app.provisioning import rekey_message
from app.signing import Ed25519Signer
from app.sync import push_pending
from tests.integration.pg_fixtures import make_terminal, seed_central, take_payments


@pytest.fixture
def hq(tmp_path):
    from db.central.admin import CentralAdmin
    from db.central.store import CentralStore

    url = f"sqlite:///{tmp_path / 'hq' / 'central.db'}"
    (tmp_path / "hq").mkdir()
    store = CentralStore.open(url, tmp_path / "hq")
    seed_central(store)
    admin = CentralAdmin(store.engine, store.hq)  # hq.key beside central.db: head office signs, certifies
    admin.add_hall("it", "H1", "城东营业厅")
    admin.add_terminal("it", "T07", "H1")
    admin.approve_terminal("it", "T07")
    yield url, store, admin
    store.close()


def _outbox(w):
    from db.local_sync import LocalSync

    return LocalSync(w.store.engine)


def _terminal(tmp_path, url, admin):
    w = make_terminal(tmp_path, "T07", url)
    reg = admin.register_key("T07", w.ctx.signer.public_key_hex, 1)
    assert reg.state == "active"
    return w


def test_a_retired_key_is_refused_and_flagged(tmp_path, hq):
    url, store, admin = hq
    w = _terminal(tmp_path, url, admin)
    take_payments(w, 2)
    key = w.ctx.signer.public_key_hex
    assert push_pending(_outbox(w), store, "T07", "厅", public_key=key)[0] > 0
    before = len(store.journal("T07"))
    admin.retire_key("it", "T07", key[:16])
    take_payments(w, 1, seed=2)
    pushed, _, _, alarms, _ = push_pending(_outbox(w), store, "T07", "厅", public_key=key)
    assert pushed == 0 and [a.kind for a in alarms] == ["retired_key"]
    assert len(store.journal("T07")) == before
    assert any(c.kind == "retired_key" for c in store.review_cases())
    with pytest.raises(Exception, match="停用"):
        admin.register_key("T07", key, 99)  # a retired key is never registered again


def test_rekey_signed_by_the_old_key_is_no_fork_and_both_keys_verify(tmp_path, hq):
    url, store, admin = hq
    w = _terminal(tmp_path, url, admin)
    take_payments(w, 2)
    old = w.ctx.signer
    head = _outbox(w).head_seq()
    new = Ed25519Signer.generate()
    reg = admin.register_key(
        "T07",
        new.public_key_hex,
        head + 1,
        old_signature=old.sign_hash(rekey_message("T07", new.public_key_hex, head + 1)),
    )
    assert reg.state == "active"
    import dataclasses

    w.ctx = dataclasses.replace(w.ctx, signer=new)
    take_payments(w, 2, seed=3)  # some signed by the old key wait unsent beside the new key's
    pushed, _, _, alarms, _ = push_pending(_outbox(w), store, "T07", "厅", public_key=new.public_key_hex)
    assert alarms == () and pushed == _outbox(w).head_seq()
    journals, damaged = store.checked_journals()
    assert damaged == [] and not [c for c in store.review_cases() if c.kind == "fork"]


def test_a_rekey_nobody_vouched_for_waits_and_is_no_fork(tmp_path, hq):
    url, store, admin = hq
    w = _terminal(tmp_path, url, admin)
    stranger = Ed25519Signer.generate()
    start = _outbox(w).head_seq() + 1  # the demo terminal's first entries are signed by its own key
    forged = Ed25519Signer.generate().sign_hash(rekey_message("T07", stranger.public_key_hex, start))
    reg = admin.register_key("T07", stranger.public_key_hex, start, old_signature=forged)
    assert reg.state == "pending"
    import dataclasses

    w.ctx = dataclasses.replace(w.ctx, signer=stranger)
    take_payments(w, 1)
    pushed, _, _, alarms, _ = push_pending(_outbox(w), store, "T07", "厅", public_key=stranger.public_key_hex)
    assert pushed == 0 and [a.kind for a in alarms] == ["key_pending"]  # waits, never quarantined
    assert store.journal("T07") == [] and not [c for c in store.review_cases() if c.kind == "fork"]
    admin.approve_terminal("it", "T07", reg.fingerprint)
    assert push_pending(_outbox(w), store, "T07", "厅", public_key=stranger.public_key_hex)[3] == ()


def test_a_key_that_signed_nothing_before_the_next_one_is_void_not_ambiguous(tmp_path, hq):
    """Re-key, then the PC dies before its new key signed anything head office holds: the restored PC's
    key starts at the same sequence number, and history names exactly one key for every entry."""
    url, store, admin = hq
    w = _terminal(tmp_path, url, admin)
    old = w.ctx.signer
    assert push_pending(_outbox(w), store, "T07", "厅", public_key=old.public_key_hex)[3] == ()
    start = _outbox(w).head_seq() + 1
    unused = Ed25519Signer.generate()
    admin.register_key(
        "T07",
        unused.public_key_hex,
        start,
        old_signature=old.sign_hash(rekey_message("T07", unused.public_key_hex, start)),
    )
    restored = Ed25519Signer.generate()
    reg = admin.register_key("T07", restored.public_key_hex, start)  # no old key to sign: waits
    assert reg.state == "pending"
    admin.approve_terminal("it", "T07", reg.fingerprint)
    history = admin.key_history("T07")
    assert history.keys == ((1, old.public_key_hex), (start, restored.public_key_hex))
    states = {k["fingerprint"]: k["state"] for k in admin.terminals()[0]["keys"]}
    assert states[unused.public_key_hex[:16]] == "void"
