"""A bad [printer] or [card] value in config.toml is the device's status, never an exception (issue 15):
`pay` commits, says the receipt did not print, and exits 0 (never 2 after the money moved); a card purchase
is refused with one sentence before any money moves."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from app.config import save_config
from tests.e2e.cli import run, run_json


@pytest.fixture
def d(_terminal_template: Path, tmp_path: Path) -> Path:
    """A copy of the demo terminal an empty directory becomes (tests/conftest.py): the commands below stay
    real processes (their exit codes are the point), without a first one building a 300-customer demo."""
    shutil.copytree(_terminal_template, tmp_path / "T01")
    return tmp_path / "T01"


def journal_length(data_dir: Path) -> int:
    with closing(sqlite3.connect(data_dir / "local.db")) as con, con:
        return int(con.execute("SELECT COUNT(*) FROM journal").fetchone()[0])


def test_pay_with_a_bad_printer_width_records_the_money_and_exits_0(d: Path) -> None:
    save_config(d / "config.toml", {"printer": {"width_mm": 76}})
    before = journal_length(d)
    out = run("pay", "1000000002", "--method", "cash", "--tendered", "3100", data_dir=d)
    assert out.returncode == 0, out.stderr
    assert "凭证未打印" in out.stderr and "width_mm" in out.stderr
    assert journal_length(d) > before
    out = run_json("pay", "1000000004", "--method", "cash", "--amount", "20", "--tendered", "20", data_dir=d)
    assert out["printed"] is False and "width_mm" in out["print_reason"]


def test_recharge_with_a_bad_card_kind_is_refused_before_money_moves(d: Path) -> None:
    save_config(d / "config.toml", {"card": {"kind": "pcsc-reader"}})
    before = journal_length(d)
    out = run("recharge", "1000000003", "--amount", "50", "--method", "cash", "--tendered", "50", data_dir=d)
    assert out.returncode == 2 and out.stdout == ""
    assert len(out.stderr.strip().splitlines()) == 1 and "[card]" in out.stderr
    assert journal_length(d) == before
