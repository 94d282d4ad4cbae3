"""The command line as a clerk or an intruder types it: PINs, supervisor approval, verify, verify-receipt.

The refusals run in this process through the command line's own parser and dispatch (tests/e2e/cli.InProcess)
on a copy of the session's demo terminal: ~20 Python starts, each building a 300-customer demo, were the
file's whole cost. A real process still runs where the process matters: the approved reverse's stdout is one
JSON object and its log file holds no PIN, and `verify --json` exits non-zero on a tampered journal."""

from __future__ import annotations

import io
import json
import logging
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from db.local_schema import MONEY_TABLES
from tests.e2e.cli import InProcess

ROOT = Path(__file__).resolve().parents[2]
NOW = "2026-11-23T10:00:00+08:00"


def run(d: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    e = {k: v for k, v in os.environ.items() if not k.startswith("HALLPAY_")}
    e.update({"HALLPAY_NOW": NOW, "QT_QPA_PLATFORM": "offscreen", **env})
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args, "--data-dir", str(d)],
        capture_output=True,
        text=True,
        env=e,
        cwd=ROOT,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def money(d: Path) -> dict[str, list]:
    with closing(sqlite3.connect(d / "local.db")) as conn, conn:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in MONEY_TABLES}


class Cli(InProcess):
    def refused(self, d: Path, *args: str, **env: str) -> str:
        before = money(d)
        r = self(d, *args, **env)
        assert r.returncode != 0 and r.stdout == ""
        assert money(d) == before
        return r.stderr


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    for name in [k for k in os.environ if k.startswith("HALLPAY_")]:  # as run() drops them
        monkeypatch.delenv(name)
    return Cli(monkeypatch, capsys)


@pytest.fixture
def d(_terminal_template: Path, tmp_path: Path) -> Path:
    shutil.copytree(_terminal_template, tmp_path / "T01")
    return tmp_path / "T01"


@pytest.fixture
def logged() -> Iterator[io.StringIO]:
    """Every log line the in-process commands write, formatted as bootstrap.setup_logging's file has it
    (a process's log file is its first terminal's: these commands' lines would land in another directory)."""
    text = io.StringIO()
    handler = logging.StreamHandler(text)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield text
    finally:
        root.removeHandler(handler)


def test_pins_and_supervisor_approval_on_the_command_line(d: Path, cli: Cli, logged: io.StringIO) -> None:
    paid = cli(d, "pay", "1000000001", "--method", "cash", "--tendered", "300", "--json")  # demo fallback
    assert paid.returncode == 0, paid.stderr
    receipt = json.loads(paid.stdout)
    no = receipt["receipt_no"]
    assert "密码不正确" in cli.refused(
        d, "pay", "1000000002", "--method", "cash", "--amount", "10", HALLPAY_PIN="123456"
    )
    assert "密码不正确" in cli.refused(d, "lookup", "1000000001", "--clerk", "C02", HALLPAY_PIN="111111")
    rev = ("reverse", no, "--reason", "录错", "--json")
    assert "不是主管" in cli.refused(d, *rev, "--supervisor", "C02", HALLPAY_SUPERVISOR_PIN="222222")
    assert "密码不正确" in cli.refused(d, *rev, "--supervisor", "S01")  # no demo fallback for a supervisor
    assert "密码不正确" in cli.refused(d, *rev, "--supervisor", "S01", HALLPAY_SUPERVISOR_PIN="111111")
    assert "自己审批" in cli.refused(
        d,
        *rev,
        "--supervisor",
        "S01",
        "--clerk",
        "S01",
        HALLPAY_PIN="999999",
        HALLPAY_SUPERVISOR_PIN="999999",
    )
    ok = run(d, *rev, "--supervisor", "S01", HALLPAY_SUPERVISOR_PIN="999999")  # the real entry point
    assert ok.returncode == 0, ok.stderr
    out = json.loads(ok.stdout)  # one JSON object, nothing else
    assert out["refund"] == "191.10" and "999999" not in ok.stdout + ok.stderr
    short = ("shift", "close", "--count", "100x1", "--reason", "少收")
    assert "主管" in cli.refused(d, *short)
    assert "不是主管" in cli.refused(d, *short, "--supervisor", "C02", HALLPAY_SUPERVISOR_PIN="222222")
    assert cli(d, *short, "--supervisor", "S01", HALLPAY_SUPERVISOR_PIN="999999").returncode == 0
    assert "主管" in cli.refused(d, "reprint", no)  # its shift is closed now
    assert cli(d, "reprint", no, "--supervisor", "S01", HALLPAY_SUPERVISOR_PIN="999999").returncode == 0
    for _ in range(5):
        cli(d, "lookup", "1000000001", HALLPAY_PIN="000001")
    assert "锁定" in cli.refused(d, "lookup", "1000000001", HALLPAY_PIN="111111")
    log_text = logged.getvalue() + "".join(p.read_text(errors="replace") for p in (d / "logs").glob("*"))
    assert "999999" not in log_text and "111111" not in log_text


def test_verify_names_a_tampered_entry_and_verify_receipt_spots_a_forgery(d: Path, cli: Cli) -> None:
    paid = cli(d, "pay", "1000000001", "--method", "wechat", "--reference", "W1", "--json")
    assert paid.returncode == 0, paid.stderr
    assert oct((d / "terminal.key").stat().st_mode & 0o777) == "0o600"
    with closing(sqlite3.connect(d / "local.db")) as conn, conn:
        seq, body = conn.execute("SELECT r.entry_seq, r.body FROM receipts r").fetchone()
    qr = json.loads(body)["qr_text"]
    good = cli(d, "verify-receipt", qr)
    assert good.returncode == 0 and "是真的" in good.stdout
    forged = cli(d, "verify-receipt", qr.replace("|T01-", "|T01-").replace("|191.10|", "|1.10|"))
    assert forged.returncode != 0 and "不是真的" in forged.stderr
    assert cli(d, "verify").returncode == 0
    with closing(sqlite3.connect(d / "local.db")) as conn, conn:
        conn.execute("DROP TRIGGER journal_no_update")
        conn.execute(f"UPDATE journal SET clerk_id = 'C02' WHERE seq = {seq}")
    bad = run(d, "verify", "--json")  # the real entry point's exit code
    assert bad.returncode != 0
    assert f"#{seq}" in json.loads(bad.stdout)["problem"]
