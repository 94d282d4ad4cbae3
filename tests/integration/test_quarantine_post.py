"""Issue 27 part 4 / review 2026-12-07 P2-3: a copied terminal's money has a way out.

A copy of a counter's data directory takes money; its sync quarantines it (db/central/push.py) and the customers
keep owing. Head office posts each quarantined payment once (db/central/quarantine_post.py): the books then hold
every fen the customers paid, each entry once, the original counter pulls the result, a second posting is refused,
and a payment whose bills the original already settled becomes balance with a double-payment case. The receipt
numbers both PCs issued are named."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from sqlalchemy import text

import bootstrap
from app.errors import InputError, NotFound, Refused
from app.journal import verify_chain
from app.model import Method
from app.quarantine import with_posted
from app.services.payments import PayRequest, due, pay
from app.services.sync import run_sync
from app.services.terminal_setup import showcase
from db.central.quarantine_post import held_entries, post_entry
from tests.integration.pg_fixtures import (  # noqa: F401
    _assert_money,
    central,
    central_url,
    link_for,
    make_terminal,
    pg_server,
)


def _fork(tmp_path, url):
    """T01 synced once, its data directory copied (the copy has T01's key and journal), then money on both:
    A takes 1000000001 and 20.00 from 1000000003; the copy takes 1000000004 (50.00), 1000000002 and 1000000001 again."""
    a = make_terminal(tmp_path / "a", "T01", url)
    assert run_sync(link_for(a, url)).alarms == ()
    a.store.close()
    shutil.copytree(tmp_path / "a" / "T01", tmp_path / "b" / "T01")
    a = bootstrap.open_terminal(tmp_path / "a" / "T01", generated_customers=0)
    b = bootstrap.open_terminal(tmp_path / "b" / "T01", generated_customers=0)
    mine = [
        pay(a.ctx, PayRequest("1000000001", Method.CASH, "C01")),
        pay(a.ctx, PayRequest("1000000003", Method.CASH, "C01", amount_fen=2000)),
    ]
    copy = [
        pay(b.ctx, PayRequest("1000000004", Method.CASH, "C01", amount_fen=5000)),
        pay(b.ctx, PayRequest("1000000002", Method.CASH, "C01")),
        pay(b.ctx, PayRequest("1000000001", Method.CASH, "C01")),
    ]
    assert run_sync(link_for(a, url)).alarms == ()
    assert run_sync(link_for(b, url)).alarms[0].kind == "fork"
    return a, b, mine, copy


def _books(central, wirings) -> list:
    """Every entry the books count: the counters' central journals and head office's chain, each posted
    quarantined entry read from the HQ record that posted it."""
    entries = [e for w in wirings for e in central.journal(w.config.terminal_id)]
    return with_posted(entries + central.journal("HQ"))


def test_a_copys_payments_are_posted_once_and_every_fen_is_counted(tmp_path, central_url, central):
    a, b, mine, copy = _fork(tmp_path, central_url)
    held = held_entries(central)
    assert [h.entry_id for h in held] == [p.entry.entry_id for p in copy]
    # the copy numbered its receipts from the same state: its first two numbers are A's two receipts
    assert [h.receipt_no for h in held] == [p.receipt.receipt_no for p in copy]
    assert [[t.entry_id for t in h.twins] for h in held] == [
        [mine[0].entry.entry_id],
        [mine[1].entry.entry_id],
        [],
    ]
    owed = due(a.ctx, "1000000002").quote.to_pay_fen
    assert owed > 0  # before: the customer who paid the copy still owes at the original counter

    second = post_entry(central, copy[1].entry.entry_id, "fin-wang", "客户持副本收据 T01 #2，已核对现金")
    assert second.cases == []
    assert run_sync(link_for(a, central_url)).alarms == ()  # the original pulls head office's signed rows
    assert due(a.ctx, "1000000002").quote.to_pay_fen == 0
    hq_before = len(central.journal("HQ"))
    with pytest.raises(Refused, match="不能重复入账"):
        post_entry(central, copy[1].entry.entry_id, "fin-li", "再来一次")
    assert len(central.journal("HQ")) == hq_before  # refused: nothing written

    third = post_entry(central, copy[2].entry.entry_id, "fin-wang", "副本又收 1000000001")  # A settled it
    surplus = sum(c["amount_fen"] for c in third.cases)
    assert {c["kind"] for c in third.cases} == {"double_payment"}
    assert surplus == copy[2].entry.payload["amount_fen"] - (
        copy[2].entry.payload["balance_after_fen"] - copy[2].entry.payload["balance_before_fen"]
    )
    assert all("副本" in c.detail for c in central.review_cases() if c.kind == "double_payment")
    post_entry(central, copy[0].entry.entry_id, "fin-wang", "预存 50 元")
    assert all(h.posted_entry_id for h in held_entries(central))

    books = _books(central, [a])
    assert len({e.entry_id for e in books}) == len(books)  # each entry once
    customers, bills = showcase(dt.date(2026, 11, 23))
    _assert_money(central, books, customers, bills)  # received = bills paid + fees + balance
    received = sum(e.payload["amount_fen"] for e in books if e.kind == "payment")
    assert received == sum(p.entry.payload["amount_fen"] for p in mine + copy)
    assert verify_chain(central.journal("HQ"), "HQ") is None
    assert run_sync(link_for(a, central_url)).alarms == ()
    with a.store.reader() as uow:
        assert uow.customers.get("1000000001").balance_fen == central.balances()["1000000001"] > 0
    a.store.close()
    b.store.close()


def test_posting_refuses_an_edited_entry_and_a_missing_reason(tmp_path, central_url, central):
    a, b, _mine, copy = _fork(tmp_path, central_url)
    with pytest.raises(InputError, match="入账理由"):
        post_entry(central, copy[0].entry.entry_id, "fin-wang", "  ")
    with pytest.raises(NotFound, match="没有流水"):
        post_entry(central, "no-such-entry", "fin-wang", "理由")
    with central.engine.begin() as conn:  # someone raises the held amount behind head office's back
        conn.execute(
            text("UPDATE central_quarantine SET payload = REPLACE(payload, :old, :new) WHERE entry_id = :id"),
            {"old": '"amount_fen":5000', "new": '"amount_fen":500000', "id": copy[0].entry.entry_id},
        )
    before = central.balances()
    with pytest.raises(Refused, match="被改动"):
        post_entry(central, copy[0].entry.entry_id, "fin-wang", "理由")
    assert central.balances() == before and central.journal("HQ") == []
    a.store.close()
    b.store.close()


def test_the_command_line_names_receipts_issued_twice_and_posts_once(
    tmp_path, central_url, central, capsys, monkeypatch
):
    """`central quarantine` as head office's IT types it: the listing says which receipt numbers both PCs
    issued; `post` posts once; the second time is one sentence on stderr, exit 2."""
    import json

    from tests.e2e.cli import in_process

    a, b, mine, copy = _fork(tmp_path, central_url)
    hq = ["--central", central_url, "--by", "fin-wang"]
    capsys.readouterr()
    assert in_process(["central", "quarantine", *hq]) == 0
    out = capsys.readouterr().out
    assert f"收据号 {mine[0].receipt.receipt_no} 重号" in out and "2 个收据号重号" in out
    assert in_process(["central", "quarantine", "--json", *hq]) == 0
    listed = json.loads(capsys.readouterr().out)["held"]
    assert [h["receipt_issued_twice"] for h in listed] == [True, True, False]
    target = copy[2].entry.entry_id
    assert in_process(["central", "quarantine", "post", target, *hq]) == 2
    assert "入账理由" in capsys.readouterr().err
    assert (
        in_process(["central", "quarantine", "post", target, "--reason", "客户持副本收据", "--json", *hq])
        == 0
    )
    posted = json.loads(capsys.readouterr().out)
    assert posted["entry_id"] == target and [c["kind"] for c in posted["cases"]] == ["double_payment"] * len(
        posted["cases"]
    )
    assert in_process(["central", "quarantine", "post", target, "--reason", "again", *hq]) == 2
    err = capsys.readouterr().err
    assert "不能重复入账" in err and len(err.strip().splitlines()) == 1
    assert in_process(["central", "quarantine", "--json", *hq]) == 0
    assert [h["posted"] for h in json.loads(capsys.readouterr().out)["held"]] == [False, False, True]
    a.store.close()
    b.store.close()


@pytest.mark.postgres
def test_two_supervisors_posting_at_once_post_it_once(tmp_path, pg_server, monkeypatch):  # noqa: F811
    """The row lock and the conditional update: of two postings started together, one posts, one is refused."""
    import threading

    from db.central.store import CentralStore
    from tests.integration.pg_fixtures import seed_central

    monkeypatch.setenv("HALLPAY_HQ_KEY", str(tmp_path / "hq" / "hq.key"))
    url = pg_server.url(pg_server.new_database())
    store = CentralStore.open(url, tmp_path / "hq")
    seed_central(store)
    a, b, _mine, copy = _fork(tmp_path, url)
    target = copy[1].entry.entry_id
    results: dict[str, object] = {}
    start = threading.Barrier(2)

    def post(who: str) -> None:
        start.wait()
        try:
            results[who] = post_entry(store, target, who, "两人同时入账")
        except Refused as refused:
            results[who] = refused

    threads = [threading.Thread(target=post, args=(w,)) for w in ("fin-wang", "fin-li")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(type(r).__name__ for r in results.values()) == ["Posting", "Refused"]
    assert [e.kind for e in store.journal("HQ")].count("quarantine_post") == 1
    _assert_money(store, _books(store, [a]), *showcase(dt.date(2026, 11, 23)))
    a.store.close()
    b.store.close()
    store.close()
