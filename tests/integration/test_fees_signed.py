"""Issue 29: a bill's late fee paid and waived are covered by its signature (c0018, app/pulled.SIGNED_WHEN).

A hand edit of `fee_paid_fen` or `fee_waived_fen` is caught by the projection's row check at the next push, as
an edit of the principal is. A bill signed before c0018 (marker NULL, signature without the two columns)
still verifies at head office and at the counter; head office signs it again in the new form at its next
writing command with its key (db/central/upkeep.py, never at open); a signature of the new form no longer
verifies once its marker is dropped."""

from __future__ import annotations

import argparse

from sqlalchemy import select, text, update

from app.model import Method
from app.pulled import HQ, row_digest, row_problem
from app.services.payments import PayRequest, pay
from db.central.pull import BILL_COLUMNS
from db.central.rowcheck import untrusted_rows
from db.central_schema import central_bills
from tests.integration.pg_fixtures import central, central_url, make_terminal, pg_server, seed_central  # noqa: F401


def _sync(w, capsys) -> tuple[int, str]:
    from cli.sync import cmd_sync

    capsys.readouterr()
    code = cmd_sync(w, argparse.Namespace(once=True, batch=100, json=False))
    return code, capsys.readouterr().err


def test_an_edited_late_fee_paid_is_caught_at_the_next_push(tmp_path, central_url, central, capsys):
    t1 = make_terminal(tmp_path, "T51", central_url)
    assert _sync(t1, capsys) == (0, "")
    # by hand, change cursors left alone: a late fee "paid" that nobody paid, a late fee "waived"
    with central.engine.begin() as conn:
        conn.execute(text("UPDATE central_bills SET fee_paid_fen = 5000 WHERE bill_id = '1000000002-a'"))
        conn.execute(text("UPDATE central_bills SET fee_waived_fen = 700 WHERE bill_id = '1000000004-a'"))
    pay(t1.ctx, PayRequest("1000000002", Method.CASH, "C01", amount_fen=1000, tendered_fen=1000))
    code, err = _sync(t1, capsys)
    assert code == 3 and "1000000002" in err, err
    held = {c.customer_no: c.amount_fen for c in central.review_cases() if c.kind == "tampered_row"}
    assert held == {"1000000002": 1000}
    with central.engine.connect() as conn:
        assert [(u.key, u.why) for u in untrusted_rows(conn, [], ["1000000004-a"])] == [
            ("1000000004-a", "bad_signature")
        ]


def _bill(conn, bill_id: str) -> dict:
    cb = central_bills.c
    row = conn.execute(
        select(*(cb[c] for c in BILL_COLUMNS), cb.txn, cb.signer, cb.signature).where(cb.bill_id == bill_id)
    ).one()
    return dict(row._mapping)


def _pulled(store, bill_id: str) -> dict:
    return next(
        r for p in store.pull({}, 1000) if p.table == "bills" for r in p.rows if r["bill_id"] == bill_id
    )


def test_a_bill_signed_before_c0018_verifies_and_is_signed_again_with_its_fees(tmp_path):
    from db.central.store import CentralStore
    from db.central.upkeep import hq_upkeep

    (tmp_path / "hq").mkdir()
    url = f"sqlite:///{tmp_path / 'hq' / 'central.db'}"
    store = CentralStore.open(url, tmp_path / "hq")
    seed_central(store)
    hq, bill = store.hq, "1000000001-a"
    cb = central_bills.c
    with store.engine.begin() as conn:  # the bill as c0016's code signed it: late fee paid, not in the digest
        conn.execute(
            update(central_bills).where(cb.bill_id == bill).values(fee_paid_fen=300, fees_signed=None)
        )
        old = _bill(conn, bill)
        assert old["fees_signed"] is None
        legacy = {k: v for k, v in old.items() if k not in ("fee_paid_fen", "fee_waived_fen", "fees_signed")}
        assert row_digest("bills", old, HQ) == row_digest("bills", legacy, HQ)
        conn.execute(
            update(central_bills)
            .where(cb.bill_id == bill)
            .values(signature=hq.sign_hash(row_digest("bills", legacy, HQ)))
        )
        conn.execute(text("UPDATE central_meta SET value = '2' WHERE key = 'row_signing'"))
        assert untrusted_rows(conn, [], [bill]) == []  # head office's check accepts it
    trusted = {HQ: hq.public_key_hex}
    assert row_problem("bills", _pulled(store, bill), trusted) is None  # and so does a counter
    store.close()

    store = CentralStore.open(url, tmp_path / "hq")  # head office's next command, with its key
    try:
        hq_upkeep(store.engine, store.hq)  # what each of its writing commands runs (cli/central.open_admin)
        with store.engine.connect() as conn:
            now = _bill(conn, bill)
            assert (now["fees_signed"], now["signer"], now["txn"]) == (1, HQ, old["txn"])
            assert untrusted_rows(conn, [], [bill]) == []
            assert conn.execute(select(cb.bill_id).where(cb.fees_signed.is_(None))).all() == []
        assert row_problem("bills", _pulled(store, bill), trusted) is None
        with store.engine.begin() as conn:  # dropping the marker to make it look older breaks it
            conn.execute(update(central_bills).where(cb.bill_id == bill).values(fees_signed=None))
            assert [u.why for u in untrusted_rows(conn, [], [bill])] == ["bad_signature"]
            conn.execute(
                update(central_bills).where(cb.bill_id == bill).values(fees_signed=1, fee_paid_fen=0)
            )
            assert [u.why for u in untrusted_rows(conn, [], [bill])] == ["bad_signature"]
    finally:
        store.close()
