"""The hall day report from the central PostgreSQL ledger: a hall of 20 terminals over a year of data.

Every day of the year, every terminal has a shift: its opening, payments by every method (some with late
fees), a cash count and the close. The year before the reported day is written straight into
central_journal by SQL (generate_series: 20 × 364 days, fast to build; their hashes are not real, the
report only checks the rows under its own day); the reported day, the last, is made of real hash-chained
entries pushed through CentralStore.push, starting with a real entry that closes the previous day (the
check looks one row back). Timed: `central.hall_day(day)` plus turning it into the DayReport
(db/central/hall_sql.py, app.services.hall_report.hall_day_report_from), the `shift report --hall` path.
Baseline in the same run: today's journal-reading report (every journal loaded, the report built from
it) on the same ledger, when `with_baseline` (it reads the whole year).
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import text

from app.journal import new_entry
from bench.pg_server import PgServer
from db.central.partitions import MonthPartitions
from db.central.store import CentralStore

TERMINALS = 20
LAST_DAY = dt.date(2026, 11, 23)

_YEAR = text("""
INSERT INTO central_journal (entry_id, terminal_id, seq, kind, created_at, clerk_id, payload, prev_hash, hash,
                             received_at, signature, day, shift_id)
SELECT md5(t.id || ':' || g.s)::uuid::text, t.id, g.s, k.kind,
       to_char(d.day + time '09:00' + (g.s % :per_day) * interval '1 minute' - interval '8 hours',
               'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
       'C01', k.payload, repeat('0', 64), repeat('0', 64), 'bench', NULL, to_char(d.day, 'YYYY-MM-DD'), k.sid
FROM unnest(CAST(:terminals AS text[])) AS t(id)
CROSS JOIN generate_series(1, CAST(:days AS integer) * CAST(:per_day AS integer)) AS g(s)
CROSS JOIN LATERAL (SELECT CAST(:first AS date) + (g.s - 1) / :per_day AS day, (g.s - 1) % :per_day AS i) d
CROSS JOIN LATERAL (SELECT t.id || '-C01-' || to_char(d.day, 'YYYYMMDD') || '-1' AS sid) s
CROSS JOIN LATERAL (SELECT
    CASE WHEN d.i = 0 THEN 'shift_open' WHEN d.i = :per_day - 1 THEN 'shift_close'
         WHEN d.i = :per_day - 2 THEN 'cash_count' ELSE 'payment' END AS kind,
    s.sid,
    CASE WHEN d.i = 0 THEN json_build_object('shift_id', s.sid, 'business_day', to_char(d.day, 'YYYY-MM-DD'),
                                             'float_fen', 50000)::text
         WHEN d.i = :per_day - 1 THEN json_build_object('shift_id', s.sid, 'difference_fen', 0,
                                                        'deposit_counts', json_build_object('10000', 3))::text
         WHEN d.i = :per_day - 2 THEN json_build_object('shift_id', s.sid, 'counted_fen', 80000)::text
         ELSE json_build_object('shift_id', s.sid, 'business_day', to_char(d.day, 'YYYY-MM-DD'),
             'customer_no', '100000000' || (1 + g.s % 5), 'method', (ARRAY['cash','bankcard','wechat','alipay'])[1 + g.s % 4],
             'amount_fen', 1 + (g.s * 7919) % 90000, 'tendered_fen', 100000, 'change_fen', 100000 - 1 - (g.s * 7919) % 90000,
             'allocations', json_build_array(json_build_object('bill_id', 'b', 'fee_paid_fen', g.s % 3 * 50)))::text
    END AS payload) k
""")


def _last_day(terminal_id: str, seq: int, per_day: int, rng: random.Random) -> list[Any]:
    """The reported day of one terminal: real entries, the first closing the day before."""
    day = LAST_DAY.isoformat()
    sid = f"{terminal_id}-C01-{LAST_DAY:%Y%m%d}-1"
    prev = "0" * 64
    out = []

    def add(kind: str, minute: int, payload: dict[str, Any]) -> None:
        nonlocal prev, seq
        at = f"{day}T01:{minute % 60:02d}:{minute // 60:02d}.000000Z"
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
        prev, seq = e.hash, seq + 1

    add("receipt_print", 0, {"receipt_no": f"{terminal_id}-last", "printed": True})
    add("shift_open", 1, {"shift_id": sid, "business_day": day, "float_fen": 50_000})
    for i in range(per_day - 3):
        amount = rng.randrange(1, 90_000)
        add(
            "payment",
            2 + i,
            {
                "shift_id": sid,
                "business_day": day,
                "customer_no": f"100000000{1 + i % 5}",
                "method": rng.choice(("cash", "bankcard", "wechat", "alipay")),
                "amount_fen": amount,
                "tendered_fen": 100_000,
                "change_fen": 100_000 - amount,
                "balance_before_fen": 0,
                "balance_after_fen": 0,
                "allocations": [],
            },
        )
    add(
        "shift_close",
        per_day,
        {"shift_id": sid, "difference_fen": 0, "deposit_counts": {"10000": 3}, "counted_fen": 90_000},
    )
    return out


def bench_hall_report(
    server: PgServer,
    open_terminal: Any,
    work: Path,
    days: int = 365,
    per_day: int = 120,
    runs: int = 5,
    with_baseline: bool = True,
) -> dict[str, Any]:
    """Median and worst of `runs` SQL hall reports of the last day of `days`, and (with_baseline) the
    journal-reading report once, on the same ledger; their hall figures must agree."""
    import dataclasses

    from app.services.hall_report import hall_day_report, hall_day_report_from
    from app.services.terminal_setup import showcase
    from db.central.push import journal_row
    from db.central.stage import JOURNAL_COLS

    rng = random.Random(20)
    url = server.url(server.new_database())
    (work / "hq").mkdir(parents=True, exist_ok=True)
    central = CentralStore.open(url, work / "hq")
    w = open_terminal(work / "T01", generated_customers=0)  # the PC the report is made on (clerk names)
    try:
        customers, bills = showcase(LAST_DAY)
        central.load_master_data(customers, bills)
        first = LAST_DAY - dt.timedelta(days=days - 1)
        months = {(first + dt.timedelta(days=i)).isoformat()[:7] for i in range(days)}
        MonthPartitions(central.engine).ensure(months)
        ids = [f"H{i:02d}" for i in range(1, TERMINALS + 1)]
        started = time.perf_counter()
        with central.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO terminals (terminal_id, hall_name) SELECT unnest(CAST(:t AS text[])), "
                    "'压测营业厅'"
                ),
                {"t": ids},
            )
            conn.execute(
                _YEAR, {"terminals": ids, "days": days - 1, "per_day": per_day, "first": first.isoformat()}
            )
            raw = conn.connection.driver_connection
            assert raw is not None
            with (
                raw.cursor() as cur,
                cur.copy(f"COPY central_journal ({', '.join(JOURNAL_COLS)}) FROM STDIN") as cp,
            ):
                for t in ids:
                    for e in _last_day(t, (days - 1) * per_day + 1, per_day, rng):
                        cp.write_row(journal_row(e, "bench"))
        with central.engine.connect() as conn:
            conn.execute(text("ANALYZE central_journal"))
            conn.commit()
            rows = int(conn.execute(text("SELECT count(*) FROM central_journal")).scalar_one())
        build_s = time.perf_counter() - started
        day = LAST_DAY.isoformat()
        timings = []
        problems: tuple[str, ...] = ()
        for _ in range(runs):
            began = time.perf_counter()
            summed = central.hall_day(day)
            assert summed is not None
            report = hall_day_report_from(w.ctx, summed, day)
            timings.append((time.perf_counter() - began) * 1000)
            problems = summed.problems
        if problems or report.hall.receipts != TERMINALS * (per_day - 3):
            raise RuntimeError(f"hall report bench: {report.hall.receipts} receipts, {problems}")
        out: dict[str, Any] = {
            "terminals": TERMINALS,
            "days": days,
            "rows": rows,
            "build_s": round(build_s, 1),
            "sql_ms": timings,
            "sql_median_ms": statistics.median(timings),
            "sql_worst_ms": max(timings),
        }
        if with_baseline:
            began = time.perf_counter()
            journals = {t: central.journal(t) for t in central.terminal_ids()}
            old = hall_day_report(w.ctx, journals, day)
            out["journal_reading_ms"] = (time.perf_counter() - began) * 1000
            if dataclasses.replace(old, generated_at="") != dataclasses.replace(report, generated_at=""):
                raise RuntimeError("hall report bench: the SQL report differs from the journal-reading one")
        return out
    finally:
        w.store.close()
        central.close()


def hall_rows(quick: bool, open_terminal: Any, row: Any, row_type: Any) -> list[Any]:
    """The hall day report from PostgreSQL in SQL (db/central/hall_sql.py), 20 terminals over a year; quick:
    30 days, beside today's journal-reading report on the same ledger (too slow for a year: 76 s measured)."""
    from bench.pg_server import pg_available, start_pg

    days = 30 if quick else 365
    name = f"hall day report in SQL, 20 terminals × {days} days in PostgreSQL"
    reason = pg_available()
    if reason:
        return [row_type(name, 0, 0.0, 0.0, f"skipped: {reason}", None, None, "≤ 1 s", None)]
    server = start_pg()
    try:
        with tempfile.TemporaryDirectory(prefix="hallpay-hall-") as tmp:
            r = bench_hall_report(server, open_terminal, Path(tmp), days=days, with_baseline=quick)
    finally:
        server.stop()
    base = [r["journal_reading_ms"]] if "journal_reading_ms" in r else None
    return [
        row(
            f"{name} ({r['rows']} journal rows)",
            r["sql_ms"],
            "today's report reading every journal, same ledger" if base else "—",
            base,
            "≤ 1 s (worst of 5)",
            lambda p, _b: max(r["sql_ms"]) <= 1000.0,
        )
    ]
