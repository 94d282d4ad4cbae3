"""`python main.py recharge` and `card replace` as a clerk types them (demo terminal, simulated reader)."""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.e2e.cli import Commands, run


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Commands:
    """The commands run in this process (tests/e2e/cli.InProcess): a Python start per command was the cost."""
    return Commands(monkeypatch, capsys)


@pytest.fixture
def d(_terminal_template: Path, tmp_path: Path) -> Path:
    """A copy of the demo terminal an empty directory becomes (tests/conftest.py), not a process building
    a 300-customer demo per test."""
    shutil.copytree(_terminal_template, tmp_path / "T01")
    return tmp_path / "T01"


LI = "1000000003"
PAY_KEYS = {
    "receipt_no",
    "customer_no",
    "method",
    "bills",
    "late_fee_total",
    "total",
    "amount",
    "tendered",
    "change",
    "balance_after",
    "entry_id",
    "entry_hash",
}


def journal(data_dir: Path) -> list[tuple[int, str]]:
    with closing(sqlite3.connect(data_dir / "local.db")) as conn, conn:
        return conn.execute("SELECT seq, kind FROM journal ORDER BY seq").fetchall()


def test_recharge_json_receipt_journal_and_verify(d: Path, cli: Commands) -> None:
    out = cli.json("recharge", LI, "--amount", "150", "--method", "cash", "--tendered", "200", data_dir=d)
    assert PAY_KEYS <= set(out)
    assert (out["amount"], out["tendered"], out["change"]) == ("150.00", "200.00", "50.00")
    assert (out["purchase_count"], out["card_state"], out["meter_no"]) == (1, "written", "M1000000003")
    assert [k for _, k in journal(d)][-2:] == ["card_purchase", "card_written"]
    assert (d / "receipts" / f"{out['receipt_no']}.png").exists()
    assert os.stat(d / "config.toml").st_mode & 0o777 == 0o600
    assert cli.json("verify", data_dir=d)["ok"] is True

    before = journal(d)
    refused = cli.run("recharge", LI, "--amount", "10", "--method", "cash", data_dir=d)
    assert refused.returncode == 2 and refused.stdout == ""
    assert "尚未插入电表" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
    assert journal(d) == before

    bad = run("recharge", LI, "--amount", "abc", "--method", "cash", data_dir=d)  # the real entry point
    assert bad.returncode == 2 and journal(d) == before


def test_card_replace_retires_the_old_card_and_the_new_one_takes_purchases(d: Path, cli: Commands) -> None:
    first = cli.json("recharge", LI, "--amount", "30", "--method", "wechat", "--reference", "WX1", data_dir=d)
    rep = cli.json("card", "replace", LI, "--method", "cash", "--tendered", "20", data_dir=d)
    assert (rep["card_state"], rep["purchase_count"], rep["purchase"], rep["fee"]) == (
        "written",
        1,
        "30.00",
        "20.00",
    )
    assert rep["retired"] and rep["serial"] not in rep["retired"]
    assert (d / "cards" / f"retired-{rep['retired'][0]}.json").exists()
    assert [k for _, k in journal(d)][-2:] == ["card_replaced", "card_written"]
    # the meter has not loaded purchase 1 yet: the new card carries it, so a new purchase waits
    refused = cli.run("recharge", LI, "--amount", "10", "--method", "cash", data_dir=d)
    assert refused.returncode == 2 and f"第 {first['purchase_count']} 次" in refused.stderr
    assert cli.json("verify", data_dir=d)["ok"] is True


def test_a_card_another_counter_owes_a_write_is_refused_with_one_sentence(d: Path, cli: Commands) -> None:
    """Issue 26, defect 5: T099 of the hall owes LI's card purchase #1 (as pulled); this counter sells none."""
    from cardreader.sim_cli import default_serial

    with closing(sqlite3.connect(d / "local.db")) as conn, conn:
        conn.execute(
            "INSERT INTO card_owed_elsewhere VALUES ('T099-20261207-0001', 'T099', 'e-1', ?, ?, 1, 20000)",
            (default_serial(LI), LI),
        )
    before = journal(d)
    refused = cli.run("recharge", LI, "--amount", "150", "--method", "cash", data_dir=d)
    assert refused.returncode == 2 and refused.stdout == ""
    assert "柜台 T099 尚欠此卡第 1 次购电（200.00 元" in refused.stderr and journal(d) == before
