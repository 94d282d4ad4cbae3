"""The counter's own paths timed: lookups, a payment (alone and during an export), scan to receipt, a
scanned payment code."""

from __future__ import annotations

import random
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.model import Method
from app.services.lookup import find_customers
from app.services.payments import PayRequest, due, pay
from bench.rows import Row, interleaved, row, timings


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
    for label, index, column in (("customer number", 0, "customer_no"), ("phone", 1, "phone")):
        keys = [c[index] for c in customers]

        def lookup(i: int, keys: list[str] = keys) -> Any:
            return find_customers(w.ctx, keys[i % len(keys)])

        def indexed(i: int, keys: list[str] = keys, column: str = column) -> Any:
            return raw.execute(
                f"SELECT * FROM customers WHERE {column} = ?", (keys[i % len(keys)],)
            ).fetchall()

        ours, base = timings(lookup, samples), timings(indexed, samples)
        rows.append(
            row(f"lookup by {label}", ours, "raw indexed SELECT", base, "p99 ≤ 2 ms", lambda p, _b: p <= 2.0)
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
