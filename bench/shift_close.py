"""Benchmark: closing a 10,000-payment shift and making its day report (issue 6: close under 1 s).

A throw-away terminal gets one busy day written straight into its journal (real payment payloads,
chained entries, receipt rows; every 50th payment reversed), then the timed part runs exactly what
the counter runs: `close_shift`, `load_day_report` and both PDFs.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from app.cash import DENOMINATIONS_FEN, CashCount
from app.clock import FixedClock, utc_text
from app.journal import Entry, Kind, canonical, new_entry
from app.money import format_fen
from app.services.context import Context, Terminal
from app.services.shift_close import CloseRequest, close_preview, close_shift, load_day_report
from app.services.terminal_setup import init_demo_terminal
from app.store import StoredReceipt
from db.local_schema import journal, receipt_counters, receipts
from db.local_store import open_local_store

NOW = dt.datetime.fromisoformat("2026-11-23T17:00:00+08:00")
METHODS = ("cash", "cash", "cash", "bankcard", "wechat", "alipay", "unionpay", "cheque")
CATEGORIES = ("residential", "residential", "residential", "commercial", "industrial", "agricultural")


def _count_for(amount_fen: int) -> CashCount:
    pieces: dict[int, int] = {}
    for d in DENOMINATIONS_FEN:
        pieces[d], amount_fen = divmod(amount_fen, d)
    return CashCount.of(pieces)


def _seed_day(ctx: Context, n_payments: int, n_customers: int) -> None:
    """One busy day straight into the store: chained entries and receipt rows in bulk inserts."""
    customers = [
        dict(
            customer_no=f"20{i:08d}",
            name=f"用户{i}",
            address=f"城东区测试路{i}号",
            phone=f"139{i:08d}",
            category=CATEGORIES[i % len(CATEGORIES)],
            meter_no=f"M20{i:08d}",
            prepaid=0,
            risk_grade="",
        )
        for i in range(n_customers)
    ]
    with ctx.uow() as uow:
        uow.customers.upsert(customers)
        shift = uow.shifts.open_for("C01")
        assert shift is not None
        day = shift.business_day
        created = utc_text(ctx.clock.now_utc())
        seq, prev = uow.journal.head()
        entries: list[Entry] = []
        rows: list[dict[str, Any]] = []

        def chain(kind: str, payload: dict[str, Any]) -> Entry:
            nonlocal seq, prev
            seq += 1
            entry = new_entry(
                terminal_id=ctx.terminal.terminal_id,
                seq=seq,
                kind=kind,
                created_at=created,
                clerk_id="C01",
                payload=payload,
                prev_hash=prev,
            )
            prev = entry.hash
            entries.append(entry)
            return entry

        for i in range(n_payments):
            method = METHODS[i % len(METHODS)]
            amount = 1000 + (i * 7919) % 50000
            tendered = (amount // 10000 + 1) * 10000 if method == "cash" else amount
            no = f"{ctx.terminal.terminal_id}-{day.replace('-', '')}-{i + 1:05d}"
            customer_no = str(customers[i % n_customers]["customer_no"])
            entry = chain(
                Kind.PAYMENT,
                {
                    "receipt_no": no,
                    "customer_no": customer_no,
                    "shift_id": shift.shift_id,
                    "business_day": day,
                    "method": method,
                    "reference": "" if method == "cash" else f"REF{i}",
                    "amount_fen": amount,
                    "tendered_fen": tendered,
                    "change_fen": tendered - amount,
                    "balance_before_fen": 0,
                    "balance_after_fen": 0,
                    "allocations": [
                        {
                            "bill_id": f"{customer_no}-x",
                            "period": "2026-10",
                            "kwh": 100,
                            "days_overdue": 3,
                            "principal_due_fen": amount - 100,
                            "fee_due_fen": 100,
                            "principal_paid_fen": amount - 100,
                            "fee_paid_fen": 100,
                        }
                    ],
                },
            )
            row = dict(
                StoredReceipt(
                    no,
                    entry.seq,
                    Kind.PAYMENT,
                    customer_no,
                    shift.shift_id,
                    method,
                    amount,
                    day,
                    created,
                    "{}",
                    "printed",
                    "",
                    1,
                ).__dict__,
                reversed_by_seq=None,
            )
            if i % 50 == 49:
                rev = chain(
                    Kind.REVERSAL,
                    {
                        "receipt_no": no,
                        "shift_id": shift.shift_id,
                        "customer_no": customer_no,
                        "method": method,
                        "refund_fen": amount,
                        "fee_reversed_fen": 100,
                        "original_kind": Kind.PAYMENT,
                        "reason": "bench",
                        "approver_id": "S01",
                    },
                )
                row["reversed_by_seq"] = rev.seq
            rows.append(row)
        conn = uow.connection  # type: ignore[attr-defined]
        conn.execute(
            insert(journal),
            [
                dict(
                    seq=e.seq,
                    entry_id=e.entry_id,
                    terminal_id=e.terminal_id,
                    kind=e.kind,
                    created_at=e.created_at,
                    clerk_id=e.clerk_id,
                    payload=canonical(e.payload).decode("utf-8"),
                    prev_hash=e.prev_hash,
                    hash=e.hash,
                )
                for e in entries
            ],
        )
        conn.execute(insert(receipts), rows)
        conn.execute(insert(receipt_counters).values(business_day=day, last=n_payments))
        uow.commit()


def bench_shift_close(n_payments: int = 10_000, data_dir: Path | None = None) -> dict[str, Any]:
    """Seconds to close a shift of n_payments payments, and to make its day report and PDFs."""
    with tempfile.TemporaryDirectory(prefix="hallpay-shift-bench-") as tmp:
        root = Path(data_dir or tmp)
        store = open_local_store(root / "local.db")
        try:
            ctx = Context(store.uow, FixedClock(NOW), Terminal("T01", "基准测试营业厅"), reader=store.reader)
            init_demo_terminal(ctx, hall_name="基准测试营业厅")
            started = time.perf_counter()
            _seed_day(ctx, n_payments, max(1, min(n_payments, 2000)))
            seed_s = time.perf_counter() - started
            expected = close_preview(ctx, "C01").expected_cash_fen
            count = _count_for(
                expected + 50
            )  # a small 长款 (the count stops at 1 jiao): reason, no supervisor

            started = time.perf_counter()
            result = close_shift(ctx, CloseRequest("C01", count, reason="基准测试"))
            close_s = time.perf_counter() - started

            started = time.perf_counter()
            report = load_day_report(ctx)
            report_s = time.perf_counter() - started

            from printing.day_report_pdf import day_report_pdf, deposit_slip_pdf

            started = time.perf_counter()
            day_report_pdf(report, root / "reports" / "day.pdf")
            deposit_slip_pdf(report, root / "reports" / "deposit.pdf")
            pdf_s = time.perf_counter() - started
        finally:
            store.close()
    return {
        "payments": n_payments,
        "seed_s": round(seed_s, 3),
        "close_s": round(close_s, 3),
        "report_s": round(report_s, 3),
        "pdf_s": round(pdf_s, 3),
        "close_and_report_s": round(close_s + report_s + pdf_s, 3),
        "expected_cash": format_fen(result.expected_cash_fen),
        "difference": format_fen(result.difference_fen),
        "receipts": report.hall.receipts,
        "reversals": report.hall.reversals,
        "close_under_1s": close_s < 1.0,
    }


if __name__ == "__main__":
    print(bench_shift_close())
