"""Issue 18: pulled master data never silently rewrites a bill. A central bill whose amount, due date or kWh
differ from the counter's comes with the adjustment record that explains it (a counter's `import --adjust`,
or head office's correction on its HQ chain), else the whole pull is refused with one sentence, sync exits
non-zero and the counter's bills stay as they were. On the embedded SQLite central and on PostgreSQL."""

from __future__ import annotations

import argparse
import datetime as dt

from sqlalchemy import text

from app.model import Method
from app.services.master_data import Adjust, import_master_data
from app.services.payments import PayRequest, pay
from tests.integration.pg_fixtures import central, central_url, make_terminal, pg_server  # noqa: F401

DAY = dt.date(2026, 11, 23)
BILL_A = dict(bill_id="1000000001-a", customer_no="1000000001", period="2026-09", kwh=189, due_date="2026-11-13")


def _bills(w) -> dict[str, tuple]:
    with w.store.reader() as uow:
        return {b.bill_id: (b.amount_fen, b.due_date.isoformat(), b.kwh, b.principal_paid_fen)
                for cno in ("1000000001", "1000000002", "1000000004", "1000000005")
                for b in uow.bills.for_customer(cno)}


def _sync(w, capsys) -> tuple[int, str]:
    import main

    capsys.readouterr()
    code = main.cmd_sync(w, argparse.Namespace(once=True, batch=100, json=False))
    return code, capsys.readouterr().err


def _edit(central, bill_id: str, amount_fen: int) -> None:
    with central.engine.begin() as conn:  # someone with the database changes a bill, no record
        conn.execute(text("UPDATE central_bills SET amount_fen = :a, txn = txn + 1000 WHERE bill_id = :b"),
                     {"a": amount_fen, "b": bill_id})


def test_an_edited_central_bill_is_refused_and_a_corrected_one_comes_with_its_record(tmp_path, central_url,
                                                                                      central, capsys):
    t1, t2 = make_terminal(tmp_path, "T01", central_url), make_terminal(tmp_path, "T02", central_url)
    assert _sync(t1, capsys) == (0, "") and _sync(t2, capsys) == (0, "")
    before = _bills(t1)
    _edit(central, "1000000002-b", 1000)
    code, err = _sync(t1, capsys)
    assert code == 3 and err.count("\n") == 1
    assert err.startswith("总部下发的账单 1000000002-b（2026-10）与本机不同（金额 1000.00 → 10.00），")
    assert _bills(t1) == before  # nothing changed, and the next sync refuses again
    assert _sync(t1, capsys)[0] == 3 and _bills(t1) == before
    _edit(central, "1000000002-b", 100000)
    assert _sync(t1, capsys) == (0, "")

    # billing corrects a paid bill: 100.00 -> 60.00 is head office's adjustment record, 40.00 to the balance
    pay(t1.ctx, PayRequest("1000000001", Method.CASH, "C01"))
    assert _sync(t1, capsys) == (0, "")
    [adj] = central.issue_bills([dict(BILL_A, amount_fen=6000)], today=DAY)
    assert adj.terminal_id == "HQ" and adj.kind == "adjustment" and adj.payload["to_balance_fen"] == 4000
    assert central.balances()["1000000001"] == 4000 and central.bills_paid()["1000000001-a"] == (6000, 6000, 100)
    for w in (t1, t2):
        assert _sync(w, capsys) == (0, "")
        assert _bills(w)["1000000001-a"] == (6000, "2026-11-13", 189, 6000)
        with w.store.reader() as uow:
            assert uow.customers.get("1000000001").balance_fen == 4000
    # a counter's own adjustment reaches the other counter with its record
    import_master_data(t2.ctx, [], [dict(BILL_A, amount_fen=5000, line=2)], Adjust("退补", "S01", "999999"))
    assert _sync(t2, capsys) == (0, "") and _sync(t1, capsys) == (0, "")
    assert _bills(t1)["1000000001-a"] == _bills(t2)["1000000001-a"] == (5000, "2026-11-13", 189, 5000)
    # the bill edited again in the database: its record says 50.00, not 45.00: refused, the counters keep 50.00
    _edit(central, "1000000001-a", 4500)
    for w in (t1, t2):
        code, err = _sync(w, capsys)
        assert code == 3 and "1000000001-a" in err and _bills(w)["1000000001-a"][0] == 5000
