"""`central audit --recompute` (issue 29 step 3) on the embedded ledger: the streamed recompute cut into many
ranges of customers finds exactly what one pass over the whole ledger finds; the command says one sentence per
difference and sums up on stdout (exit 3), gives one JSON object with --json, and --customer alone (without
--recompute) is refused with one sentence."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from app.errors import InputError
from app.services.sync import run_sync
from db.central.books import Audit, audit, snapshot
from tests.integration.central_cli import run_central
from tests.integration.pg_fixtures import link_for, make_terminal, seed_central, take_payments


@pytest.fixture
def ledger(tmp_path, monkeypatch):
    from db.central.store import CentralStore

    monkeypatch.setenv("HALLPAY_HQ_KEY", str(tmp_path / "hq" / "hq.key"))
    (tmp_path / "hq").mkdir()
    url = f"sqlite:///{tmp_path / 'hq' / 'central.db'}"
    central = CentralStore.open(url, tmp_path / "hq")
    seed_central(central)
    for i, tid in enumerate(("T51", "T52")):  # the same customers at two counters: double payments, offsets
        w = make_terminal(tmp_path, tid, url)
        take_payments(w, 10, seed=i + 1)
        assert not run_sync(link_for(w, url)).alarms
    with central.engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE central_customers SET balance_fen = balance_fen + 50000 WHERE customer_no = '1000000004'"
            )
        )
        conn.execute(text("UPDATE central_bills SET due_date = '2027-01-31' WHERE bill_id = '1000000005-b'"))
    yield url, central
    central.close()


def _run(url: str, capsys, **options) -> tuple[int, str, str]:
    return run_central(capsys, url, "audit", **{"recompute": True, "customer": "", **options})


def test_many_ranges_find_what_one_pass_finds(ledger):
    _url, central = ledger
    one, many = Audit(), Audit()
    with snapshot(central.engine) as conn:
        whole = list(audit(conn, tally=one))
        cut = list(audit(conn, bucket=2, tally=many))
    assert {(d.stream, d.key, d.field) for d in whole} == {
        ("customers", "1000000004", "balance_fen"),
        ("bills", "1000000005-b", "due_date"),
    }
    assert sorted(whole, key=repr) == sorted(cut, key=repr)
    assert (one.passes, many.passes) == (1, 3) and one.customers == many.customers == 5


def test_the_command_says_each_difference_and_exits_3(ledger, capsys):
    url, _central = ledger
    code, out, _err = _run(url, capsys)
    lines = out.strip().splitlines()
    assert code == 3 and len(lines) == 3
    assert lines[0].startswith("用户 1000000004 的余额：总部存储 ")
    assert lines[1] == "账单 1000000005-b 的缴费截止日：总部存储 2027-01-31，按全部流水重算应为 2026-10-19。"
    assert lines[2].startswith("共 2 处与全部流水的重算结果不符")
    code, out, _err = _run(url, capsys, json=True, customer="1000000005")
    doc = json.loads(out)
    assert code == 3 and doc["ok"] is False and doc["customer_no"] == "1000000005"
    assert [(d["key"], d["field"], d["code"]) for d in doc["differences"]] == [
        ("1000000005-b", "due_date", "audit.bill_due_date")
    ]
    code, out, _err = _run(url, capsys, customer="1000000003")
    assert code == 0 and out.startswith("总部存储的余额、账单和退款单与全部流水的重算结果一致")
    with pytest.raises(InputError, match="--recompute"):
        _run(url, capsys, recompute=False, customer="1000000005")


def test_a_payment_on_another_customers_bill_is_folded_with_both_customers(tmp_path, monkeypatch):
    """A payment naming another customer's bill is folded with both customers' books (app/central_fold.py);
    cut into ranges of one customer each, neither range can fold it alone: both customers are folded again
    together, and the audit still finds only the hand edit."""
    from app.journal import GENESIS_HASH, new_entry
    from db.central.store import CentralStore

    monkeypatch.setenv("HALLPAY_HQ_KEY", str(tmp_path / "hq" / "hq.key"))
    (tmp_path / "hq").mkdir()
    central = CentralStore.open(f"sqlite:///{tmp_path / 'hq' / 'central.db'}", tmp_path / "hq")
    try:
        seed_central(central)
        payload = {
            "receipt_no": "T77-20261123-000001",
            "customer_no": "1000000004",
            "shift_id": "S1",
            "business_day": "2026-11-23",
            "method": "cash",
            "reference": "",
            "amount_fen": 500,
            "tendered_fen": 500,
            "change_fen": 0,
            "balance_before_fen": 2000,
            "balance_after_fen": 2000,
            "allocations": [
                {
                    "bill_id": "1000000002-b",
                    "period": "2026-10",
                    "kwh": 100,
                    "days_overdue": 0,
                    "principal_due_fen": 100000,
                    "fee_due_fen": 0,
                    "principal_paid_fen": 500,
                    "fee_paid_fen": 0,
                }
            ],
        }
        e = new_entry(
            terminal_id="T77",
            seq=1,
            kind="payment",
            created_at="2026-11-23T02:00:00Z",
            clerk_id="C01",
            payload=payload,
            prev_hash=GENESIS_HASH,
        )
        central.push("T77", "", [e])
        # whatever the fold makes of the claim (here: a double payment onto A's balance), the ranges must agree
        assert central.balances()["1000000004"] == 2500
        with central.engine.begin() as conn:
            conn.execute(
                text("UPDATE central_customers SET balance_fen = 1 WHERE customer_no = '1000000003'")
            )
        one, many = Audit(), Audit()
        with snapshot(central.engine) as conn:
            whole = list(audit(conn, tally=one))
            cut = list(audit(conn, bucket=1, tally=many))
            alone = list(audit(conn, "1000000002"))
        expected = [("customers", "1000000003", "balance_fen")]
        assert [(d.stream, d.key, d.field) for d in whole] == expected
        assert [(d.stream, d.key, d.field) for d in cut] == expected
        assert many.passes == 5 + 1 and alone == []  # a range per customer, then the two linked together
    finally:
        central.close()
