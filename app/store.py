"""Storage ports: what the services need from the local store, as Protocols.

db/ implements them with SQLite; unit tests may implement them in memory. One unit of work per
service call: `with uow_factory() as uow: ...; uow.commit()`; leaving the block without commit
rolls everything back (Cosmic Python's unit of work). A service that only reads opens a
ReadUnitOfWork instead (`with ctx.read() as uow:`), which never takes the write lock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Protocol

from app.card import OwedWrite
from app.journal import Entry
from app.model import Bill, Customer
from app.risk import ArrearsFilter, ArrearsRow, ArrearsTotals, Notice


@dataclass(frozen=True)
class Shift:
    shift_id: str
    clerk_id: str
    opened_at: str
    business_day: str
    float_fen: int
    closed_at: str | None


@dataclass(frozen=True)
class StoredReceipt:
    receipt_no: str
    entry_seq: int
    kind: str
    customer_no: str
    shift_id: str
    method: str
    amount_fen: int
    business_day: str
    issued_at: str
    body: str  # the Receipt as JSON
    print_state: str  # pending | sent | printed | failed (app/services/receipts.py)
    print_reason: str
    print_count: int


@dataclass(frozen=True)
class ClerkRecord:
    """A clerk with credentials (issue 8). pin_hash is "" until a PIN is set; locked_until is UTC text."""

    clerk_id: str
    name: str
    role: str
    pin_hash: str
    failed_attempts: int
    locked_until: str | None
    active: bool


class CustomerRepo(Protocol):
    def get(self, customer_no: str) -> Customer | None: ...

    def find(self, query: str, limit: int) -> list[Customer]: ...

    def set_balance(self, customer_no: str, balance_fen: int) -> None: ...

    def count(self) -> int:
        """How many customers this store holds (what a provisioned terminal pulled)."""
        ...

    def categories(self, customer_nos: Iterable[str]) -> dict[str, str]:
        """customer_no -> category value, for the customers that exist (day report by category)."""
        ...

    def upsert(self, rows: list[dict[str, Any]]) -> None:
        """Master data from head office (import, pull, demo); never touches the balance."""
        ...


class BillRepo(Protocol):
    def open_for(self, customer_no: str) -> list[Bill]: ...

    def for_customer(self, customer_no: str) -> list[Bill]: ...

    def record_payment(
        self, bill_id: str, principal_paid_fen: int, fee_carried_fen: int, fee_accrued_through: dt.date
    ) -> None:
        """Set the bill's paid principal, carried fee and accrual date to these new values."""
        ...

    def upsert(self, rows: list[dict[str, Any]]) -> None:
        """Master data from head office; never lowers what this counter recorded as paid."""
        ...

    def existing(self, bill_ids: Iterable[str]) -> dict[str, Bill]:
        """The bills among these ids that exist, by id (import: new, identical or an adjustment)."""
        ...

    def adjust(
        self, bill_id: str, amount_fen: int, due_date: dt.date, kwh: int, principal_paid_fen: int
    ) -> None:
        """An approved adjustment (退补): the bill's new amount, due date, kWh and paid principal."""
        ...


class JournalRepo(Protocol):
    def head(self) -> tuple[int, str]:
        """(last sequence, last hash); (0, GENESIS_HASH) for an empty journal."""
        ...

    def append(self, entry: Entry) -> None: ...

    def entries(self, after_seq: int = 0, limit: int | None = None) -> Iterator[Entry]: ...

    def get(self, seq: int) -> Entry | None: ...

    def for_shifts(self, shift_ids: Iterable[str]) -> list[Entry]:
        """Entries whose payload names one of these shifts, in sequence order (close, day report)."""
        ...

    def of_kind(self, kind: str, after_seq: int = 0) -> list[Entry]: ...

    def for_customer(self, customer_no: str, kinds: Iterable[str], after_seq: int = 0) -> list[Entry]:
        """Entries of these kinds whose payload names this customer, in sequence order."""
        ...


class ReceiptRepo(Protocol):
    def next_number(self, business_day: str) -> int: ...

    def add(self, receipt: StoredReceipt) -> None: ...

    def get(self, receipt_no: str) -> StoredReceipt | None: ...

    def set_print_state(self, receipt_no: str, state: str, reason: str, printed: bool) -> None: ...

    def with_state(self, state: str) -> list[StoredReceipt]: ...

    def for_day(self, business_day: str) -> list[StoredReceipt]: ...

    def mark_reversed(self, receipt_no: str, reversal_seq: int) -> None:
        """Record the reversal entry of a receipt; the store refuses a second one."""
        ...

    def reversed_by(self, receipt_no: str) -> int | None:
        """The reversal entry's sequence, or None while the receipt stands."""
        ...


class ShiftRepo(Protocol):
    def open_for(self, clerk_id: str) -> Shift | None: ...

    def get(self, shift_id: str) -> Shift | None: ...

    def add(self, shift: Shift) -> None: ...

    def close(self, shift_id: str, closed_at: str) -> None: ...

    def count_for_day(self, clerk_id: str, business_day: str) -> int: ...

    def for_day(self, business_day: str) -> list[Shift]: ...


class SettingsRepo(Protocol):
    def get(self, key: str, default: str = "") -> str: ...

    def set(self, key: str, value: str) -> None: ...

    def policy_values(self) -> dict[str, str]: ...

    def set_policy_values(self, values: dict[str, str]) -> None: ...

    def clerk_name(self, clerk_id: str) -> str | None: ...

    def clerk_role(self, clerk_id: str) -> str | None: ...

    def add_clerks(self, clerks: Iterable[tuple[str, str, str]]) -> None: ...

    # credentials and audit (issue 8)
    def clerk(self, clerk_id: str) -> ClerkRecord | None: ...

    def all_clerks(self) -> list[ClerkRecord]: ...

    def update_clerk(self, clerk_id: str, **fields: Any) -> None:
        """Set pin_hash, failed_attempts, locked_until, active, name or role of one clerk."""
        ...

    def add_audit(self, at: str, event: str, clerk_id: str, subject: str, detail: dict[str, Any]) -> None:
        """A row of the audit trail (failed logins, lock-outs, PIN changes, logins, settings)."""
        ...

    def audit_events(self, limit: int = 500) -> list[dict[str, Any]]: ...


@dataclass(frozen=True)
class CardRecord:
    """A card this counter has seen or issued (db/card_repos.py)."""

    serial: str
    customer_no: str
    meter_no: str
    state: str  # active | retired
    last_purchase_count: int
    last_purchase_fen: int
    meter_balance_fen: int | None  # the meter's return-write, as last read here
    meter_count: int | None
    meter_time: str | None
    replaced_by: str | None
    updated_at: str


@dataclass(frozen=True)
class CardWrite:
    """A wallet record owed to a card: committed with the money before the write (补写卡 until read back)."""

    receipt_no: str
    kind: str  # card_purchase | card_replaced
    customer_no: str
    serial: str
    purchase_fen: int
    purchase_count: int
    mac_hex: str
    state: str  # pending | written | cancelled
    entry_seq: int
    written_seq: int | None
    created_at: str


class CardRepo(Protocol):
    def get(self, serial: str) -> CardRecord | None: ...

    def active_for(self, customer_no: str) -> list[CardRecord]: ...

    def save(self, card: CardRecord) -> None:
        """Insert or replace the card's row."""
        ...

    def retired_serials(self, serials: Iterable[str]) -> set[str]: ...

    def add_write(self, write: CardWrite) -> None: ...

    def write_for(self, receipt_no: str) -> CardWrite | None: ...

    def pending_for(
        self, *, serial: str | None = None, customer_no: str | None = None
    ) -> list[CardWrite]: ...

    def settle_write(self, receipt_no: str, state: str, written_seq: int | None) -> None:
        """pending -> written | cancelled, once (the store refuses a second change)."""
        ...

    def owed_elsewhere(self, serial: str) -> list[OwedWrite]:
        """Purchases other counters sold onto this card whose write is still owed there, as last pulled."""
        ...


@dataclass(frozen=True)
class OwedRefund:
    """A refund head office ordered for a customer (a review case decided as refund), as pulled (issue 21).

    central_status: what head office last said (ordered | paid: paid out at another counter);
    paid_seq: this terminal's refund_payout entry that paid it, None while it is owed here."""

    refund_id: str
    customer_no: str
    amount_fen: int
    case_id: str
    order_entry_id: str
    ordered_at: str
    central_status: str
    paid_seq: int | None

    @property
    def owed(self) -> bool:
        return self.paid_seq is None and self.central_status == "ordered"


class RefundRepo(Protocol):
    def owed_to(self, customer_no: str) -> list[OwedRefund]:
        """The refunds still to pay out to this customer (owed), oldest order first."""
        ...

    def get(self, refund_id: str) -> OwedRefund | None: ...

    def mark_paid(self, refund_id: str, paid_seq: int) -> None:
        """owed -> paid by this entry, once (the store refuses a second change)."""
        ...


class RiskRepo(Protocol):
    """Arrears list, risk grades, stop-power notices, blacklist, collection areas (issue 7; db/risk_repos.py)."""

    def arrears_page(self, f: ArrearsFilter, today: dt.date) -> list[ArrearsRow]: ...

    def arrears_totals(self, f: ArrearsFilter, today: dt.date) -> ArrearsTotals: ...

    def areas(self) -> list[str]: ...

    def late_payments(self, customer_no: str, since_utc: str) -> int: ...

    def save_grade(self, customer_no: str, grade: str, reasons: Iterable[str], at: str) -> None: ...

    def saved_grade(self, customer_no: str) -> tuple[str, list[str], str] | None: ...

    def add_notice(self, notice: Notice) -> None: ...

    def update_notice(self, notice: Notice) -> None: ...

    def get_notice(self, notice_id: str) -> Notice | None: ...

    def open_notices(self, customer_no: str) -> list[Notice]: ...

    def notices(self, state: str = "", limit: int = 500) -> list[Notice]: ...

    def import_blacklist(self, rows: list[tuple[str, str, str]], at: str) -> int: ...

    def blacklist_match(self, customer_no: str) -> tuple[str, str] | None: ...

    def set_area_clerk(self, area: str, clerk_id: str) -> None: ...

    def area_clerks(self) -> dict[str, str]: ...

    def owed_by_area(self, today: dt.date) -> dict[str, tuple[int, int]]: ...


class ReadUnitOfWork(Protocol):
    """A consistent snapshot to read from, without the write lock (issue 15, STYLE 19).

    Lookups, quotes, lists, exports, reports and verification use it, so none of them ever makes a
    payment wait. It has no commit; a write attempted through it fails loudly (WriteInReadUnitOfWork).
    """

    customers: CustomerRepo
    bills: BillRepo
    journal: JournalRepo
    receipts: ReceiptRepo
    shifts: ShiftRepo
    settings: SettingsRepo
    cards: CardRepo
    risk: RiskRepo
    refunds: RefundRepo

    def __enter__(self) -> ReadUnitOfWork: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...


class UnitOfWork(ReadUnitOfWork, Protocol):
    """One use case's write transaction: holds the write lock from the start, so keep it short
    (no export, report, whole-journal scan or PIN hash inside)."""

    def __enter__(self) -> UnitOfWork: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...


UnitOfWorkFactory = Callable[[], UnitOfWork]


class WriteInReadUnitOfWork(RuntimeError):
    """A write was attempted through a read unit of work: a programming error, never a clerk's.

    Open a write unit of work (`ctx.uow()`) for the write, after the reading is done."""


ReadUnitOfWorkFactory = Callable[[], ReadUnitOfWork]
