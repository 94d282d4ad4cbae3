"""Sync against both central ledgers: the embedded SQLite central.db and a real PostgreSQL."""

from __future__ import annotations

import dataclasses
import json

from app.journal import Entry, new_entry
from app.sync import Ack
from tests.integration.pg_fixtures import (  # noqa: F401
    assert_consistent,
    central,
    central_url,
    link_for,
    make_terminal,
    pg_server,
    seed_central,
    take_payments,
)


def _sync(wiring, url, **kw):
    from app.services.sync import run_sync

    return run_sync(link_for(wiring, url), **kw)


def test_push_then_everything_is_there_once(tmp_path, central_url, central):
    t1 = make_terminal(tmp_path, "T01")
    take_payments(t1, 12)
    result = _sync(t1, central_url, batch_size=5)
    assert result.pending == 0 and result.pushed == 13 and not result.alarms  # 12 payments + shift open
    again = _sync(t1, central_url, batch_size=5)
    assert again.pushed == 0 and again.pending == 0
    assert_consistent(central, [t1])


def test_same_batch_pushed_twice_changes_nothing(tmp_path, central_url, central):
    t1 = make_terminal(tmp_path, "T01")
    take_payments(t1, 6)
    entries = list(t1.store.reader().__enter__().journal.entries(0))
    first = central.push("T01", "厅", entries)
    before = (central.balances(), central.bills_paid(), central.journal("T01"))
    second = central.push("T01", "厅", entries)
    assert first.accepted == 7 and second.accepted == 0 and second.duplicates == 7
    assert (central.balances(), central.bills_paid(), central.journal("T01")) == before
    assert second.ack == first.ack == Ack(entries[-1].seq, entries[-1].hash)
    _sync(t1, central_url)
    assert_consistent(central, [t1])


def test_same_uuid_different_content_is_an_alarm_not_an_overwrite(tmp_path, central_url, central):
    t1 = make_terminal(tmp_path, "T01")
    take_payments(t1, 3)
    entries = list(t1.store.reader().__enter__().journal.entries(0))
    central.push("T01", "厅", entries)
    victim = entries[2]
    forged_payload = dict(victim.payload, amount_fen=1)
    forged = new_entry(
        terminal_id="T01",
        seq=victim.seq,
        kind=victim.kind,
        created_at=victim.created_at,
        clerk_id=victim.clerk_id,
        payload=forged_payload,
        prev_hash=victim.prev_hash,
        entry_id=victim.entry_id,
    )
    report = central.push("T01", "厅", [forged])
    assert report.accepted == 0 and [a.kind for a in report.alarms] == ["content_mismatch"]
    assert central.journal("T01")[2] == victim
    assert any(c.kind == "content_mismatch" for c in central.review_cases())


def test_sequence_gap_and_broken_chain_stop_the_push(tmp_path, central_url, central):
    t1 = make_terminal(tmp_path, "T01")
    take_payments(t1, 5)
    entries = list(t1.store.reader().__enter__().journal.entries(0))
    report = central.push("T01", "厅", entries[:2] + entries[3:])
    assert report.accepted == 2 and report.ack.seq == 2
    assert report.alarms[0].kind == "sequence_gap" and report.alarms[0].seq == 4
    broken = dataclasses.replace(entries[2], prev_hash="f" * 64)
    report = central.push("T01", "厅", [broken, *entries[3:]])
    assert report.accepted == 0 and report.alarms[0].kind == "chain_break"
    edited = Entry(**{**entries[2].__dict__, "payload": {**entries[2].payload, "amount_fen": 7}})
    report = central.push("T01", "厅", [edited])
    assert report.accepted == 0 and report.alarms[0].kind == "bad_hash"
    assert [e.seq for e in central.journal("T01")] == [1, 2]
    result = _sync(t1, central_url)  # the real journal then goes through
    assert result.pending == 0 and not result.alarms
    assert_consistent(central, [t1])


def test_two_halls_pay_the_same_bill_offline(tmp_path, central_url, central):
    from app.model import Method
    from app.services.payments import PayRequest, pay

    t1, t2 = make_terminal(tmp_path, "T01"), make_terminal(tmp_path, "T02")
    _sync(t1, central_url), _sync(t2, central_url)
    paid1 = pay(t1.ctx, PayRequest("1000000001", Method.CASH, "C01"))
    paid2 = pay(t2.ctx, PayRequest("1000000001", Method.WECHAT, "C01", reference="WX1"))
    assert paid1.settlement.settled_fen == paid2.settlement.settled_fen == 19110  # both took the full bills
    r1, r2 = _sync(t1, central_url), _sync(t2, central_url)
    assert r1.cases == 0 and r2.cases == 2
    cases = central.review_cases(customer_no="1000000001")
    assert {c.bill_id for c in cases} == {"1000000001-a", "1000000001-b"}
    assert sum(c.amount_fen for c in cases) == 19110  # principal 19010 + the 1.00 late fee taken twice
    assert central.balances()["1000000001"] == 19110
    _sync(t1, central_url)
    for w in (t1, t2):  # both counters now see the surplus as the customer's balance
        with w.store.reader() as uow:
            assert uow.customers.get("1000000001").balance_fen == 19110
            assert not uow.bills.open_for("1000000001")
    assert_consistent(central, [t1, t2])


def test_pull_brings_new_bills_and_policy_and_keeps_unacknowledged_payments(tmp_path, central_url, central):
    from app.model import Method
    from app.services.payments import PayRequest, pay

    t1 = make_terminal(tmp_path, "T01")
    _sync(t1, central_url)
    pay(t1.ctx, PayRequest("1000000001", Method.CASH, "C01"))  # not yet pushed
    central.issue_bills(
        [
            dict(
                bill_id="1000000003-n",
                customer_no="1000000003",
                period="2026-10",
                kwh=50,
                amount_fen=2650,
                due_date="2026-12-10",
            )
        ]
    )
    central.load_master_data([], [], {"late_fee.grace_days": "3"})
    link = link_for(t1, central_url)
    from app.sync import pull_changes

    pulled = pull_changes(link.central(), link.local)  # pull without push: the local payment is pending
    assert pulled >= 2
    with t1.store.reader() as uow:
        assert not uow.bills.open_for("1000000001"), "a bill paid here must not become unpaid again"
        assert [b.bill_id for b in uow.bills.open_for("1000000003")] == ["1000000003-n"]
        assert uow.settings.policy_values()["late_fee.grace_days"] == "3"
    assert pull_changes(link.central(), link.local) == 0  # the cursor moved past what was pulled
    _sync(t1, central_url)
    assert_consistent(central, [t1])


def test_sync_command_prints_json(tmp_path, central_url, central):
    import os
    import subprocess
    import sys

    make_terminal(tmp_path, "T01", central_url)
    env = {**os.environ, "HALLPAY_NOW": "2026-11-23T10:00:00+08:00"}
    out = subprocess.run(
        [sys.executable, "main.py", "sync", "--once", "--json", "--data-dir", str(tmp_path / "T01")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    data = json.loads(out.stdout)
    assert data["pushed"] == 1 and data["pending"] == 0 and data["pulled"] > 0
