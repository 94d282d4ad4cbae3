"""Issue 29's projector rows: how fast head office's one projector folds what the pushes appended, and how
fast `central audit --recompute` folds it all again, each against reading the same journal rows.

Two shapes of journal, both pushed in service mode (pushes only append; db/central/projector.py folds):

- **one terminal**: one counter's N entries (bench/sync_drain.fake_entries: 70 % payments on 1,000 customers'
  bills, 30 % receipt prints), pushed in the counter's 500-entry batches;
- **burst**: T counters, 500 entries each, all paying the same 1,000 customers (the 200-terminal burst of
  bench/fold_bench.py, pushed one after another here: the projector's work is the same, the pushes' own
  contention is fold_bench's row).

For each: `CentralStore.project()` from nothing folded to everything folded (entries/s), then
db/central/audit_record.recompute_books over the whole ledger (entries/s). The baseline of both is one
streamed `SELECT` of the same journal rows over psycopg (no decoding): the least a fold can cost, so each row
is a ratio from one run. The ledger has head office's key (signing and row checks are measured). Nothing here is a test; `python -m bench.projector_bench [n] [terminals]` prints
the rows.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import random
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.clock import utc_text
from app.sync import PUSH_BATCH
from bench.sync_drain import fake_entries, load_bench_master
from db.central.engine import central_url, make_engine
from db.central.mode import set_mode
from db.central.store import CentralStore
from db.central_schema import central_projection


@contextmanager
def hq_key(tmp: Path) -> Iterator[None]:
    """Head office's key for the ledgers opened inside (kept in `tmp`), as `central project` runs on head
    office's machine: what the projector folds is signed and every row it builds on is checked
    (db/central/rowsign.py, rowcheck.py), which is part of what is measured."""
    saved = os.environ.get("HALLPAY_HQ_KEY")
    os.environ["HALLPAY_HQ_KEY"] = str(tmp / "hq.key")
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("HALLPAY_HQ_KEY", None)
        else:
            os.environ["HALLPAY_HQ_KEY"] = saved


def _service(central: CentralStore) -> CentralStore:
    """The ledger set to service mode: head office's record (db/central/mode.py), which every store follows."""
    set_mode(central.engine, "service", "bench", utc_text(central.clock.now_utc()), central.hq)
    return central


def _ledger(pg_url: str, tmp: Path, chains: int, per_chain: int, seed: int) -> CentralStore:
    """A service-mode ledger with `chains` counters' journals of `per_chain` entries appended, none folded."""
    rng = random.Random(seed)
    tag = uuid.uuid4().hex[:5].upper()
    prefix = f"6{tag}"
    central = _service(CentralStore.open(pg_url, tmp, projector="service"))
    load_bench_master(central, prefix)
    for k in range(chains):
        terminal_id = f"Q{tag}{k:03d}"
        entries = fake_entries(terminal_id, per_chain, prefix, rng)
        for i in range(0, len(entries), PUSH_BATCH):
            report = central.push(terminal_id, "压测营业厅", entries[i : i + PUSH_BATCH])
            if report.alarms:
                raise RuntimeError(f"projector bench push refused: {report.alarms}")
    return central


def read_rate(pg_url: str, tmp: Path, page: int = 5_000) -> tuple[int, float]:
    """(rows, rows per second) of one streamed SELECT of every journal row, not decoded: the baseline."""
    import psycopg

    conninfo = central_url(pg_url, tmp).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo) as conn:
        started = time.perf_counter()
        n = 0
        with conn.cursor(name="bench_read") as cur:
            cur.itersize = page
            cur.execute(
                "SELECT entry_id, terminal_id, seq, kind, created_at, clerk_id, payload, prev_hash, hash, "
                "signature FROM central_journal ORDER BY terminal_id, seq"
            )
            for _row in cur:
                n += 1
        return n, n / max(1e-9, time.perf_counter() - started)


def measure(pg_url: str, chains: int, per_chain: int, seed: int = 29) -> dict[str, Any]:
    """Projector and recompute entries/s over one fresh ledger of this shape, and the raw read rate."""
    from db.central.audit_record import recompute_books

    with tempfile.TemporaryDirectory(prefix="hallpay-projbench-") as name:
        tmp = Path(name)
        with hq_key(tmp):
            central = _ledger(pg_url, tmp, chains, per_chain, seed)
        try:
            started = time.perf_counter()
            run = central.project()
            project_s = time.perf_counter() - started
            if run.applied != chains * per_chain:
                raise RuntimeError(f"projector bench folded {run.applied} of {chains * per_chain}")
            audit = recompute_books(central.engine, utc_text(dt.datetime.now(dt.UTC)), keep=False)
            rows, read_per_s = read_rate(pg_url, tmp)
        finally:
            central.close()
    return {
        "entries": run.applied,
        "project_per_s": run.applied / project_s,
        "batches": run.batches,
        "audit_entries": audit.entries,
        "audit_per_s": audit.entries / max(1e-9, audit.seconds),
        "audit_differences": audit.count,
        "read_rows": rows,
        "read_per_s": read_per_s,
    }


def _project_loop(pg_url: str, tmp: str, stop: Any, results: Any) -> None:
    """The projector's process: fold a batch per transaction until told to stop and nothing is pending; put
    (commit time, applied seq per terminal) of every batch on `results`."""
    with hq_key(Path(tmp)):
        central = CentralStore.open(pg_url, Path(tmp), projector="service")
    folded = []
    p = central_projection.c
    try:
        while True:
            stopping = stop.is_set()
            if central.project(max_batches=1).applied:
                with central.engine.connect() as conn:
                    applied = conn.execute(select(p.terminal_id, p.applied_seq)).tuples().all()
                folded.append((time.monotonic(), {str(k): int(v) for k, v in applied}))
            elif stopping:
                break
    finally:
        central.close()
        results.put(folded)


def burst_lag(pg_url: str, terminals: int, per_push: int = PUSH_BATCH, seed: int = 7) -> dict[str, Any]:
    """`terminals` counters push one batch each at the same instant (each through its own connection, as
    bench/fold_bench.burst, threads of this process) while one projector, a process of its own, folds in a
    loop, a batch per transaction. A push's lag is from its acknowledgement to the commit of the projector's
    batch that folded its last entry (0 when the fold committed before the push's reply came back). The
    counters' Python work and the projector share this machine's cores: an upper bound."""
    rng = random.Random(seed)
    prefix = f"5{uuid.uuid4().hex[:5].upper()}"
    with tempfile.TemporaryDirectory(prefix="hallpay-projlag-") as name:
        tmp = Path(name)
        with hq_key(tmp):
            central = _service(CentralStore.open(pg_url, tmp, projector="service"))
        try:
            load_bench_master(central, prefix)
            chains = {
                f"L{prefix[1:]}{k:03d}": fake_entries(f"L{prefix[1:]}{k:03d}", per_push, prefix, rng)
                for k in range(terminals)
            }
            stores = [
                CentralStore(make_engine(central_url(pg_url, tmp)), None, None, central.clock, "service")
                for _ in range(terminals)
            ]
            for s in stores:  # each counter's connection made before the start, as a counter's already is
                with s.engine.connect():
                    pass
            gate = threading.Barrier(terminals)
            acked: dict[str, float] = {}
            errors: list[str] = []

            def push(store: CentralStore, terminal_id: str, entries: list[Any]) -> None:
                gate.wait()
                try:
                    store.push(terminal_id, "压测营业厅", entries)
                    acked[terminal_id] = time.monotonic()
                except Exception as error:  # counted in the result, never raised
                    errors.append(f"{type(error).__name__}: {error}")

            threads = [
                threading.Thread(target=push, args=(s, tid, chain))
                for s, (tid, chain) in zip(stores, chains.items(), strict=True)
            ]
            # the projector in a process of its own, as `central project` runs: it does not share this one's
            # interpreter lock with the 200 pushing threads
            spawn = multiprocessing.get_context("spawn")
            results = spawn.Queue()
            stop = spawn.Event()
            projector = spawn.Process(target=_project_loop, args=(pg_url, str(tmp), stop, results))
            projector.start()
            started = time.monotonic()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            stop.set()
            folded: list[tuple[float, dict[str, int]]] = results.get(timeout=600)
            projector.join(60)
            wall = time.monotonic() - started
            for s in stores:
                s.engine.dispose()
        finally:
            central.close()
    lags = []
    for tid, at in acked.items():
        done = next(when for when, applied in folded if applied.get(tid, 0) >= per_push)
        lags.append(max(0.0, done - at) * 1000)
    return {"lags_ms": lags, "errors": len(errors), "wall_s": wall, "batches": len(folded)}


def projector_rows(
    quick: bool, row_type: Any, *, n: int | None = None, terminals: int | None = None
) -> list[Any]:
    """The bench's rows (bench/suite.py's Row as `row_type`): projector and recompute entries/s on the
    one-terminal and the burst journals, each against the raw read of the same rows."""
    from bench.pg_server import pg_available, start_pg

    one_n = n or (2_000 if quick else 100_000)
    count = terminals or (4 if quick else 200)
    reason = pg_available()
    if reason:
        return [row_type("projector (PostgreSQL)", 0, 0.0, 0.0, f"skipped: {reason}", None, None, "—", None)]
    server = start_pg(max_connections=count + 40)
    try:
        lag = burst_lag(server.url(server.new_database()), count)
        shapes = {
            f"one terminal, {one_n:,} entries": measure(server.url(server.new_database()), 1, one_n),
            f"burst, {count} terminals × {PUSH_BATCH} entries on 1,000 customers": measure(
                server.url(server.new_database()), count, PUSH_BATCH
            ),
        }
    finally:
        server.stop()
    rows = []
    lags = sorted(lag["lags_ms"])
    p50, p99 = (
        (lags[len(lags) // 2], lags[min(len(lags) - 1, round(0.99 * (len(lags) - 1)))]) if lags else (0, 0)
    )
    rows.append(
        row_type(
            f"projector lag during {count} terminals pushing {PUSH_BATCH} entries at once: from a push's "
            f"acknowledgement to the fold of its last entry (ms; {lag['batches']} batches in "
            f"{lag['wall_s']:.1f} s, push errors {lag['errors']})",
            len(lags),
            p50,
            p99,
            "—",
            None,
            None,
            "p99 ≤ 5 s",
            bool(lags) and p99 <= 5000 and not lag["errors"],
        )
    )
    for shape, m in shapes.items():
        raw = 1000 / m["read_per_s"]
        ours = 1000 / m["project_per_s"]
        rows.append(
            row_type(
                f"projector, {shape} (ms per entry; {m['project_per_s']:,.0f} entries/s in "
                f"{m['batches']} batches, vs {m['read_per_s']:,.0f} rows/s read)",
                m["entries"],
                ours,
                ours,
                "streamed SELECT of the same journal rows",
                raw,
                raw,
                "≥ 20,000 entries/s (≤ 0.05 ms per entry)",
                ours <= 0.05,
            )
        )
        audit = 1000 / m["audit_per_s"]
        rows.append(
            row_type(
                f"central audit --recompute, {shape} (ms per entry; {m['audit_per_s']:,.0f} entries/s, "
                f"{m['audit_differences']} differences)",
                m["audit_entries"],
                audit,
                audit,
                "streamed SELECT of the same journal rows",
                raw,
                raw,
                "its rate in the table",
                None,
            )
        )
    return rows


if __name__ == "__main__":  # pragma: no cover - a person's run
    import sys

    from bench.rows import Row

    args = [int(a) for a in sys.argv[1:]]
    for r in projector_rows(
        False, Row, n=args[0] if args else None, terminals=args[1] if len(args) > 1 else None
    ):
        print(
            f"{r.path}: median {r.median_ms:.4f} ms, p99 {r.p99_ms:.4f} ms, baseline {r.baseline_p99_ms or 0:.4f} ms"
        )
