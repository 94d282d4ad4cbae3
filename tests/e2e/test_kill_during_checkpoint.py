"""SIGKILL while payments and the store's background WAL checkpoints interleave: the books still add up.

The checkpoint thread (db/checkpoint.py) copies committed pages from the WAL into local.db beside the
payments; a kill in the middle of that copy must lose nothing committed and leave no half payment."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time

from tests.e2e.cli import ROOT, env, run, verify_here
from tests.e2e.test_kill_during_pay import check_books

WORKER = r"""
import random, sys, time, bootstrap
from app.model import Method
from app.services.payments import PayRequest, pay
from db import checkpoint
w = bootstrap.open_terminal(__import__("pathlib").Path(sys.argv[1]), generated_customers=0)
checkpointer = checkpoint._BY_ENGINE[w.store.engine]
checkpointer._quiet_s = 0.001  # checkpoint after nearly every payment
rng = random.Random(int(sys.argv[2]))
print("ready", flush=True)
n = 0
while True:
    n += 1
    pay(w.ctx, PayRequest("1000000004", Method.CASH, "C01", amount_fen=n, tendered_fen=n + 100))
    if n % 5 == 0:
        print("checkpoints", checkpointer.runs, flush=True)
    time.sleep(rng.uniform(0, 0.006))
"""


def test_sigkill_among_payments_and_checkpoints(_terminal_template, tmp_path, fixed_now):
    data_dir = tmp_path / "T01"
    shutil.copytree(_terminal_template, data_dir)  # the demo terminal an empty directory becomes
    rng = random.Random(11)
    total = checkpoints = 0
    for round_ in range(6):
        proc = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(data_dir), str(round_)],
            stdout=subprocess.PIPE,
            env=env(),
            cwd=ROOT,
            text=True,
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.1, 0.5))
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        runs = [int(line.split()[1]) for line in out.splitlines() if line.startswith("checkpoints")]
        checkpoints += runs[-1] if runs else 0
        count = check_books(data_dir / "local.db")
        assert count >= total
        total = count
        assert verify_here(data_dir) if round_ < 5 else run("verify", data_dir=data_dir).returncode == 0
    assert total > 6 and checkpoints > 6  # the kills landed among payments and checkpoints
