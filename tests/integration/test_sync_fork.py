"""Issue 18 / review D3, D4: two machines with one terminal id are a fork, said as one. The centre tells
them apart by key; the second machine's entries are quarantined (never lost, never counted), its pending
count keeps counting what the central journal lacks, and it takes no money but can still sync."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

import main
from app.model import Method
from app.services.backup import OldImage
from app.services.payments import PayRequest, pay
from app.services.sync import run_sync
from db.central_schema import central_journal, central_quarantine
from tests.integration.pg_fixtures import (  # noqa: F401
    assert_consistent,
    central,
    central_url,
    link_for,
    make_terminal,
    pg_server,
)


def test_same_id_on_two_machines_is_a_fork_and_its_money_is_quarantined(tmp_path, central_url, central):
    a, b = make_terminal(tmp_path / "a", "T01", central_url), make_terminal(tmp_path / "b", "T01", central_url)
    pa = pay(a.ctx, PayRequest("1000000001", Method.CASH, "C01"))
    pb = pay(b.ctx, PayRequest("1000000001", Method.CASH, "C01"))
    pb2 = pay(b.ctx, PayRequest("1000000004", Method.CASH, "C01", amount_fen=5000))
    assert pa.receipt.receipt_no == pb.receipt.receipt_no  # the same receipt number on two machines
    assert run_sync(link_for(a, central_url)).alarms == ()
    result = run_sync(link_for(b, central_url))
    assert result.alarms[0].kind == "fork"
    assert "同时被两台电脑使用" in result.alarms[0].reason and "隔离区" in result.alarms[0].reason
    assert result.pending == 3  # D4: B's own entries never reached the central journal
    again = run_sync(link_for(b, central_url))  # idempotent: quarantined once
    assert again.alarms[0].kind == "fork" and again.pending == 3
    with central.engine.connect() as conn:
        held = conn.execute(select(func.count()).select_from(central_quarantine)).scalar_one()
        journal_rows = conn.execute(select(func.count()).select_from(central_journal)).scalar_one()
    assert held == 3 and journal_rows == len(central.journal("T01")) == 2  # A's shift open + payment
    cases = [c for c in central.review_cases() if c.kind == "fork"]
    money = pb.entry.payload["amount_fen"] + pb2.entry.payload["amount_fen"]
    assert len(cases) == 1 and cases[0].amount_fen == money
    assert_consistent(central, [a])  # the money counted centrally is A's alone
    a.store.close()
    b.store.close()
    with pytest.raises(OldImage):  # B takes no money ...
        main.open_terminal(b.data_dir, generated_customers=0)
    w = main.open_terminal(b.data_dir, generated_customers=0, witnesses_stop=False)  # ... but can sync
    try:
        assert run_sync(link_for(w, central_url)).alarms[0].kind == "fork"
    finally:
        w.store.close()
