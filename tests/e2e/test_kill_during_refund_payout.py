"""SIGKILL at random points of a stream of refund pay-outs: each pay-out is all there (entry, refund marked paid
by it, receipt, cash out of the shift) or not at all, and a refund already paid out is refused afterwards."""

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

from app.money import parse_yuan
from tests.e2e.cli import ROOT, env, run, run_json, verify_here


def signed_yuan(text: str) -> int:
    """Expected cash goes below zero when the pay-outs exceed the float and the day's takings."""
    return -parse_yuan(text[1:]) if text.startswith("-") else parse_yuan(text, allow_zero=True)


CNO = "1000000004"
REFUNDS = 20000

WORKER = r"""
import sys, sqlite3, bootstrap
from app.services.refund_payout import PayoutRequest, pay_out
w = bootstrap.open_terminal(__import__("pathlib").Path(sys.argv[1]), generated_customers=0)
print("ready", flush=True)
while True:
    con = sqlite3.connect(sys.argv[2])
    owed = [r for (r,) in con.execute("SELECT refund_id FROM refunds_owed WHERE paid_seq IS NULL ORDER BY refund_id")]
    con.close()
    for rid in owed:
        pay_out(w.ctx, PayoutRequest(sys.argv[3], "C01", (rid,)))
"""


def _order_refunds(db) -> dict[str, int]:
    """Refund orders as the pull stores them (db/refund_repos.apply_pulled_refunds): amounts 1.01, 1.02, … (distinct: a mix-up shows)"""
    con = sqlite3.connect(db)
    orders = {f"r{n:04d}": 100 + n for n in range(1, REFUNDS + 1)}
    con.executemany(
        "INSERT INTO refunds_owed (refund_id, customer_no, amount_fen, case_id, order_entry_id, ordered_at,"
        " central_status) VALUES (?, ?, ?, ?, ?, '2026-11-23T01:00:00Z', 'ordered')",
        [(rid, CNO, amount, f"double_payment:{rid}:", f"hq-{rid}") for rid, amount in orders.items()],
    )
    con.commit()
    con.close()
    return orders


def check_books(db, orders: dict[str, int]) -> int:
    """Every refund_payout entry has its receipt and marked exactly its refunds paid; nothing else is paid."""
    con = sqlite3.connect(db)
    entries = [
        (seq, json.loads(p))
        for seq, p in con.execute("SELECT seq, payload FROM journal WHERE kind='refund_payout' ORDER BY seq")
    ]
    paid = dict(
        con.execute("SELECT refund_id, paid_seq FROM refunds_owed WHERE paid_seq IS NOT NULL").fetchall()
    )
    receipts = dict(
        con.execute("SELECT receipt_no, entry_seq FROM receipts WHERE kind='refund_payout'").fetchall()
    )
    con.close()
    named = {r["refund_id"]: seq for seq, p in entries for r in p["refunds"]}
    assert paid == named  # a refund is paid iff one entry names it, and by that entry
    assert receipts == {p["receipt_no"]: seq for seq, p in entries}
    for _seq, p in entries:
        assert p["amount_fen"] == sum(orders[r["refund_id"]] for r in p["refunds"])
        assert [r["amount_fen"] for r in p["refunds"]] == [orders[r["refund_id"]] for r in p["refunds"]]
    return len(entries)


def test_sigkill_mid_refund_payout_never_leaves_half_a_payout(_terminal_template, tmp_path, fixed_now):
    data_dir = tmp_path / "T01"
    shutil.copytree(_terminal_template, data_dir)  # the demo terminal an empty directory becomes
    db = data_dir / "local.db"
    orders = _order_refunds(db)
    expected_before = signed_yuan(run_json("shift", "status", data_dir=data_dir)["expected_cash"])
    rng = random.Random(21)
    total = 0
    for round_ in range(10):
        proc = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(data_dir), str(db), CNO],
            stdout=subprocess.PIPE,
            env=env(),
            cwd=ROOT,
            text=True,
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.01, 0.15))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        count = check_books(db, orders)
        assert count >= total
        total = count
        assert verify_here(data_dir) if round_ < 9 else run("verify", data_dir=data_dir).returncode == 0
    assert 10 < total < REFUNDS  # the kills landed among pay-outs, not before the first or after the last

    con = sqlite3.connect(db)
    paid_fen = con.execute(
        "SELECT coalesce(sum(amount_fen), 0) FROM refunds_owed WHERE paid_seq IS NOT NULL"
    ).fetchone()[0]
    first_paid = con.execute(
        "SELECT refund_id FROM refunds_owed WHERE paid_seq IS NOT NULL ORDER BY refund_id"
    ).fetchone()[0]
    head = con.execute("SELECT max(seq) FROM journal").fetchone()[0]
    con.close()
    status = run_json("shift", "status", data_dir=data_dir)
    assert signed_yuan(status["expected_cash"]) == expected_before - paid_fen
    assert (status["refund_payouts"], parse_yuan(status["refund_paid_out"])) == (total, paid_fen)

    again = run("refund", "pay-out", CNO, "--refund", first_paid, data_dir=data_dir)
    assert again.returncode == 2 and again.stderr.strip().startswith(f"退款单 {first_paid} 已由本机第")
    assert len(again.stderr.strip().splitlines()) == 1
    con = sqlite3.connect(db)
    assert con.execute("SELECT max(seq) FROM journal").fetchone()[0] == head  # the refusal wrote nothing
    con.close()


def test_the_command_line_shows_the_refund_owed_and_pays_it_out_once(_terminal_template, tmp_path):
    data_dir = tmp_path / "T01"
    shutil.copytree(_terminal_template, data_dir)  # the demo terminal an empty directory becomes
    con = sqlite3.connect(data_dir / "local.db")
    con.execute(
        "INSERT INTO refunds_owed (refund_id, customer_no, amount_fen, case_id, order_entry_id, ordered_at, "
        "central_status) VALUES ('r-1', ?, 12345, 'double_payment:e1:b1', 'hq-1', '2026-11-23T01:00:00Z', "
        "'ordered')",
        (CNO,),
    )
    con.commit()
    con.close()
    assert run_json("lookup", CNO, data_dir=data_dir)["refund_owed"] == "123.45"
    owed = run_json("refund", "owed", CNO, data_dir=data_dir)
    assert (owed["owed"], [r["refund_id"] for r in owed["refunds"]]) == ("123.45", ["r-1"])
    paid = run_json("refund", "pay-out", CNO, data_dir=data_dir)
    assert (paid["amount"], paid["refunds"], paid["customer_no"]) == ("123.45", ["r-1"], CNO)
    assert run_json("lookup", CNO, data_dir=data_dir)["refund_owed"] == "0.00"
    again = run("refund", "pay-out", CNO, data_dir=data_dir)
    assert again.returncode == 2 and again.stderr.strip() == f"用户 {CNO} 没有待领的退款。"
    assert run("verify", data_dir=data_dir).returncode == 0
