"""Issue 29: a push only appends; one projector folds (db/central/projector.py).

- Property (embedded SQLite; one example on PostgreSQL): pushes of several terminals in any order, the projector
  stopped after k batches (and once killed mid-batch) and a fresh one started each time, leave books that equal
  the pure fold of the journals (`central verify-books` finds no difference), every acknowledged entry folded
  exactly once (the ledger's order names each sequence number of each chain once), nothing left pending.
- Service mode on PostgreSQL: two terminals push, nothing is projected until project_pending runs; a second
  projector waits on the first's lock; a push while a projector holds the lock is not blocked.
- A push holds no lock on central_customers nor central_bills (pg_locks, seen from another connection while
  the push's transaction is paused before its commit).
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text

import db.central.push as push_mod
from app.journal import Entry
from app.policy import DEFAULTS
from db.central.books import verify_books
from db.central.mode import set_mode
from db.central.projector import PROJECTOR_LOCK, pending_count, project_pending
from db.central.store import CentralStore
from tests.integration.pg_fixtures import pg_server  # noqa: F401
from tests.integration.test_project_fast import _books, _entries, _master

NOW = "2026-11-23T10:00:00Z"


def _open(url: str, tmp: Path) -> CentralStore:
    store = CentralStore.open(url, tmp, projector="service")
    set_mode(
        store.engine, "service", "it", NOW, store.hq
    )  # the ledger's mode is head office's record (c0020)
    customers, bills = _master()
    store.load_master_data(customers, bills, dict(DEFAULTS))
    return store


def _pushes(seed: int, terminals: int, per_terminal: int) -> list[list[Entry]]:
    """Each terminal's journal cut into batches, the batches of all terminals interleaved at random."""
    rng = random.Random(seed)
    journals = {f"P{t:02d}": _entries(rng, f"P{t:02d}", per_terminal) for t in range(1, terminals + 1)}
    at = dict.fromkeys(journals, 0)
    pushes: list[list[Entry]] = []
    while any(at[t] < len(j) for t, j in journals.items()):
        t = rng.choice([t for t in journals if at[t] < len(journals[t])])
        size = rng.choice((1, 3, 8, 20))
        pushes.append(journals[t][at[t] : at[t] + size])
        at[t] += size
    return pushes


class Killed(RuntimeError):
    pass


def _run_with_kills(store: CentralStore, seed: int, terminals: int, per_terminal: int, monkeypatch) -> None:
    rng = random.Random(seed * 7 + 1)
    for batch in _pushes(seed, terminals, per_terminal):
        report = store.push(batch[0].terminal_id, "测试营业厅", batch)
        assert report.accepted == len(batch) and not report.alarms and report.cases == 0
        roll = rng.random()
        if roll < 0.4:  # a projector that stops after k batches of a few entries; a fresh one goes on later
            store.project(NOW, batch=rng.choice((1, 4, 9)), max_batches=2)
        elif (
            roll < 0.5
        ):  # killed mid-batch, after the fold wrote and before it committed: nothing of it stays
            with monkeypatch.context() as m:

                def dies(*_a: Any, **_k: Any) -> None:
                    raise Killed

                m.setattr("db.central.projector.sign_written", dies)
                with pytest.raises(Killed):
                    store.project(NOW, batch=rng.choice((2, 7)))
    run = project_pending(store.engine, now=NOW, signer=("HQ", store.hq), batch=5)  # a fresh one
    assert run.position > 0 or run.applied == 0
    with store.engine.connect() as conn:
        assert pending_count(conn) == 0
        applied = conn.execute(
            text("SELECT terminal_id, from_seq, to_seq FROM central_applied WHERE what = 'entries'")
        ).all()
        acks = dict(conn.execute(text("SELECT terminal_id, ack_seq FROM terminals")).all())
    folded = Counter((t, s) for t, a, b in applied for s in range(int(a), int(b) + 1))
    assert max(folded.values()) == 1, "an entry folded twice"
    # every relevant entry of every chain is in the ledger's order (receipt prints are not relevant)
    for t, ack in acks.items():
        assert {s for (tt, s) in folded if tt == t} <= set(range(1, int(ack) + 1))
    assert verify_books(store.engine) == []


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), terminals=st.integers(2, 3))
def test_projector_equals_the_fold_of_the_journals_in_any_push_order_across_kills(
    tmp_path_factory, monkeypatch, seed, terminals
):
    store = _open("", tmp_path_factory.mktemp("p"))
    try:
        _run_with_kills(store, seed, terminals, 18, monkeypatch)
    finally:
        store.close()


def test_projector_equals_the_fold_on_postgresql(pg_server, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setenv(
        "HALLPAY_HQ_KEY", str(tmp_path / "hq.key")
    )  # the projector signs with head office's key
    store = _open(pg_server.url(pg_server.new_database()), tmp_path)
    try:
        _run_with_kills(store, 17, 3, 40, monkeypatch)
    finally:
        store.close()


def _projected(store: CentralStore) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM central_applied WHERE what = 'entries'")).scalar())


def _wait_for(check, what: str, limit_s: float = 10.0) -> None:
    """Poll `check` (a read of the server's state) until it holds; never a sleep standing in for an event."""
    end = time.monotonic() + limit_s
    while not check():
        assert time.monotonic() < end, f"timed out waiting for {what}"
        threading.Event().wait(0.02)


def test_service_mode_pushes_only_append_and_one_projector_folds(pg_server, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setenv(
        "HALLPAY_HQ_KEY", str(tmp_path / "hq.key")
    )  # the projector signs with head office's key
    url = pg_server.url(pg_server.new_database())
    store = _open(url, tmp_path)
    rng = random.Random(5)
    j1, j2, j3 = (_entries(rng, t, 30) for t in ("S01", "S02", "S03"))
    try:
        before = _books(store)
        assert store.push("S01", "厅", j1).accepted == 30
        assert store.push("S02", "厅", j2).accepted == 30
        assert _books(store)[:3] == before[:3] and _projected(store) == 0  # nothing folded by a push
        with store.engine.connect() as conn:
            assert pending_count(conn) == 60
        assert (store.ack("S01").seq, store.applied_up_to("S01")) == (30, 0)  # pushed, not yet applied
        assert verify_books(store.engine) == []  # pending is the projector's, not a difference

        holder = create_engine(url)  # a projector mid-batch: it holds the lock
        with holder.connect() as held:
            held.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PROJECTOR_LOCK})
            second: dict[str, Any] = {}
            waiter = threading.Thread(
                target=lambda: second.update(run=store.project(NOW)), name="second projector"
            )
            waiter.start()

            def waiting() -> bool:
                with holder.connect() as w:
                    return bool(
                        w.execute(
                            text(
                                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                                "AND objid = :k"
                            ),
                            {"k": PROJECTOR_LOCK},
                        ).scalar()
                    )

            _wait_for(waiting, "the second projector to wait on the lock")
            started = time.monotonic()
            assert store.push("S03", "厅", j3).accepted == 30  # not blocked by the projector's lock
            assert time.monotonic() - started < 5.0
            assert "run" not in second and _projected(store) == 0
            held.rollback()  # the first projector's batch ends
        waiter.join(30)
        holder.dispose()
        assert second["run"].applied == 90
        assert store.applied_up_to("S01") == store.applied_up_to("S03") == 30
        assert _books(store)[:2] != before[:2]
        with store.engine.connect() as conn:
            assert pending_count(conn) == 0
        assert verify_books(store.engine) == []
        assert store.project(NOW).applied == 0  # folded once
    finally:
        store.close()


def test_a_push_locks_no_customer_or_bill_row(pg_server, tmp_path, monkeypatch):  # noqa: F811
    """Old code: the push projected in its own transaction, under FOR UPDATE on the bills and customers."""
    url = pg_server.url(pg_server.new_database())
    store = _open(url, tmp_path)
    entries = _entries(random.Random(9), "L01", 40)
    paused, go = threading.Event(), threading.Event()
    real = push_mod._record_alarms  # the push's last statement, inside its transaction

    def pause(*args: Any) -> None:
        real(*args)
        paused.set()
        go.wait(30)

    monkeypatch.setattr(push_mod, "_record_alarms", pause)
    result: dict[str, Any] = {}
    pusher = threading.Thread(target=lambda: result.update(r=store.push("L01", "厅", entries)))
    pusher.start()
    watch = create_engine(url)
    try:
        assert paused.wait(30)
        with watch.connect() as conn:
            locked = conn.execute(
                text(
                    "SELECT c.relname, l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                    "JOIN pg_stat_activity a ON a.pid = l.pid "
                    "WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() "
                    "AND c.relname IN ('central_customers', 'central_bills', 'central_refunds', 'central_clerks')"
                )
            ).all()
            journal = conn.execute(
                text(
                    "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                    "WHERE c.relname LIKE 'central_journal%' AND l.mode = 'RowExclusiveLock'"
                )
            ).scalar()
        assert journal, "the watch saw no push transaction: the check would prove nothing"
        assert locked == []
    finally:
        go.set()
        pusher.join(30)
        watch.dispose()
        store.close()
    assert result["r"].accepted == 40


def _project_cli(tmp: Path, capsys, **options: Any) -> tuple[int, str]:
    import argparse

    from cli.central import run

    capsys.readouterr()
    args = argparse.Namespace(
        group="project", action="", target="", central="", data_dir=tmp, by="it", json=False, **options
    )
    code = run(None, args)
    return code, capsys.readouterr().out


def test_central_project_folds_what_service_pushes_appended_signed_by_head_office(tmp_path, capsys):
    from app.errors import InputError

    store = _open("", tmp_path)
    try:
        entries = _entries(random.Random(3), "C01", 20)
        assert store.push("C01", "厅", entries).accepted == 20 and _projected(store) == 0
        with pytest.raises(InputError):
            _project_cli(tmp_path, capsys, once=True, interval=0)
        assert _projected(store) == 0  # a bad option changes nothing
        code, out = _project_cli(tmp_path, capsys, once=True, interval=None)
        assert code == 0 and "已入账 20 笔" in out
        with store.engine.connect() as conn:
            signers = set(
                conn.execute(
                    text("SELECT DISTINCT signer FROM central_bills WHERE principal_paid_fen > 0")
                ).scalars()
            )
        assert signers == {"HQ"}  # head office's key signs what its projector folded, never a counter's
        assert verify_books(store.engine) == []
        code, out = _project_cli(tmp_path, capsys, once=True, interval=None)
        assert code == 0 and "没有待入账" in out
    finally:
        store.close()


def test_the_projector_mode_is_the_configs_and_a_store_refuses_another(tmp_path):
    from app.config import Config

    assert Config(tmp_path / "c.toml", {}).central_projector() == "inline"
    assert Config(tmp_path / "c.toml", {"central": {"projector": "service"}}).central_projector() == "service"
    assert Config(tmp_path / "c.toml", {"central": {"projector": "Service!"}}).central_projector() == "inline"
    with pytest.raises(ValueError):
        CentralStore.open("", tmp_path, projector="later")
