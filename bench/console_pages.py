"""The console's pages on a province-sized central journal in PostgreSQL (issue 31, review P2-4).

200 terminals × 12 payments a day × 365 days (876,000 entries, written straight into central_journal by SQL:
their hashes are not real, so the terminals page times loading, not verifying) with 201 open double-payment
cases on real entries (their customer and bill) and 30 alarms. Each page is fetched through Flask's test
client as a logged-in user, worst of 5 (the terminals page: of 1). `--quick`: 10 terminals × 30 days.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import text

from db.central.partitions import MonthPartitions
from db.central.store import CentralStore

LAST = dt.date(2026, 11, 23)
CLOCK = dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC)
PER_DAY = 12
PASSWORD = "bench-password-42"

_JOURNAL = text("""
INSERT INTO central_journal (entry_id, terminal_id, seq, kind, created_at, clerk_id, payload, prev_hash, hash,
                             received_at, signature, day, shift_id)
SELECT md5(t.id || ':' || g.s)::uuid::text, t.id, g.s, 'payment',
       to_char(CAST(:first AS date) + (g.s - 1) / :per_day + time '01:00' + ((g.s - 1) % :per_day) * interval '1 minute',
               'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
       'C01',
       json_build_object('customer_no', lpad(((g.s * 7919 + ascii(substr(t.id, 4, 1))) % 1000000)::text, 10, '1'),
          'amount_fen', 10000 + g.s % 5000, 'method', 'cash',
          'business_day', to_char(CAST(:first AS date) + (g.s - 1) / :per_day, 'YYYY-MM-DD'),
          'allocations', json_build_array(json_build_object('bill_id', 'B' || ((g.s * 7919) % 2000000),
             'principal_paid_fen', 9000, 'fee_paid_fen', 0, 'fee_due_fen', 0)))::text,
       repeat('0', 64), repeat('0', 64), 'bench', NULL, to_char(CAST(:first AS date) + (g.s - 1) / :per_day, 'YYYY-MM-DD'),
       NULL
FROM unnest(CAST(:terminals AS text[])) AS t(id)
CROSS JOIN generate_series(1, CAST(:days AS integer) * CAST(:per_day AS integer)) AS g(s)
""")
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
            conn.execute(
                _JOURNAL, {"terminals": ids, "days": days, "per_day": PER_DAY, "first": first.isoformat()}
            )
            conn.execute(_CASES)
            conn.execute(_ALARMS)
            conn.execute(text("ANALYZE"))
            entries = int(conn.execute(text("SELECT count(*) FROM central_journal")).scalar_one())
            customer = conn.execute(
                text("SELECT customer_no FROM review_cases WHERE case_id = 'double_payment:bench:7'")
            ).scalar_one()
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
            ("terminals `/terminals` (loads every entry)", it, "/terminals", 1),
        ]
        out: dict[str, Any] = {"entries": entries, "pages": []}
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
    return [
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
