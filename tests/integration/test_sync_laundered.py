"""Issue 29 step 1 (sync review 2026-12-07 P1-1): a central row edited by hand is never laundered by the next
genuine push. Before projecting onto a stored customer or bill row, head office checks the row's signature
against its stored signer; a row that does not verify is never re-signed: the push still stores (and
acknowledges) its entries, the customer's projection is held, a `tampered_row` review case carries the money
held, and the pushing counter is told. On SQLite and on PostgreSQL."""

from __future__ import annotations

import argparse

from sqlalchemy import select, text

from app.model import Method
from app.services.payments import PayRequest, pay
from tests.integration.pg_fixtures import central, central_url, make_terminal, pg_server  # noqa: F401


def _sync(w, capsys) -> tuple[int, str]:
    from cli.sync import cmd_sync

    capsys.readouterr()
    code = cmd_sync(w, argparse.Namespace(once=True, batch=100, json=False))
    return code, capsys.readouterr().err


def _balance(w, cno: str) -> int:
    with w.store.reader() as uow:
        return uow.customers.get(cno).balance_fen


def _row(central, table: str, key: str, value: str) -> dict:
    with central.engine.connect() as conn:
        return dict(
            conn.execute(text(f"SELECT * FROM {table} WHERE {key} = :v"), {"v": value}).one()._mapping
        )


def _edit(central, sql: str) -> None:
    """Someone with the database changes a row by hand; its change cursor (txn) is left as it was, so no
    counter pulls it again."""
    with central.engine.begin() as conn:
        conn.execute(text(sql))


def test_a_hand_edited_balance_is_not_laundered_by_the_next_payment(tmp_path, central_url, central, capsys):
    t1, t2 = make_terminal(tmp_path, "T51", central_url), make_terminal(tmp_path, "T52", central_url)
    assert _sync(t1, capsys) == (0, "") and _sync(t2, capsys) == (0, "")
    genuine = central.balances()["1000000004"]
    assert genuine == _balance(t2, "1000000004") == 2000
    _edit(
        central,
        "UPDATE central_customers SET balance_fen = balance_fen + 50000 WHERE customer_no = '1000000004'",
    )
    edited = _row(central, "central_customers", "customer_no", "1000000004")

    pay(t1.ctx, PayRequest("1000000004", Method.CASH, "C01", amount_fen=1000, tendered_fen=1000))
    code, err = _sync(t1, capsys)
    assert code == 3 and "1000000004" in err, err  # the pushing counter is told
    # nothing lost: the entry is in head office's journal and acknowledged
    assert [e.entry_id for e in central.journal("T51")] == [e.entry_id for e in _local(t1)]
    # the edited row is left as it was: not moved by the payment, not signed again by T51
    assert _row(central, "central_customers", "customer_no", "1000000004") == edited
    [case] = [c for c in central.review_cases() if c.kind == "tampered_row"]
    assert (case.customer_no, case.terminal_id, case.amount_fen) == ("1000000004", "T51", 1000)
    # the other counter never sees the 500.00 nobody paid
    assert _sync(t2, capsys) == (0, "") and _balance(t2, "1000000004") == 2000

    # the next genuine payment for the customer, from the other counter, is held too (no laundering later)
    pay(t2.ctx, PayRequest("1000000004", Method.CASH, "C01", amount_fen=500, tendered_fen=500))
    code, err = _sync(t2, capsys)
    assert code == 3 and "1000000004" in err
    assert _row(central, "central_customers", "customer_no", "1000000004") == edited
    held = sorted(c.amount_fen for c in central.review_cases() if c.kind == "tampered_row")
    assert held == [500, 1000]
    # the fold of the journals knows the truth: the edit out, both held payments in
    from db.central.books import Difference, verify_books

    assert verify_books(central.engine) == [Difference("customers", "1000000004", "balance_fen", 52000, 3500)]
    # other customers are projected as always
    pay(t1.ctx, PayRequest("1000000003", Method.CASH, "C01", amount_fen=700, tendered_fen=700))
    assert _sync(t1, capsys) == (0, "")
    assert central.balances()["1000000003"] == 700


def test_a_hand_edited_bill_is_not_laundered_either(tmp_path, central_url, central, capsys):
    t1 = make_terminal(tmp_path, "T51", central_url)
    assert _sync(t1, capsys) == (0, "")
    _edit(central, "UPDATE central_bills SET principal_paid_fen = 90000 WHERE bill_id = '1000000002-a'")
    edited = _row(central, "central_bills", "bill_id", "1000000002-a")
    customer = _row(central, "central_customers", "customer_no", "1000000002")
    pay(t1.ctx, PayRequest("1000000002", Method.CASH, "C01", amount_fen=1000, tendered_fen=1000))
    code, err = _sync(t1, capsys)
    assert code == 3 and "1000000002" in err, err
    assert _row(central, "central_bills", "bill_id", "1000000002-a") == edited
    assert _row(central, "central_customers", "customer_no", "1000000002") == customer
    [case] = [c for c in central.review_cases() if c.kind == "tampered_row"]
    assert (case.customer_no, case.amount_fen) == ("1000000002", 1000)
    with central.engine.connect() as conn:
        from db.central_schema import central_journal

        kinds = conn.execute(
            select(central_journal.c.kind).where(central_journal.c.terminal_id == "T51")
        ).all()
    assert ("payment",) in kinds


def _local(w) -> list:
    with w.store.reader() as uow:
        return list(uow.journal.entries(0))


def test_head_office_never_spends_a_hand_edited_balance_on_new_bills(tmp_path, central_url, central):
    import datetime as dt

    _edit(central, "UPDATE central_customers SET balance_fen = 50000 WHERE customer_no = '1000000003'")
    edited = _row(central, "central_customers", "customer_no", "1000000003")
    bill = dict(
        bill_id="1000000003-x",
        customer_no="1000000003",
        period="2026-11",
        kwh=50,
        amount_fen=3000,
        due_date="2026-12-10",
    )
    assert central.issue_bills([bill], today=dt.date(2026, 11, 23)) == []  # no offset from the edited balance
    assert _row(central, "central_customers", "customer_no", "1000000003") == edited
    assert _row(central, "central_bills", "bill_id", "1000000003-x")["principal_paid_fen"] == 0


def test_no_refund_is_paid_out_of_a_hand_edited_balance(tmp_path, central_url, central):
    import pytest

    from app.errors import Refused
    from app.services.sync import run_sync
    from tests.integration.pg_fixtures import link_for

    t1, t2 = make_terminal(tmp_path, "T51", central_url), make_terminal(tmp_path, "T52", central_url)
    pay(t1.ctx, PayRequest("1000000001", Method.CASH, "C01"))  # the same bills paid at two halls offline
    pay(t2.ctx, PayRequest("1000000001", Method.WECHAT, "C01", reference="WX1"))
    for w in (t1, t2):
        run_sync(link_for(w, central_url))
    case = next(c for c in central.review_cases() if c.kind == "double_payment")
    _edit(
        central,
        "UPDATE central_customers SET balance_fen = balance_fen + 50000 WHERE customer_no = '1000000001'",
    )
    edited = _row(central, "central_customers", "customer_no", "1000000001")
    with pytest.raises(Refused) as refused:
        central.resolve_case(case.case_id, "cai", "refund", "客户要求退款")
    assert refused.value.code == "case.refund_held"
    assert _row(central, "central_customers", "customer_no", "1000000001") == edited
    assert case.case_id in [c.case_id for c in central.review_cases()]  # still open, nothing ordered
