"""Reads apart from writes (issue 15), on a real SQLite file in WAL mode.

A read unit of work never takes the write lock, so an arrears export of the whole terminal never
makes a counter payment wait or fail; a write through a read unit of work fails loudly; and no PIN
hash (scrypt) runs while a write transaction holds the lock.
"""

from __future__ import annotations

import contextlib
import dataclasses
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from app import auth
from app.errors import StoreUnavailable
from app.model import Method
from app.risk import ArrearsFilter
from app.services.arrears import arrears_list
from app.services.payments import PayRequest, due, pay
from app.services.reversal import ReversalRequest, reverse
from app.services.terminal_setup import DEMO_PINS
from app.store import WriteInReadUnitOfWork
from db.engine import sqlite_engine
from db.local_store import LocalStore
from printing.export import export_csv

S01_PIN = DEMO_PINS["S01"]


def free_for_a_writer(db: Path) -> bool:
    """True when another program could take SQLite's write lock right now, without waiting."""
    con = sqlite3.connect(db, isolation_level=None, timeout=0)
    try:
        con.execute("BEGIN IMMEDIATE")
        con.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        con.close()


def test_a_read_uow_never_holds_the_write_lock(terminal: Any) -> None:
    store = terminal.store
    with store.reader() as reading:
        assert reading.customers.get("1000000001") is not None  # the snapshot is taken
        assert free_for_a_writer(store.path)
        done: list[float] = []

        def write() -> None:
            started = time.perf_counter()
            with store.uow() as uow:
                uow.settings.set("reads_apart_probe", "1")
                uow.commit()
            done.append(time.perf_counter() - started)

        writer = threading.Thread(target=write)
        writer.start()
        writer.join(timeout=10)
        assert done and done[0] < 0.5, f"the writer waited {done} s behind a reader"
        assert reading.settings.get("reads_apart_probe") == ""  # still its own snapshot
    with store.reader() as reading:
        assert reading.settings.get("reads_apart_probe") == "1"


def test_a_write_uow_does_hold_it(terminal: Any) -> None:
    with terminal.store.uow() as uow:
        uow.settings.get("demo")
        assert not free_for_a_writer(terminal.store.path)


def test_a_write_through_a_read_uow_fails_loudly(terminal: Any) -> None:
    with pytest.raises(WriteInReadUnitOfWork), terminal.store.reader() as reading:
        reading.settings.set("sneaky", "1")
    with pytest.raises(WriteInReadUnitOfWork), terminal.ctx.read() as reading:
        reading.customers.set_balance("1000000001", 1)
    with terminal.store.reader() as reading:
        assert reading.settings.get("sneaky") == ""
    assert not hasattr(terminal.ctx.read(), "commit")


def test_no_pin_hash_runs_while_the_write_lock_is_held(
    terminal: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    real = auth.verify_pin

    def watched(pin: str, stored: str) -> bool:
        seen.append(free_for_a_writer(terminal.store.path))
        return real(pin, stored)

    monkeypatch.setattr(auth, "verify_pin", watched)
    paid = pay(terminal.ctx, PayRequest("1000000001", Method.CASH, "C01"))
    with pytest.raises(Exception, match="密码不正确"):
        reverse(
            terminal.ctx,
            ReversalRequest(paid.receipt.receipt_no, "C01", "S01", "录错", approver_pin="000001"),
        )
    reverse(
        terminal.ctx, ReversalRequest(paid.receipt.receipt_no, "C01", "S01", "录错", approver_pin=S01_PIN)
    )
    assert seen == [True, True]
    with terminal.store.reader() as reading:  # the refusal was recorded, in its own write
        assert [e["event"] for e in reading.settings.audit_events(10)].count("login_failed") == 1


@pytest.mark.slow
@pytest.mark.timeout(60)
def test_payments_never_wait_on_an_export_of_the_whole_terminal(terminal: Any) -> None:
    """20,000 customers: the export reads for about a second per round. The counter's write engine gets
    a busy timeout of 250 ms, so a payment that had to wait for the export's transaction would fail
    with 本机数据库被其他程序占用 (StoreUnavailable) instead of only being slow."""
    from db.demo_seed import seed_generated

    seed_generated(terminal.store, 20_000, terminal.ctx.today(), months=6)
    path = terminal.store.path
    store = LocalStore(path, sqlite_engine(path, busy_timeout_ms=250), sqlite_engine(path, read_only=True))
    ctx = dataclasses.replace(terminal.ctx, uow=store.uow, reader=store.reader)
    nos = [str(3_100_000_001 + 487 * i) for i in range(40)]  # generated customers (app/demo_data.py)
    amounts = {no: due(ctx, no).quote.to_pay_fen or 1000 for no in nos}

    exports: list[tuple[float, float, int]] = []
    read_open = threading.Event()

    @contextlib.contextmanager
    def export_reader():
        """The export's read unit of work, which says when its snapshot is taken (SQLite's deferred
        transaction reads its snapshot at the first SELECT): from then on the export holds a read open."""
        with store.reader() as uow:
            uow.connection.exec_driver_sql("SELECT 1 FROM journal LIMIT 1").all()
            read_open.set()
            yield uow

    export_ctx = dataclasses.replace(ctx, reader=export_reader)
    stop = threading.Event()
    errors: list[BaseException] = []

    def export() -> None:
        try:
            while not stop.is_set():
                started = time.perf_counter()
                lst = arrears_list(export_ctx, ArrearsFilter(limit=1_000_000))
                export_csv(lst, path.parent / "reports" / "arrears.csv")
                exports.append((started, time.perf_counter(), len(lst.rows)))
        except BaseException as error:  # noqa: BLE001 - reported by the test thread
            errors.append(error)

    exporter = threading.Thread(target=export)
    exporter.start()
    payments: list[tuple[float, float]] = []
    failed: list[str] = []
    try:
        assert read_open.wait(30), errors
        for no in nos:
            started = time.perf_counter()
            try:
                pay(ctx, PayRequest(no, Method.CASH, "C01", amount_fen=amounts[no]))
            except StoreUnavailable as error:
                failed.append(str(error))
            payments.append((started, time.perf_counter()))
        deadline = time.monotonic() + 30
        while not exports and not errors and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        exporter.join(timeout=30)
        store.close()
    assert errors == []
    assert failed == [], f"{len(failed)} payments failed during the export: {failed[0]}"
    assert exports and exports[0][2] > 1000  # a real export of the whole terminal's arrears
    during = [p for p in payments if any(s < p[0] and p[1] < e for s, e, _ in exports)]
    assert during, "no payment overlapped an export"
    slowest = max(e - s for s, e in payments)
    assert slowest < 0.25 + 0.5, f"a payment took {slowest:.2f} s"


def test_grading_reads_and_writes_only_changed_grades(terminal: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.services.risk import regrade, risk_view

    nos = ["1000000001", "1000000002", "1000000003"]
    grades = regrade(terminal.ctx, nos)
    assert set(grades) == set(nos)
    with terminal.store.reader() as reading:
        assert all(reading.risk.saved_grade(no) is not None for no in nos)
    writes: list[str] = []
    real = terminal.ctx.uow

    def counted() -> Any:
        writes.append("write")
        return real()

    ctx = dataclasses.replace(terminal.ctx, uow=counted)
    assert regrade(ctx, nos) == grades  # nothing changed: no write transaction at all
    risk_view(ctx, "1000000001")  # the counter's lookup: reads only, the grade is already kept
    assert writes == []
