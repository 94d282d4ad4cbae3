"""An in-memory store implementing app/store.py's ports (Cosmic Python's FakeUnitOfWork), for service rules
tested in milliseconds and for the contract suite (tests/contract/) that runs the same checks against it and
the SQLite store, so the two cannot drift apart unnoticed.

`MemoryStore().uow` / `.reader` are the factories a `Context` takes. A write unit of work works on a copy of
the store's state and swaps it in at commit: leaving the block without commit changes nothing, as SQLite's
rollback does. The arrears list and its totals are SQL-only reports (db/risk_repos.py); here they answer as
an empty terminal would, and the contract suite does not compare them.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from types import TracebackType
from typing import Any

from app.card import OwedWrite
from app.ids import CustomerNo
from app.journal import GENESIS_HASH, Entry
from app.model import Bill, Category, Customer
from app.risk import ArrearsFilter, ArrearsRow, ArrearsTotals, Notice
from app.store import (
    BillRepo,
    CardRecord,
    CardRepo,
    CardWrite,
    ClerkRecord,
    CustomerRepo,
    JournalRepo,
    OwedRefund,
    ReadUnitOfWork,
    ReceiptRepo,
    RefundRepo,
    RiskRepo,
    SettingsRepo,
    Shift,
    ShiftRepo,
    StoredReceipt,
    UnitOfWork,
    WriteInReadUnitOfWork,
)

_EXACT = re.compile(r"^[0-9A-Za-z-]+$")
_OPEN_NOTICE_STATES = ("proposed", "approved", "served", "reminded")


@dataclass
class State:
    customers: dict[str, Customer] = field(default_factory=dict)
    bills: dict[str, Bill] = field(default_factory=dict)
    journal: list[Entry] = field(default_factory=list)
    receipt_counters: dict[str, int] = field(default_factory=dict)
    receipts: dict[str, StoredReceipt] = field(default_factory=dict)
    reversed_by: dict[str, int] = field(default_factory=dict)
    shifts: dict[str, Shift] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)
    policy: dict[str, str] = field(default_factory=dict)
    clerks: dict[str, ClerkRecord] = field(default_factory=dict)
    audit: list[dict[str, Any]] = field(default_factory=list)
    cards: dict[str, CardRecord] = field(default_factory=dict)
    card_writes: dict[str, CardWrite] = field(default_factory=dict)
    owed_elsewhere: dict[str, OwedWrite] = field(default_factory=dict)  # as pulled (receipt no -> write)
    grades: dict[str, tuple[str, list[str], str]] = field(default_factory=dict)
    notices: dict[str, Notice] = field(default_factory=dict)
    blacklist: dict[tuple[str, str], str] = field(default_factory=dict)  # (credit_code, quarter) -> name
    blacklist_matches: dict[str, tuple[str, str]] = field(default_factory=dict)
    area_clerks: dict[str, str] = field(default_factory=dict)
    refunds: dict[str, OwedRefund] = field(default_factory=dict)


class MemoryCustomers:
    def __init__(self, s: State) -> None:
        self._s = s

    def get(self, customer_no: str) -> Customer | None:
        return self._s.customers.get(customer_no)

    def find(self, query: str, limit: int) -> list[Customer]:
        q = query.strip()
        if not q:
            return []
        everyone = sorted(self._s.customers.values(), key=lambda c: c.customer_no)
        if _EXACT.match(q):
            for column in ("customer_no", "phone", "meter_no"):
                hits = [c for c in everyone if getattr(c, column) == q]
                if hits:
                    return hits[:limit]
        if len(q) < 2:
            return []
        return [c for c in everyone if q in c.name or q in c.address or q in c.phone][:limit]

    def count(self) -> int:
        return len(self._s.customers)

    def set_balance(self, customer_no: str, balance_fen: int) -> None:
        self._s.customers[customer_no] = replace(self._s.customers[customer_no], balance_fen=balance_fen)

    def categories(self, customer_nos: Iterable[str]) -> dict[str, str]:
        return {n: self._s.customers[n].category.value for n in set(customer_nos) if n in self._s.customers}

    def upsert(self, rows: list[dict[str, Any]]) -> None:
        for r in rows:
            old = self._s.customers.get(r["customer_no"])
            self._s.customers[r["customer_no"]] = Customer(
                customer_no=CustomerNo(r["customer_no"]),
                name=r["name"],
                address=r["address"],
                phone=r["phone"],
                category=Category(r["category"]),
                meter_no=r["meter_no"],
                prepaid=bool(r["prepaid"]),
                risk_grade=r.get("risk_grade") or "",
                important=bool(r.get("important", 0)),
                balance_fen=old.balance_fen if old else int(r.get("balance_fen", 0)),
                area=r.get("area") or "",
            )


def _day(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


class MemoryBills:
    def __init__(self, s: State) -> None:
        self._s = s

    def _of(self, customer_no: str) -> list[Bill]:
        return sorted(
            (b for b in self._s.bills.values() if b.customer_no == customer_no),
            key=lambda b: (b.period, b.due_date),
        )

    def open_for(self, customer_no: str) -> list[Bill]:
        return [b for b in self._of(customer_no) if b.is_open]

    def for_customer(self, customer_no: str) -> list[Bill]:
        return self._of(customer_no)

    def record_payment(
        self, bill_id: str, principal_paid_fen: int, fee_carried_fen: int, fee_accrued_through: dt.date
    ) -> None:
        self._s.bills[bill_id] = replace(
            self._s.bills[bill_id],
            principal_paid_fen=principal_paid_fen,
            fee_carried_fen=fee_carried_fen,
            fee_accrued_through=fee_accrued_through,
        )

    def upsert(self, rows: list[dict[str, Any]]) -> None:
        for r in rows:
            old = self._s.bills.get(r["bill_id"])
            paid = max(old.principal_paid_fen if old else 0, int(r.get("principal_paid_fen", 0)))
            base = (
                old
                if old
                else Bill(r["bill_id"], CustomerNo(r["customer_no"]), r["period"], 0, 0, _day(r["due_date"]))
            )
            self._s.bills[r["bill_id"]] = replace(
                base,
                kwh=int(r["kwh"]),
                amount_fen=int(r["amount_fen"]),
                due_date=_day(r["due_date"]),
                principal_paid_fen=paid,
            )

    def existing(self, bill_ids: Iterable[str]) -> dict[str, Bill]:
        return {i: self._s.bills[i] for i in set(bill_ids) if i in self._s.bills}

    def adjust(
        self, bill_id: str, amount_fen: int, due_date: dt.date, kwh: int, principal_paid_fen: int
    ) -> None:
        self._s.bills[bill_id] = replace(
            self._s.bills[bill_id],
            amount_fen=amount_fen,
            due_date=due_date,
            kwh=kwh,
            principal_paid_fen=principal_paid_fen,
        )


class MemoryJournal:
    def __init__(self, s: State) -> None:
        self._s = s

    def head(self) -> tuple[int, str]:
        return (self._s.journal[-1].seq, self._s.journal[-1].hash) if self._s.journal else (0, GENESIS_HASH)

    def append(self, entry: Entry) -> None:
        seq, last_hash = self.head()
        if entry.seq != seq + 1 or entry.prev_hash != last_hash:  # as the SQLite triggers refuse it
            raise ValueError(f"journal entry {entry.seq} does not follow entry {seq}")
        self._s.journal.append(entry)

    def entries(self, after_seq: int = 0, limit: int | None = None) -> Iterator[Entry]:
        found = [e for e in self._s.journal if e.seq > after_seq]
        yield from (found if limit is None else found[:limit])

    def get(self, seq: int) -> Entry | None:
        return next((e for e in self._s.journal if e.seq == seq), None)

    def for_shifts(self, shift_ids: Iterable[str]) -> list[Entry]:
        ids = set(shift_ids)
        return [e for e in self._s.journal if e.payload.get("shift_id") in ids]

    def of_kind(self, kind: str, after_seq: int = 0) -> list[Entry]:
        return [e for e in self._s.journal if e.kind == kind and e.seq > after_seq]

    def for_customer(self, customer_no: str, kinds: Iterable[str], after_seq: int = 0) -> list[Entry]:
        wanted = set(kinds)
        return [
            e
            for e in self._s.journal
            if e.kind in wanted and e.seq > after_seq and e.payload.get("customer_no") == customer_no
        ]


class MemoryReceipts:
    def __init__(self, s: State) -> None:
        self._s = s

    def next_number(self, business_day: str) -> int:
        self._s.receipt_counters[business_day] = self._s.receipt_counters.get(business_day, 0) + 1
        return self._s.receipt_counters[business_day]

    def add(self, receipt: StoredReceipt) -> None:
        if receipt.receipt_no in self._s.receipts:
            raise ValueError(f"receipt {receipt.receipt_no} exists")
        self._s.receipts[receipt.receipt_no] = receipt

    def get(self, receipt_no: str) -> StoredReceipt | None:
        return self._s.receipts.get(receipt_no)

    def set_print_state(self, receipt_no: str, state: str, reason: str, printed: bool) -> None:
        r = self._s.receipts[receipt_no]
        self._s.receipts[receipt_no] = replace(
            r, print_state=state, print_reason=reason, print_count=r.print_count + (1 if printed else 0)
        )

    def with_state(self, state: str) -> list[StoredReceipt]:
        return sorted(
            (r for r in self._s.receipts.values() if r.print_state == state), key=lambda r: r.entry_seq
        )

    def for_day(self, business_day: str) -> list[StoredReceipt]:
        return sorted(
            (r for r in self._s.receipts.values() if r.business_day == business_day),
            key=lambda r: r.entry_seq,
        )

    def mark_reversed(self, receipt_no: str, reversal_seq: int) -> None:
        if receipt_no in self._s.reversed_by:
            raise ValueError(f"receipt {receipt_no} is already reversed")
        self._s.reversed_by[receipt_no] = reversal_seq

    def reversed_by(self, receipt_no: str) -> int | None:
        return self._s.reversed_by.get(receipt_no)


class MemoryShifts:
    def __init__(self, s: State) -> None:
        self._s = s

    def open_for(self, clerk_id: str) -> Shift | None:
        return next(
            (x for x in self._s.shifts.values() if x.clerk_id == clerk_id and x.closed_at is None), None
        )

    def get(self, shift_id: str) -> Shift | None:
        return self._s.shifts.get(shift_id)

    def add(self, shift: Shift) -> None:
        if shift.shift_id in self._s.shifts:
            raise ValueError(f"shift {shift.shift_id} exists")
        self._s.shifts[shift.shift_id] = shift

    def close(self, shift_id: str, closed_at: str) -> None:
        self._s.shifts[shift_id] = replace(self._s.shifts[shift_id], closed_at=closed_at)

    def count_for_day(self, clerk_id: str, business_day: str) -> int:
        return sum(
            1 for x in self._s.shifts.values() if x.clerk_id == clerk_id and x.business_day == business_day
        )

    def for_day(self, business_day: str) -> list[Shift]:
        return sorted(
            (x for x in self._s.shifts.values() if x.business_day == business_day), key=lambda x: x.opened_at
        )


class MemorySettings:
    _CLERK_FIELDS = ("pin_hash", "failed_attempts", "locked_until", "active", "name", "role")

    def __init__(self, s: State) -> None:
        self._s = s

    def get(self, key: str, default: str = "") -> str:
        return self._s.meta.get(key, default)

    def set(self, key: str, value: str) -> None:
        self._s.meta[key] = value

    def policy_values(self) -> dict[str, str]:
        return dict(self._s.policy)

    def set_policy_values(self, values: dict[str, str]) -> None:
        self._s.policy.update(values)

    def clerk_name(self, clerk_id: str) -> str | None:
        c = self._s.clerks.get(clerk_id)
        return c.name if c else None

    def clerk_role(self, clerk_id: str) -> str | None:
        c = self._s.clerks.get(clerk_id)
        return c.role if c else None

    def add_clerks(self, clerks: Iterable[tuple[str, str, str]]) -> None:
        for clerk_id, name, role in clerks:
            old = self._s.clerks.get(clerk_id)
            self._s.clerks[clerk_id] = (
                replace(old, name=name, role=role)
                if old
                else ClerkRecord(clerk_id, name, role, "", 0, None, True)
            )

    def clerk(self, clerk_id: str) -> ClerkRecord | None:
        return self._s.clerks.get(clerk_id)

    def all_clerks(self) -> list[ClerkRecord]:
        return [self._s.clerks[k] for k in sorted(self._s.clerks)]

    def update_clerk(self, clerk_id: str, **fields: Any) -> None:
        unknown = set(fields) - set(self._CLERK_FIELDS)
        if unknown:
            raise ValueError(f"unknown clerk fields {sorted(unknown)}")
        if "active" in fields:
            fields["active"] = bool(fields["active"])
        if clerk_id in self._s.clerks:
            self._s.clerks[clerk_id] = replace(self._s.clerks[clerk_id], **fields)

    def add_audit(self, at: str, event: str, clerk_id: str, subject: str, detail: dict[str, Any]) -> None:
        self._s.audit.append(
            {
                "at": at,
                "event": event,
                "clerk_id": clerk_id,
                "subject": subject,
                "detail": json.loads(json.dumps(detail, ensure_ascii=False)),
            }
        )

    def audit_events(self, limit: int = 500) -> list[dict[str, Any]]:
        return list(reversed(self._s.audit))[:limit]


class MemoryCards:
    def __init__(self, s: State) -> None:
        self._s = s

    def get(self, serial: str) -> CardRecord | None:
        return self._s.cards.get(serial)

    def active_for(self, customer_no: str) -> list[CardRecord]:
        return [c for c in self._s.cards.values() if c.customer_no == customer_no and c.state == "active"]

    def save(self, card: CardRecord) -> None:
        self._s.cards[card.serial] = card

    def retired_serials(self, serials: Iterable[str]) -> set[str]:
        return {s for s in serials if s in self._s.cards and self._s.cards[s].state == "retired"}

    def add_write(self, write: CardWrite) -> None:
        if write.receipt_no in self._s.card_writes:
            raise ValueError(f"card write {write.receipt_no} exists")
        self._s.card_writes[write.receipt_no] = write

    def write_for(self, receipt_no: str) -> CardWrite | None:
        return self._s.card_writes.get(receipt_no)

    def pending_for(self, *, serial: str | None = None, customer_no: str | None = None) -> list[CardWrite]:
        return sorted(
            (
                w
                for w in self._s.card_writes.values()
                if w.state == "pending"
                and (serial is None or w.serial == serial)
                and (customer_no is None or w.customer_no == customer_no)
            ),
            key=lambda w: w.entry_seq,
        )

    def settle_write(self, receipt_no: str, state: str, written_seq: int | None) -> None:
        if state not in ("written", "cancelled"):
            raise ValueError(f"a card write settles as written or cancelled, not {state!r}")
        w = self._s.card_writes.get(receipt_no)
        if w is None or w.state != "pending":
            raise ValueError(f"card write {receipt_no} is not pending")
        self._s.card_writes[receipt_no] = replace(w, state=state, written_seq=written_seq)

    def owed_elsewhere(self, serial: str) -> list[OwedWrite]:
        return sorted(
            (w for w in self._s.owed_elsewhere.values() if w.serial == serial), key=lambda w: w.receipt_no
        )


class MemoryRisk:
    def __init__(self, s: State) -> None:
        self._s = s

    def arrears_page(self, f: ArrearsFilter, today: dt.date) -> list[ArrearsRow]:
        return []  # an SQL report (db/risk_repos.py); see the module docstring

    def arrears_totals(self, f: ArrearsFilter, today: dt.date) -> ArrearsTotals:
        return ArrearsTotals(0, 0, (0, 0, 0, 0), (0, 0, 0, 0))

    def areas(self) -> list[str]:
        return sorted({c.area for c in self._s.customers.values()})

    def late_payments(self, customer_no: str, since_utc: str) -> int:
        count = 0
        for r in self._s.receipts.values():
            if r.customer_no != customer_no or r.kind != "payment" or r.receipt_no in self._s.reversed_by:
                continue
            entry = next((e for e in self._s.journal if e.seq == r.entry_seq), None)
            if (
                entry is not None
                and entry.created_at >= since_utc
                and any(a.get("days_overdue", 0) > 0 for a in entry.payload.get("allocations", []))
            ):
                count += 1
        return count

    def save_grade(self, customer_no: str, grade: str, reasons: Iterable[str], at: str) -> None:
        self._s.grades[customer_no] = (grade, list(reasons), at)

    def saved_grade(self, customer_no: str) -> tuple[str, list[str], str] | None:
        return self._s.grades.get(customer_no)

    def add_notice(self, notice: Notice) -> None:
        if notice.notice_id in self._s.notices:
            raise ValueError(f"notice {notice.notice_id} exists")
        self._s.notices[notice.notice_id] = notice

    def update_notice(self, notice: Notice) -> None:
        if notice.notice_id in self._s.notices:
            self._s.notices[notice.notice_id] = notice

    def get_notice(self, notice_id: str) -> Notice | None:
        return self._s.notices.get(notice_id)

    def open_notices(self, customer_no: str) -> list[Notice]:
        return sorted(
            (
                n
                for n in self._s.notices.values()
                if n.customer_no == customer_no and n.state in _OPEN_NOTICE_STATES
            ),
            key=lambda n: n.proposed_at,
        )

    def notices(self, state: str = "", limit: int = 500) -> list[Notice]:
        if state:
            return sorted(
                (n for n in self._s.notices.values() if n.state == state), key=lambda n: n.proposed_at
            )[:limit]
        return sorted(self._s.notices.values(), key=lambda n: n.proposed_at, reverse=True)[:limit]

    def import_blacklist(self, rows: list[tuple[str, str, str]], at: str) -> int:
        for code, name, quarter in rows:
            self._s.blacklist[(code, quarter)] = name
        self._s.blacklist_matches = {}
        for (code, quarter), name in sorted(self._s.blacklist.items(), key=lambda kv: kv[0][1]):
            for c in self._s.customers.values():
                if c.name == name and c.category is not Category.RESIDENTIAL:
                    self._s.blacklist_matches[c.customer_no] = (code, quarter)
        return len(self._s.blacklist_matches)

    def blacklist_match(self, customer_no: str) -> tuple[str, str] | None:
        return self._s.blacklist_matches.get(customer_no)

    def set_area_clerk(self, area: str, clerk_id: str) -> None:
        self._s.area_clerks[area] = clerk_id

    def area_clerks(self) -> dict[str, str]:
        return dict(self._s.area_clerks)

    def owed_by_area(self, today: dt.date) -> dict[str, tuple[int, int]]:
        return {}  # an SQL report (the arrears table); see the module docstring


class MemoryRefunds:
    def __init__(self, s: State) -> None:
        self._s = s

    def owed_to(self, customer_no: str) -> list[OwedRefund]:
        return sorted(
            (r for r in self._s.refunds.values() if r.customer_no == customer_no and r.owed),
            key=lambda r: (r.ordered_at, r.refund_id),
        )

    def get(self, refund_id: str) -> OwedRefund | None:
        return self._s.refunds.get(refund_id)

    def mark_paid(self, refund_id: str, paid_seq: int) -> None:
        r = self._s.refunds.get(refund_id)
        if r is None or r.paid_seq is not None:
            raise ValueError(f"refund {refund_id} is not owed here")
        self._s.refunds[refund_id] = replace(r, paid_seq=paid_seq)


class _Work:
    def __init__(self, store: MemoryStore) -> None:
        self._store = store
        self._bind(copy.deepcopy(store.state))

    def _bind(self, state: State) -> None:
        self._state = state
        self.customers: CustomerRepo = MemoryCustomers(state)
        self.bills: BillRepo = MemoryBills(state)
        self.journal: JournalRepo = MemoryJournal(state)
        self.receipts: ReceiptRepo = MemoryReceipts(state)
        self.shifts: ShiftRepo = MemoryShifts(state)
        self.settings: SettingsRepo = MemorySettings(state)
        self.cards: CardRepo = MemoryCards(state)
        self.risk: RiskRepo = MemoryRisk(state)
        self.refunds: RefundRepo = MemoryRefunds(state)


class MemoryUnitOfWork(_Work):
    """A write unit of work: a private copy of the state, swapped in at commit."""

    def __init__(self, store: MemoryStore) -> None:
        super().__init__(store)
        self.committed = False

    def __enter__(self) -> MemoryUnitOfWork:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.rollback()

    def commit(self) -> None:
        self._store.state = copy.deepcopy(self._state)
        self.committed = True
        self._store.commits += 1

    def rollback(self) -> None:
        self._bind(copy.deepcopy(self._store.state))


class _ReadOnly:
    """Wraps a repository: reads pass, a write raises WriteInReadUnitOfWork (as `query_only` does)."""

    WRITES = {
        "set_balance",
        "upsert",
        "record_payment",
        "adjust",
        "append",
        "next_number",
        "add",
        "set_print_state",
        "mark_reversed",
        "close",
        "set",
        "set_policy_values",
        "add_clerks",
        "update_clerk",
        "add_audit",
        "save",
        "add_write",
        "settle_write",
        "save_grade",
        "add_notice",
        "update_notice",
        "import_blacklist",
        "set_area_clerk",
        "mark_paid",
    }

    def __init__(self, repo: object) -> None:
        self._repo = repo

    def __getattr__(self, name: str) -> Any:
        if name in self.WRITES:
            raise WriteInReadUnitOfWork(f"{name} through a read unit of work")
        return getattr(self._repo, name)


class MemoryReadUnitOfWork(_Work):
    def _bind(self, state: State) -> None:
        super()._bind(state)
        for name in (
            "customers",
            "bills",
            "journal",
            "receipts",
            "shifts",
            "settings",
            "cards",
            "risk",
            "refunds",
        ):
            setattr(self, name, _ReadOnly(getattr(self, name)))

    def __enter__(self) -> MemoryReadUnitOfWork:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None


@dataclass
class MemoryStore:
    state: State = field(default_factory=State)
    commits: int = 0

    def uow(self) -> UnitOfWork:
        return MemoryUnitOfWork(self)

    def reader(self) -> ReadUnitOfWork:
        return MemoryReadUnitOfWork(self)

    def close(self) -> None:
        return None
