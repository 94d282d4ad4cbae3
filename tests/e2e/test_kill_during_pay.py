"""SIGKILL at random points of a stream of payments: each payment is all there or not at all."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

from tests.e2e.cli import ROOT, env, run, verify_here

WORKER = r"""
import sys, bootstrap
from app.model import Method
from app.services.payments import PayRequest, pay
w = bootstrap.open_terminal(__import__("pathlib").Path(sys.argv[1]), generated_customers=0)
print("ready", flush=True)
n = 0
while True:
    n += 1
    pay(w.ctx, PayRequest("1000000004", Method.CASH, "C01", amount_fen=n, tendered_fen=n + 100))
"""


def check_books(db) -> int:
    con = sqlite3.connect(db)
    entries = [json.loads(p) for (p,) in con.execute("SELECT payload FROM journal WHERE kind='payment'")]
    receipts = {r for (r,) in con.execute("SELECT receipt_no FROM receipts")}
    balance = con.execute("SELECT balance_fen FROM customers WHERE customer_no='1000000004'").fetchone()[0]
    counter = con.execute("SELECT coalesce(max(last), 0) FROM receipt_counters").fetchone()[0]
    con.close()
    assert receipts == {e["receipt_no"] for e in entries}
    assert counter == len(entries)
    assert balance == 2000 + sum(e["amount_fen"] for e in entries)
    # every entry's balance-after chains on from the one before
    for before, after in zip(entries, entries[1:]):
        assert after["balance_before_fen"] == before["balance_after_fen"]
    return len(entries)


def test_sigkill_mid_payment_never_leaves_half_a_payment(_terminal_template, tmp_path, fixed_now):
    data_dir = tmp_path / "T01"
    shutil.copytree(_terminal_template, data_dir)  # the demo terminal an empty directory becomes
    rng = random.Random(7)
    total = 0
    for round_ in range(12):
        proc = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(data_dir)],
            stdout=subprocess.PIPE,
            env=env(),
            cwd=ROOT,
            text=True,
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.01, 0.4))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        count = check_books(data_dir / "local.db")
        assert count >= total
        total = count
        assert verify_here(data_dir) if round_ < 11 else run("verify", data_dir=data_dir).returncode == 0
    assert total > 12  # the kills really landed among payments, not before the first one
