"""Issue 18: a receipt whose bytes reached the printer before a SIGKILL is recorded printed after a restart.

The review of 2026-11-28 killed `pay` 18 times; 9 receipts had gone to the printer and stayed `pending`.
Here `pay` prints to a real TCP listener playing an ESC/POS printer: it answers the two status queries
before the job, takes the receipt's bytes, and never answers the status query after the job, so the
process is stopped exactly between "the bytes are at the printer" and "the result is recorded". The
control kills it before the job was sent: that receipt stays pending (nothing claims a print that did not
happen). Both end with the books checked: one payment, one receipt, the chain intact.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from printing.escpos_bytes import STATUS_PAPER, STATUS_PRINTER
from tests.e2e.cli import ROOT, demo_copy, env, run

READY = bytes([0x12])  # the fixed bits of a status byte: online, paper present


class HoldingPrinter:
    """Answers the status queries before the job, then holds: `held` is set when the process waits."""

    def __init__(self, answer_before_job: bool) -> None:
        self.answer_before_job = answer_before_job
        self.received = bytearray()
        self.held = threading.Event()
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.conns: list[socket.socket] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        try:
            conn, _ = self.server.accept()
        except OSError:  # closed by the test before anyone connected
            return
        self.conns.append(conn)
        answered = 0
        while chunk := conn.recv(65536):
            self.received += chunk
            if not self.answer_before_job:
                self.held.set()  # the first status query: the job was never sent
                continue
            if answered == 0 and bytes(self.received) == STATUS_PRINTER:
                conn.sendall(READY)
                answered = 1
            elif answered == 1 and bytes(self.received) == STATUS_PRINTER + STATUS_PAPER:
                conn.sendall(READY)
                answered = 2
            elif answered == 2 and len(self.received) > 6 and self.received.endswith(STATUS_PRINTER):
                self.held.set()  # the job is in; the process now waits for the answer it never gets

    def job_bytes(self) -> bytes:
        return bytes(self.received[len(STATUS_PRINTER + STATUS_PAPER) : -len(STATUS_PRINTER)])

    def close(self) -> None:
        for conn in self.conns:
            conn.close()
        self.server.close()


def _terminal_printing_to(template: Path, tmp_path: Path, port: int) -> Path:
    data_dir = demo_copy(template, tmp_path)  # the demo terminal
    config = data_dir / "config.toml"
    text = config.read_text(encoding="utf-8")
    text = text.replace('kind = "file"', 'kind = "network"').replace("port = 9100", f"port = {port}")
    config.write_text(text.replace("timeout_s = 3", "timeout_s = 30"), encoding="utf-8")
    return data_dir


def _kill_pay_when_held(data_dir: Path, printer: HoldingPrinter) -> None:
    cmd = [
        sys.executable,
        str(ROOT / "main.py"),
        "pay",
        "1000000001",
        "--method",
        "wechat",
        "--reference",
        "K18",
        "--json",
        "--data-dir",
        str(data_dir),
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env(), cwd=ROOT)
    try:
        for _ in range(900):  # up to 90 s on a busy machine; a pay that ends first failed the setup
            if printer.held.wait(0.1) or proc.poll() is not None:
                break
        assert printer.held.is_set(), f"pay never reached the printer: {proc.communicate()}"
        os.kill(proc.pid, signal.SIGKILL)
        out, _err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL and out == b""  # killed before it said anything


def _receipts(db: Path) -> list[tuple[str, str, int]]:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT receipt_no, print_state, print_count FROM receipts").fetchall()
    finally:
        con.close()


def _check_books(data_dir: Path) -> str:
    """One payment of 191.10 (bills 1000000001-a with its 1.00 fee and -b), its receipt, chain intact."""
    con = sqlite3.connect(data_dir / "local.db")
    try:
        payments = [
            json.loads(p) for (p,) in con.execute("SELECT payload FROM journal WHERE kind = 'payment'")
        ]
        paid = dict(
            con.execute("SELECT bill_id, principal_paid_fen FROM bills WHERE customer_no = '1000000001'")
        )
        receipts = [r for (r,) in con.execute("SELECT receipt_no FROM receipts")]
    finally:
        con.close()
    assert [(p["customer_no"], p["amount_fen"]) for p in payments] == [("1000000001", 19110)]
    assert paid == {"1000000001-a": 10000, "1000000001-b": 9010}
    assert receipts == [payments[0]["receipt_no"]]
    assert run("verify", data_dir=data_dir).returncode == 0
    return receipts[0]


@pytest.mark.timeout(300)
def test_bytes_at_the_printer_then_sigkill_is_printed_after_restart(_terminal_template, tmp_path):
    printer = HoldingPrinter(answer_before_job=True)
    try:
        data_dir = _terminal_printing_to(_terminal_template, tmp_path, printer.port)
        _kill_pay_when_held(data_dir, printer)
        [(receipt_no, state, count)] = _receipts(data_dir / "local.db")
        assert (state, count) == ("sent", 0)  # the fact survived the kill
        assert printer.job_bytes() == (data_dir / "receipts" / f"{receipt_no}.bin").read_bytes()
    finally:
        printer.close()
    run("lookup", "1000000001", data_dir=data_dir, check=True)  # any restart finishes it
    assert _receipts(data_dir / "local.db") == [(receipt_no, "printed", 1)]
    assert _check_books(data_dir) == receipt_no


@pytest.mark.timeout(300)
def test_killed_before_the_job_was_sent_stays_pending(_terminal_template, tmp_path):
    printer = HoldingPrinter(answer_before_job=False)
    try:
        data_dir = _terminal_printing_to(_terminal_template, tmp_path, printer.port)
        _kill_pay_when_held(data_dir, printer)
        assert bytes(printer.received) == STATUS_PRINTER  # no receipt byte reached the printer
    finally:
        printer.close()
    run("lookup", "1000000001", data_dir=data_dir, check=True)
    receipt_no = _check_books(data_dir)
    assert _receipts(data_dir / "local.db") == [(receipt_no, "pending", 0)]  # waits for a reprint
