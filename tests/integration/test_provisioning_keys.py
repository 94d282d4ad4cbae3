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


def _offset_signed_by_the_counter(tmp_path, url, store, admin):
    """T07 takes an overpayment from a customer head office has just billed (the PC has not pulled the bill):
    its push credits the balance and head office's offset of the new bill is signed by T07's key."""
    from app.model import Method
    from app.services.payments import PayRequest, due, pay
    from db.central.store import CentralStore
    from db.central_schema import central_hq_signatures

    w = _terminal(tmp_path, url, admin)
    store.issue_bills(
        [
            {
                "bill_id": "1000000001-new",
                "customer_no": "1000000001",
                "period": "2026-11",
                "kwh": 50,
                "amount_fen": 3000,
                "due_date": "2026-12-13",
            }
        ]
    )
    to_pay = due(w.ctx, "1000000001").quote.to_pay_fen
    pay(w.ctx, PayRequest("1000000001", Method.CASH, "C01", amount_fen=to_pay + 5000))
    key = w.ctx.signer.public_key_hex
    as_counter = CentralStore(store.engine, None, ("T07", w.ctx.signer))
    assert push_pending(_outbox(w), as_counter, "T07", "厅", public_key=key)[3] == ()
    with store.engine.connect() as conn:
        signers = [r.signer for r in conn.execute(central_hq_signatures.select())]
    assert "T07" in signers  # the offset the push made
    return w


def _fresh_counter_pulls(tmp_path, store):
    """A counter that never pulled before (a new or restored PC) pulls everything: it must all verify."""
    from db.local_store import open_local_store
    from db.provision_local import pull_everything

    (tmp_path / "fresh").mkdir()
    local = open_local_store(tmp_path / "fresh" / "local.db")
    try:
        return pull_everything(local.engine, store)
    finally:
        local.close()


def test_a_restored_pc_pulls_the_offsets_its_old_key_signed(tmp_path, hq):
    """Found by the simulation (seeds 3 and 4, faults on: a PC restored from head office): the full pull
    refused head office's offset record that the dead PC's push had signed ('签名校验不通过'): the new key's
    approval signed over the dead key's master-data rows but not its HQ records."""
    url, store, admin = hq
    _offset_signed_by_the_counter(tmp_path, url, store, admin)
    restored = Ed25519Signer.generate()
    reg = admin.register_key("T07", restored.public_key_hex, store.ack("T07").seq + 1)
    assert reg.state == "pending"
    admin.approve_terminal("it", "T07", reg.fingerprint)
    assert _fresh_counter_pulls(tmp_path, store) > 0


def test_a_rekey_certified_later_leaves_the_old_keys_records_verifiable(tmp_path, hq):
    """A re-key the counter registers itself (no head-office key at hand): once head office certifies the
    new key, every row and HQ record the old key signed still verifies on a counter that pulls it afresh."""
    from db.central.admin import CentralAdmin

    url, store, admin = hq
    w = _offset_signed_by_the_counter(tmp_path, url, store, admin)
    old, new = w.ctx.signer, Ed25519Signer.generate()
    start = store.ack("T07").seq + 1
    as_counter = CentralAdmin(store.engine)  # a counter's process: no head-office key
    reg = as_counter.register_key(
        "T07",
        new.public_key_hex,
        start,
        old_signature=old.sign_hash(rekey_message("T07", new.public_key_hex, start)),
    )
    assert reg.state == "active"
    assert admin.certify_due() == ["T07"]
    assert _fresh_counter_pulls(tmp_path, store) > 0


def test_a_row_altered_after_the_old_key_signed_it_is_not_signed_over(tmp_path, hq):
    """Head office signs over only what the old key really signed: a bill edited by hand in the database
    after the push is still refused by a counter after the re-key (never laundered into HQ's signature)."""
    from sqlalchemy import update

    from db.central.store import CentralStore
    from db.central_schema import central_bills

    url, store, admin = hq
    w = _terminal(tmp_path, url, admin)
    take_payments(w, 3)
    as_counter = CentralStore(store.engine, None, ("T07", w.ctx.signer))
    assert push_pending(_outbox(w), as_counter, "T07", "厅", public_key=w.ctx.signer.public_key_hex)[3] == ()
    b = central_bills.c
    with store.engine.begin() as conn:
        altered = conn.execute(
            update(central_bills).where(b.signer == "T07").values(principal_paid_fen=b.principal_paid_fen + 1)
        ).rowcount
    assert altered > 0
    restored = Ed25519Signer.generate()
    reg = admin.register_key("T07", restored.public_key_hex, store.ack("T07").seq + 1)
    admin.approve_terminal("it", "T07", reg.fingerprint)
    with pytest.raises(Exception, match="账单.*签名校验不通过"):
        _fresh_counter_pulls(tmp_path, store)
