"""NetworkPrinter against a fake ESC/POS printer: a real TCP listener on 127.0.0.1.

The fake answers DLE EOT 1 / DLE EOT 4 like a thermal printer (paper OK, near end, out;
offline), or refuses, or accepts and never answers, or resets the connection mid-job. Each case
checks the result and its sentence, that the receipt is stored, that the call returns within
timeout_s (+2 s of slack for a busy machine), and that a print succeeds once the printer is back.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.ports import PrinterState
from printing.escpos_bytes import DRAWER_KICK, STATUS_PAPER, STATUS_PRINTER
from printing.network import NetworkPrinter
from tests.unit.receipt_samples import cash_with_change

TIMEOUT_S = 1.0
SLACK_S = 2.0
STATUS_BYTES = STATUS_PRINTER + STATUS_PAPER

# Status answers: fixed bits 1 and 4 set (0x12); DLE EOT 1 bit 3 offline; DLE EOT 4 near end 0x0C, out 0x60.
ANSWERS = {
    "ok": (0x12, 0x12),
    "near_end": (0x12, 0x12 | 0x0C),
    "paper_out": (0x12 | 0x08, 0x12 | 0x0C | 0x60),
    "offline": (0x12 | 0x08, 0x12),
}


class FakePrinter:
    """mode: ok | near_end | paper_out | offline | silent | reset | paper_out_during_job."""

    def __init__(self) -> None:
        self.mode = "ok"
        self.connections: list[bytearray] = []
        self.done = threading.Event()  # set when a connection has ended
        self._stop = threading.Event()
        self._off = threading.Event()
        self._threads: list[threading.Thread] = []
        self.server = self._listen(0)
        self.port = self.server.getsockname()[1]
        self._acceptor = self._start(self._accept_loop)

    def _listen(self, port: int) -> socket.socket:
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", port))
        server.listen(4)
        server.settimeout(0.1)
        return server

    def _start(self, target, *args) -> threading.Thread:
        thread = threading.Thread(target=target, args=args, daemon=True)
        thread.start()
        self._threads.append(thread)
        return thread

    def switch_off(self) -> None:
        """Stop listening (after the accept loop has let go of the socket): connections are refused."""
        self._off.set()
        self._acceptor.join(5)
        self.server.close()

    def switch_on(self) -> None:
        self._off.clear()
        self.server = self._listen(self.port)
        self._acceptor = self._start(self._accept_loop)

    def _accept_loop(self) -> None:
        server = self.server
        while not (self._stop.is_set() or self._off.is_set()):
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return  # switched off
            self._start(self._serve, conn)

    def _serve(self, conn: socket.socket) -> None:
        buf = bytearray()
        self.connections.append(buf)
        self.done.clear()
        mode, scanned = self.mode, 0
        conn.settimeout(0.1)
        try:
            while not self._stop.is_set():
                try:
                    chunk = conn.recv(65536)
                except TimeoutError:
                    continue
                if not chunk:
                    break
                buf += chunk
                if mode == "silent":
                    continue
                if mode == "reset" and len(buf) > len(STATUS_BYTES) + 100:
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    break  # close with RST in the middle of the job
                while (at := buf.find(b"\x10\x04", scanned)) >= 0 and at + 2 < len(buf):
                    scanned = at + 3
                    after_job = at >= len(STATUS_BYTES)
                    state = "paper_out" if mode == "paper_out_during_job" and after_job else mode
                    printer, paper = ANSWERS.get(state, ANSWERS["ok"])
                    conn.sendall(bytes([printer if buf[at + 2] == 1 else paper]))
        except OSError:
            pass
        finally:
            conn.close()
            self.done.set()

    def last_connection(self) -> bytes:
        assert self.done.wait(5), "the printer never saw the connection end"
        return bytes(self.connections[-1])

    def close(self) -> None:
        self._stop.set()
        self.server.close()
        for thread in self._threads:
            thread.join(2)


@pytest.fixture
def fake() -> Iterator[FakePrinter]:
    printer = FakePrinter()
    yield printer
    printer.close()


def _printer(fake: FakePrinter, tmp_path: Path, **kw) -> NetworkPrinter:
    return NetworkPrinter(tmp_path / "receipts", host="127.0.0.1", port=fake.port, timeout_s=TIMEOUT_S, **kw)


def _print(printer: NetworkPrinter, **kw):
    started = time.monotonic()
    result = printer.print_receipt(cash_with_change(), **kw)
    elapsed = time.monotonic() - started
    assert elapsed < TIMEOUT_S + SLACK_S, f"the clerk waited {elapsed:.1f} s"
    assert result.stored_as and Path(result.stored_as).exists()
    assert Path(result.stored_as).with_suffix(".png").exists()
    return result


def _back_and_prints(fake: FakePrinter, printer: NetworkPrinter) -> None:
    fake.mode = "ok"
    result = _print(printer)
    assert result.printed and result.reason == ""
    assert fake.last_connection() == STATUS_BYTES + Path(result.stored_as).read_bytes() + STATUS_BYTES


def test_prints_exactly_the_stored_bytes_between_status_checks(fake: FakePrinter, tmp_path: Path) -> None:
    printer = _printer(fake, tmp_path, cash_drawer=True)
    result = _print(printer, open_drawer=True)
    assert result.printed and result.reason == ""
    job = Path(result.stored_as).read_bytes()
    assert DRAWER_KICK in job
    assert fake.last_connection() == STATUS_BYTES + job + STATUS_BYTES
    assert printer.status().state == PrinterState.READY


def test_paper_near_end_prints_and_warns_in_status(fake: FakePrinter, tmp_path: Path) -> None:
    fake.mode = "near_end"
    printer = _printer(fake, tmp_path)
    assert _print(printer).printed
    status = printer.status()
    assert status.state == PrinterState.PAPER_NEAR_END and status.can_print and "快用完" in status.message


@pytest.mark.parametrize(
    ("mode", "state", "words"), [("paper_out", "paper_out", "缺纸"), ("offline", "offline", "脱机")]
)
def test_printer_that_cannot_print_gets_no_job(fake: FakePrinter, tmp_path: Path, mode, state, words) -> None:
    fake.mode = mode
    printer = _printer(fake, tmp_path)
    result = _print(printer)
    assert not result.printed and words in result.reason
    assert fake.last_connection() == STATUS_BYTES  # the job was kept back
    assert printer.status().state == PrinterState(state)
    _back_and_prints(fake, printer)


def test_paper_running_out_during_the_job(fake: FakePrinter, tmp_path: Path) -> None:
    fake.mode = "paper_out_during_job"
    printer = _printer(fake, tmp_path)
    result = _print(printer)
    assert not result.printed and "缺纸" in result.reason and "没有打完" in result.reason
    _back_and_prints(fake, printer)


def test_refused_connection(fake: FakePrinter, tmp_path: Path) -> None:
    fake.switch_off()
    printer = _printer(fake, tmp_path)
    result = _print(printer)
    assert not result.printed and "连接不上打印机" in result.reason and str(fake.port) in result.reason
    assert printer.status().state == PrinterState.UNREACHABLE
    fake.switch_on()
    _back_and_prints(fake, printer)


def test_printer_that_accepts_and_never_answers(fake: FakePrinter, tmp_path: Path) -> None:
    fake.mode = "silent"
    printer = _printer(fake, tmp_path)
    result = _print(printer)
    assert not result.printed and "没有响应" in result.reason
    started = time.monotonic()
    assert printer.status().state == PrinterState.UNREACHABLE
    assert time.monotonic() - started < TIMEOUT_S + SLACK_S
    _back_and_prints(fake, printer)


def test_connection_reset_in_the_middle_of_the_job(fake: FakePrinter, tmp_path: Path) -> None:
    fake.mode = "reset"
    printer = _printer(fake, tmp_path)
    result = _print(printer)
    assert not result.printed and "断开" in result.reason and "没有打完" in result.reason
    _back_and_prints(fake, printer)


def test_reprint_after_a_failure_is_stored_separately(fake: FakePrinter, tmp_path: Path) -> None:
    fake.mode = "paper_out"
    printer = _printer(fake, tmp_path)
    first = _print(printer)
    fake.mode = "ok"
    again = printer.print_receipt(cash_with_change().as_reprint())
    assert not first.printed and again.printed
    assert first.stored_as.endswith("T01-20261123-0001.bin")
    assert again.stored_as.endswith("T01-20261123-0001.reprint-1.bin")
