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
import os
import random
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from app.clock import utc_text
from app.sync import PUSH_BATCH
from bench.sync_drain import fake_entries, load_bench_master
from db.central.engine import central_url
from db.central.store import CentralStore


def _ledger(pg_url: str, tmp: Path, chains: int, per_chain: int, seed: int) -> CentralStore:
    """A service-mode ledger with `chains` counters' journals of `per_chain` entries appended, none folded."""
    rng = random.Random(seed)
    tag = uuid.uuid4().hex[:5].upper()
    prefix = f"6{tag}"
    central = CentralStore.open(pg_url, tmp, projector="service")
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
        # head office's key, as `central project` runs on head office's machine: what it folds is signed and
        # every row it builds on is checked (db/central/rowsign.py, rowcheck.py), part of what is measured
        saved = os.environ.get("HALLPAY_HQ_KEY")
        os.environ["HALLPAY_HQ_KEY"] = str(tmp / "hq.key")
        try:
            central = _ledger(pg_url, tmp, chains, per_chain, seed)
        finally:
            if saved is None:
                os.environ.pop("HALLPAY_HQ_KEY", None)
            else:
                os.environ["HALLPAY_HQ_KEY"] = saved
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
    server = start_pg()
    try:
        shapes = {
            f"one terminal, {one_n:,} entries": measure(server.url(server.new_database()), 1, one_n),
            f"burst, {count} terminals × {PUSH_BATCH} entries on 1,000 customers": measure(
                server.url(server.new_database()), count, PUSH_BATCH
            ),
        }
    finally:
        server.stop()
    rows = []
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
        print(f"{r.path}: {r.median_ms:.4f} ms per entry, baseline {r.baseline_median_ms or 0:.4f} ms")
