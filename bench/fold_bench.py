"""Issue 29's bench rows: head office's books as a fold of the journals (pushes append, one projector folds).

- **drain vs raw COPY**: one counter's queue of N entries drained through the real sync path (app/sync.py
  push_pending over a real local store) at the counter's batch size, against `COPY` of the same rows into a
  copy of central_journal, committed per batch of the same size: the least any push can cost. In both
  projector modes (db/central/projector.py): "service" (the push only appends) and "inline" (each push also
  folds what is pending in its own transaction).
- **N terminals pushing at once**: N counters, each with its own chain of one batch of entries paying the
  same 1,000 customers' bills, signed as a provisioned counter signs, released together (a barrier) and each
  pushing through its own connection: p50/p99 of one push, errors and deadlocks. The counters run as threads
  of several worker processes (200 counters are 200 machines); on this 2-core machine they still share the
  cores with the server, so the latencies are an upper bound (the row names the clients' CPU seconds).
- **projector throughput**: after the service-mode burst, `CentralStore.project` folds everything appended:
  entries per second.
- **audit --recompute rate**: db/central/audit_record.recompute_books over the same ledger (every journal
  folded from the seed, every stored row compared): entries and customers per second.

Nothing here is a test; tests/e2e/test_bench_quick.py only checks that the rows are there.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any

from app.clock import utc_text
from app.journal import Entry, canonical
from app.signing import Ed25519Signer
from app.sync import push_pending
from bench.sync_drain import fake_entries, journal_write_rate, load_bench_master, queued_store
from db.central.engine import central_url, make_engine
from db.central.mode import set_mode
from db.central.projector import project_pending
from db.central.push import _row
from db.central.store import CentralStore
from db.local_sync import LocalSync, OutboxEntry

MODES = ("service", "inline")


def copy_rate(pg_url: str, rows: list[dict[str, Any]], batch: int) -> float:
    """Rows per second of `COPY … FROM STDIN` into a temporary copy of central_journal, a commit per batch."""

    def copy_rows(conn: Any, cols: list[str], values: list[tuple]) -> None:
        with conn.cursor() as cur, cur.copy(f"COPY bench_journal ({', '.join(cols)}) FROM STDIN") as cp:
            for v in values:
                cp.write_row(v)

    return journal_write_rate(pg_url, rows, batch, copy_rows)


def _opened(pg_url: str, tmp: Path, mode: str) -> CentralStore:
    """The bench's store, on a ledger whose mode (head office's record, db/central/mode.py) is `mode`."""
    central = CentralStore.open(pg_url, tmp, projector=mode)
    set_mode(central.engine, mode, "bench", utc_text(central.clock.now_utc()), central.hq)
    return central


def _project(central: CentralStore) -> Any:
    """Head office's projector as before c0020 on the bench (no head office key here: rows left unsigned)."""
    return project_pending(central.engine, now=utc_text(central.clock.now_utc()), signer=("HQ", central.hq))


def drain_vs_copy(
    pg_url: str, n: int, batch: int, mode: str, seed: int = 2026, signed: bool = True
) -> dict[str, Any]:
    """Entries per second of one counter's drain in `mode`, and of COPY of the same rows (their signatures
    included). `signed`: the entries carry a provisioned counter's signatures and its key is registered by
    the first push, so the push verifies them as it does a real counter's."""
    rng = random.Random(seed)
    signer = Ed25519Signer.generate() if signed else None
    tag = uuid.uuid4().hex[:6].upper()
    terminal_id, prefix = f"D{tag}", f"8{tag}"
    with tempfile.TemporaryDirectory(prefix="hallpay-foldbench-") as tmp:
        central = _opened(pg_url, Path(tmp), mode)
        try:
            load_bench_master(central, prefix)
            entries = fake_entries(terminal_id, n, prefix, rng, signer)
            store = queued_store(Path(tmp) / "local.db", entries)
            try:
                started = time.perf_counter()
                pushed, _dups, ack, alarms, _cases = push_pending(
                    LocalSync(store.engine),
                    central,
                    terminal_id,
                    "压测营业厅",
                    batch,
                    signer.public_key_hex if signer is not None else "",
                )
                drain = n / (time.perf_counter() - started)
            finally:
                store.close()
            if pushed != n or alarms or ack.seq != n:
                raise RuntimeError(f"fold bench drained {pushed} of {n} entries ({mode})")
            if mode == "service":
                _project(central)  # leave the ledger folded for whoever comes next
        finally:
            central.close()
    now = utc_text(dt.datetime.now(dt.UTC))
    raw = copy_rate(pg_url, [_row(e, now) for e in entries], batch)
    return {"drain_per_s": drain, "copy_per_s": raw}


def _counter_worker(
    pg_url: str,
    data_dir: str,
    mode: str,
    terminal_ids: list[str],
    prefix: str,
    per_push: int,
    seed: int,
    signed: bool,
    ready: Any,
    out: Any,
) -> None:
    """One machine's worth of counters (a process): each its own chain, key and connection, made before the
    start; released together by the parent's barrier; each push timed from the release."""
    from app.signing import Ed25519Signer

    rng = random.Random(seed)
    counters = []
    for tid in terminal_ids:
        signer = Ed25519Signer.generate() if signed else None
        store = CentralStore(make_engine(central_url(pg_url, Path(data_dir))), None, None, None, mode)
        with store.engine.connect():  # each counter's connection made before the start
            pass
        key = signer.public_key_hex if signer is not None else ""
        # as a counter's outbox sends them: each with its stored payload text (db/local_sync.OutboxEntry)
        entries = [
            OutboxEntry(
                **{f.name: getattr(e, f.name) for f in fields(e)}, payload_text=canonical(e.payload).decode()
            )
            for e in fake_entries(tid, per_push, prefix, rng, signer)
        ]
        counters.append((store, tid, entries, key))
    go = threading.Barrier(len(counters) + 1)
    latencies: list[float] = []
    errors: list[str] = []

    def one(store: CentralStore, terminal_id: str, entries: list[Entry], key: str) -> None:
        go.wait()
        started = time.perf_counter()
        try:
            store.push(terminal_id, "压测营业厅", entries, key)
            latencies.append((time.perf_counter() - started) * 1000)
        except Exception as error:  # counted and named in the row, never raised
            errors.append(f"{type(error).__name__}: {error}")

    threads = [threading.Thread(target=one, args=c) for c in counters]
    for t in threads:
        t.start()
    ready.wait(timeout=600)  # every process has its counters connected
    cpu = time.process_time()
    go.wait()
    for t in threads:
        t.join()
    cpu = time.process_time() - cpu
    for store, *_ in counters:
        store.engine.dispose()
    out.put((latencies, errors, cpu))


def burst(
    pg_url: str,
    terminals: int,
    per_push: int,
    mode: str,
    seed: int = 7,
    processes: int = 8,
    signed: bool = True,
    server_cpu: Callable[[], float] | None = None,
) -> dict[str, Any]:
    """`terminals` counters push one batch each at the same instant; then (service mode) the projector folds
    them. The counters are spread over `processes` worker processes (200 counters are 200 machines: as threads
    of one process their own Python work would queue on one GIL), released together by a barrier. Latencies
    in ms; `client_cpu_s` is the CPU the counters' processes spent during the burst and `server_cpu_s` PostgreSQL's
    (`server_cpu`: a probe, bench/pg_server.PgServer.cpu_seconds), so the row says what the wall was spent on
    when both share the machine's cores."""
    import multiprocessing

    prefix = f"7{uuid.uuid4().hex[:6].upper()}"
    ids = [f"P{prefix[1:]}{k:03d}" for k in range(terminals)]
    processes = max(1, min(processes, terminals))
    ctx = multiprocessing.get_context("spawn")  # no inherited connections
    with tempfile.TemporaryDirectory(prefix="hallpay-burst-") as tmp:
        central = _opened(pg_url, Path(tmp), mode)
        try:
            load_bench_master(central, prefix)
            ready = ctx.Barrier(processes + 1)
            out = ctx.Queue()
            workers = [
                ctx.Process(
                    target=_counter_worker,
                    args=(
                        pg_url,
                        tmp,
                        mode,
                        ids[w::processes],
                        prefix,
                        per_push,
                        seed + w,
                        signed,
                        ready,
                        out,
                    ),
                )
                for w in range(processes)
            ]
            for w in workers:
                w.start()
            ready.wait(timeout=600)  # a worker that died breaks the barrier instead of hanging here
            wall = time.perf_counter()
            server_at = server_cpu() if server_cpu is not None else 0.0
            latencies: list[float] = []
            errors: list[str] = []
            client_cpu = 0.0
            for _ in workers:
                got_latencies, got_errors, cpu = out.get()
                latencies += got_latencies
                errors += got_errors
                client_cpu += cpu
            wall_s = time.perf_counter() - wall
            server_s = server_cpu() - server_at if server_cpu is not None else 0.0
            for w in workers:
                w.join()
            folded, fold_s = 0, 0.0
            if mode == "service":
                started = time.perf_counter()
                run = _project(central)
                fold_s, folded = time.perf_counter() - started, run.applied
            audit = audit_rate(central)
        finally:
            central.close()
    return {
        "latencies": latencies,
        "errors": len(errors),
        "deadlocks": sum("deadlock" in e.lower() for e in errors),
        "first_error": errors[0][:200] if errors else "",
        "wall_s": wall_s,
        "client_cpu_s": client_cpu,
        "server_cpu_s": server_s,
        "folded": folded,
        "fold_s": fold_s,
        "audit": audit,
    }


def audit_rate(central: CentralStore) -> dict[str, Any]:
    """The recompute of every journal over this ledger (nothing kept)."""
    from db.central.audit_record import recompute_books

    result = recompute_books(central.engine, utc_text(dt.datetime.now(dt.UTC)), keep=False)
    return {
        "entries": result.entries,
        "customers": result.customers,
        "seconds": result.seconds,
        "differences": result.count,
    }


def p50_p99(values: list[float]) -> tuple[float, float]:
    if not values:
        return 0.0, 0.0
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def fold_rows(
    quick: bool, row_type: Any, *, drain_n: int | None = None, terminals: int | None = None
) -> list[Any]:
    """The bench's rows (bench/suite.py's Row as `row_type`): drain vs COPY in both modes, the burst in both
    modes, the projector's throughput and the recompute's rate."""
    from app.sync import PUSH_BATCH
    from bench.pg_server import pg_available, start_pg

    n = drain_n or (1_000 if quick else 100_000)
    count = terminals or (4 if quick else 200)
    reason = pg_available()
    if reason:
        return [
            row_type("books as a fold (PostgreSQL)", 0, 0.0, 0.0, f"skipped: {reason}", None, None, "—", None)
        ]
    server = start_pg(max_connections=count + 40)
    rows = []
    try:
        for mode in MODES:
            d = drain_vs_copy(server.url(server.new_database()), n, PUSH_BATCH, mode)
            ours, raw = 1000 / d["drain_per_s"], 1000 / d["copy_per_s"]
            rows.append(
                row_type(
                    f"sync drain at {PUSH_BATCH}-entry batches, {mode} projector, vs raw COPY of the same rows "
                    f"(ms per entry; {d['drain_per_s']:,.0f} vs {d['copy_per_s']:,.0f} entries/s)",
                    n,
                    ours,
                    ours,
                    f"COPY … FROM STDIN of the same rows, a commit per {PUSH_BATCH}",
                    raw,
                    raw,
                    "ratio ≤ 1.5" if mode == "service" else "— (inline: the push folds too)",
                    ours <= 1.5 * raw if mode == "service" else None,
                )
            )
        bursts = {
            mode: burst(
                server.url(server.new_database()), count, PUSH_BATCH, mode, server_cpu=server.cpu_seconds
            )
            for mode in MODES
        }
    finally:
        server.stop()
    for mode, b in bursts.items():
        p50, p99 = p50_p99(b["latencies"])
        rows.append(
            row_type(
                f"{count} terminals pushing {PUSH_BATCH} entries at once, {mode} projector: one push "
                f"(errors {b['errors']}, deadlocks {b['deadlocks']}, all done in {b['wall_s']:.1f} s, "
                f"CPU: clients {b['client_cpu_s']:.1f} s, PostgreSQL {b['server_cpu_s']:.1f} s)"
                + (f" — {b['first_error']}" if b["first_error"] else ""),
                count,
                p50,
                p99,
                "—",
                None,
                None,
                "p99 ≤ 2 s, 0 errors, 0 deadlocks",
                p99 <= 2000 and not b["errors"] and not b["deadlocks"],
            )
        )
    s = bursts["service"]
    if s["folded"]:
        per = s["fold_s"] * 1000 / s["folded"]
        rows.append(
            row_type(
                f"projector throughput after the burst (ms per entry; {s['folded'] / s['fold_s']:,.0f} entries/s)",
                s["folded"],
                per,
                per,
                "—",
                None,
                None,
                "≥ 20,000 entries/s (≤ 0.05 ms per entry)",
                per <= 0.05,
            )
        )
    a = s["audit"]
    per = a["seconds"] * 1000 / max(1, a["entries"])
    rows.append(
        row_type(
            f"central audit --recompute rate over the burst's ledger (ms per entry folded; {a['entries']} entries, "
            f"{a['customers']} customers in {a['seconds']:.2f} s, {a['differences']} differences)",
            a["entries"],
            per,
            per,
            "—",
            None,
            None,
            "its rate in the table",
            None,
        )
    )
    return rows
