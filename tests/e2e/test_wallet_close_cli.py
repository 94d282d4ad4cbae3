"""`shift close` with wallets configured, as a clerk types it (issue 19): the day's reconciliation against the
simulator's statements is printed and recorded with the close; a supervisor's wrong PIN at close closes
nothing; the day cannot be signed off until the differences are; the day report PDF says who signed them."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.wallet import WalletKind
from tests.e2e.cli import ROOT, Commands, demo_copy, env, run, run_json
from tests.integration.wallet_fixtures import DAY, wire
from wallets.codes import payment_code
from wallets.sim import AcquirerSim


def as_supervisor(data_dir: Path, pin: str, *args: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, str(ROOT / "main.py"), *args, "--data-dir", str(data_dir)]
    return subprocess.run(
        cmd, capture_output=True, text=True, env=env(HALLPAY_SUPERVISOR_PIN=pin), cwd=ROOT, timeout=120
    )


def kinds(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return [k for (k,) in con.execute("SELECT kind FROM journal ORDER BY seq")]
    finally:
        con.close()


def test_shift_close_reconciles_records_and_waits_for_the_signature(
    _terminal_template: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The pay, status, close and report run in this process (tests/e2e/cli.Commands); the supervisor's
    commands (PIN from the environment) stay real processes of the real entry point."""
    data_dir = demo_copy(_terminal_template, tmp_path)
    cli = Commands(monkeypatch, capsys)
    sim = AcquirerSim(delay_s=0.5).start()
    sim.today = lambda: DAY
    try:
        wire(data_dir, sim, timeout_s=2.0)
        paid = cli.json(
            "pay",
            "1000000004",
            "--method",
            "alipay",
            "--amount",
            "10.00",
            "--auth-code",
            payment_code(WalletKind.ALIPAY),
            data_dir=data_dir,
        )
        sim._pay("wechat", "HPOTHER0000000001", 7_00, payment_code(WalletKind.WECHAT))  # not in the journal
        extra = sim.trade("wechat", "HPOTHER0000000001").trade_no
        expected = cli.json("shift", "status", data_dir=data_dir)["expected_cash"]
        count = f"0.01x{int(expected.replace('.', ''))}"

        before = kinds(data_dir / "local.db")
        wrong = as_supervisor(
            data_dir,
            "000000",
            "shift",
            "close",
            "--count",
            count,
            "--supervisor",
            "S01",
            "--wallet-reason",
            "客户手机截图核实",
        )
        assert wrong.returncode == 2 and wrong.stderr.strip()
        after = kinds(data_dir / "local.db")
        assert "shift_close" not in after and "wallet_reconciliation" not in after  # nothing closed
        assert after == before  # a refused signature writes no journal entry either

        closed = cli.run("shift", "close", "--count", count, "--json", data_dir=data_dir, check=True)
        out = json.loads(closed.stdout)
        recon = out["wallet_reconciliation"]
        assert recon["state"] == "differences" and out["difference"] == "0.00"
        alipay, wechat = recon["wallets"]
        assert [d["trade_no"] for d in alipay["matched"]] == [paid["trade_no"]]
        assert [(d["trade_no"], d["theirs"]) for d in wechat["extra_at_acquirer"]] == [(extra, "7.00")]
        assert "请主管签认" in closed.stderr
        assert kinds(data_dir / "local.db").count("wallet_reconciliation") == 1

        refused = as_supervisor(data_dir, "999999", "shift", "signoff", "--supervisor", "S01")
        assert refused.returncode == 2 and "未经主管签认" in refused.stderr
        signed = as_supervisor(
            data_dir,
            "999999",
            "wallet",
            "reconcile",
            "--supervisor",
            "S01",
            "--reason",
            "收单机构多记一笔，已申请退回",
        )
        assert signed.returncode == 0, signed.stderr
        assert as_supervisor(data_dir, "999999", "shift", "signoff", "--supervisor", "S01").returncode == 0
        report = cli.json("shift", "report", data_dir=data_dir)
    finally:
        sim.stop()
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    text = subprocess.run(
        ["pdftotext", "-layout", report["pdf"], "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "已由 S01 签认" in text and "收单机构多记一笔" in text and extra in text


def test_sigkill_while_the_statement_is_fetched_closes_nothing_then_the_close_records_once(
    _terminal_template: Path, tmp_path: Path
) -> None:
    """The acquirer is asked before the close's transaction: killed while it answers, the books hold no close
    and no reconciliation; the next `shift close` closes once and records once."""
    import os
    import signal
    import threading

    data_dir = demo_copy(_terminal_template, tmp_path)
    sim = AcquirerSim(delay_s=0.5).start()
    sim.today = lambda: DAY
    asked, hold = threading.Event(), threading.Event()
    real_bill = sim._wechat_bill

    def held_bill(day: str) -> bytes:  # the statement's answer held back until the test lets it go
        asked.set()
        hold.wait(30)
        return real_bill(day)

    sim._wechat_bill = held_bill  # type: ignore[method-assign]
    try:
        wire(data_dir, sim, timeout_s=20.0)
        run_json(
            "pay",
            "1000000004",
            "--method",
            "wechat",
            "--amount",
            "3.21",
            "--auth-code",
            payment_code(WalletKind.WECHAT),
            data_dir=data_dir,
        )
        expected = run_json("shift", "status", data_dir=data_dir)["expected_cash"]
        count = f"0.01x{int(expected.replace('.', ''))}"
        before = kinds(data_dir / "local.db")
        proc = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "main.py"),
                "shift",
                "close",
                "--count",
                count,
                "--json",
                "--data-dir",
                str(data_dir),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env(),
            cwd=ROOT,
        )
        assert asked.wait(60), proc.communicate()
        # the request is at the acquirer and its answer held: the process can only wait for it now
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate()
        hold.set()
        assert kinds(data_dir / "local.db") == before  # no close, no reconciliation, nothing half-written
        assert run_json("shift", "status", data_dir=data_dir)["expected_cash"] == expected  # still open

        sim._wechat_bill = real_bill  # type: ignore[method-assign]
        out = json.loads(
            run("shift", "close", "--count", count, "--json", data_dir=data_dir, check=True).stdout
        )
    finally:
        hold.set()
        sim.stop()
    assert out["wallet_reconciliation"]["state"] == "clean" and out["difference"] == "0.00"
    after = kinds(data_dir / "local.db")
    assert after.count("shift_close") == before.count("shift_close") + 1
    assert after.count("wallet_reconciliation") == 1
    assert run("verify", data_dir=data_dir).returncode == 0
