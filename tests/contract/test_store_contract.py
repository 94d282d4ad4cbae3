"""One contract for app/store.py's ports, run against the in-memory store (tests/fakes.py) and the SQLite
store (db/local_store.py): whatever a service may rely on holds for both, so a service rule tested in
milliseconds on the fake means the same on the counter's database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.journal import GENESIS_HASH, Entry, new_entry
from app.services.terminal_setup import showcase
from app.store import CardWrite, ReadUnitOfWork, Shift, StoredReceipt, UnitOfWork, WriteInReadUnitOfWork
from tests.fakes import MemoryStore

TODAY = dt.date(2026, 11, 23)


class Store:
    """The two factories of one store, whichever it is."""

    def __init__(self, uow: Any, reader: Any, close: Any) -> None:
        self.uow, self.reader, self.close = uow, reader, close

    def write(self) -> UnitOfWork:
        return self.uow()  # type: ignore[no-any-return]

    def read(self) -> ReadUnitOfWork:
        return self.reader()  # type: ignore[no-any-return]


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "memory":
        mem = MemoryStore()
        yield Store(mem.uow, mem.reader, mem.close)
        return
    from db.local_store import open_local_store

    sql = open_local_store(tmp_path / "local.db")
    yield Store(sql.uow, sql.reader, sql.close)
    sql.close()


def seeded(store: Store) -> Store:
    customers, bills = showcase(TODAY)
    with store.write() as uow:
        uow.customers.upsert(customers)
        uow.bills.upsert(bills)
        uow.commit()
    return store


def chain(n: int, start: tuple[int, str] = (0, GENESIS_HASH), **payload: Any) -> list[Entry]:
    out, (seq, prev) = [], start
    for _ in range(n):
        e = new_entry(
            terminal_id="T01",
            seq=seq + 1,
            kind="payment",
            created_at="2026-11-23T02:00:00Z",
            clerk_id="C01",
            payload={"customer_no": "1000000002", "shift_id": "S1", **payload},
            prev_hash=prev,
        )
        out.append(e)
        seq, prev = e.seq, e.hash
    return out


def receipt(no: str, seq: int, day: str = "2026-11-23") -> StoredReceipt:
    return StoredReceipt(
        no,
        seq,
        "payment",
        "1000000002",
        "S1",
        "cash",
        100,
        day,
        "2026-11-23T02:00:00Z",
        "{}",
        "pending",
        "",
        0,
    )


def test_nothing_stays_unless_committed(store: Store) -> None:
    customers, _ = showcase(TODAY)
    with store.write() as uow:
        uow.customers.upsert(customers)
        uow.settings.set("k", "v")
    with store.read() as r:
        assert r.customers.get(customers[0]["customer_no"]) is None and r.settings.get("k") == ""
    with store.write() as uow:
        uow.customers.upsert(customers)
        uow.commit()
    with store.read() as r:
        assert r.customers.get(customers[0]["customer_no"]) is not None
        assert r.customers.count() == len(customers)  # what a provisioned terminal reports it pulled


def test_a_read_unit_of_work_refuses_a_write(store: Store) -> None:
    with (
        pytest.raises(WriteInReadUnitOfWork),
        store.read() as r,
    ):  # at the call, or at the latest at the block's end
        r.settings.set("k", "v")


def test_lookup_finds_a_customer_by_number_phone_or_meter(store: Store) -> None:
    seeded(store)
    with store.read() as r:
        c = r.customers.get("1000000002")
        assert c is not None
        assert [x.customer_no for x in r.customers.find(c.customer_no, 10)] == [c.customer_no]
        assert c.customer_no in [x.customer_no for x in r.customers.find(c.meter_no, 10)]
        assert r.customers.find("", 10) == []


def test_master_data_never_lowers_what_was_paid_nor_touches_the_balance(store: Store) -> None:
    seeded(store)
    with store.write() as uow:
        bill = uow.bills.open_for("1000000002")[0]
        uow.bills.record_payment(bill.bill_id, 500, 0, TODAY)
        uow.customers.set_balance("1000000002", 1234)
        uow.commit()
    _, bills = showcase(TODAY)
    customers, _ = showcase(TODAY)
    with store.write() as uow:
        uow.bills.upsert([b for b in bills if b["bill_id"] == bill.bill_id])
        uow.customers.upsert([c for c in customers if c["customer_no"] == "1000000002"])
        uow.commit()
    with store.read() as r:
        assert r.bills.existing([bill.bill_id])[bill.bill_id].principal_paid_fen == 500
        customer = r.customers.get("1000000002")
        assert customer is not None and customer.balance_fen == 1234
        assert [b.period for b in r.bills.open_for("1000000002")] == sorted(
            b.period for b in r.bills.open_for("1000000002")
        )


def test_the_journal_is_a_chain_read_back_in_order(store: Store) -> None:
    with store.read() as r:
        assert r.journal.head() == (0, GENESIS_HASH)
    entries = chain(3)
    with store.write() as uow:
        for e in entries:
            uow.journal.append(e)
        uow.commit()
    with store.read() as r:
        assert r.journal.head() == (3, entries[-1].hash)
        assert [e.entry_id for e in r.journal.entries()] == [e.entry_id for e in entries]
        assert [e.seq for e in r.journal.entries(after_seq=1, limit=1)] == [2]
        got = r.journal.get(2)
        assert got is not None and got.hash == entries[1].hash and got.payload == entries[1].payload
        assert [e.seq for e in r.journal.of_kind("payment", after_seq=2)] == [3]
        assert [e.seq for e in r.journal.for_customer("1000000002", ["payment"])] == [1, 2, 3]
        assert r.journal.for_customer("1000000009", ["payment"]) == []


def test_a_journal_entry_out_of_sequence_is_refused(store: Store) -> None:
    first, second = chain(2)
    with store.write() as uow:
        uow.journal.append(first)
        uow.commit()
    with pytest.raises(Exception), store.write() as uow:  # noqa: B017 - ValueError here, IntegrityError there
        uow.journal.append(first)  # the same sequence twice
        uow.commit()
    with store.read() as r:
        assert r.journal.head() == (1, first.hash)


def test_receipt_numbers_count_per_day_and_are_never_reused(store: Store) -> None:
    with store.write() as uow:
        assert [uow.receipts.next_number("2026-11-23") for _ in range(3)] == [1, 2, 3]
        assert uow.receipts.next_number("2026-11-24") == 1
        uow.commit()
    with store.write() as uow:
        assert uow.receipts.next_number("2026-11-23") == 4
    with store.write() as uow:  # the uncommitted 4 was rolled back with its transaction
        assert uow.receipts.next_number("2026-11-23") == 4


def test_a_receipt_is_reversed_once(store: Store) -> None:
    seeded(store)
    with store.write() as uow:
        for e in chain(2):
            uow.journal.append(e)
        uow.receipts.add(receipt("T01-20261123-0001", 1))
        uow.commit()
    with store.write() as uow:
        assert uow.receipts.reversed_by("T01-20261123-0001") is None
        uow.receipts.mark_reversed("T01-20261123-0001", 2)
        uow.receipts.set_print_state("T01-20261123-0001", "printed", "", True)
        uow.commit()
    with store.read() as r:
        assert r.receipts.reversed_by("T01-20261123-0001") == 2
        stored = r.receipts.get("T01-20261123-0001")
        assert stored is not None and (stored.print_state, stored.print_count) == ("printed", 1)
        assert [x.receipt_no for x in r.receipts.for_day("2026-11-23")] == ["T01-20261123-0001"]
    with pytest.raises(Exception), store.write() as uow:  # noqa: B017
        uow.receipts.mark_reversed("T01-20261123-0001", 3)
        uow.commit()


def test_a_card_write_settles_once(store: Store) -> None:
    w = CardWrite(
        "T01-20261123-0001",
        "card_purchase",
        "1000000003",
        "SN1",
        100,
        1,
        "ab",
        "pending",
        1,
        None,
        "2026-11-23T02:00:00Z",
    )
    with store.write() as uow:
        for e in chain(2):
            uow.journal.append(e)
        uow.cards.add_write(w)
        uow.commit()
    with store.write() as uow:
        assert [x.receipt_no for x in uow.cards.pending_for(serial="SN1")] == [w.receipt_no]
        uow.cards.settle_write(w.receipt_no, "written", 2)
        uow.commit()
    with store.write() as uow, pytest.raises(ValueError):
        uow.cards.settle_write(w.receipt_no, "cancelled", None)
    with store.read() as r:
        got = r.cards.write_for(w.receipt_no)
        assert got is not None and (got.state, got.written_seq) == ("written", 2)
        assert r.cards.pending_for(customer_no="1000000003") == []


def test_a_clerk_has_one_open_shift(store: Store) -> None:
    with store.write() as uow:
        uow.settings.add_clerks([("C01", "王", "clerk")])
        uow.shifts.add(Shift("S1", "C01", "2026-11-23T01:00:00Z", "2026-11-23", 10000, None))
        uow.commit()
    with store.write() as uow:
        shift = uow.shifts.open_for("C01")
        assert shift is not None and shift.shift_id == "S1"
        uow.shifts.close("S1", "2026-11-23T09:00:00Z")
        uow.commit()
    with store.read() as r:
        assert r.shifts.open_for("C01") is None and r.shifts.count_for_day("C01", "2026-11-23") == 1
        assert [s.shift_id for s in r.shifts.for_day("2026-11-23")] == ["S1"]


def test_clerks_and_the_audit_trail(store: Store) -> None:
    with store.write() as uow:
        uow.settings.add_clerks([("C01", "王", "clerk"), ("S01", "李", "supervisor")])
        uow.settings.update_clerk("C01", failed_attempts=2, active=False)
        uow.settings.add_audit("2026-11-23T01:00:00Z", "login_failed", "C01", "C01", {"n": 1})
        uow.settings.add_audit("2026-11-23T01:01:00Z", "login", "S01", "S01", {})
        uow.settings.set_policy_values({"late_fee_permille": "1"})
        uow.commit()
    with store.read() as r:
        c01 = r.settings.clerk("C01")
        assert c01 is not None and (c01.failed_attempts, c01.active, c01.role) == (2, False, "clerk")
        assert r.settings.clerk_role("S01") == "supervisor" and r.settings.clerk_name("X") is None
        assert [c.clerk_id for c in r.settings.all_clerks()] == ["C01", "S01"]
        assert [a["event"] for a in r.settings.audit_events()] == ["login", "login_failed"]
        assert r.settings.audit_events()[1]["detail"] == {"n": 1}
        assert r.settings.policy_values()["late_fee_permille"] == "1"
    with store.write() as uow, pytest.raises(ValueError):
        uow.settings.update_clerk("C01", salary=1)
