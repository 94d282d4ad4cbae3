"""`screenshot` never writes the real journal; `verify-receipt` says when a receipt was reversed (issue 16).

Both start from a copy of the session's demo terminal (tests/conftest.py), not a process building a
300-customer demo; the screenshot stays a real process (it starts Qt), verify-receipt runs in this process
through the command line's own parser and dispatch (tests/e2e/cli.InProcess)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.cli import InProcess
from tests.e2e.test_pay_cli import money_tables_digest

ROOT = Path(__file__).resolve().parents[2]
NOW = "2026-11-23T10:00:00+08:00"


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "HALLPAY_NOW": NOW,
        "QT_QPA_PLATFORM": "offscreen",
        "HALLPAY_SUPERVISOR_PIN": "999999",
    }
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


@pytest.fixture
def d(_terminal_template: Path, tmp_path: Path) -> Path:
    shutil.copytree(_terminal_template, tmp_path / "T01")
    return tmp_path / "T01"


def test_screenshot_of_history_books_nothing_in_the_real_data_dir(d, tmp_path):
    before = money_tables_digest(d / "local.db")
    receipts_before = sorted(p.name for p in (d / "receipts").iterdir())
    for page in ("history", "recharge"):
        result = run(d, "screenshot", "--page", page, str(tmp_path / f"{page}.png"))
        assert result.returncode == 0, result.stderr
        assert (tmp_path / f"{page}.png").stat().st_size > 10_000
    assert money_tables_digest(d / "local.db") == before
    assert sorted(p.name for p in (d / "receipts").iterdir()) == receipts_before


def test_verify_receipt_reports_a_reversed_receipt_as_reversed(d, monkeypatch, capsys):
    run = InProcess(monkeypatch, capsys, HALLPAY_SUPERVISOR_PIN="999999")
    paid = json.loads(run(d, "pay", "1000000001", "--method", "cash", "--tendered", "200", "--json").stdout)
    con = sqlite3.connect(d / "local.db")
    [(body,)] = con.execute(
        "SELECT body FROM receipts WHERE receipt_no = ?", (paid["receipt_no"],)
    ).fetchall()
    con.close()
    qr = json.loads(body)["qr_text"]
    assert run(d, "verify-receipt", qr).returncode == 0
    rev = run(d, "reverse", paid["receipt_no"], "--reason", "录错", "--supervisor", "S01", "--json")
    assert rev.returncode == 0, rev.stderr
    result = run(d, "verify-receipt", qr)
    assert result.returncode == 4
    assert "是真的" in result.stdout and "已于 2026-11-23 冲正" in result.stdout and "191.10" in result.stdout
    out = json.loads(run(d, "verify-receipt", qr, "--json").stdout)
    assert out["genuine"] is True and out["reversed"] is True and out["reversal"]["refund"] == "191.10"
