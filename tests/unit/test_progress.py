"""Long work reports how far it got: the sync's push, the bulk load, and the command line's two displays."""

from __future__ import annotations

import io

import pytest

from app.sync import push_pending
from cli import progress as cli_progress
from cli.progress import Bar, PlainLines, progress_bar
from tests.unit.test_sync_orchestration import FakeCentral, FakeOutbox, chain


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_push_reports_each_batch_of_the_pending_entries():
    seen: list[tuple[int, int | None]] = []
    outbox, central = FakeOutbox(chain(7)), FakeCentral()
    push_pending(
        outbox, central, "T01", "厅", batch_size=3, progress=lambda done, total: seen.append((done, total))
    )
    assert seen == [(0, 7), (3, 7), (6, 7), (7, 7)]


def test_plain_lines_give_count_percent_rate_and_time_left():
    out = io.StringIO()
    lines = PlainLines("导入 import", "行", out, every_s=0)
    lines(250, 1000)
    lines.close()
    first, last = out.getvalue().splitlines()
    assert first.startswith("导入 import: 250/1000 行 (25%), ") and "行/s" in first and "s left" in first
    assert last.startswith("导入 import: 250/1000 行 (25%), ") and "left" not in last


def test_short_work_prints_nothing_when_not_on_a_terminal(monkeypatch):
    out = io.StringIO()
    with progress_bar("上传流水 push", "笔", out) as progress:
        progress(0, 0)
    assert out.getvalue() == ""
    monkeypatch.setattr(cli_progress, "PLAIN_EVERY_S", 0.0)
    with progress_bar("上传流水 push", "笔", out) as progress:
        progress(5, 10)
    assert "上传流水 push: 5/10 笔 (50%)" in out.getvalue()


def test_a_terminal_gets_a_bar_with_rate_and_time_left():
    out = Tty()
    with progress_bar("演示用户 demo customers", "户", out) as progress:
        assert isinstance(progress, Bar)
        progress(0, 400)
        progress(100, 400)
        progress(400, 400)
    text = out.getvalue()
    assert "\r" in text and "演示用户 demo customers: 100%" in text and "400/400" in text


@pytest.mark.parametrize("customers", [2500])
def test_the_bulk_load_reports_after_each_batch(tmp_path, customers):
    import datetime as dt

    from app.demo_data import DemoSpec, generate
    from db.bulk import load_customers_and_bills
    from db.local_store import open_local_store

    store = open_local_store(tmp_path / "local.db")
    seen: list[tuple[int, int | None]] = []
    try:
        with store.uow() as uow:
            rows = generate(DemoSpec(customers=customers, months=1, seed=1), dt.date(2026, 11, 23))
            load_customers_and_bills(
                uow.connection, rows, batch=1000, total=customers, progress=lambda d, t: seen.append((d, t))
            )
            uow.commit()
    finally:
        store.close()
    assert seen == [(1000, 2500), (2000, 2500), (2500, 2500)]


def test_slow_steps_read_as_seconds_per_step(monkeypatch):
    """A bench step takes a minute: "0 步/s" told nothing; the line says seconds per step instead."""
    now = [1000.0]
    monkeypatch.setattr(cli_progress.time, "monotonic", lambda: now[0])
    out = io.StringIO()
    lines = PlainLines("bench", "步", out, every_s=0)
    now[0] += 120.0
    lines(2, 14)
    first = out.getvalue().splitlines()[0]
    assert "60 s/步" in first and "0 步/s" not in first and "about 720 s left" in first
