"""SIGKILL of `pay --auth-code` after the request left and before the acquirer's answer came back, then a
restart: the trade is queried and either recorded once or cancelled. Never charged and unrecorded, never
recorded twice (issue 19). The acquirer is the simulator on loopback, holding its answer back."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.wallet import WalletKind
from tests.e2e.cli import ROOT, Commands, demo_copy, env, run
from tests.integration.wallet_fixtures import DAY, wire
from wallets.codes import payment_code
from wallets.sim import AcquirerSim

CUSTOMER = "1000000004"


def books(db: Path) -> dict:
    con = sqlite3.connect(db)
    try:
        pays = [
            json.loads(p)
            for (p,) in con.execute("SELECT payload FROM journal WHERE kind='payment' ORDER BY seq")
        ]
        attempts = [
            json.loads(p)["out_trade_no"]
            for (p,) in con.execute("SELECT payload FROM journal WHERE kind='wallet_attempt'")
        ]
        outcomes = [
            json.loads(p) for (p,) in con.execute("SELECT payload FROM journal WHERE kind='wallet_outcome'")
        ]
        balance = con.execute(
            "SELECT balance_fen FROM customers WHERE customer_no=?", (CUSTOMER,)
        ).fetchone()[0]
    finally:
        con.close()
    return {
        "refs": [p["reference"] for p in pays],
        "amounts": [p["amount_fen"] for p in pays],
        "attempts": attempts,
        "outcomes": outcomes,
        "balance": balance,
    }


def kill_mid_request(
    data_dir: Path,
    sim: AcquirerSim,
    kind: WalletKind,
    scenario: str,
    wait_for: tuple[str, ...] = ("alipay.trade.pay", "/pay/micropay"),
) -> None:
    sent = len(sim.requests)
    code = payment_code(kind, scenario)
    proc = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "pay",
            CUSTOMER,
            "--method",
            kind.value,
            "--amount",
            "12.34",
            "--auth-code",
            code,
            "--json",
            "--data-dir",
            str(data_dir),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env(),
        cwd=ROOT,
    )
    deadline = time.monotonic() + 60
    while not any(method in wait_for for _, method, _ in sim.requests[sent:]):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the pay request never reached the acquirer"
        time.sleep(0.02)
    # the request is at the acquirer, its answer held back: the process can only wait for it now
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()  # type: ignore[union-attr]
    proc.stderr.close()  # type: ignore[union-attr]


def test_sigkill_mid_request_then_restart_records_once_or_cancels(
    _terminal_template: Path, tmp_path: Path
) -> None:
    data_dir = demo_copy(_terminal_template, tmp_path)
    sim = AcquirerSim(delay_s=30.0).start()  # answers held back longer than the test runs
    sim.today = lambda: DAY
    try:
        wire(data_dir, sim, timeout_s=10.0, deadline_s=5.0)
        queried = ("alipay.trade.query", "/pay/orderquery")  # killed while polling USERPAYING
        cases = [
            (WalletKind.ALIPAY, "timeout_taken", None),
            (WalletKind.WECHAT, "slow", None),
            (WalletKind.WECHAT, "timeout_taken", None),
            (WalletKind.ALIPAY, "slow", None),
            (WalletKind.WECHAT, "userpaying_forever", queried),
        ]
        recorded = 0
        for kind, scenario, wait_for in cases:
            kill_mid_request(data_dir, sim, kind, scenario, *([wait_for] if wait_for else []))
            b = books(data_dir / "local.db")
            number = b["attempts"][-1]
            assert number not in {o["out_trade_no"] for o in b["outcomes"]}  # died before the answer
            assert len(b["refs"]) == recorded  # no money entry without the acquirer's answer
            # restart: the open attempt is queried, then recorded once (money taken) or cancelled
            out = json.loads(run("wallet", "resolve", "--json", data_dir=data_dir, check=True).stdout)
            trade = sim.trade(kind.value, number)
            assert trade is not None
            if scenario == "timeout_taken":
                assert [(r["out_trade_no"], r["outcome"]) for r in out["resolved"]] == [(number, "paid")]
                assert trade.state == "SUCCESS"
                recorded += 1
            else:  # still paying (or typing the password) when the counter died: cancelled, nothing taken
                assert [(r["out_trade_no"], r["outcome"]) for r in out["resolved"]] == [(number, "cancelled")]
                assert trade.state == "CLOSED"
            b = books(data_dir / "local.db")
            assert len(b["refs"]) == recorded and b["refs"].count(trade.trade_no) == (
                trade.state == "SUCCESS"
            )
            assert number in {o["out_trade_no"] for o in b["outcomes"]}  # settled: a next start leaves it be
        # the next payment after all that is an ordinary one
        result = run(
            "pay",
            CUSTOMER,
            "--method",
            "alipay",
            "--amount",
            "1.00",
            "--auth-code",
            payment_code(WalletKind.ALIPAY),
            "--json",
            data_dir=data_dir,
        )
        assert result.returncode == 0, result.stderr
        b = books(data_dir / "local.db")
        taken = {t.trade_no: t for t in sim.trades.values() if t.state == "SUCCESS"}
        # every trade the acquirer holds money for is in the journal exactly once, and nothing else is
        assert sorted(b["refs"]) == sorted(taken) and len(set(b["refs"])) == len(b["refs"]) == 3
        assert all(t.state == "CLOSED" for t in sim.trades.values() if t.trade_no not in taken)
        assert b["balance"] == 2000 + 2 * 1234 + 100
        assert {o["out_trade_no"] for o in b["outcomes"]} == set(b["attempts"])  # nothing left open
        assert run("verify", data_dir=data_dir).returncode == 0
    finally:
        sim.stop()


def test_pay_auth_code_on_the_command_line(
    _terminal_template: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """No kill here: the commands run in this process (tests/e2e/cli.Commands)."""
    data_dir = demo_copy(_terminal_template, tmp_path)
    run = Commands(monkeypatch, capsys).run
    sim = AcquirerSim().start()
    sim.today = lambda: DAY
    try:
        wire(data_dir, sim)
        before = books(data_dir / "local.db")
        for bad in (
            ["--auth-code", "991234567890123456"],
            ["--auth-code", payment_code(WalletKind.ALIPAY), "--reference", "X1"],
        ):
            r = run("pay", CUSTOMER, "--method", "alipay", "--amount", "5", *bad, data_dir=data_dir)
            assert r.returncode == 2 and r.stdout == "" and len(r.stderr.strip().splitlines()) == 1
        assert books(data_dir / "local.db") == before
        r = run(
            "pay",
            CUSTOMER,
            "--method",
            "wechat",
            "--amount",
            "5",
            "--auth-code",
            payment_code(WalletKind.WECHAT, "insufficient"),
            data_dir=data_dir,
        )
        assert r.returncode == 2 and "余额不足" in r.stderr and books(data_dir / "local.db")["refs"] == []
        r = run(
            "pay",
            CUSTOMER,
            "--method",
            "wechat",
            "--amount",
            "5",
            "--auth-code",
            payment_code(WalletKind.ALIPAY),
            "--json",
            data_dir=data_dir,
        )  # wrong key: the code decides
        out = json.loads(r.stdout)
        assert out["method"] == "alipay" and out["wallet"] == "alipay" and out["corrected"] is True
        assert (
            out["amount"] == "5.00" and out["trade_no"] == sim.trade("alipay", out["out_trade_no"]).trade_no
        )
        assert "付款码属于支付宝" in r.stderr
    finally:
        sim.stop()
