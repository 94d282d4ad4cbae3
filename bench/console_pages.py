"""The console's pages on a province-sized central journal in PostgreSQL (issue 31, review P2-4).

200 terminals × 12 payments a day × 365 days (876,000 entries, written straight into central_journal by COPY,
each hashed and chained as a counter would: the terminals page verifies real chains) with 201 open
double-payment cases on real entries (their customer and bill) and 30 alarms. All days but the last are loaded,
then `central verify`'s whole check runs (timed: what every view of the terminals page used to cost, and the
checkpoints it leaves), then the last day arrives (12 entries per terminal) and each page is fetched through
Flask's test client as a logged-in user, worst of 5: the terminals page's first view verifies that day, the next
four nothing new. `--quick`: 10 terminals × 30 days.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy import text

from app.journal import GENESIS_HASH
from db.central.chain_checks import check_chains
from db.central.partitions import MonthPartitions
from db.central.push import row_hash
from db.central.store import CentralStore

LAST = dt.date(2026, 11, 23)
CLOCK = dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC)
PER_DAY = 12
PASSWORD = "bench-password-42"

_COLUMNS = (
    "entry_id, terminal_id, seq, kind, created_at, clerk_id, payload, prev_hash, hash, received_at, signature, "
    "day, shift_id"
)


def _journal_rows(
    ids: list[str], first: dt.date, days: range, heads: dict[str, str]
) -> Iterator[tuple[Any, ...]]:
    """Each terminal's payments of `days` (0 = first), chained on from heads[terminal] (updated)."""
    for tid in ids:
        prev = heads.get(tid, GENESIS_HASH)
        for s in range(days.start * PER_DAY + 1, days.stop * PER_DAY + 1):
            day = (first + dt.timedelta(days=(s - 1) // PER_DAY)).isoformat()
            body = {
                "allocations": [
                    {
                        "bill_id": f"B{(s * 7919) % 2000000}",
                        "fee_due_fen": 0,
                        "fee_paid_fen": 0,
                        "principal_paid_fen": 9000,
                    }
                ],
                "amount_fen": 10000 + s % 5000,
                "business_day": day,
                "customer_no": str((s * 7919 + ord(tid[3])) % 1000000).rjust(10, "1"),
                "method": "cash",
            }
            payload = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            e = SimpleNamespace(
                entry_id=str(uuid.UUID(hashlib.md5(f"{tid}:{s}".encode()).hexdigest())),
                terminal_id=tid,
                seq=s,
                kind="payment",
                created_at=f"{day}T01:{(s - 1) % PER_DAY:02d}:00.000000Z",
                clerk_id="C01",
                prev_hash=prev,
            )
            prev = row_hash(e, payload)
            yield (
                e.entry_id,
                tid,
                s,
                e.kind,
                e.created_at,
                e.clerk_id,
                payload,
                e.prev_hash,
                prev,
                "bench",
                None,
                day,
                None,
            )
        heads[tid] = prev


def _copy_journal(engine: Any, rows: Iterator[tuple[Any, ...]]) -> None:
    raw = engine.raw_connection()
    try:
        with raw.cursor() as cur:
            cur.execute("SET statement_timeout = 0")  # a bulk load, not a counter's bounded wait
            with cur.copy(f"COPY central_journal ({_COLUMNS}) FROM STDIN") as copy:
                for r in rows:
                    copy.write_row(r)
        raw.commit()
    finally:
        raw.close()


_CASES = text("""
INSERT INTO review_cases (case_id, kind, terminal_id, seq, entry_id, customer_no, bill_id, amount_fen, fee_fen,
                          detail, created_at)
SELECT 'double_payment:bench:' || seq, 'double_payment', terminal_id, seq, entry_id, payload::json ->> 'customer_no',
       payload::json -> 'allocations' -> 0 ->> 'bill_id', 9000, 0, 'bench', created_at
FROM central_journal WHERE terminal_id = 'T001' AND seq <= 201
""")
_ALARMS = text("""
INSERT INTO review_cases (case_id, kind, terminal_id, seq, entry_id, customer_no, bill_id, amount_fen, fee_fen,
                          detail, created_at)
SELECT 'content_mismatch:bench:' || g, 'content_mismatch', 'T002', g, md5('T002:' || g)::uuid::text, NULL, NULL,
       0, 0, 'bench', '2026-11-22T00:00:00.000000Z' FROM generate_series(1, 30) g
""")


def bench_console_pages(url: str, work: Path, terminals: int, days: int) -> dict[str, Any]:
    from console.users import add_user
    from console.web import create_app

    store = CentralStore.open(url, work)
    try:
        first = LAST - dt.timedelta(days=days - 1)
        MonthPartitions(store.engine).ensure(
            {(first + dt.timedelta(days=i)).isoformat()[:7] for i in range(days)}
        )
        ids = [f"T{i:03d}" for i in range(1, terminals + 1)]
        with store.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO terminals (terminal_id, hall_name) "
                    "SELECT t, 'H' || (substr(t, 2)::int % 20) FROM unnest(CAST(:t AS text[])) t"
                ),
                {"t": ids},
            )
        heads: dict[str, str] = {}
        _copy_journal(store.engine, _journal_rows(ids, first, range(days - 1), heads))
        with store.engine.begin() as conn:
            conn.execute(_CASES)
            conn.execute(_ALARMS)
            conn.execute(text("ANALYZE"))
            customer = conn.execute(
                text("SELECT customer_no FROM review_cases WHERE case_id = 'double_payment:bench:7'")
            ).scalar_one()
        started = time.perf_counter()
        whole = check_chains(store.engine, "2026-11-23T02:00:00.000000Z", full=True)  # `central verify`
        whole_ms = (time.perf_counter() - started) * 1000
        if any(c.problem for c in whole):
            raise RuntimeError(f"console bench: the generated chains fail: {[c.problem for c in whole][:3]}")
        _copy_journal(store.engine, _journal_rows(ids, first, range(days - 1, days), heads))  # the last day
        with store.engine.begin() as conn:
            entries = int(conn.execute(text("SELECT count(*) FROM central_journal")).scalar_one())
        add_user(store.engine, "fin", "finance", PASSWORD, CLOCK)
        add_user(store.engine, "itp", "it", PASSWORD, CLOCK)
        app = create_app(store.engine, clock=lambda: CLOCK, secret_key=b"bench-key-" * 4)

        def client(name: str) -> Any:
            c = app.test_client()
            page = c.get("/login").get_data(as_text=True)
            token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
            c.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": token})
            return c

        fin, it = client("fin"), client("itp")
        pages = [
            ("overview `/`", fin, "/", 5),
            ("case queue `/cases` (50 cases a page)", fin, "/cases", 5),
            ("case search `/cases?customer=`", fin, f"/cases?customer={customer}", 5),
            ("alarms `/alarms`", it, "/alarms", 5),
            ("terminals `/terminals` (the first view verifies the day's new entries)", it, "/terminals", 5),
        ]
        out: dict[str, Any] = {"entries": entries, "pages": [], "whole_check_ms": whole_ms}
        for name, c, path, reps in pages:
            times = []
            for _ in range(reps):
                started = time.perf_counter()
                resp = c.get(path)
                times.append((time.perf_counter() - started) * 1000)
                if resp.status_code != 200:
                    raise RuntimeError(f"console bench: {path} answered {resp.status_code}")
            out["pages"].append((name, times))
        return out
    finally:
        store.close()


def console_rows(quick: bool, row: Any, row_type: Any) -> list[Any]:
    from bench.pg_server import pg_available, start_pg

    terminals, days = (10, 30) if quick else (200, 365)
    reason = pg_available()
    if reason:
        return [row_type("console pages", 0, 0.0, 0.0, f"skipped: {reason}", None, None, "≤ 1 s", None)]
    server = start_pg()
    try:
        with tempfile.TemporaryDirectory(prefix="hallpay-console-") as tmp:
            r = bench_console_pages(server.url(server.new_database()), Path(tmp), terminals, days)
    finally:
        server.stop()
    whole = r["whole_check_ms"]
    return [
        row(
            f"console: `central verify`, every chain whole, {terminals} terminals × {days - 1} days "
            f"(what each terminals page view cost before c0017)",
            [whole],
            "—",
            None,
            "reported (nightly job)",
            None,
        ),
    ] + [
        row(
            f"console {name}, {terminals} terminals × {days} days ({r['entries']} entries, 201 open cases)",
            times,
            "—",
            None,
            "≤ 1 s (worst)",
            lambda _p, _b, t=times: max(t) <= 1000.0,
        )
        for name, times in r["pages"]
    ]
