"""The payment's commit never runs SQLite's WAL checkpoint; the store's checkpoint thread does, afterwards."""

from __future__ import annotations

import sqlite3
import time

from app.model import Method
from app.services.payments import PayRequest, pay
from db import checkpoint


def payments_in_database_file(path, tmp_path) -> int:
    """Payments in local.db itself, the WAL beside it left out: what a checkpoint has copied there."""
    copy = tmp_path / "main-file-only.db"
    copy.write_bytes(path.read_bytes())
    con = sqlite3.connect(copy)
    try:
        return con.execute("SELECT count(*) FROM journal WHERE kind = 'payment'").fetchone()[0]
    finally:
        con.close()


def test_payments_leave_the_checkpoint_to_the_thread(terminal, monkeypatch):
    w = terminal
    store_checkpointer = checkpoint._BY_ENGINE[w.store.engine]
    with w.store.uow() as uow:
        assert uow.connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
    assert store_checkpointer.wait_idle(20)  # the checkpoint the terminal's own set-up asked for is done
    before = store_checkpointer.runs
    monkeypatch.setattr(store_checkpointer, "_quiet_s", 30.0)  # no background checkpoint during the burst
    monkeypatch.setattr(checkpoint, "MAX_DEFER_S", 60.0)
    wal = w.store.path.with_name("local.db-wal")
    sizes = []
    for n in range(1, 400):
        pay(w.ctx, PayRequest("1000000004", Method.CASH, "C01", amount_fen=n, tendered_fen=n))
        sizes.append(wal.stat().st_size)
    # SQLite's automatic checkpoint would restart the WAL at 1,000 pages (4 MB) inside some commit; here
    # the WAL only grows, page after page, and no commit copied it back
    assert sizes == sorted(sizes) and sizes[-1] > 4096 * 1000
    assert store_checkpointer.runs == before


def test_the_thread_checkpoints_once_the_writes_stop(terminal, monkeypatch, tmp_path):
    w = terminal
    store_checkpointer = checkpoint._BY_ENGINE[w.store.engine]
    monkeypatch.setattr(store_checkpointer, "_quiet_s", 0.05)
    assert store_checkpointer.wait_idle(20)  # the checkpoint the terminal's own set-up asked for is done
    before = store_checkpointer.runs
    for n in range(1, 20):
        pay(w.ctx, PayRequest("1000000004", Method.CASH, "C01", amount_fen=n, tendered_fen=n))
    assert store_checkpointer.wait_idle(20)
    assert store_checkpointer.runs > before
    assert payments_in_database_file(w.store.path, tmp_path) == 19
    w.store.close()
    assert not checkpoint._BY_ENGINE.get(w.store.engine)  # closing the store stops its thread


def test_a_long_burst_of_writes_is_checkpointed_on_the_way(terminal, monkeypatch, tmp_path):
    """Writes that never go quiet (a long pull) still get a checkpoint every MAX_DEFER_S."""
    w = terminal
    store_checkpointer = checkpoint._BY_ENGINE[w.store.engine]
    monkeypatch.setattr(store_checkpointer, "_quiet_s", 0.5)
    monkeypatch.setattr(checkpoint, "MAX_DEFER_S", 0.3)
    assert store_checkpointer.wait_idle(20)  # the checkpoint the terminal's own set-up asked for is done
    before = store_checkpointer.runs
    deadline = time.monotonic() + 20
    n = 0
    while store_checkpointer.runs == before and time.monotonic() < deadline:
        n += 1  # a payment every 0.1 s: never 0.5 s of quiet
        pay(w.ctx, PayRequest("1000000004", Method.CASH, "C01", amount_fen=n, tendered_fen=n))
        time.sleep(0.1)
    assert store_checkpointer.runs > before and n < 150


def test_idle_means_a_checkpoint_followed_the_last_write(tmp_path):
    """wait_idle is what the tests above wait on instead of sleeping: it must not answer early."""
    path = tmp_path / "x.db"
    sqlite3.connect(path).close()
    waiting = checkpoint.Checkpointer(path, quiet_s=30.0)
    try:
        waiting.nudge()
        assert not waiting.wait_idle(0.05) and waiting.runs == 0  # still waiting for the writes to stop
    finally:
        waiting.stop()
    quick = checkpoint.Checkpointer(path, quiet_s=0.0)
    try:
        for _ in range(3):
            quick.nudge()
        assert quick.wait_idle(10) and quick.runs >= 1
    finally:
        quick.stop()
