"""Sync drain benchmark: N queued journal entries pushed into PostgreSQL through the real sync path,
against the raw rate of a plain batched `INSERT … ON CONFLICT DO NOTHING` of the same rows.

`bench_sync(pg_url)` is what `python main.py bench` calls. The queue is a real local store (SQLite)
holding a real hash chain: 70 % payments (each settles part of one of 1,000 bills, so the central
projections work too), 30 % receipt-print entries. The raw insert goes into a temporary copy of
`central_journal` (same columns, keys and indexes) over the same psycopg connection settings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from app.clock import utc_text
from app.journal import GENESIS_HASH, Entry, canonical, new_entry
from app.signing import Signer
from app.sync import push_pending
from db.central.engine import central_url
from db.central.push import _row
from db.central.store import CentralStore
from db.local_schema import journal
from db.local_store import open_local_store
from db.local_sync import LocalSync

BILLS = 1000


def fake_entries(
    terminal_id: str, n: int, prefix: str, rng: random.Random, signer: Signer | None = None
) -> list[Entry]:
    """A chain of `n` entries; with `signer` each is signed over its hash, as a provisioned counter signs
    every entry it writes (the push then verifies signatures: the cost a real counter's drain pays)."""
    out: list[Entry] = []
    prev = GENESIS_HASH
    start = dt.datetime(2026, 11, 23, 2, 0, tzinfo=dt.UTC)
    for seq in range(1, n + 1):
        at = utc_text(start + dt.timedelta(seconds=seq))
        if rng.random() < 0.7:
            i = rng.randrange(BILLS)
            payload: dict[str, Any] = {
                "receipt_no": f"{terminal_id}-20261123-{seq:06d}",
                "customer_no": f"{prefix}{i:05d}",
                "shift_id": "S1",
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
                        "bill_id": f"{prefix}{i:05d}-a",
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
        if signer is not None:
            e = dataclasses.replace(e, signature=signer.sign_hash(e.hash))
        out.append(e)
        prev = e.hash
    return out


def queued_store(local_db: Path, entries: list[Entry]) -> Any:
    store = open_local_store(local_db)
    with store.uow() as uow:
        uow.connection.execute(
            insert(journal),
            [
                {
                    "seq": e.seq,
                    "entry_id": e.entry_id,
                    "terminal_id": e.terminal_id,
                    "kind": e.kind,
                    "created_at": e.created_at,
                    "clerk_id": e.clerk_id,
                    "payload": canonical(e.payload).decode("utf-8"),
                    "prev_hash": e.prev_hash,
                    "hash": e.hash,
                    "signature": e.signature,
                }
                for e in entries
            ],
        )
        uow.commit()
    return store


def load_bench_master(central: CentralStore, prefix: str) -> None:
    """The bench's BILLS customers with one large open bill each, their numbers starting with `prefix`."""
    central.load_master_data(
        [
            {
                "customer_no": f"{prefix}{i:05d}",
                "name": f"压测用户{i}",
                "address": "压测",
                "category": "commercial",
            }
            for i in range(BILLS)
        ],
        [
            {
                "bill_id": f"{prefix}{i:05d}-a",
                "customer_no": f"{prefix}{i:05d}",
                "period": "2026-10",
                "kwh": 100,
                "amount_fen": 1_000_000_000,
                "due_date": "2026-12-31",
            }
            for i in range(BILLS)
        ],
    )


def journal_write_rate(
    pg_url: str, rows: list[dict[str, Any]], batch: int, write: Callable[[Any, list[str], list[tuple]], None]
) -> float:
    """Rows per second of `write(conn, columns, batch of values)` into `bench_journal` (a temporary copy of
    central_journal), a commit per batch: the floor a push is measured against (this bench and fold_bench)."""
    import psycopg

    url = central_url(pg_url, Path("."))
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    cols = list(rows[0])
    values = [tuple(r[c] for c in cols) for r in rows]
    with psycopg.connect(conninfo) as conn:
        conn.execute("CREATE TEMP TABLE bench_journal (LIKE central_journal INCLUDING ALL)")
        conn.commit()
        started = time.perf_counter()
        for i in range(0, len(values), batch):
            write(conn, cols, values[i : i + batch])
            conn.commit()
        elapsed = time.perf_counter() - started
        conn.execute("DROP TABLE bench_journal")
        conn.commit()
    return len(values) / elapsed


def _raw_rate(pg_url: str, rows: list[dict[str, Any]], batch: int) -> float:
    """Plain INSERTs of the rows (executemany), the same batches."""

    def insert_rows(conn: Any, cols: list[str], values: list[tuple]) -> None:
        sql = (
            f"INSERT INTO bench_journal ({', '.join(cols)}) VALUES ({', '.join('%s' for _ in cols)}) "
            "ON CONFLICT DO NOTHING"
        )
        with conn.cursor() as cur:
            cur.executemany(sql, values)

    return journal_write_rate(pg_url, rows, batch, insert_rows)


def bench_sync(
    pg_url: str, n_entries: int = 100_000, *, batch_size: int = 500, repeats: int = 1, seed: int = 2026
) -> dict[str, Any]:
    """Drain rate of `n_entries` queued entries into PostgreSQL vs the raw insert rate of the same rows.

    Each repeat uses a fresh terminal id (the central ledger keeps what was drained). Returns medians."""
    rng = random.Random(seed)
    drains: list[float] = []
    raws: list[float] = []
    with tempfile.TemporaryDirectory(prefix="hallpay-syncbench-") as tmp:
        central = CentralStore.open(pg_url, Path(tmp))
        try:
            for r in range(repeats):
                tag = uuid.uuid4().hex[:6].upper()
                terminal_id, prefix = f"B{tag}", f"9{tag}"
                load_bench_master(central, prefix)
                entries = fake_entries(terminal_id, n_entries, prefix, rng)
                store = queued_store(Path(tmp) / f"local{r}.db", entries)
                try:
                    outbox = LocalSync(store.engine)
                    started = time.perf_counter()
                    pushed, _dups, ack, alarms, _cases = push_pending(
                        outbox, central, terminal_id, "压测营业厅", batch_size
                    )
                    drains.append(n_entries / (time.perf_counter() - started))
                    if pushed != n_entries or alarms or ack.seq != n_entries:
                        raise RuntimeError(f"sync bench drained {pushed} of {n_entries} entries")
                finally:
                    store.close()
                now = utc_text(dt.datetime.now(dt.UTC))
                raws.append(_raw_rate(pg_url, [_row(e, now) for e in entries], batch_size))
        finally:
            central.close()
    drain, raw = statistics.median(drains), statistics.median(raws)
    return {
        "entries": n_entries,
        "batch_size": batch_size,
        "repeats": repeats,
        "drain_rate_per_s": round(drain),
        "raw_insert_rate_per_s": round(raw),
        "drain_vs_raw": round(drain / raw, 3),
        "drain_s": round(n_entries / drain, 2),
        "raw_s": round(n_entries / raw, 2),
    }


def bench_pay_silent_centre(
    open_terminal: Any, work_dir: Path, reachable_url: str, runs: int
) -> dict[str, list[float]]:
    """A counter's start-up plus one payment (ms), with head office reachable and with a head office that
    accepts TCP and never answers (a listener that reads nothing): they must take the same time, since
    only the sync worker ever connects (issue 18)."""
    import socket
    import threading

    from app.model import Method
    from app.services.payments import PayRequest, pay

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    held: list[socket.socket] = []

    def hold() -> None:
        while True:
            try:
                held.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=hold, daemon=True).start()
    silent_url = f"postgresql+psycopg://hallpay@127.0.0.1:{listener.getsockname()[1]}/hq"
    out: dict[str, list[float]] = {"reachable": [], "silent": []}
    try:
        for name, url in (("reachable", reachable_url), ("silent", silent_url)):
            data_dir = work_dir / name
            w = open_terminal(data_dir, generated_customers=0)  # first start: a demo terminal (not timed)
            w.store.close()
            cfg = data_dir / "config.toml"
            cfg.write_text(
                cfg.read_text(encoding="utf-8").replace('url = ""', f'url = "{url}"', 1), encoding="utf-8"
            )
            for _ in range(runs):
                started = time.perf_counter()
                w = open_terminal(data_dir, generated_customers=0)
                pay(w.ctx, PayRequest("1000000004", Method.CASH, "C01", amount_fen=100))
                w.store.close()
                out[name].append((time.perf_counter() - started) * 1000)
    finally:
        listener.close()
        for s in held:
            s.close()
    return out
