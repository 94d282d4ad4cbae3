"""`python main.py bench`: every counter path timed beside a physical baseline measured in the same run.

Ratios hold on a noisy 2-core machine where absolute times drift. Nothing here is a test: the test
suite only runs `bench --quick` to keep this code from rotting, and asserts no timing.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench.counter_rows import (
    bench_lookups,
    bench_payment,
    bench_payment_during_export,
    bench_wallet_row,
)
from bench.rows import Row, format_table, row


def bench_shift(quick: bool) -> list[Row]:
    from bench.shift_close import bench_shift_close

    n = 1000 if quick else 10_000
    r = bench_shift_close(n_payments=n)
    ms = r["close_and_report_s"] * 1000
    return [
        row(f"shift close and day report, {n} payments", [ms], "—", None, "≤ 1 s", lambda p, _b: p <= 1000.0)
    ]


LARGE_BATCH = 5_000  # what the central side takes per push since issue 20 (COPY, one-statement projection)


def bench_sync_drain(quick: bool, open_terminal: Callable[..., Any]) -> list[Row]:
    """The drain at the counter's push batch (app.sync.PUSH_BATCH) and at LARGE_BATCH, each beside the raw
    insert of the same rows in batches of the same size."""
    from app.sync import PUSH_BATCH
    from bench.pg_server import pg_available, start_pg
    from bench.sync_drain import bench_sync

    n = 5_000 if quick else 100_000
    reason = pg_available()
    if reason:
        return [
            Row(
                f"sync drain of {n} entries into PostgreSQL",
                0,
                0.0,
                0.0,
                f"skipped: {reason}",
                None,
                None,
                "≥ 50 % of raw",
                None,
            )
        ]
    from bench.sync_drain import bench_pay_silent_centre

    server = start_pg()
    try:
        r = bench_sync(server.url(server.new_database()), n_entries=n, batch_size=PUSH_BATCH)
        big = bench_sync(server.url(server.new_database()), n_entries=n, batch_size=LARGE_BATCH)
        with tempfile.TemporaryDirectory(prefix="hallpay-silent-") as tmp:
            pays = bench_pay_silent_centre(
                open_terminal, Path(tmp), server.url(server.new_database()), 3 if quick else 10
            )
    finally:
        server.stop()
    silent = row(
        "start-up + payment with a silent head office (accepts TCP, never answers)",
        pays["silent"],
        "the same with head office reachable",
        pays["reachable"],
        "≤ reachable + 500 ms",
        lambda p, b: b is not None and p <= b + 500.0,
    )
    # per-entry milliseconds, so that the ratio column reads like the other rows (lower is better)
    ours, raw = 1000 / r["drain_rate_per_s"], 1000 / r["raw_insert_rate_per_s"]
    out = row(
        f"sync drain of {n} entries into PostgreSQL in the counter's batches of {PUSH_BATCH} (ms per entry)",
        [ours],
        "plain batched INSERT … ON CONFLICT DO NOTHING of the same rows",
        [raw],
        "rate ≥ 50 % of raw (ratio ≤ 2)",
        lambda p, b: b is not None and p <= 2 * b,
    )
    out.n = n
    ours, raw = 1000 / big["drain_rate_per_s"], 1000 / big["raw_insert_rate_per_s"]
    large = row(
        f"sync drain of {n} entries into PostgreSQL in batches of {LARGE_BATCH} (ms per entry)",
        [ours],
        f"plain batched INSERT … ON CONFLICT DO NOTHING of the same rows, batches of {LARGE_BATCH}",
        [raw],
        "rate ≥ 50 % of raw (ratio ≤ 2)",
        lambda p, b: b is not None and p <= 2 * b,
    )
    large.n = n
    return [out, large, silent]


def bench_hq_chain_row(quick: bool) -> list[Row]:
    """A counter's first pull of head office's signed HQ chain: read and check vs read only (issue 18)."""
    from bench.hq_chain import bench_hq_chain

    n = 2_000 if quick else 20_000
    r = bench_hq_chain(n)
    out = row(
        f"check of {n} pulled head-office records: chain, hash, signature (ms per 1,000; reading them: "
        f"{r['read_ms'] * 1000 / n:.0f})",
        [r["check_ms"] * 1000 / n],
        "SHA-256 + Ed25519 verify of the same records, nothing else",
        [r["bare_ms"] * 1000 / n],
        "≤ 1.5× the bare cryptography",
        lambda p, b: b is not None and p <= 1.5 * b,
    )
    out.n = n
    return [out]


def bench_start_and_memory(data_dir: Path, customers: int) -> list[Row]:
    """Cold start to a usable counter window vs a bare QApplication, each in a fresh process; and RSS."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]

    def probe(*extra: str) -> dict[str, Any]:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HALLPAY_PROBE_T0": repr(time.time())}
        out = subprocess.run(
            [sys.executable, "-m", "bench.start_probe", str(data_dir), *extra],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        return dict(json.loads(out.stdout.strip().splitlines()[-1]))

    ours = [probe() for _ in range(3)]
    bare = [probe("--bare") for _ in range(3)]
    start = row(
        "cold start to a usable counter window (offscreen)",
        [o["start_s"] * 1000 for o in ours],
        "bare import PySide6.QtWidgets + QApplication",
        [b["start_s"] * 1000 for b in bare],
        "≤ 1.5 s",
        lambda p, _b: p <= 1500.0,
    )
    rss = max(o["rss_mb"] for o in ours)
    memory = Row(
        f"resident memory with {customers} customers (MB)",
        len(ours),
        rss,
        rss,
        "bare QApplication",
        max(b["rss_mb"] for b in bare),
        max(b["rss_mb"] for b in bare),
        "≤ 250 MB",
        rss <= 250,
    )
    return [start, memory]


def bench_arrears_row(data_dir: Path, customers: int, today: Any) -> list[Row]:
    from bench.arrears import bench_arrears

    r = bench_arrears(data_dir, today)
    return [
        row(
            f"arrears list filter at {customers} customers ({r.get('in_arrears', '?')} owing), worst filter",
            [r["max_ms"]],
            "—",
            None,
            "≤ 1 s",
            lambda p, _b: p <= 1000.0,
        )
    ]


def bench_recharge_row(open_terminal: Callable[..., Any], work_dir: Path, quick: bool) -> list[Row]:
    import os

    from bench.recharge import bench_recharge

    if os.environ.get("HALLPAY_BENCH_NO_CARD"):  # the test run holds the one vpcd reader for its session
        return [
            Row(
                "card recharge through pcscd + vpcd",
                0,
                0.0,
                0.0,
                "skipped: HALLPAY_BENCH_NO_CARD is set",
                None,
                None,
                "≤ 300 ms",
                None,
            )
        ]
    r = bench_recharge(open_terminal, work_dir, runs=5 if quick else 20)
    if "skipped" in r:
        return [
            Row(
                "card recharge through pcscd + vpcd",
                0,
                0.0,
                0.0,
                f"skipped: {r['skipped']}",
                None,
                None,
                "≤ 300 ms",
                None,
            )
        ]
    base = r["apdu_round_trip_ms"] * r["apdus_per_recharge"]
    return [
        Row(
            f"card recharge through pcscd + vpcd ({r['apdus_per_recharge']} APDUs)",
            r["runs"],
            r["recharge_ms_median"],
            r["recharge_ms_max"],
            "APDU round trip × APDU count",
            base,
            base,
            "≤ 300 ms",
            r["recharge_ms_max"] <= 300,
        )
    ]


def bench_ui_stall(quick: bool) -> list[Row]:
    """The longest UI-thread stall (a Qt timer's lateness) while a sync drains, in a child process."""
    import os
    import subprocess
    import sys

    from bench.pg_server import pg_available, start_pg

    n = 5_000 if quick else 100_000
    server = None if (quick or pg_available()) else start_pg()
    try:
        url = server.url(server.new_database()) if server else ""
        out = subprocess.run(
            [sys.executable, "main.py", "stall-probe", "--entries", str(n), "--central-url", url],
            cwd=Path(__file__).resolve().parents[1],
            capture_output=True,
            text=True,
            timeout=1800,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            check=True,
        )
    finally:
        if server:
            server.stop()
    r = json.loads(out.stdout.strip().splitlines()[-1])
    where = "PostgreSQL" if server else "the embedded central.db"
    runs = 10 if quick else 50
    card = subprocess.run(
        [sys.executable, "main.py", "stall-probe", "--work", "recharge", "--runs", str(runs)],
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=True,
    )
    c = json.loads(card.stdout.strip().splitlines()[-1])
    return [
        Row(
            f"longest UI-thread stall during a sync of {n} entries into {where}",
            r["ticks"],
            r["p99_stall_ms"],
            r["max_stall_ms"],
            "Qt timer every 5 ms",
            None,
            None,
            "≤ 50 ms",
            r["max_stall_ms"] <= 50,
        ),
        Row(
            f"longest UI-thread stall during {runs} card recharges (simulated reader)",
            c["ticks"],
            c["p99_stall_ms"],
            c["max_stall_ms"],
            "Qt timer every 5 ms",
            None,
            None,
            "≤ 50 ms",
            c["max_stall_ms"] <= 50,
        ),
    ]


def bench_store_stalls(data_dir: Path, quick: bool) -> list[Row]:
    """The longest Qt-thread stall beside a whole-terminal arrears export, a `verify` and logins (one
    scrypt each), each on a worker thread of a child process, on the bench's terminal."""
    import os
    import subprocess
    import sys

    rows = []
    logins = 5 if quick else 20
    for work, label in (
        ("export", "an arrears export of the whole terminal"),
        ("verify", "`verify` of the journal"),
        ("login", f"{logins} logins (scrypt PIN check each)"),
    ):
        out = subprocess.run(
            [
                sys.executable,
                "main.py",
                "stall-probe",
                "--work",
                work,
                "--data-dir",
                str(data_dir),
                "--runs",
                str(logins),
            ],
            cwd=Path(__file__).resolve().parents[1],
            capture_output=True,
            text=True,
            timeout=1800,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            check=True,
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(
            Row(
                f"longest UI-thread stall during {label} ({r['done']} {'rows' if work == 'export' else 'done'})",
                r["ticks"],
                r["p99_stall_ms"],
                r["max_stall_ms"],
                "Qt timer every 5 ms",
                None,
                None,
                "≤ 50 ms",
                r["max_stall_ms"] <= 50,
            )
        )
    return rows


def run_bench(args: argparse.Namespace, *, open_terminal: Callable[..., Any]) -> int:
    from bench.console_pages import console_rows
    from bench.fold_bench import fold_rows
    from bench.hall_report import hall_rows
    from bench.projector_bench import projector_rows
    from bench.province import province_rows
    from cli.progress import progress_bar
    from db.demo_seed import seed_generated

    customers = args.customers or (20_000 if args.quick else 1_000_000)
    months = 3 if args.quick else 12
    samples = 50 if args.quick else 300
    rng = random.Random(1)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="hallpay-bench-") as tmp:
        w = open_terminal(Path(tmp) / "T01", generated_customers=0)
        started = time.perf_counter()
        with progress_bar("bench: 演示数据 seed", "户") as seeding:
            seed_generated(w.store, customers, w.ctx.today(), months=months, progress=seeding)
        seed_s = time.perf_counter() - started
        stages: list[tuple[str, Callable[[], list[Row]]]] = [
            ("lookups", lambda: bench_lookups(w, rng, samples)),
            ("payment", lambda: bench_payment(w, samples)),
            ("payment during export", lambda: bench_payment_during_export(w, samples)),
            ("scan payment code", lambda: bench_wallet_row(w, samples)),
            (
                "arrears",
                lambda: (w.store.close(), bench_arrears_row(Path(tmp) / "T01", customers, w.ctx.today()))[1],
            ),
            ("stalls beside store work", lambda: bench_store_stalls(Path(tmp) / "T01", args.quick)),
            ("cold start", lambda: bench_start_and_memory(Path(tmp) / "T01", customers)),
            ("card recharge", lambda: bench_recharge_row(open_terminal, Path(tmp) / "recharge", args.quick)),
            ("shift close", lambda: bench_shift(args.quick)),
            ("sync drain", lambda: bench_sync_drain(args.quick, open_terminal)),
            ("books as a fold", lambda: fold_rows(args.quick, Row)),
            ("projector", lambda: projector_rows(args.quick, Row)),
            ("head office's chain", lambda: bench_hq_chain_row(args.quick)),
            ("province", lambda: province_rows(args.quick, getattr(args, "province_full", False), Row)),
            ("hall report in SQL", lambda: hall_rows(args.quick, open_terminal, row, Row)),
            ("console pages", lambda: console_rows(args.quick, row, Row)),
            ("stall during sync", lambda: bench_ui_stall(args.quick)),
        ]
        with progress_bar("bench", "步") as progress:
            for done, (_name, stage) in enumerate(stages):
                progress(done, len(stages))
                rows += stage()
            progress(len(stages), len(stages))
    header = {
        "customers": customers,
        "months": months,
        "seed": 2026,
        "samples": samples,
        "seed_seconds": round(seed_s, 1),
    }
    if args.json:
        print(
            json.dumps(
                {**header, "rows": [{**asdict(r), "ratio": r.ratio} for r in rows]}, ensure_ascii=False
            )
        )
    else:
        print(format_table(rows, header))
        print(f"demo data: {customers} customers seeded in {seed_s:.1f} s")
    return 0
