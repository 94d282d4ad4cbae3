"""Central projections of every money entry (payments, partial payments, waivers, reversals, card
purchases) on both central ledgers, and the terminal's signatures in the central copy."""

from __future__ import annotations

import argparse
import dataclasses
import json

import pytest
from sqlalchemy import text

from app.journal import new_entry
from app.model import Method
from app.services.payments import PayRequest, due, pay
from app.services.reversal import ReversalRequest, reverse
from app.signing import Ed25519Signer
from db.central.store import CentralStore
from tests.integration.pg_fixtures import (  # noqa: F401
    assert_consistent,
    central,
    central_url,
    link_for,
    make_terminal,
    pg_server,
    seed_central,
)


def _sync(wiring, url, **kw):
    from app.services.sync import run_sync

    return run_sync(link_for(wiring, url), **kw)


def _reverse(wiring, receipt_no: str):
    return reverse(wiring.ctx, ReversalRequest(receipt_no, "C01", "S01", "收错户", approver_pin="999999"))


def _recharge(wiring, customer_no: str, amount_fen: int):
    from app.services.recharge import RechargeRequest, recharge

    reader = wiring.card_reader()
    wiring.insert_demo_card(reader, customer_no)
    return recharge(
        wiring.ctx, reader, wiring.card_key(), RechargeRequest(customer_no, amount_fen, Method.CASH, "C01")
    )


def test_payments_waivers_reversals_and_card_purchases_keep_the_money(tmp_path, central_url, central):
    t1 = make_terminal(tmp_path, "T01")
    ctx = t1.ctx
    partial = pay(ctx, PayRequest("1000000002", Method.CASH, "C01", amount_fen=500_00))  # fee carried
    assert any(
        a["fee_due_fen"] > a["fee_paid_fen"] or a["principal_due_fen"] > a["principal_paid_fen"]
        for a in partial.entry.payload["allocations"]
    )
    fee = due(ctx, "1000000005").quote.late_fee_total_fen
    waived = pay(
        ctx,
        PayRequest(
            "1000000005",
            Method.WECHAT,
            "C01",
            amount_fen=2000_00,
            reference="WX1",
            waiver_fen=fee // 2,
            waiver_reason="医院，经批准",
            approver_id="S01",
            approver_pin="999999",
        ),
    )
    assert waived.entry.payload["waived_fen"] == fee // 2
    pay(
        ctx,
        PayRequest(
            "1000000001",
            Method.CASH,
            "C01",
            waiver_fen=100,
            waiver_reason="首次逾期",
            approver_id="S01",
            approver_pin="999999",
        ),
    )
    prepay = pay(ctx, PayRequest("1000000004", Method.CASH, "C01", amount_fen=30_00))
    card = _recharge(t1, "1000000003", 50_00)
    assert card.card_state == "written"
    _sync(t1, central_url, batch_size=3)  # the originals reach head office before their reversals
    assert_consistent(central, [t1])
    _reverse(t1, partial.receipt.receipt_no)
    _reverse(t1, prepay.receipt.receipt_no)
    again = pay(ctx, PayRequest("1000000002", Method.CASH, "C01", amount_fen=700_00))
    result = _sync(t1, central_url, batch_size=2)
    assert result.pending == 0 and not result.alarms and result.cases == 0
    assert_consistent(central, [t1])
    with t1.store.reader() as uow:  # pulled back: the reversed bill stays as reversed, the balance too
        assert uow.customers.get("1000000004").balance_fen == central.balances()["1000000004"] == 20_00
    bill = again.entry.payload["allocations"][0]["bill_id"]
    fees = central.bill_fees()
    assert fees[bill][1] == "2026-11-23"
    assert sum(w for _c, _t, w in fees.values()) == fee // 2 + 100
    # a payment and its reversal in one batch
    last = pay(ctx, PayRequest("1000000002", Method.CASH, "C01", amount_fen=300_00))
    _reverse(t1, last.receipt.receipt_no)
    _sync(t1, central_url)
    assert_consistent(central, [t1])


def test_reversal_of_a_bill_paid_at_two_halls_takes_the_surplus_back(tmp_path, central_url, central):
    t1, t2 = make_terminal(tmp_path, "T01"), make_terminal(tmp_path, "T02")
    _sync(t1, central_url), _sync(t2, central_url)
    pay(t1.ctx, PayRequest("1000000001", Method.CASH, "C01"))
    paid2 = pay(t2.ctx, PayRequest("1000000001", Method.WECHAT, "C01", reference="WX2"))
    _sync(t1, central_url), _sync(t2, central_url)
    assert central.balances()["1000000001"] == 19110  # the second payment became balance, flagged
    _reverse(t2, paid2.receipt.receipt_no)  # the hall that took it twice gives it back
    with t2.store.reader() as uow:  # the reopened bills beside the pulled 191.10 balance: offset at once
        [offset] = uow.journal.for_customer("1000000001", ("offset",))
        assert uow.customers.get("1000000001").balance_fen == 0
    assert (offset.payload["balance_before_fen"], offset.payload["balance_after_fen"]) == (19110, 0)
    result = _sync(t2, central_url)
    assert not result.alarms
    assert central.balances()["1000000001"] == 0  # not -191.10: head office's bills were settled already
    surplus = [c for c in central.review_cases() if c.kind == "offset_surplus"]
    assert sorted(c.amount_fen for c in surplus) == [9010, 10100]
    assert all(
        principal == amount
        for b, (amount, principal, _f) in central.bills_paid().items()
        if b.startswith("1000000001")
    )
    _sync(t1, central_url), _sync(t2, central_url)
    assert_consistent(central, [t1, t2])


def test_signatures_are_stored_registered_and_checked(tmp_path, central_url, central):
    t1 = make_terminal(tmp_path, "T01")
    pay(t1.ctx, PayRequest("1000000001", Method.CASH, "C01"))
    _sync(t1, central_url)
    with t1.store.reader() as uow:
        local = list(uow.journal.entries(0))
    remote = central.journal("T01")
    assert remote == local and [e.signature for e in remote] == [e.signature for e in local]
    assert all(e.signature for e in remote)
    assert central.public_key("T01") == t1.ctx.signer.public_key_hex
    head = local[-1]
    nxt = new_entry(
        terminal_id="T01",
        seq=head.seq + 1,
        kind="payment",
        created_at=head.created_at,
        clerk_id="C01",
        payload={
            "customer_no": "1000000004",
            "amount_fen": 1,
            "balance_before_fen": 0,
            "balance_after_fen": 1,
            "allocations": [],
        },
        prev_hash=head.hash,
    )
    other = Ed25519Signer.generate()
    for forged in (dataclasses.replace(nxt, signature=other.sign_hash(nxt.hash)), nxt):
        # offering another key changes nothing in the books: a second machine (a fork), quarantined
        report = central.push("T01", "厅", [forged], other.public_key_hex)
        assert report.accepted == 0 and [a.kind for a in report.alarms] == ["fork"]
    for forged in (dataclasses.replace(nxt, signature=other.sign_hash(nxt.hash)), nxt):
        report = central.push("T01", "厅", [forged])  # under the registered key: a signature that fails
        assert report.accepted == 0 and [a.kind for a in report.alarms] == ["bad_signature"]
    assert central.journal("T01") == remote and central.public_key("T01") == t1.ctx.signer.public_key_hex
    assert central.balances()["1000000004"] == 20_00
    genuine = dataclasses.replace(nxt, signature=t1.ctx.signer.sign_hash(nxt.hash))
    assert central.push("T01", "厅", [genuine]).accepted == 1


def _verify(wiring, capsys) -> tuple[int, dict]:
    from cli.verify import cmd_verify

    capsys.readouterr()
    code = cmd_verify(wiring, argparse.Namespace(json=True))
    return code, json.loads(capsys.readouterr().out)


def test_verify_checks_the_central_copy_and_names_the_first_bad_entry(tmp_path, capsys):
    t1 = make_terminal(tmp_path, "T01")  # no [central] url: the embedded central.db
    for customer, amount in (("1000000001", None), ("1000000002", 100_00), ("1000000004", 100_00)):
        pay(t1.ctx, PayRequest(customer, Method.CASH, "C01", amount_fen=amount))
    code, out = _verify(t1, capsys)
    assert code == 0 and out["central"] is None  # nothing central yet
    _sync(t1, "")
    code, out = _verify(t1, capsys)
    assert code == 0 and out["ok"] and out["central"] == {"ok": True, "entries": 4, "problem": None}
    central = CentralStore.open("", t1.data_dir)
    entries = central.journal("T01")
    with central.engine.begin() as conn:  # someone with the database drops the guard and re-signs #3
        conn.execute(text("DROP TRIGGER central_journal_no_update"))
        conn.execute(
            text("UPDATE central_journal SET signature = :s WHERE seq = 3"),
            {"s": Ed25519Signer.generate().sign_hash(entries[2].hash)},
        )
    code, out = _verify(t1, capsys)
    assert code == 3 and not out["ok"] and out["problem"] is None
    assert out["central"]["problem"].startswith(f"journal entry #3 ({entries[2].entry_id})")
    with central.engine.begin() as conn:  # signature back, amount edited on #3
        conn.execute(
            text("UPDATE central_journal SET signature = :s WHERE seq = 3"), {"s": entries[2].signature}
        )
        conn.execute(
            text("UPDATE central_journal SET payload = replace(payload, :a, :b) WHERE seq = 3"),
            {"a": '"amount_fen":10000', "b": '"amount_fen":1'},
        )
    code, out = _verify(t1, capsys)
    assert (
        code == 3
        and out["central"]["problem"].startswith("journal entry #3")
        and "edited" in out["central"]["problem"]
    )
    central.close()


def test_a_c0001_central_ledger_upgrades_in_place_and_keeps_its_guard(tmp_path):
    from alembic import command
    from sqlalchemy.exc import DatabaseError

    from db.central.engine import _config, make_engine
    from db.central.store import central_url

    engine = make_engine(central_url("", tmp_path))
    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "c0001")
        conn.execute(
            text(
                "INSERT INTO central_journal (entry_id, terminal_id, seq, kind, created_at, clerk_id, "
                "payload, prev_hash, hash, received_at) VALUES ('e1', 'T01', 1, 'shift_open', 't', "
                "'C01', '{}', :z, :z, 't')"
            ),
            {"z": "0" * 64},
        )
    engine.dispose()
    store = CentralStore.open("", tmp_path)
    try:
        [old] = store.journal("T01")
        assert old.signature == "" and store.public_key("T01") is None
        assert store.bill_fees() == {}
        with pytest.raises(DatabaseError), store.engine.begin() as conn:
            conn.execute(text("UPDATE central_journal SET signature = 'x'"))
    finally:
        store.close()
