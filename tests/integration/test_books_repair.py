"""Issue 29: the way out for a held customer. `central verify-books --repair --customer N --by S --reason R`
writes the fold's values over the customer's rows, signed by head office, as one `books_repair` record on the
HQ chain naming stored and recomputed values; closes the customer's `tampered_row` cases; the held entries
are then booked exactly once (money exact: received = bills paid + late fees + balance); a second repair
changes nothing; without head office's key nothing is written. On SQLite and on PostgreSQL."""

from __future__ import annotations

import argparse

import pytest
from sqlalchemy import select, text

from app.errors import InputError, Refused
from app.model import Method
from app.services.payments import PayRequest, pay
from db.central.books import verify_books
from db.central.rowcheck import untrusted_rows
from db.central_schema import central_hq_signatures
from tests.integration.central_cli import run_central
from tests.integration.pg_fixtures import (  # noqa: F401
    assert_consistent,
    central,
    central_url,
    make_terminal,
    pg_server,
)


def _sync(w, capsys) -> tuple[int, str]:
    from cli.sync import cmd_sync

    capsys.readouterr()
    code = cmd_sync(w, argparse.Namespace(once=True, batch=100, json=False))
    return code, capsys.readouterr().err


def _repair(
    url: str, customer: str, capsys, reason: str = "库里余额被人工改动，按流水重算"
) -> tuple[int, str]:
    code, out, _err = run_central(
        capsys, url, "verify-books", by="it-wang", repair=True, customer=customer, reason=reason
    )
    return code, out


def _rows(central) -> list[tuple]:
    with central.engine.connect() as conn:
        customers = conn.execute(text("SELECT * FROM central_customers ORDER BY customer_no")).all()
        bills = conn.execute(text("SELECT * FROM central_bills ORDER BY bill_id")).all()
    return [tuple(r) for r in customers + bills]


def _balance(w, cno: str) -> int:
    with w.store.reader() as uow:
        return uow.customers.get(cno).balance_fen


def test_a_held_customer_is_repaired_from_the_fold_once(tmp_path, central_url, central, capsys):
    t1, t2 = make_terminal(tmp_path, "T51", central_url), make_terminal(tmp_path, "T52", central_url)
    assert _sync(t1, capsys) == (0, "") and _sync(t2, capsys) == (0, "")
    with central.engine.begin() as conn:  # someone with the database; the change cursors left alone
        conn.execute(
            text(
                "UPDATE central_customers SET balance_fen = balance_fen + 50000 WHERE customer_no = '1000000004'"
            )
        )
        conn.execute(
            text("UPDATE central_bills SET principal_paid_fen = 90000 WHERE bill_id = '1000000002-a'")
        )
    pay(t1.ctx, PayRequest("1000000004", Method.CASH, "C01", amount_fen=1000, tendered_fen=1000))
    pay(t1.ctx, PayRequest("1000000002", Method.CASH, "C01", amount_fen=1000, tendered_fen=1000))
    assert _sync(t1, capsys)[0] == 3
    pay(t2.ctx, PayRequest("1000000004", Method.CASH, "C01", amount_fen=500, tendered_fen=500))
    assert _sync(t2, capsys)[0] == 3
    assert len([c for c in central.review_cases() if c.kind == "tampered_row"]) == 3
    hq_before = len(central.journal("HQ"))

    code, out = _repair(central_url, "1000000004", capsys)
    assert code == 0, out
    assert "52000" not in out and "520.00" in out and "35.00" in out  # stored and recomputed, in yuan
    assert central.balances()["1000000004"] == 2000 + 1000 + 500  # both held payments, once each
    [record] = central.journal("HQ")[hq_before:]  # a prepaid balance beside no open bill: no offset
    assert record.kind == "books_repair"
    assert record.payload["decided_by"] == "it-wang" and record.payload["customer_no"] == "1000000004"
    assert record.payload["values"] == [
        {
            "stream": "customers",
            "key": "1000000004",
            "field": "balance_fen",
            "stored": 52000,
            "recomputed": 3500,
        }
    ]
    assert sorted(r["terminal_id"] for r in record.payload["released"]) == ["T51", "T52"]
    with central.engine.connect() as conn:  # the record and the rows are head office's, and verify
        signer = conn.execute(
            select(central_hq_signatures.c.signer).where(central_hq_signatures.c.entry_id == record.entry_id)
        ).scalar()
        assert signer == "HQ"
        assert untrusted_rows(conn, ["1000000004"], []) == []
    closed = [c for c in central.review_cases(open_only=False) if c.customer_no == "1000000004"]
    assert [c.resolved_at is not None for c in closed if c.kind == "tampered_row"] == [True, True]

    code, out = _repair(central_url, "1000000002", capsys, reason="账单已付金额被人工改动")
    assert code == 0, out
    assert verify_books(central.engine) == []  # the books are the fold of the journals again

    # a repair of a repaired customer changes nothing: no record, no row version
    rows, hq = _rows(central), len(central.journal("HQ"))
    code, out = _repair(central_url, "1000000004", capsys)
    assert code == 0 and "未作任何改动" in out
    assert _rows(central) == rows and len(central.journal("HQ")) == hq

    # the counters pull the repaired rows (signed by head office) and the customers move again as always
    assert _sync(t2, capsys) == (0, "") and _balance(t2, "1000000004") == 3500
    pay(t1.ctx, PayRequest("1000000004", Method.CASH, "C01", amount_fen=200, tendered_fen=200))
    assert _sync(t1, capsys) == (0, "") and _sync(t2, capsys) == (0, "")
    assert central.balances()["1000000004"] == 3700 and _balance(t2, "1000000004") == 3700
    assert not [c for c in central.review_cases() if c.kind == "tampered_row"]
    assert verify_books(central.engine) == []
    assert_consistent(central, [t1, t2])  # money received = bills paid + late fees + balance added


def test_no_repair_without_head_offices_key(tmp_path, central_url, central):
    from db.central.repair import repair_books
    from db.central.store import CentralStore

    with central.engine.begin() as conn:
        conn.execute(
            text("UPDATE central_customers SET balance_fen = 50000 WHERE customer_no = '1000000003'")
        )
    rows, hq = _rows(central), len(central.journal("HQ"))
    keyless = CentralStore(central.engine, None, None, central.clock)
    with pytest.raises(Refused) as refused:
        repair_books(keyless, "1000000003", "it-wang", "余额被改")
    assert refused.value.code == "central.hq_key_missing"
    with pytest.raises(InputError):  # nor without a reason, with the key
        repair_books(central, "1000000003", "it-wang", " ")
    assert _rows(central) == rows and len(central.journal("HQ")) == hq


def test_a_held_double_payment_opens_its_case_at_the_repair(tmp_path, central_url, central, capsys):
    """The held entry paid bills another hall had paid: the repair books its surplus on the balance and opens
    the `double_payment` case its push would have opened, so finance can credit or refund it."""
    t1, t2 = make_terminal(tmp_path, "T51", central_url), make_terminal(tmp_path, "T52", central_url)
    pay(t1.ctx, PayRequest("1000000001", Method.CASH, "C01"))  # the same bills at two halls, offline
    pay(t2.ctx, PayRequest("1000000001", Method.CASH, "C01"))
    assert _sync(t1, capsys) == (0, "")
    with central.engine.begin() as conn:
        conn.execute(
            text("UPDATE central_customers SET balance_fen = 90000 WHERE customer_no = '1000000001'")
        )
    assert _sync(t2, capsys)[0] == 3  # held: no double_payment case yet, the money in a tampered_row case
    assert [c.kind for c in central.review_cases()] == ["tampered_row"]

    code, out = _repair(central_url, "1000000001", capsys)
    assert code == 0, out
    cases = central.review_cases()
    assert sorted({c.kind for c in cases}) == ["double_payment"] and all(
        c.terminal_id == "T52" for c in cases
    )
    assert central.balances()["1000000001"] == sum(c.amount_fen for c in cases) > 0
    assert verify_books(central.engine) == []
    assert _sync(t1, capsys) == (0, "") and _sync(t2, capsys) == (0, "")
    assert_consistent(central, [t1, t2])


def test_a_row_equal_to_the_fold_whose_signature_fails_is_signed_again(central_url, central, capsys):
    """An edit undone by hand leaves the values right and the signature broken: verify-books finds nothing,
    the next push would hold the customer; the repair signs the customer's rows again."""
    from db.central.repair import repair_books

    with central.engine.begin() as conn:
        conn.execute(
            text("UPDATE central_bills SET signature = :s WHERE bill_id = '1000000005-a'"), {"s": "ab" * 64}
        )
        assert [u.why for u in untrusted_rows(conn, ["1000000005"], [])] == ["bad_signature"]
    assert verify_books(central.engine) == []
    done = repair_books(central, "1000000005", "it-wang", "签名被改")
    assert done.record is not None and done.values == [] and done.record.payload["untrusted"]
    with central.engine.connect() as conn:
        assert untrusted_rows(conn, ["1000000005"], []) == []
    assert repair_books(central, "1000000005", "it-wang", "再查一次").record is None
