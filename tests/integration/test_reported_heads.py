"""Issue 21: each push (and a heartbeat when nothing waits) carries the counter's journal head, and the
console's terminals page shows head − acknowledgement as "entries waiting", on the embedded SQLite central
and a real PostgreSQL. A sync cut after its first batch leaves exactly the rest waiting; a disk whose head is
below the acknowledgement is shown as a warning and its push is not blocked."""

from __future__ import annotations

import dataclasses

import pytest

from app.sync import CentralUnavailable
from console import terminal_queries
from console.users import add_user
from tests.integration.pg_fixtures import (  # noqa: F401
    assert_consistent,
    central,
    central_url,
    link_for,
    make_terminal,
    pg_server,
    take_payments,
)

BATCH = 5


class CutAfter:
    """The real central store, whose link drops after `batches` pushes: what the counter sent before the
    cut is committed centrally, the rest stays on the counter."""

    def __init__(self, store, batches: int) -> None:
        self._store, self._left = store, batches

    def __getattr__(self, name):
        return getattr(self._store, name)

    def push(self, *args, **kwargs):
        if self._left == 0:
            raise CentralUnavailable("连接中断 (link cut)")
        self._left -= 1
        return self._store.push(*args, **kwargs)


def _run(wiring, url, cut_after: int | None = None):
    from app.services.sync import run_sync

    link = link_for(wiring, url)
    if cut_after is not None:
        opener = link.open_central
        link = dataclasses.replace(link, open_central=lambda: CutAfter(opener(), cut_after))
    return run_sync(link, batch_size=BATCH)


def _line(central, tid: str) -> terminal_queries.TerminalLine:
    return next(tl for tl in terminal_queries.terminals(central.engine) if tl.terminal_id == tid)


def _head(wiring) -> int:
    return link_for(wiring).local.head_seq()


def test_a_cut_sync_leaves_exactly_the_rest_waiting_and_a_full_sync_shows_zero(
    tmp_path, central_url, central
):
    t1 = make_terminal(tmp_path, "T01")
    take_payments(t1, 12)
    head = _head(t1)
    assert head > 2 * BATCH
    with pytest.raises(CentralUnavailable):
        _run(t1, central_url, cut_after=1)
    line = _line(central, "T01")
    assert line.ack_seq == BATCH and line.reported_head == head
    assert line.waiting == head - BATCH == link_for(t1).local.pending()
    assert line.head_reported_at
    assert_consistent(central, [t1], complete=False)  # the books hold the first batch, nothing half-done
    result = _run(t1, central_url)
    assert result.pending == 0 and not result.alarms
    line = _line(central, "T01")
    assert (line.ack_seq, line.reported_head, line.waiting) == (head, head, 0)
    assert_consistent(central, [t1])


def test_a_terminal_that_never_reported_is_unknown_until_its_heartbeat(tmp_path, central_url, central):
    t1 = make_terminal(tmp_path, "T01")
    take_payments(t1, 3)
    local = link_for(t1)
    entries = local.local.entries_after(0, 1000)
    central.push("T01", "厅", entries, local.public_key)  # an older counter: no head with its push
    assert _line(central, "T01").waiting is None
    result = _run(t1, central_url)  # nothing waiting: the empty push still says where the journal ends
    assert result.pushed == 0 and result.pending == 0
    line = _line(central, "T01")
    assert (line.reported_head, line.waiting) == (entries[-1].seq, 0) and line.head_reported_at


def test_a_head_below_the_acknowledgement_is_a_warning_not_a_refusal(tmp_path, central_url, central):
    t1 = make_terminal(tmp_path, "T01")
    take_payments(t1, 12)
    _run(t1, central_url)
    ack = _line(central, "T01").ack_seq
    before = central.journal("T01")
    copy = make_terminal(tmp_path / "restored", "T01")  # a disk that holds less than head office has
    short = _head(copy)
    assert short < ack
    result = _run(copy, central_url)  # the push goes on as before: its alarms, no exception
    assert result.alarms
    line = _line(central, "T01")
    assert (line.ack_seq, line.reported_head, line.waiting) == (ack, short, short - ack)
    assert central.journal("T01") == before  # the claim moved no entry and no money

    from console.web import create_app
    from tests.console.test_security import login

    add_user(central.engine, "xin", "it", "correct-horse-42", _clock())
    client = create_app(central.engine, clock=_clock, secret_key=b"test-key-" * 4).test_client()
    assert login(client, "xin", "correct-horse-42").status_code == 302
    page = client.get("/terminals").get_data(as_text=True)
    assert f"终端报告的流水号 {short} 低于已确认流水号" in page and 'class="warn"' in page
    client.get("/lang/en")
    english = client.get("/terminals").get_data(as_text=True)
    assert f"The terminal reports journal head {short} below the acknowledged sequence" in english


def _clock():
    """The console's clock: the counters' pinned day (conftest NOW), never the machine's date."""
    import datetime as dt

    from tests.conftest import NOW

    return dt.datetime.fromisoformat(NOW).astimezone(dt.UTC)


@pytest.mark.postgres
def test_a_push_cut_on_the_wire_shows_what_head_office_holds(tmp_path, pg_server, monkeypatch):  # noqa: F811
    """PostgreSQL through the fault proxy: the second batch commits but its answer never arrives. Head office
    holds two batches and the head that came with the second; the counter, not knowing, still counts more."""
    from app.errors import HallPayError
    from app.services.sync import run_sync
    from db.central.store import CentralStore
    from tests.integration.pg_fixtures import seed_central
    from tests.integration.tcp_proxy import Fault, TcpProxy

    monkeypatch.setenv("HALLPAY_HQ_KEY", str(tmp_path / "hq.key"))
    db = pg_server.new_database()
    url = pg_server.url(db)
    store = CentralStore.open(url, tmp_path)
    seed_central(store)
    t1 = make_terminal(tmp_path, "T01", url)
    take_payments(t1, 12)
    head = _head(t1)
    proxy = TcpProxy(pg_server.port)
    link = link_for(t1, pg_server.url(db, proxy.port))
    try:
        link.central()  # connect and migrate first, so the fault lands in the pushes
        proxy.cut_all()
        proxy.arm(Fault(server_marker=b"COMMIT\x00", skip_markers=1))
        with pytest.raises((CentralUnavailable, HallPayError)):
            run_sync(link, batch_size=BATCH)
        proxy.arm(None)
    finally:
        proxy.close()
    line = _line(store, "T01")
    assert (line.ack_seq, line.reported_head, line.waiting) == (2 * BATCH, head, head - 2 * BATCH)
    assert link_for(t1).local.pending() == head - BATCH  # the counter heard one acknowledgement only
    assert_consistent(store, [t1], complete=False)
    run_sync(link_for(t1, url), batch_size=BATCH)
    line = _line(store, "T01")
    assert (line.ack_seq, line.waiting) == (head, 0)
    assert_consistent(store, [t1])
    store.close()
