"""`python main.py bench`: every counter path timed beside a physical baseline measured in the same run.

Ratios hold on a noisy 2-core machine where absolute times drift. Nothing here is a test: the test
suite only runs `bench --quick` to keep this code from rotting, and asserts no timing.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from app.model import Method
from app.services.lookup import find_customers
from app.services.payments import PayRequest, due, pay


@dataclass
class Row:
    path: str
    n: int
    median_ms: float
    p99_ms: float
    baseline: str
    baseline_median_ms: float | None
    baseline_p99_ms: float | None
    goal: str
    met: bool | None

    @property
    def ratio(self) -> float | None:
        if not self.baseline_p99_ms:
            return None
        return self.p99_ms / self.baseline_p99_ms


def timings(fn: Callable[[int], Any], n: int) -> list[float]:
    out = []
    for i in range(n):
        started = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - started) * 1000)
    return out


def interleaved(
    ours: Callable[[int], Any], base: Callable[[int], Any], n: int
) -> tuple[list[float], list[float]]:
    """One of ours, one of the baseline, in turn: on a shared machine a burst of someone else's disk or CPU
    work then lands on both series alike instead of on whichever happened to be running."""
    mine: list[float] = []
    theirs: list[float] = []
    for i in range(n):
        for fn, out in ((ours, mine), (base, theirs)):
            started = time.perf_counter()
            fn(i)
            out.append((time.perf_counter() - started) * 1000)
    return mine, theirs


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]


def row(
    path: str,
    ours: list[float],
    baseline: str,
    base: list[float] | None,
    goal: str,
    check: Callable[[float, float | None], bool] | None,
) -> Row:
    r = Row(
        path,
        len(ours),
        statistics.median(ours),
        p99(ours),
        baseline,
        statistics.median(base) if base else None,
        p99(base) if base else None,
        goal,
        None,
    )
    if check is not None:
        r.met = check(r.p99_ms, r.baseline_p99_ms)
    return r


def raw_connection(db: Path) -> sqlite3.Connection:
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    return con


def bench_lookups(w: Any, rng: random.Random, samples: int) -> list[Row]:
    raw = raw_connection(w.store.path)
    customers = raw.execute(
        "SELECT customer_no, phone, name, address FROM customers WHERE customer_no LIKE '31%' "
        "ORDER BY random() LIMIT ?",
        (samples,),
    ).fetchall()
    rows = []
    nos = [c[0] for c in customers]
    ours = timings(lambda i: find_customers(w.ctx, nos[i % len(nos)]), samples)
    base = timings(
        lambda i: raw.execute(
            "SELECT * FROM customers WHERE customer_no = ?", (nos[i % len(nos)],)
        ).fetchall(),
        samples,
    )
    rows.append(
        row(
            "lookup by customer number",
            ours,
            "raw indexed SELECT",
            base,
            "p99 ≤ 2 ms",
            lambda p, _b: p <= 2.0,
        )
    )
    phones = [c[1] for c in customers]
    ours = timings(lambda i: find_customers(w.ctx, phones[i % len(phones)]), samples)
    base = timings(
        lambda i: raw.execute(
            "SELECT * FROM customers WHERE phone = ?", (phones[i % len(phones)],)
        ).fetchall(),
        samples,
    )
    rows.append(
        row("lookup by phone", ours, "raw indexed SELECT", base, "p99 ≤ 2 ms", lambda p, _b: p <= 2.0)
    )
    # substrings a clerk types: a road and house number (3+ chars, trigram) or a two-character name
    terms = []
    for _no, _phone, name, address in customers:
        start = rng.randrange(max(1, len(address) - 5))
        terms.append(address[start : start + 5] if rng.random() < 0.5 else name[:2])
    ours = timings(lambda i: find_customers(w.ctx, terms[i % len(terms)]), samples)

    def raw_substring(i: int) -> None:
        t = terms[i % len(terms)]
        phrase = '"' + t + '"'
        if len(t) >= 3:
            raw.execute(
                "SELECT c.* FROM customer_fts f JOIN customers c ON c.rowid = f.rowid "
                "WHERE customer_fts MATCH ? LIMIT 50",
                (phrase,),
            ).fetchall()
        else:
            raw.execute(
                "SELECT c.* FROM customer_name2 g JOIN customers c ON c.customer_no = g.customer_no "
                "WHERE customer_name2 MATCH ? LIMIT 50",
                (phrase,),
            ).fetchall()

    base = timings(raw_substring, samples)
    rows.append(
        row(
            "name / address substring",
            ours,
            "raw FTS5 trigram / bigram query",
            base,
            "p99 ≤ 30 ms",
            lambda p, _b: p <= 30.0,
        )
    )
    raw.close()
    return rows


def bench_payment(w: Any, samples: int) -> list[Row]:
    raw = raw_connection(w.store.path)
    nos = [
        r[0]
        for r in raw.execute(
            "SELECT customer_no FROM customers WHERE customer_no LIKE '31%' ORDER BY random() LIMIT ?",
            (samples * 2,),
        )
    ]
    raw.execute("CREATE TABLE IF NOT EXISTS bench_journal AS SELECT * FROM journal WHERE 0")
    raw.execute("CREATE TABLE IF NOT EXISTS bench_receipts AS SELECT * FROM receipts WHERE 0")

    amounts = [due(w.ctx, no).quote.to_pay_fen or 1000 for no in nos[:samples]]  # outside the timing

    def ours(i: int) -> None:
        pay(w.ctx, PayRequest(nos[i], Method.CASH, "C01", amount_fen=amounts[i]))

    last: dict[str, Any] = {}

    def baseline(i: int) -> None:
        """The same rows a payment writes, by hand: journal, balance, receipt, counter; one fsync'd commit."""
        if not last:
            last.update(
                raw.execute("SELECT * FROM journal ORDER BY seq DESC LIMIT 1").fetchone()
                and {
                    "row": raw.execute("SELECT * FROM journal ORDER BY seq DESC LIMIT 1").fetchone(),
                    "receipt": raw.execute("SELECT * FROM receipts LIMIT 1").fetchone(),
                }
            )
        raw.execute("BEGIN IMMEDIATE")
        j = list(last["row"])
        j[0] = 1_000_000 + i
        j[1] = f"bench-{i}"
        raw.execute(f"INSERT INTO bench_journal VALUES ({','.join('?' * len(j))})", j)
        raw.execute(
            "UPDATE customers SET balance_fen = balance_fen + 1 WHERE customer_no = ?", (nos[samples + i],)
        )
        raw.execute(
            "UPDATE bills SET principal_paid_fen = principal_paid_fen WHERE customer_no = ?",
            (nos[samples + i],),
        )
        r = list(last["receipt"])
        r[0] = f"bench-{i}"
        raw.execute(f"INSERT INTO bench_receipts VALUES ({','.join('?' * len(r))})", r)
        raw.execute("UPDATE receipt_counters SET last = last WHERE business_day = ?", (r[7],))
        raw.execute("COMMIT")

    mine, base = interleaved(ours, baseline, samples)
    raw.execute("DROP TABLE bench_journal")
    raw.execute("DROP TABLE bench_receipts")
    raw.close()
    rows = [
        row(
            "durable payment commit (journal + allocation)",
            mine,
            "raw sqlite3 insert of the same rows, one fsync'd commit",
            base,
            "p99 ≤ 2× baseline",
            lambda p, b: b is not None and p <= 2 * b,
        )
    ]
    rows.append(bench_scan_to_receipt(w, nos, samples, base))
    return rows


def bench_payment_during_export(w: Any, samples: int) -> list[Row]:
    """Payment latency while an arrears export of the whole terminal runs as the counter runs it (a worker
    thread waiting on the export's child process, Services.export_arrears_apart), against the idle payment
    latency measured just before on the same store (issue 15: reads never block writes)."""
    import threading

    from app.errors import StoreUnavailable
    from app.risk import ArrearsFilter

    raw = raw_connection(w.store.path)
    nos = [
        r[0]
        for r in raw.execute(
            "SELECT customer_no FROM customers WHERE customer_no LIKE '31%' ORDER BY random() LIMIT ?",
            (samples * 2,),
        )
    ]
    raw.close()
    amounts = [due(w.ctx, no).quote.to_pay_fen or 1000 for no in nos]  # outside the timing
    failed: list[str] = []

    def paying(offset: int) -> Callable[[int], None]:
        def one(i: int) -> None:
            try:
                pay(w.ctx, PayRequest(nos[offset + i], Method.CASH, "C01", amount_fen=amounts[offset + i]))
            except StoreUnavailable as error:
                failed.append(str(error))

        return one

    idle = timings(paying(0), samples)
    running, stop = threading.Event(), threading.Event()
    exported: list[int] = []

    def export() -> None:
        with tempfile.TemporaryDirectory(prefix="hallpay-bench-export-") as tmp:
            while not stop.is_set():
                running.set()
                exported.append(
                    w.export_arrears_apart(ArrearsFilter(limit=100_000_000), Path(tmp) / "arrears.csv")
                )

    exporter = threading.Thread(target=export, name="bench-export", daemon=True)
    exporter.start()
    running.wait(60)
    time.sleep(0.05)  # the export's read transaction is open
    try:
        during = timings(paying(samples), samples)
    finally:
        stop.set()
        exporter.join()
    r = row(
        f"payment while an arrears export of the whole terminal runs in its child process ({len(failed)} failed, "
        f"{exported[0] if exported else '?'} rows exported)",
        during,
        "idle payment, same run",
        idle,
        "no failure; p99 ≤ 2× idle p99",
        lambda p, b: not failed and b is not None and p <= 2 * b,
    )
    return [r]


def bench_scan_to_receipt(w: Any, nos: list[str], samples: int, commit_baseline: list[float]) -> Row:
    from printing.escpos_bytes import encode_receipt
    from printing.layout import layout_receipt

    offset = samples

    def scan(i: int) -> None:
        no = nos[offset + i]
        [customer] = find_customers(w.ctx, no)
        d = due(w.ctx, customer.customer_no)
        amount = d.quote.to_pay_fen or 1000
        result = pay(
            w.ctx,
            PayRequest(
                customer.customer_no, Method.CASH, "C01", amount_fen=amount, tendered_fen=amount + 5000
            ),
        )
        encode_receipt(layout_receipt(result.receipt, 48), columns=48, open_drawer=True)

    return row(
        "scan → receipt bytes ready",
        timings(scan, samples),
        "the commit baseline",
        commit_baseline,
        "p99 ≤ 50 ms",
        lambda p, _b: p <= 50.0,
    )


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


def format_table(rows: list[Row], header: dict[str, Any]) -> str:
    lines = [
        f"HallPay bench — {header['customers']} customers × {header['months']} months, "
        f"seed {header['seed']}, {header['samples']} samples per path",
        "| path | n | median ms | p99 ms | baseline | base median | base p99 | ratio (p99) | goal | met |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]

    def f(x: float | None) -> str:
        return "—" if x is None else f"{x:.2f}"

    for r in rows:
        met = "—" if r.met is None else ("yes" if r.met else "NO")
        lines.append(
            f"| {r.path} | {r.n} | {f(r.median_ms)} | {f(r.p99_ms)} | {r.baseline} | "
            f"{f(r.baseline_median_ms)} | {f(r.baseline_p99_ms)} | {f(r.ratio)} | {r.goal} | {met} |"
        )
    return "\n".join(lines)


def run_bench(args: argparse.Namespace, *, open_terminal: Callable[..., Any]) -> int:
    from bench.console_pages import console_rows
    from bench.fold_bench import fold_rows
    from bench.hall_report import hall_rows
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


def bench_wallet_row(w: Any, samples: int) -> list[Row]:
    from bench.wallet import wallet_timings

    wallet, cash = wallet_timings(w, samples)
    return [
        row(
            "scan payment code → receipt bytes (acquirer simulator on loopback, RSA2 / MD5 signed)",
            wallet,
            "scan → receipt bytes, cash, same run",
            cash,
            "p99 ≤ cash p99 + 100 ms",
            lambda p, b: b is not None and p <= b + 100.0,
        )
    ]
