"""Issue 18: pulled master data is signed and never silently rewrites a bill. Every pulled row carries the
signature of head office or of a counter head office certified (app/pulled.py); a central bill whose amount,
due date or kWh differ from the counter's also comes with the adjustment record that explains it (a counter's
`import --adjust`, or head office's correction on its HQ chain). Otherwise the whole pull is refused with one
sentence, sync exits non-zero and the counter's data stay as they were. On SQLite and on PostgreSQL."""

from __future__ import annotations

import argparse
import datetime as dt

from sqlalchemy import text

from app.model import Method
from app.services.master_data import Adjust, import_master_data
from app.services.payments import PayRequest, pay
from tests.integration.pg_fixtures import central, central_url, make_terminal, pg_server  # noqa: F401

DAY = dt.date(2026, 11, 23)
BILL_A = dict(
    bill_id="1000000001-a", customer_no="1000000001", period="2026-09", kwh=189, due_date="2026-11-13"
)
REFUSED = "：本次下发的数据全部拒收，本机数据未改动；请信息部门核查总部账务中心的数据是否被改动。\n"


def _bills(w) -> dict[str, tuple]:
    with w.store.reader() as uow:
        return {
            b.bill_id: (b.amount_fen, b.due_date.isoformat(), b.kwh, b.principal_paid_fen)
            for cno in ("1000000001", "1000000002", "1000000004", "1000000005")
            for b in uow.bills.for_customer(cno)
        }


def _balance(w, cno: str) -> int:
    with w.store.reader() as uow:
        return uow.customers.get(cno).balance_fen


def _sync(w, capsys) -> tuple[int, str]:
    from cli.sync import cmd_sync

    capsys.readouterr()
    code = cmd_sync(w, argparse.Namespace(once=True, batch=100, json=False))
    return code, capsys.readouterr().err


def _edit(central, sql: str, resign: bool = False) -> None:
    """Someone with the database changes a row (and, holding head office's key, signs it again); {txn} in
    the statement is a fresh change cursor, so the counters pull the row."""
    from db.central.rowsign import sign_rows
    from db.central.sql import next_txn

    with central.engine.begin() as conn:
        txn = next_txn(conn)
        conn.execute(text(sql.replace("{txn}", str(txn))))
        if resign:
            sign_rows(conn, lambda t: t.c.txn == txn, "HQ", central.hq)


def test_edited_rows_are_refused_and_a_corrected_bill_comes_with_its_record(
    tmp_path, central_url, central, capsys
):
    t1, t2 = make_terminal(tmp_path, "T01", central_url), make_terminal(tmp_path, "T02", central_url)
    assert _sync(t1, capsys) == (0, "") and _sync(t2, capsys) == (0, "")
    before, balance = _bills(t1), _balance(t1, "1000000004")
    for sql, sentence in (  # the review's tamper C, and an amount, and a signature removed
        (
            "UPDATE central_bills SET amount_fen = 1000, txn = {txn} WHERE bill_id = '1000000002-b'",
            "总部下发的账单 1000000002-b签名校验不通过（签名后被改动）",
        ),
        (
            "UPDATE central_bills SET principal_paid_fen = 0, txn = {txn} WHERE bill_id = '1000000004-a'",
            "总部下发的账单 1000000004-a签名校验不通过（签名后被改动）",
        ),
        (
            "UPDATE central_customers SET balance_fen = 102000, txn = {txn} WHERE customer_no = '1000000004'",
            "总部下发的用户 1000000004签名校验不通过（签名后被改动）",
        ),
        (
            "UPDATE central_bills SET signer = NULL, signature = NULL, txn = {txn} WHERE bill_id = '1000000002-b'",
            "总部下发的账单 1000000002-b没有总部签名",
        ),
    ):
        _edit(central, sql)
        code, err = _sync(t1, capsys)
        assert code == 3 and err == sentence + REFUSED
        assert _bills(t1) == before and _balance(t1, "1000000004") == balance  # nothing changed
        assert _sync(t1, capsys)[0] == 3  # and the next sync refuses again
        _edit(
            central,
            "UPDATE central_bills SET amount_fen = 100000, principal_paid_fen = 0, signer = 'HQ', "
            "txn = {txn} WHERE bill_id = '1000000002-b'",
            resign=True,
        )
        _edit(
            central,
            "UPDATE central_bills SET principal_paid_fen = 6360, txn = {txn} WHERE bill_id = '1000000004-a'",
            resign=True,
        )
        _edit(
            central,
            "UPDATE central_customers SET balance_fen = 2000, txn = {txn} WHERE customer_no = '1000000004'",
            resign=True,
        )
        assert _sync(t1, capsys) == (0, "")
    # signed with head office's own key, but a changed amount with no adjustment record: refused too
    _edit(
        central,
        "UPDATE central_bills SET amount_fen = 1000, txn = {txn} WHERE bill_id = '1000000002-b'",
        resign=True,
    )
    code, err = _sync(t1, capsys)
    assert code == 3 and err.startswith(
        "总部下发的账单 1000000002-b（2026-10）与本机不同（金额 1000.00 → 10.00），"
    )
    assert _bills(t1) == before
    _edit(
        central,
        "UPDATE central_bills SET amount_fen = 100000, txn = {txn} WHERE bill_id = '1000000002-b'",
        resign=True,
    )
    assert _sync(t1, capsys) == (0, "")

    # billing corrects a paid bill: 100.00 -> 60.00 is head office's adjustment record, 40.00 to the balance
    pay(t1.ctx, PayRequest("1000000001", Method.CASH, "C01"))
    assert _sync(t1, capsys) == (0, "")
    [adj] = central.issue_bills([dict(BILL_A, amount_fen=6000)], today=DAY)
    assert adj.terminal_id == "HQ" and adj.kind == "adjustment" and adj.payload["to_balance_fen"] == 4000
    assert central.balances()["1000000001"] == 4000 and central.bills_paid()["1000000001-a"] == (
        6000,
        6000,
        100,
    )
    for w in (t1, t2):  # T01's own push signed the paid bill with T01's key, which head office certified
        assert _sync(w, capsys) == (0, "")
        assert _bills(w)["1000000001-a"] == (6000, "2026-11-13", 189, 6000)
        assert _balance(w, "1000000001") == 4000
    # a counter's own adjustment reaches the other counter with its record
    import_master_data(t2.ctx, [], [dict(BILL_A, amount_fen=5000, line=2)], Adjust("退补", "S01", "999999"))
    assert _sync(t2, capsys) == (0, "") and _sync(t1, capsys) == (0, "")
    assert _bills(t1)["1000000001-a"] == _bills(t2)["1000000001-a"] == (5000, "2026-11-13", 189, 5000)
    # the bill edited again and re-signed with head office's key: its record says 50.00, not 45.00: refused
    _edit(
        central,
        "UPDATE central_bills SET amount_fen = 4500, txn = {txn} WHERE bill_id = '1000000001-a'",
        resign=True,
    )
    for w in (t1, t2):
        code, err = _sync(w, capsys)
        assert code == 3 and "1000000001-a" in err and _bills(w)["1000000001-a"][0] == 5000


def test_a_counter_refuses_another_head_office_key_and_an_uncertified_writer(
    tmp_path, central_url, central, capsys
):
    from app.signing import Ed25519Signer
    from db.central.rowsign import sign_rows
    from db.central.sql import next_txn

    t1 = make_terminal(tmp_path, "T01", central_url)
    assert _sync(t1, capsys) == (0, "")
    before = _bills(t1)
    with central.engine.begin() as conn:  # a key head office never certified signs a changed row
        txn = next_txn(conn)
        conn.execute(
            text("UPDATE central_bills SET principal_paid_fen = 0, txn = :t WHERE bill_id = '1000000004-a'"),
            {"t": txn},
        )
        sign_rows(conn, lambda t: t.c.txn == txn, "T09", Ed25519Signer.generate())
    code, err = _sync(t1, capsys)
    assert code == 3 and err.startswith("总部下发的账单 1000000004-a签名者 T09 不是总部认可的写入方")
    with central.engine.begin() as conn:  # another head office key published: pinned at the first pull
        conn.execute(
            text("UPDATE central_meta SET value = :k WHERE key = 'hq_public_key'"),
            {"k": Ed25519Signer.generate().public_key_hex},
        )
    code, err = _sync(t1, capsys)
    assert code == 3 and err.startswith("总部账务中心的公钥与本机首次同步时记录的不同")
    assert _bills(t1) == before
