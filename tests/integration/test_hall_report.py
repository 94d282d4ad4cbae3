"""The hall's day report covers every terminal once its journal has synced, read from the central copy."""

from __future__ import annotations

import os

from app.services.hall_report import hall_day_report
from app.services.shift_close import load_day_report
from app.services.sync import run_sync
from db.central.store import CentralStore
from tests.e2e.cli import run
from tests.integration.pg_fixtures import link_for, make_terminal, take_payments


def total(report, attr):
    return getattr(report.hall, attr)


def test_hall_report_is_the_sum_of_the_synced_terminals(tmp_path, fixed_now):
    url = f"sqlite:///{tmp_path / 'hall-central.db'}"
    t1, t2 = make_terminal(tmp_path, "T01", url), make_terminal(tmp_path, "T02", url)
    take_payments(t1, 6, seed=1)
    take_payments(t2, 4, seed=2)
    central = CentralStore.open(url, tmp_path)
    try:
        assert central.terminal_ids() == []
        for w in (t1, t2):
            run_sync(link_for(w, url))
        journals = {t: central.journal(t) for t in central.terminal_ids()}
    finally:
        central.close()
    hall = hall_day_report(t1.ctx, journals, "2026-11-23")
    parts = [load_day_report(w.ctx, "2026-11-23") for w in (t1, t2)]
    assert hall.terminal_ids == ("T01", "T02")
    for attr in ("receipts", "cash_tendered_fen", "change_given_fen", "late_fees_fen", "float_fen"):
        assert total(hall, attr) == sum(total(p, attr) for p in parts), attr
    assert total(hall, "receipts") == 10
    assert total(hall, "expected_cash_fen") == sum(total(p, "expected_cash_fen") for p in parts)
    by_method = {m.method: (m.count, m.amount_fen) for m in hall.hall.by_method}
    assert by_method and sum(n for n, _ in by_method.values()) == 10
    for method, (count, amount) in by_method.items():
        assert count == sum(m.count for p in parts for m in p.hall.by_method if m.method == method)
        assert amount == sum(m.amount_fen for p in parts for m in p.hall.by_method if m.method == method)


def test_shift_report_hall_on_the_command_line(tmp_path, fixed_now):
    url = f"sqlite:///{tmp_path / 'hall-central.db'}"
    t1 = make_terminal(tmp_path, "T01", url)
    take_payments(t1, 3, seed=3)
    run_sync(link_for(t1, url))
    t1.store.close()
    pdf = tmp_path / "hall.pdf"
    r = run("shift", "report", "--hall", "--pdf", str(pdf), data_dir=tmp_path / "T01")
    assert r.returncode == 0, r.stderr
    assert pdf.stat().st_size > 1000
    assert os.path.exists(str(pdf).replace(".pdf", "-deposit.pdf"))
