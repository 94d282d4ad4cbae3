"""Issue 29: head office's row check trusts a counter's key only with head office's certificate on it, as a
counter does at pull (app/pulled.writer_keys). A key put into `terminals` and `terminal_keys` by hand (with
no certificate, or one its own key made) signs nothing the projection builds on; a re-keyed counter's rows
signed by its previous, certified key still verify (that key's certificate is in the re-key's audit row).
On the embedded ledger: the rule is SQL-neutral and the fast file is enough."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select, text, update

from app.provisioning import rekey_message
from app.pulled import cert_digest, row_digest
from app.signing import Ed25519Signer
from app.sync import push_pending
from db.central.pull import CUSTOMER_COLUMNS
from db.central.rowcheck import untrusted_rows
from db.central_schema import central_customers
from tests.integration.pg_fixtures import make_terminal, seed_central, take_payments


@pytest.fixture
def hq(tmp_path):
    from db.central.admin import CentralAdmin
    from db.central.store import CentralStore

    (tmp_path / "hq").mkdir()
    store = CentralStore.open(f"sqlite:///{tmp_path / 'hq' / 'central.db'}", tmp_path / "hq")
    seed_central(store)
    admin = CentralAdmin(store.engine, store.hq)
    admin.add_hall("it", "H1", "城东营业厅")
    admin.add_terminal("it", "T07", "H1")
    admin.approve_terminal("it", "T07")
    yield store, admin
    store.close()


@pytest.mark.parametrize("cert", ["none", "self-made"])
def test_a_key_put_in_by_hand_signs_nothing_head_office_builds_on(hq, cert):
    store, _admin = hq
    mallory = Ed25519Signer.generate()
    made = mallory.sign_hash(cert_digest("T99", mallory.public_key_hex)) if cert == "self-made" else None
    cc = central_customers.c
    with store.engine.begin() as conn:  # someone with the database: a terminal, its key, and a "signed" edit
        conn.execute(
            text("INSERT INTO terminals (terminal_id, public_key, cert, approved) VALUES ('T99', :k, :c, 1)"),
            {"k": mallory.public_key_hex, "c": made},
        )
        conn.execute(
            text(
                "INSERT INTO terminal_keys (terminal_id, public_key, fingerprint, state, from_seq, registered_at) "
                "VALUES ('T99', :k, :f, 'active', 1, '2026-11-23T01:00:00Z')"
            ),
            {"k": mallory.public_key_hex, "f": mallory.public_key_hex[:16]},
        )
        conn.execute(
            update(central_customers).where(cc.customer_no == "1000000004").values(balance_fen=52000)
        )
        row = conn.execute(
            select(*(cc[c] for c in CUSTOMER_COLUMNS), cc.txn).where(cc.customer_no == "1000000004")
        ).one()
        conn.execute(
            update(central_customers)
            .where(cc.customer_no == "1000000004")
            .values(
                signer="T99", signature=mallory.sign_hash(row_digest("customers", dict(row._mapping), "T99"))
            )
        )
        found = untrusted_rows(conn, ["1000000004"], [])
    assert [(u.stream, u.key, u.why) for u in found] == [("customers", "1000000004", "unknown_signer")]


def test_rows_signed_by_a_re_keyed_counters_previous_key_still_verify(tmp_path, hq):
    from db.central.store import CentralStore
    from db.local_sync import LocalSync

    store, admin = hq
    w = make_terminal(tmp_path, "T07", f"sqlite:///{tmp_path / 'hq' / 'central.db'}")
    old = w.ctx.signer
    assert admin.register_key("T07", old.public_key_hex, 1).state == "active"
    admin.certify_due()
    take_payments(w, 4)
    counter = CentralStore(store.engine, None, ("T07", old), store.clock)  # its push signs with its key
    assert push_pending(LocalSync(w.store.engine), counter, "T07", "厅", public_key=old.public_key_hex)[0] > 0
    cc = central_customers.c
    with store.engine.connect() as conn:
        signed_old = list(conn.execute(select(cc.customer_no).where(cc.signer == "T07")).scalars())
    assert signed_old
    head = LocalSync(w.store.engine).head_seq()
    new = Ed25519Signer.generate()
    admin.register_key(
        "T07",
        new.public_key_hex,
        head + 1,
        old_signature=old.sign_hash(rekey_message("T07", new.public_key_hex, head + 1)),
    )
    admin.certify_due()
    w.ctx = dataclasses.replace(w.ctx, signer=new)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT public_key FROM terminals WHERE terminal_id = 'T07'")).scalar() == (
            new.public_key_hex
        )
        assert untrusted_rows(conn, signed_old, []) == []
