"""A simulated province: many terminals pushing their journals into one central PostgreSQL at once.

Each terminal is a thread with its own journal (a real hash chain of payments and receipt prints) and its
own connection (its own CentralStore engine, as a counter connects to head office), pushing through the
real path (CentralStore.push: checks, COPY, projection, signatures' mark) in batches. Most payments are for
the terminal's own customers; one in twenty is for a customer every terminal serves (the same bills, so
pushes really meet on row locks). All terminals start together.

Measured: entries per second over the whole run, each push's latency (median, p99), how many sessions
waited on a lock (sampled every 20 ms from pg_stat_activity) and the deadlocks PostgreSQL counted, and
errors (a push that raised; the terminal pushes again, as its sync would). Beside it, in the same run:
raw COPY of the same rows into a plain table with the journal's columns and keys, one connection.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import make_url

from app.journal import GENESIS_HASH, Entry, new_entry
from bench.pg_server import PgServer
from db.central.engine import make_engine
from db.central.push import journal_row
from db.central.stage import JOURNAL_COLS
from db.central.store import CentralStore

SHARED = 100  # customers every terminal serves
OWN = 50  # customers of each terminal's own hall


@dataclass
class ProvinceRun:
    terminals: int
    entries: int
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    lock_wait_samples: int = 0  # samples (20 ms apart) with at least one session waiting on a lock
    lock_waiters_max: int = 0
    deadlocks: int = 0
    raw_copy_s: float = 0.0

    @property
    def rate(self) -> float:
        return self.entries / self.seconds

    @property
    def raw_rate(self) -> float:
        return self.entries / self.raw_copy_s


def _journal(terminal_id: str, n: int, rng: random.Random) -> list[Entry]:
    out: list[Entry] = []
    prev = GENESIS_HASH
    for seq in range(1, n + 1):
        at = f"2026-11-23T{2 + seq // 3600 % 8:02d}:{seq // 60 % 60:02d}:{seq % 60:02d}.000000Z"
        if rng.random() < 0.7:
            cno = (
                f"S{rng.randrange(SHARED):04d}"
                if rng.random() < 0.05
                else f"{terminal_id}-{rng.randrange(OWN):03d}"
            )
            payload: dict[str, Any] = {
                "receipt_no": f"{terminal_id}-20261123-{seq:06d}",
                "customer_no": cno,
                "shift_id": f"{terminal_id}-S1",
                "business_day": "2026-11-23",
                "method": "cash",
                "reference": "",
                "amount_fen": 100,
                "tendered_fen": 100,
                "change_fen": 0,
                "balance_before_fen": 0,
                "balance_after_fen": 0,
                "allocations": [
                    {
                        "bill_id": f"{cno}-a",
                        "period": "2026-10",
                        "kwh": 100,
                        "days_overdue": 0,
                        "principal_due_fen": 1_000_000,
                        "fee_due_fen": 0,
                        "principal_paid_fen": 100,
                        "fee_paid_fen": 0,
                    }
                ],
            }
            kind = "payment"
        else:
            payload, kind = (
                {"receipt_no": f"{terminal_id}-20261123-{seq:06d}", "printed": True},
                "receipt_print",
            )
        e = new_entry(
            terminal_id=terminal_id,
            seq=seq,
            kind=kind,
            created_at=at,
            clerk_id="C01",
            payload=payload,
            prev_hash=prev,
        )
        out.append(e)
        prev = e.hash
    return out


def _master(terminal_ids: list[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    cnos = [f"S{i:04d}" for i in range(SHARED)] + [f"{t}-{i:03d}" for t in terminal_ids for i in range(OWN)]
    customers = [
        {"customer_no": c, "name": "压测用户", "address": "压测", "category": "commercial"} for c in cnos
    ]
    bills = [
        {
            "bill_id": f"{c}-a",
            "customer_no": c,
            "period": "2026-10",
            "kwh": 100,
            "amount_fen": 10**12,
            "due_date": "2026-12-31",
        }
        for c in cnos
    ]
    return customers, bills


def _lock_sampler(server: PgServer, database: str, run: ProvinceRun, stop: threading.Event) -> None:
    import psycopg

    with psycopg.connect(
        f"host=127.0.0.1 port={server.port} user=postgres dbname={database}", autocommit=True
    ) as conn:
        while not stop.wait(0.02):
            found = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                "AND datname = current_database()"
            ).fetchone()
            waiting = int(found[0]) if found else 0
            if waiting:
                run.lock_wait_samples += 1
                run.lock_waiters_max = max(run.lock_waiters_max, waiting)


def _deadlocks(server: PgServer, database: str) -> int:
    import psycopg

    with psycopg.connect(f"host=127.0.0.1 port={server.port} user=postgres dbname={database}") as conn:
        row = conn.execute(
            "SELECT deadlocks FROM pg_stat_database WHERE datname = %s", (database,)
        ).fetchone()
    return int(row[0]) if row else 0


def _raw_copy(server: PgServer, database: str, journals: dict[str, list[Entry]]) -> float:
    import psycopg

    now = "2026-11-23T12:00:00.000000Z"
    rows = [journal_row(e, now) for js in journals.values() for e in js]
    with psycopg.connect(f"host=127.0.0.1 port={server.port} user=postgres dbname={database}") as conn:
        conn.execute("CREATE TABLE bench_raw_copy (LIKE central_journal INCLUDING ALL)")
        conn.commit()
        started = time.perf_counter()
        with (
            conn.cursor() as cur,
            cur.copy(f"COPY bench_raw_copy ({', '.join(JOURNAL_COLS)}) FROM STDIN") as copy,
        ):
            for r in rows:
                copy.write_row(r)
        conn.commit()
        elapsed = time.perf_counter() - started
        conn.execute("DROP TABLE bench_raw_copy")
        conn.commit()
    return elapsed


def province_run(
    server: PgServer, terminals: int, per_terminal: int, batch: int, seed: int = 20
) -> ProvinceRun:
    """One province of `terminals` terminals, each pushing `per_terminal` entries in batches of `batch`."""
    rng = random.Random(seed)
    tag = uuid.uuid4().hex[:4].upper()
    ids = [f"P{tag}{i:03d}" for i in range(terminals)]
    journals = {t: _journal(t, per_terminal, rng) for t in ids}
    database = server.new_database()
    url = server.url(database)
    with tempfile.TemporaryDirectory(prefix="hallpay-province-") as tmp:
        hq = CentralStore.open(url, Path(tmp))  # migrates, creates this month's partitions
        customers, bills = _master(ids)
        hq.load_master_data(customers, bills)
        hq.close()
        stores = {t: CentralStore(make_engine(make_url(url))) for t in ids}
        for (
            s
        ) in stores.values():  # each terminal's connection is open before the start, as a counter's would be
            with s.engine.connect() as conn:
                conn.rollback()
        run = ProvinceRun(terminals, terminals * per_terminal, 0.0)
        start = threading.Barrier(terminals + 1)
        lock = threading.Lock()

        def terminal(tid: str) -> None:
            store, entries = stores[tid], journals[tid]
            start.wait()
            i = 0
            while i < len(entries):
                began = time.perf_counter()
                try:
                    report = store.push(tid, f"{tid} 营业厅", entries[i : i + batch])
                except Exception:  # noqa: BLE001  (counted: the terminal pushes the same batch again)
                    with lock:
                        run.errors += 1
                    continue
                with lock:
                    run.latencies_ms.append((time.perf_counter() - began) * 1000)
                if report.alarms:
                    raise RuntimeError(f"province bench: {tid} refused: {report.alarms[0].reason}")
                i = report.ack.seq

        stop = threading.Event()
        sampler = threading.Thread(target=_lock_sampler, args=(server, database, run, stop), daemon=True)
        workers = [threading.Thread(target=terminal, args=(t,)) for t in ids]
        for w in workers:
            w.start()
        sampler.start()
        start.wait()
        began = time.perf_counter()
        for w in workers:
            w.join()
        run.seconds = time.perf_counter() - began
        stop.set()
        sampler.join()
        for s in stores.values():
            s.close()
        check = CentralStore.open(url, Path(tmp))
        try:
            with check.engine.connect() as conn:
                from sqlalchemy import text

                stored = int(
                    conn.execute(
                        text("SELECT count(*) FROM central_journal WHERE terminal_id <> 'HQ'")
                    ).scalar_one()
                )
        finally:
            check.close()
        if stored != run.entries:
            raise RuntimeError(f"province bench: {stored} of {run.entries} entries stored")
    run.deadlocks = _deadlocks(server, database)
    run.raw_copy_s = _raw_copy(server, database, journals)
    return run


def summary(run: ProvinceRun) -> dict[str, Any]:
    lat = sorted(run.latencies_ms)
    return {
        "terminals": run.terminals,
        "entries": run.entries,
        "seconds": round(run.seconds, 2),
        "entries_per_s": round(run.rate),
        "raw_copy_entries_per_s": round(run.raw_rate),
        "push_median_ms": round(statistics.median(lat), 1),
        "push_p99_ms": round(lat[min(len(lat) - 1, int(round(0.99 * (len(lat) - 1))))], 1),
        "pushes": len(lat),
        "errors": run.errors,
        "lock_wait_samples": run.lock_wait_samples,
        "lock_waiters_max": run.lock_waiters_max,
        "deadlocks": run.deadlocks,
    }


def province_rows(quick: bool, full: bool, row_type: Any) -> list[Any]:
    """The bench rows: the rate at 10, 50 and 200 terminals beside raw COPY, and the push latency at 200.
    Default: 50 entries per terminal in batches of 50; --province-full: 1,000 in batches of 500 (the
    counter's push batch)."""
    from bench.pg_server import pg_available, start_pg

    sizes = (10, 50) if quick else (10, 50, 200)
    per_terminal, batch = (1000, 500) if full else (50, 50)
    reason = pg_available()
    if reason:
        return [
            row_type(
                f"province: {sizes[-1]} terminals pushing into one PostgreSQL",
                0,
                0.0,
                0.0,
                f"skipped: {reason}",
                None,
                None,
                "no errors, no deadlocks",
                None,
            )
        ]
    server = start_pg(max_connections=max(sizes) + 40)
    try:
        runs = [province_run(server, n, per_terminal, batch) for n in sizes]
    finally:
        server.stop()
    rows = []
    for r in runs:
        s = summary(r)
        rows.append(
            row_type(
                f"province: {r.terminals} terminals pushing at once into one PostgreSQL, ms per entry "
                f"({s['entries_per_s']} entries/s; push p99 {s['push_p99_ms']} ms; lock-wait samples "
                f"{s['lock_wait_samples']}, at most {s['lock_waiters_max']} waiting; {s['deadlocks']} deadlocks; "
                f"{s['errors']} errors)",
                r.entries,
                1000 / r.rate,
                1000 / r.rate,
                f"raw COPY of the same rows, one connection ({s['raw_copy_entries_per_s']} entries/s)",
                1000 / r.raw_rate,
                1000 / r.raw_rate,
                "no errors, no deadlocks",
                r.errors == 0 and r.deadlocks == 0,
            )
        )
    last = runs[-1]
    lat = sorted(last.latencies_ms)
    rows.append(
        row_type(
            f"province: one push of {batch} entries with {last.terminals} terminals pushing",
            len(lat),
            statistics.median(lat),
            lat[min(len(lat) - 1, int(round(0.99 * (len(lat) - 1))))],
            "—",
            None,
            None,
            "reported (no goal in issue 20)",
            None,
        )
    )
    return rows
