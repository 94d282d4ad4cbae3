"""A whole terminal's arrears export runs in a child process (Services.export_arrears_apart): the same
file as the in-process export, its progress reported, and a child that dies leaves no file and says so."""

from __future__ import annotations

import multiprocessing
import os
import signal

import pytest

import bootstrap
from app.errors import HallPayError
from app.risk import ArrearsFilter
from app.services.arrears import arrears_list
from printing.export import export_csv, export_xlsx

WHOLE = ArrearsFilter(limit=100_000_000)


@pytest.fixture(scope="module")
def owing(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:  # a module fixture has no monkeypatch of its own
        mp.setenv("HALLPAY_NOW", "2026-11-23T10:00:00+08:00")
        w = bootstrap.open_terminal(tmp_path_factory.mktemp("apart") / "T01", generated_customers=0)
        bootstrap.seed_generated(w.store, 6000, w.ctx.today(), months=3)
        yield w
        w.store.close()


def test_the_child_writes_what_the_window_would_have_written(owing, tmp_path):
    seen: list[tuple[int, int | None]] = []
    rows = owing.export_arrears_apart(
        WHOLE, tmp_path / "apart.csv", progress=lambda d, t: seen.append((d, t))
    )
    here = arrears_list(owing.ctx, WHOLE)
    export_csv(here, tmp_path / "here.csv")
    assert rows == len(here.rows) > 1000
    assert (tmp_path / "apart.csv").read_bytes() == (tmp_path / "here.csv").read_bytes()
    assert seen[0] == (0, rows) and seen[-1] == (rows, rows) and len(seen) >= 3
    assert not (tmp_path / "apart.csv.part").exists()


def test_xlsx_too(owing, tmp_path):
    f = ArrearsFilter(limit=50, category="commercial")
    rows = owing.export_arrears_apart(f, tmp_path / "apart.xlsx", kind="xlsx")
    here = arrears_list(owing.ctx, f)
    assert rows == len(here.rows) > 0
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "apart.xlsx").active
    assert sheet is not None
    in_file = [c.value for c in sheet["A"]][1 : rows + 1]  # under the header, one line per customer
    assert in_file == [r.customer_no for r in here.rows]


def test_a_child_killed_half_way_leaves_no_file_and_one_sentence(owing, tmp_path):
    def kill_child(done: int, total: int | None) -> None:
        if done >= 1000:
            for child in multiprocessing.active_children():
                if child.name == "hallpay-export" and child.pid:
                    os.kill(child.pid, signal.SIGKILL)

    with pytest.raises(HallPayError, match="意外结束.*未写出文件"):
        owing.export_arrears_apart(WHOLE, tmp_path / "killed.csv", progress=kill_child)
    assert not (tmp_path / "killed.csv").exists()
    assert not (tmp_path / "killed.csv.tmp").exists()


def test_a_folder_that_does_not_exist_is_one_sentence(owing, tmp_path):
    with pytest.raises(HallPayError, match="无法写出文件 .*nowhere.*未导出"):
        owing.export_arrears_apart(WHOLE, tmp_path / "nowhere" / "a.csv")


def test_the_in_process_xlsx_export_is_untouched(owing, tmp_path):
    export_xlsx(arrears_list(owing.ctx, ArrearsFilter(limit=5)), tmp_path / "five.xlsx")
    assert (tmp_path / "five.xlsx").stat().st_size > 0
