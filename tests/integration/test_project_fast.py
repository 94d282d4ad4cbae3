"""The one-statement projection of plain payments (db/central/project_fast.py) against the exact per-entry
path (db/central/project.py): the same random pushes into two PostgreSQL ledgers, one with the fast path
and one without, must leave the same bills, balances, review cases and head-office offsets, to the fen.

The batches mix what the fast path takes (principal on bills not yet due) with everything it must leave
to the exact path: overdue bills with late fees, a fee carried, overpayment (surplus), unknown bills and
customers, a claim on another customer's bill, change kept as balance, a customer with a balance (head
office's offset), waivers, and a plain payment of a customer some other entry of the batch touches.
And a push killed in the middle (its connection terminated by the server) changes nothing: the books are
those before it, and the same push again gives the books of an uninterrupted run.
"""

from __future__ import annotations

import random
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

import db.central.project as project_mod
import db.central.project_fast as fast_mod
from app.journal import GENESIS_HASH, Entry, new_entry
from app.policy import DEFAULTS
from db.central.store import CentralStore
from tests.integration.pg_fixtures import pg_server  # noqa: F401

DAY = "2026-11-23"
CUSTOMERS = 24


def _master() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    customers = [
        {
            "customer_no": f"81{i:04d}",
            "name": f"用户{i}",
            "address": "测试路",
            "category": "residential" if i % 3 == 0 else "commercial",
        }
        for i in range(CUSTOMERS)
    ]
    bills = []
    for i in range(CUSTOMERS):
        for j, (due, amount) in enumerate(
            (("2026-12-20", 50_000), ("2026-11-30", 8_000), ("2026-09-20", 30_000))
        ):
            bills.append(
                {
                    "bill_id": f"81{i:04d}-{j}",
                    "customer_no": f"81{i:04d}",
                    "period": f"2026-{8 + j:02d}",
                    "kwh": 100 + j,
                    "amount_fen": amount + 37 * i,
                    "due_date": due,
                }
            )
    return customers, bills


def _payment(
    rng: random.Random, cno: str, bills: list[str], *, fee: bool = False, delta: int = 0
) -> dict[str, Any]:
    allocations = []
    for b in bills:
        principal = rng.choice((1, 100, 2_500, 7_000, 9_000, 40_000))
        fee_paid = rng.choice((100, 1_234)) if fee else 0
        allocations.append(
            {
                "bill_id": b,
                "period": "2026-09",
                "kwh": 100,
                "days_overdue": 0,
                "principal_due_fen": 60_000,
                "fee_due_fen": fee_paid,
                "principal_paid_fen": principal,
                "fee_paid_fen": fee_paid,
            }
        )
    amount = sum(a["principal_paid_fen"] + a["fee_paid_fen"] for a in allocations) + delta
    return {
        "customer_no": cno,
        "business_day": DAY,
        "method": "cash",
        "amount_fen": amount,
        "tendered_fen": amount,
        "change_fen": 0,
        "balance_before_fen": 0,
        "balance_after_fen": delta,
        "allocations": allocations,
        "receipt_no": f"R{rng.randrange(10**9)}",
        "shift_id": "S1",
        "reference": "",
    }


def _entries(rng: random.Random, terminal_id: str, n: int) -> list[Entry]:
    out: list[Entry] = []
    prev = GENESIS_HASH
    for seq in range(1, n + 1):
        i = rng.randrange(CUSTOMERS + 1)  # CUSTOMERS: a customer head office does not know
        cno = f"81{i:04d}"
        roll = rng.random()
        kind = "payment"
        if roll < 0.55:  # plain: principal on the bills not yet due (some overpay them)
            payload = _payment(rng, cno, rng.sample([f"{cno}-0", f"{cno}-1"], rng.choice((1, 2))))
        elif roll < 0.65:  # overdue bill, with its late fee
            payload = _payment(rng, cno, [f"{cno}-2"], fee=True)
        elif roll < 0.72:  # change kept as balance
            payload = _payment(rng, cno, [f"{cno}-0"], delta=rng.choice((55, 7_200)))
        elif roll < 0.77:  # a bill head office does not know
            payload = _payment(rng, cno, [f"{cno}-9"])
        elif roll < 0.82:  # another customer's bill
            payload = _payment(rng, cno, [f"81{(i + 1) % CUSTOMERS:04d}-0"])
        elif roll < 0.88:
            kind = "waiver"
            payload = {
                "customer_no": cno,
                "shift_id": "S1",
                "waived_fen": 50,
                "bills": [{"bill_id": f"{cno}-{rng.randrange(3)}", "fee_waived_fen": 50}],
            }
        else:
            kind, payload = "receipt_print", {"receipt_no": f"R{seq}", "printed": True}
        e = new_entry(
            terminal_id=terminal_id,
            seq=seq,
            kind=kind,
            created_at=f"{DAY}T0{seq % 10}:00:00Z",
            clerk_id="C01",
            payload=payload,
            prev_hash=prev,
        )
        out.append(e)
        prev = e.hash
    return out


def _ledger(pg_server, tmp: Path) -> CentralStore:  # noqa: F811
    store = CentralStore.open(pg_server.url(pg_server.new_database()), tmp)
    customers, bills = _master()
    store.load_master_data(customers, bills, dict(DEFAULTS))
    with store.engine.begin() as conn:  # a fee carried on one bill, a balance with open bills on one customer
        conn.execute(text("UPDATE central_bills SET fee_carried_fen = 321 WHERE bill_id = '810004-1'"))
        conn.execute(text("UPDATE central_customers SET balance_fen = 1500 WHERE customer_no = '810007'"))
    return store


def _books(store: CentralStore) -> tuple[Any, ...]:
    with store.engine.connect() as conn:
        bills = conn.execute(
            text(
                "SELECT bill_id, amount_fen, principal_paid_fen, fee_paid_fen, fee_carried_fen, fee_accrued_through, "
                "fee_waived_fen FROM central_bills ORDER BY bill_id"
            )
        ).all()
        customers = conn.execute(
            text("SELECT customer_no, balance_fen FROM central_customers ORDER BY 1")
        ).all()
        cases = conn.execute(
            text("SELECT case_id, kind, amount_fen, fee_fen, detail FROM review_cases ORDER BY case_id")
        ).all()
        offsets = conn.execute(
            text("SELECT seq, kind, payload FROM central_journal WHERE terminal_id = 'HQ' ORDER BY seq")
        ).all()
        acks = conn.execute(text("SELECT terminal_id, ack_seq, ack_hash FROM terminals ORDER BY 1")).all()
    return (
        tuple(map(tuple, bills)),
        tuple(map(tuple, customers)),
        tuple(map(tuple, cases)),
        tuple(map(tuple, offsets)),
        tuple(map(tuple, acks)),
    )


@pytest.mark.postgres
@pytest.mark.parametrize("seed", [3, 11, 2026])
def test_fast_path_books_equal_the_exact_path(pg_server, tmp_path, monkeypatch, seed):  # noqa: F811
    rng = random.Random(seed)
    journals = {t: _entries(rng, t, 160) for t in ("F01", "F02")}
    pushes: list[list[Entry]] = []
    at = {t: 0 for t in journals}
    while any(at[t] < len(js) for t, js in journals.items()):
        t = rng.choice([t for t in journals if at[t] < len(journals[t])])
        size = rng.choice((1, 7, 40, 90))
        pushes.append(journals[t][at[t] : at[t] + size])
        at[t] += size
    took: list[int] = []
    real = fast_mod.project_fast

    def counting(*args: Any) -> set[str]:
        done = real(*args)
        took.append(len(done))
        return done

    monkeypatch.setattr(project_mod, "project_fast", counting)
    books = []
    for fast in (True, False):
        monkeypatch.setattr(project_mod, "FAST_PATH", fast)
        (tmp_path / str(fast)).mkdir()
        store = _ledger(pg_server, tmp_path / str(fast))
        try:
            for batch in pushes:
                report = store.push(batch[0].terminal_id, "测试营业厅", batch)
                assert report.accepted == len(batch) and not report.alarms
            books.append(_books(store))
        finally:
            store.close()
    assert sum(took) > 0, "the fast path took no customer: the comparison would prove nothing"
    assert books[0][1] != tuple((c[0], 0 if c[0] != "810007" else 1500) for c in books[0][1])  # money moved
    assert any(case[1] == "double_payment" for case in books[0][2])  # the exact path had surplus to place
    assert books[0] == books[1]


@pytest.mark.postgres
def test_push_killed_in_the_middle_changes_nothing(pg_server, tmp_path):  # noqa: F811
    """The server terminates the pushing connection while the batch's rows are in; nothing of it stays, and
    pushing the same batch again gives the books of a run that was never interrupted."""
    rng = random.Random(5)
    entries = _entries(rng, "K01", 400)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    killed, clean = _ledger(pg_server, tmp_path / "a"), _ledger(pg_server, tmp_path / "b")
    try:
        killed.push("K01", "测试营业厅", entries[:100])
        clean.push("K01", "测试营业厅", entries[:100])
        before = _books(killed)
        with (
            killed.engine.connect() as conn
        ):  # the projection's statement holds this lock: the push stops there
            locker = killed.engine.connect()
            locker.execute(text("LOCK TABLE central_bills IN EXCLUSIVE MODE"))
            errors: list[BaseException] = []

            def push() -> None:
                try:
                    killed.push("K01", "测试营业厅", entries[100:])
                except BaseException as exc:  # noqa: BLE001  (the test asserts what it was)
                    errors.append(exc)

            worker = threading.Thread(target=push)
            worker.start()
            pid = None
            for _ in range(200):
                pid = conn.execute(
                    text(
                        "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
                    )
                ).scalar()
                conn.rollback()  # pg_stat_activity is one snapshot per transaction
                if pid is not None:
                    break
                threading.Event().wait(0.05)
            assert pid is not None, "the push never reached the projection"
            staged = conn.execute(
                text(
                    "SELECT count(*) FROM pg_locks WHERE pid = :p AND relation = 'central_journal'::regclass"
                ),
                {"p": pid},
            ).scalar()
            assert staged, "the push had not written its journal rows yet"
            conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
            conn.commit()
            locker.rollback()
            locker.close()
            worker.join(30)
        assert errors, "the killed push reported success"
        assert _books(killed) == before
        killed.push("K01", "测试营业厅", entries[100:])
        clean.push("K01", "测试营业厅", entries[100:])
        assert _books(killed)[:2] == _books(clean)[:2]
        assert [c[:4] for c in _books(killed)[2]] == [c[:4] for c in _books(clean)[2]]
        assert _books(killed)[4] == _books(clean)[4]
    finally:
        killed.close()
        clean.close()


def _plain_and_kept(terminal_id: str, plain: str, kept: str) -> list[Entry]:
    """#1 a plain payment for `plain` (the one-statement path), #2 one for `kept` that keeps change as balance
    (the per-entry path)."""
    out, prev = [], GENESIS_HASH
    for seq, (cno, delta) in enumerate(((plain, 0), (kept, 55)), start=1):
        payload = _payment(random.Random(seq), cno, [f"{cno}-0"], delta=delta)
        e = new_entry(
            terminal_id=terminal_id,
            seq=seq,
            kind="payment",
            created_at=f"{DAY}T02:00:0{seq}Z",
            clerk_id="C01",
            payload=payload,
            prev_hash=prev,
        )
        out.append(e)
        prev = e.hash
    return out


@pytest.mark.postgres
def test_two_pushes_crossing_paths_never_dead_lock(pg_server, tmp_path, monkeypatch):  # noqa: F811
    """D01 pays customer A the plain way and B with change kept; D02 the other way round. D01 is held right
    after its payment statement (A's rows locked) until D02 waits on a lock; then D01 goes on to B. With each
    path locking its own rows, D02 held B and wanted A: a dead-lock, one push refused. Both must go through."""
    store = _ledger(pg_server, tmp_path)
    real = fast_mod.project_fast
    d01_done, stop = threading.Event(), threading.Event()

    def held(conn: Any, entries: Any, *rest: Any) -> set[str]:
        done = real(conn, entries, *rest)
        if threading.current_thread().name == "D01":
            d01_done.set()
            with store.engine.connect() as watch:
                for _ in range(100):
                    waiting = watch.execute(
                        text(
                            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                            "AND datname = current_database()"
                        )
                    ).scalar()
                    watch.rollback()
                    if waiting or stop.is_set():
                        break
                    threading.Event().wait(0.05)
        return done

    monkeypatch.setattr(project_mod, "project_fast", held)
    errors: list[BaseException] = []
    reports: dict[str, Any] = {}

    def push(tid: str, entries: list[Entry]) -> None:
        try:
            reports[tid] = store.push(tid, "测试营业厅", entries)
        except BaseException as exc:  # noqa: BLE001  (asserted below)
            errors.append(exc)
        finally:
            stop.set() if tid == "D02" else None

    a, b = "810001", "810002"
    d01 = threading.Thread(target=push, name="D01", args=("D01", _plain_and_kept("D01", a, b)))
    d02 = threading.Thread(target=push, name="D02", args=("D02", _plain_and_kept("D02", b, a)))
    try:
        d01.start()
        assert d01_done.wait(30)
        d02.start()
        d01.join(60)
        d02.join(60)
        assert errors == [] and {t: r.accepted for t, r in reports.items()} == {"D01": 2, "D02": 2}
        with store.engine.connect() as conn:
            paid = dict(
                conn.execute(
                    text(
                        "SELECT bill_id, principal_paid_fen FROM central_bills "
                        "WHERE bill_id IN ('810001-0', '810002-0')"
                    )
                ).all()
            )
        assert all(v > 0 for v in paid.values()) and len(paid) == 2
    finally:
        store.close()
