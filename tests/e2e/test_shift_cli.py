"""`shift close|report|signoff` and `reverse` as a user types them, run in this process through the command
line's own parser and dispatch (tests/e2e/cli.InProcess)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import pytest

from tests.e2e.cli import InProcess, demo_copy


def money_tables(data_dir: Path) -> dict[str, list]:
    from db.local_schema import MONEY_TABLES

    with closing(sqlite3.connect(data_dir / "local.db")) as conn, conn:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in MONEY_TABLES}


class Cli(InProcess):
    def ok_json(self, data_dir: Path, *args: str) -> dict:
        result = self(data_dir, *args, "--json")
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    def refused(self, data_dir: Path, *args: str) -> str:
        before = money_tables(data_dir)
        result = self(data_dir, *args)
        assert result.returncode != 0
        assert result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert money_tables(data_dir) == before
        return result.stderr.strip()


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    """The commands run in this process (tests/e2e/cli.InProcess): about 35 Python starts cost this file
    60-150 s on the shared machine and say nothing about a shift's rules."""
    return Cli(monkeypatch, capsys, HALLPAY_SUPERVISOR_PIN="999999")


def test_a_day_at_the_counter_closed_and_reported(_terminal_template: Path, tmp_path: Path, cli: Cli) -> None:
    d = demo_copy(_terminal_template, tmp_path)
    cli.ok_json(d, "pay", "1000000001", "--method", "cash", "--tendered", "300")  # 191.10, change 108.90
    cli.ok_json(d, "pay", "1000000002", "--method", "wechat", "--reference", "WX1")  # 3041.00
    prepay = cli.ok_json(d, "pay", "1000000004", "--method", "cash", "--amount", "50", "--tendered", "100")
    assert "不是主管" in cli.refused(
        d, "reverse", prepay["receipt_no"], "--reason", "录错", "--supervisor", "C02"
    )
    rev = cli.ok_json(d, "reverse", prepay["receipt_no"], "--reason", "录错", "--supervisor", "S01")
    assert rev["refund"] == "50.00" and rev["balance_after"] == "20.00"

    status = cli.ok_json(d, "shift", "status")
    assert status["expected_cash"] == "691.10"  # 500.00 + 191.10 + 50.00 − 50.00
    assert "不是“券别x张数”" in cli.refused(d, "shift", "close", "--count", "100x6,abc")
    assert "原因" in cli.refused(d, "shift", "close", "--count", "100x6,50x1,20x2")  # 短款 1.10
    assert "主管" in cli.refused(d, "shift", "close", "--count", "100x6", "--reason", "少了")  # 短款 91.10
    assert "有效日期" in cli.refused(d, "shift", "report", "--day", "2026-13-01")

    closed = cli.ok_json(d, "shift", "close", "--count", "100x6,50x1,20x2", "--reason", "找零多给")
    assert (closed["expected_cash"], closed["counted_cash"], closed["difference"]) == (
        "691.10",
        "690.00",
        "-1.10",
    )
    assert closed["by_method"]["cash"] == {
        "count": 2,
        "amount": "241.10",
        "refund_count": 1,
        "refunded": "50.00",
        "net": "191.10",
    }
    assert (
        closed["by_method"]["wechat"]["amount"] == "3041.00" and closed["by_method"]["wechat"]["count"] == 1
    )
    assert closed["deposit"] == "190.00" and closed["kept_counts"] == "100x5"
    assert "没有已开的班次" in cli.refused(d, "pay", "1000000005", "--method", "cash", "--amount", "10")

    signed = cli(d, "shift", "signoff", "--supervisor", "S01")
    assert signed.returncode == 0, signed.stderr
    report = cli.ok_json(d, "shift", "report", "--day", "2026-11-23", "--pdf", str(tmp_path / "day.pdf"))
    assert report["expected_cash"] == "691.10" and report["difference"] == "-1.10"
    assert report["signed_off_by"] == "S01" and report["clerks"]["C01"]["receipts"] == 3
    assert Path(report["pdf"]).is_file() and Path(report["slip"]).is_file()
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", report["pdf"], "-"], capture_output=True, text=True
        ).stdout
        assert "691.10" in text and "690.00" in text and "3,041.00" in text and "短款 1.10" in text
        slip = subprocess.run(
            ["pdftotext", "-layout", report["slip"], "-"], capture_output=True, text=True
        ).stdout
        assert "190.00" in slip and "壹佰玖拾元整" in slip


def test_close_without_a_count_is_one_sentence(_terminal_template: Path, tmp_path: Path, cli: Cli) -> None:
    d = demo_copy(_terminal_template, tmp_path)
    assert cli(d, "shift", "status").returncode == 0  # initialise the demo terminal
    assert "--count" in cli.refused(d, "shift", "close")
    assert "没有工号" in cli.refused(
        d, "reverse", "T01-20261123-0001", "--reason", "x", "--supervisor", "S09"
    )


def test_bad_counts_change_nothing(_terminal_template: Path, tmp_path: Path, cli: Cli) -> None:
    d = demo_copy(_terminal_template, tmp_path)
    assert cli(d, "shift", "status").returncode == 0
    for count in ("", "100x5,300x1", "100x-1"):
        cli.refused(d, "shift", "close", "--count", count)


def test_change_of_72_55_and_a_count_with_fen_coins_balance(
    _terminal_template: Path, tmp_path: Path, cli: Cli
) -> None:
    d = demo_copy(_terminal_template, tmp_path)
    paid = cli.ok_json(d, "pay", "1000000004", "--method", "cash", "--amount", "227.45", "--tendered", "300")
    assert paid["change"] == "72.55"
    assert "0.03 元不是可清点的券别" in cli.refused(d, "shift", "close", "--count", "100x7,0.03x1")
    closed = cli.ok_json(d, "shift", "close", "--count", "100x7,20x1,5x1,1x2,0.1x4,0.05x1")
    assert (closed["expected_cash"], closed["counted_cash"], closed["difference"]) == (
        "727.45",
        "727.45",
        "0.00",
    )
    assert closed["difference_label"] == "账款相符"
    assert (closed["deposit"], closed["deposit_counts"], closed["kept_counts"]) == (
        "227.45",
        "100x2,20x1,5x1,1x2,0.1x4,0.05x1",
        "100x5",
    )
