"""Issue 18: pulled master data never silently rewrites a bill. A central bill whose amount, due date or kWh
differ from the counter's comes with the adjustment record that explains it (a counter's `import --adjust`,
or head office's correction on its HQ chain), else the whole pull is refused with one sentence, sync exits
non-zero and the counter's bills stay as they were. On the embedded SQLite central and on PostgreSQL."""

from __future__ import annotations

import argparse
import datetime as dt

from sqlalchemy import text

from app.model import Method
from app.services.payments import PayRequest, pay
from tests.integration.pg_fixtures import central, central_url, make_terminal, pg_server  # noqa: F401

DAY = dt.date(2026, 11, 23)


def _bills(w) -> dict[str, tuple]:
    with w.store.reader() as uow:
        return {
            b.bill_id: (b.amount_fen, b.due_date.isoformat(), b.kwh, b.principal_paid_fen)
            for cno in ("1000000001", "1000000002", "1000000004", "1000000005")
            for b in uow.bills.for_customer(cno)
        }


def _sync(w, capsys) -> tuple[int, str]:
    import main

    capsys.readouterr()
    code = main.cmd_sync(w, argparse.Namespace(once=True, batch=100, json=False))
    return code, capsys.readouterr().err


def test_an_edited_central_bill_is_refused_and_a_corrected_one_comes_with_its_record(
    tmp_path, central_url, central, capsys
):
    t1 = make_terminal(tmp_path, "T01", central_url)
    assert _sync(t1, capsys) == (0, "")
    before = _bills(t1)
    with central.engine.begin() as conn:  # someone with the database lowers a bill, no record
        conn.execute(
            text(
                "UPDATE central_bills SET amount_fen = 1000, txn = txn + 1000 WHERE bill_id = '1000000002-b'"
            )
        )
    code, err = _sync(t1, capsys)
    assert code == 3
    assert (
        err.strip().splitlines() == [err.strip()] and "1000000002-b" in err and "金额 1000.00 → 10.00" in err
    )
    assert _bills(t1) == before  # nothing changed, and the next sync refuses again
    assert _sync(t1, capsys)[0] == 3 and _bills(t1) == before
    with central.engine.begin() as conn:
        conn.execute(text("UPDATE central_bills SET amount_fen = 100000 WHERE bill_id = '1000000002-b'"))
    assert _sync(t1, capsys) == (0, "")

    # billing corrects a paid bill: 100.00 -> 60.00 is head office's adjustment record, 40.00 to the balance
    pay(t1.ctx, PayRequest("1000000001", Method.CASH, "C01"))
    assert _sync(t1, capsys) == (0, "")
    [adj] = central.issue_bills(
        [
            dict(
                bill_id="1000000001-a",
                customer_no="1000000001",
                period="2026-09",
                kwh=189,
                amount_fen=6000,
                due_date="2026-11-13",
            )
        ],
        today=DAY,
    )
    assert adj.terminal_id == "HQ" and adj.kind == "adjustment" and adj.payload["to_balance_fen"] == 4000
    assert central.balances()["1000000001"] == 4000 and central.bills_paid()["1000000001-a"] == (
        6000,
        6000,
        100,
    )
    assert _sync(t1, capsys) == (0, "")
    assert _bills(t1)["1000000001-a"] == (6000, "2026-11-13", 189, 6000)
    with t1.store.reader() as uow:
        assert uow.customers.get("1000000001").balance_fen == 4000
    # the bill edited again in the database: its record says 60.00, not 50.00: refused, the counter keeps 60.00
    with central.engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE central_bills SET amount_fen = 5000, txn = txn + 1000 WHERE bill_id = '1000000001-a'"
            )
        )
    code, err = _sync(t1, capsys)
    assert code == 3 and "1000000001-a" in err and _bills(t1)["1000000001-a"][0] == 6000
