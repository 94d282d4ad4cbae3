"""The SQLite units of work: one connection, one transaction, rollback unless committed.

SqlUnitOfWork is the write one (BEGIN IMMEDIATE: it holds the write lock from its first statement,
so it is kept to one short use case). SqlReadUnitOfWork reads a snapshot on the readers' engine
(deferred BEGIN, `query_only`): in WAL mode it never takes the write lock and never makes a writer
wait; a write attempted through it raises WriteInReadUnitOfWork.

SQLite's own failures (locked, disk full, read-only) become StoreUnavailable with a sentence
the clerk understands; whatever was in the transaction is rolled back whole.
"""

from __future__ import annotations

import sqlite3
from types import TracebackType

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import OperationalError

from app.errors import StoreUnavailable
from app.messages import coded
from app.store import (
    BillRepo,
    CardRepo,
    CustomerRepo,
    JournalRepo,
    ReceiptRepo,
    RefundRepo,
    RiskRepo,
    SettingsRepo,
    ShiftRepo,
    WriteInReadUnitOfWork,
)
from db import checkpoint
from db.card_repos import SqlCards
from db.local_repos import SqlBills, SqlCustomers, SqlJournal, SqlReceipts
from db.refund_repos import SqlRefunds
from db.risk_repos import SqlRisk
from db.settings_repos import SqlSettings, SqlShifts


def store_error(error: BaseException) -> StoreUnavailable:
    text = str(getattr(error, "orig", error)).lower()
    if "locked" in text or "busy" in text:
        return coded(StoreUnavailable, "store.busy")
    if "full" in text:
        return coded(StoreUnavailable, "store.disk_full")
    if "readonly" in text or "read-only" in text:
        return coded(StoreUnavailable, "store.read_only")
    return coded(StoreUnavailable, "store.failed", detail=text)


class _SqlWork:
    """The repositories are declared as the port's types (app/store.py): mypy checks every Sql* repository
    against its Protocol here, and SqlUnitOfWork against UnitOfWork where bootstrap hands it to Context."""

    _write = True
    customers: CustomerRepo
    bills: BillRepo
    journal: JournalRepo
    receipts: ReceiptRepo
    shifts: ShiftRepo
    settings: SettingsRepo
    cards: CardRepo
    risk: RiskRepo
    refunds: RefundRepo

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._conn: Connection | None = None
        self._driver: sqlite3.Connection | None = None

    def _open(self) -> None:
        """BEGIN on the driver connection itself: the payment path's statements run on the raw sqlite3
        connection (db/raw_sql.py), and SQLAlchemy's own begin/commit bookkeeping cost more than the
        statements (bench). The Connection wrapper stays for the repositories' cold paths; its autobegin
        sees the driver already in the transaction and emits nothing (db/engine.py)."""
        conn = None
        try:
            conn = self._engine.connect()
            driver = conn.connection.driver_connection
            assert isinstance(driver, sqlite3.Connection)
            driver.execute("BEGIN IMMEDIATE" if self._write else "BEGIN DEFERRED")
        except (OperationalError, sqlite3.OperationalError) as error:
            if conn is not None:
                conn.close()
            raise store_error(error) from error
        self._conn, self._driver = conn, driver
        self.customers = SqlCustomers(conn)
        self.bills = SqlBills(conn)
        self.journal = SqlJournal(conn)
        self.receipts = SqlReceipts(conn)
        self.shifts = SqlShifts(conn)
        self.settings = SqlSettings(conn)
        self.cards = SqlCards(conn)
        self.risk = SqlRisk(conn)
        self.refunds = SqlRefunds(conn)

    @property
    def connection(self) -> Connection:
        assert self._conn is not None, "unit of work used outside its with-block"
        return self._conn

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        conn, self._conn = self._conn, None
        driver, self._driver = self._driver, None
        if conn is None or driver is None:
            return
        try:
            if driver.in_transaction:
                driver.rollback()
            if conn.in_transaction():
                conn.rollback()  # SQLAlchemy's bookkeeping only: the driver has nothing open now
        finally:
            conn.close()
        if isinstance(exc, (OperationalError, sqlite3.OperationalError)):
            raise self._error(exc) from exc

    def _error(self, error: BaseException) -> Exception:
        return store_error(error)


class SqlReadUnitOfWork(_SqlWork):
    """A read snapshot on the readers' engine; no commit, no write lock."""

    _write = False

    def __enter__(self) -> SqlReadUnitOfWork:
        self._open()
        return self

    def _error(self, error: BaseException) -> Exception:
        text = str(getattr(error, "orig", error)).lower()
        if "readonly" in text or "read-only" in text:
            return WriteInReadUnitOfWork(f"a write through a read unit of work: {text}")
        return store_error(error)


class SqlUnitOfWork(_SqlWork):
    """The write unit of work: BEGIN IMMEDIATE, one use case, commit or everything rolls back.

    write=False (db/ internals such as the outbox and restore) opens a deferred transaction instead:
    no write lock, for a read on the write engine's pool; services use SqlReadUnitOfWork."""

    def __init__(self, engine: Engine, *, write: bool = True) -> None:
        super().__init__(engine)
        self._write = write

    def __enter__(self) -> SqlUnitOfWork:
        self._open()
        return self

    def commit(self) -> None:
        """COMMIT on the driver: the statements' work and the fsync, nothing else. Then the WAL checkpoint
        is nudged (db/checkpoint.py), never run here."""
        conn, driver = self.connection, self._driver
        assert driver is not None
        try:
            driver.commit()
            if conn.in_transaction():
                conn.commit()  # SQLAlchemy's bookkeeping only: the driver committed above
        except (OperationalError, sqlite3.OperationalError) as error:
            raise store_error(error) from error
        checkpoint.after_commit(self._engine)

    def rollback(self) -> None:
        assert self._driver is not None
        self._driver.rollback()
        if self.connection.in_transaction():
            self.connection.rollback()
