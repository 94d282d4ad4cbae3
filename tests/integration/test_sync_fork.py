"""Issue 18 / review D3, D4: two machines with one terminal id are a fork, said as one. The centre tells
them apart by key; the second machine's entries are quarantined (never lost, never counted), its pending
count keeps counting what the central journal lacks, and it takes no money but can still sync."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

import bootstrap
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
    a, b = (
        make_terminal(tmp_path / "a", "T01", central_url),
        make_terminal(tmp_path / "b", "T01", central_url),
    )
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
    with pytest.raises(
        OldImage, match="同时被两台电脑使用.*本机不能收费"
    ):  # B takes no money, and says why ...
        bootstrap.open_terminal(b.data_dir, generated_customers=0)
    w = bootstrap.open_terminal(b.data_dir, generated_customers=0, witnesses_stop=False)  # ... but can sync
    try:
        assert run_sync(link_for(w, central_url)).alarms[0].kind == "fork"
    finally:
        w.store.close()


def _tamper(central, sql: str, params: dict) -> None:
    """Edit the central journal behind the append-only guard, as the review did."""
    from sqlalchemy import text

    with central.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SET LOCAL session_replication_role = replica"))
            conn.execute(text(sql), params)
        else:
            trig = conn.execute(
                text(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                    "AND tbl_name = 'central_journal'"
                )
            ).all()
            for name, _sql in trig:
                conn.execute(text(f"DROP TRIGGER {name}"))
            conn.execute(text(sql), params)
            for _name, create in trig:
                conn.execute(text(create))


@pytest.mark.parametrize("rehash", [False, True])
def test_an_edited_central_chain_stops_the_push(tmp_path, central_url, central, rehash):
    """Review D5 (A, B): an edited central row, with or without a recomputed hash: the next push is refused
    with an alarm and a review case, nothing is appended past the break, the entries stay pending."""
    t = make_terminal(tmp_path, "T01", central_url)
    p = pay(t.ctx, PayRequest("1000000001", Method.CASH, "C01"))
    assert run_sync(link_for(t, central_url)).alarms == ()
    seq = p.entry.seq
    amount = p.entry.payload["amount_fen"]
    edit = "UPDATE central_journal SET payload = REPLACE(payload, :old, :new) WHERE seq = :seq AND terminal_id = 'T01'"
    if rehash:
        edit = edit.replace(" WHERE", ", hash = 'f' || substr(hash, 2) WHERE")
    _tamper(central, edit, {"old": f'"amount_fen":{amount}', "new": '"amount_fen":1', "seq": seq})
    pay(t.ctx, PayRequest("1000000004", Method.CASH, "C01", amount_fen=1000))
    result = run_sync(link_for(t, central_url))
    assert [a.kind for a in result.alarms] == ["central_tampered"] and result.pushed == 0
    assert f"第 {seq} 笔" in result.alarms[0].reason and result.pending == 1
    assert len(central.journal("T01")) == seq
    assert any(c.kind == "central_tampered" for c in central.review_cases())
    journals, damaged = central.checked_journals()  # what `shift report --hall` reads, and must show
    assert (
        len(journals["T01"]) == seq and len(damaged) == 1 and "T01" in damaged[0] and f"#{seq}" in damaged[0]
    )
    t.store.close()


def test_same_id_syncing_at_the_same_moment_one_counted_one_quarantined(tmp_path, central_url, central):
    """Review D3, second run: both machines past their start-up check, syncing at once. Whichever registers
    the id first is counted; the other is a fork (not a "resend"), quarantined whole."""
    import threading

    a, b = (
        make_terminal(tmp_path / "a", "T01", central_url),
        make_terminal(tmp_path / "b", "T01", central_url),
    )
    for w in (a, b):
        pay(w.ctx, PayRequest("1000000005", Method.WECHAT, "C01", reference=f"WX{w.data_dir.parent.name}"))
    results: dict[str, object] = {}
    links = {"a": link_for(a, central_url), "b": link_for(b, central_url)}
    threads = [threading.Thread(target=lambda k=k: results.__setitem__(k, run_sync(links[k]))) for k in links]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    forked = [k for k, r in results.items() if r.alarms]  # type: ignore[attr-defined]
    assert len(forked) == 1 and results[forked[0]].alarms[0].kind == "fork"  # type: ignore[attr-defined]
    assert "同时被两台电脑使用" in results[forked[0]].alarms[0].reason  # type: ignore[attr-defined]
    counted, loser = (a, b) if forked == ["b"] else (b, a)
    assert_consistent(central, [counted])
    with central.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(central_quarantine)).scalar_one() == 2
    assert [c.amount_fen for c in central.review_cases() if c.kind == "fork"] == [_paid(loser)]
    a.store.close()
    b.store.close()


def _paid(w) -> int:
    with w.store.reader() as uow:
        return sum(e.payload.get("amount_fen", 0) for e in uow.journal.entries(0) if e.kind == "payment")


def test_an_old_copy_that_took_money_is_quarantined_not_stranded(tmp_path, central_url, central):
    """Start-up no longer asks head office (issue 18), so an old disk image of a counter with a remote
    central may take money before its first sync. That money is not stranded: the sync quarantines it
    (signed with this terminal's own key, sequence numbers head office already holds), and from then on
    the start-up check refuses money from the local witness."""
    import sqlite3

    t = make_terminal(tmp_path, "T01", central_url)
    pay(t.ctx, PayRequest("1000000001", Method.CASH, "C01"))
    assert run_sync(link_for(t, central_url)).alarms == ()
    image = tmp_path / "image.db"
    with sqlite3.connect(t.data_dir / "local.db") as src, sqlite3.connect(image) as dst:
        src.backup(dst)
    pay(t.ctx, PayRequest("1000000004", Method.CASH, "C01", amount_fen=1000))
    assert run_sync(link_for(t, central_url)).alarms == ()
    t.store.close()
    for p in t.data_dir.glob("local.db*"):
        p.unlink()
    image.replace(t.data_dir / "local.db")
    old = bootstrap.open_terminal(t.data_dir, generated_customers=0)  # starts: no network at start-up
    again = pay(
        old.ctx, PayRequest("1000000004", Method.CASH, "C01", amount_fen=700)
    )  # reuses a sequence number
    result = run_sync(link_for(old, central_url))
    assert result.alarms[0].kind == "fork" and "旧的副本" in result.alarms[0].reason
    with central.engine.connect() as conn:
        held = conn.execute(select(central_quarantine.c.entry_id)).scalars().all()
    assert held == [again.entry.entry_id]
    assert [c.amount_fen for c in central.review_cases() if c.kind == "fork"] == [700]
    assert central.balances()["1000000004"] == 2000 + 1000  # the quarantined 7.00 is not counted
    old.store.close()
    with pytest.raises(OldImage, match="restore"):
        bootstrap.open_terminal(t.data_dir, generated_customers=0)
