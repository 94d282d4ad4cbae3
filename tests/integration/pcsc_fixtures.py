"""pytest fixtures for the PC/SC tests: a real pcscd (child of the test run) with the vpcd virtual reader,
and virtual cards plugged into it. Import the fixtures into a test module:

    from tests.integration.pcsc_fixtures import pcscd, pcsc_reader, insert_card  # noqa: F401

One pcscd per machine: a session fixture, serialised across concurrent test runs by a file lock.
Readiness is "daemon ready" in pcscd's debug output, never a probe of the vpcd port (connecting to it
inserts a card).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.card import CardIdentity, sign_wallet
from cardreader.pcsc_reader import PcscCardReader
from cardreader.virtual_card import VirtualCard, issue_state, save_state
from cardreader.vpcd_link import Faults, InsertedCard

VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
VPCD_CONF = Path("/etc/reader.conf.d/vpcd")
READER_NAME = "Virtual PCD 00 00"  # vpcd's first slot, TCP 35963 (CHANNELID 0x8C7B in VPCD_CONF)
VPCD_PORT = 35963
RUN_DIR = Path("/run/pcscd")
LOCK_PATH = Path("/tmp/hallpay-pcscd.lock")
MASTER_KEY = bytes.fromhex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")


def _skip_reason() -> str | None:
    if shutil.which("pcscd") is None:
        return "pcscd is not installed (Debian package pcscd)"
    if not VPCD_DRIVER.exists() or not VPCD_CONF.exists():
        return "the vpcd virtual reader is not installed (Debian package vsmartcard-vpcd)"
    if not os.access(RUN_DIR.parent, os.W_OK):
        return f"pcscd needs write access to {RUN_DIR} (run the tests as root, or in the CI container)"
    return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _clean_stale_run_dir() -> int | None:
    """Remove a dead pcscd's files; return the pid of a live pcscd, if one runs."""
    pid_file = RUN_DIR / "pcscd.pid"
    pid = None
    try:
        pid = int(pid_file.read_text().strip())
    except (OSError, ValueError):
        pass
    if pid is not None and _alive(pid):
        return pid
    for name in ("pcscd.pid", "pcscd.comm", "pcscd.pub"):
        (RUN_DIR / name).unlink(missing_ok=True)
    return None


class _Daemon:
    """The one pcscd of this test process. Each test module that imports the `pcscd` fixture gets its own
    session fixture instance (pytest keys fixtures by defining module), so they share this, reference-counted.
    """

    refs = 0
    proc: subprocess.Popen[bytes] | None = None
    lock: Any = None

    @classmethod
    def acquire(cls, log_dir: Path) -> None:
        if cls.refs == 0:
            cls.lock = open(LOCK_PATH, "w")  # noqa: SIM115 - held while pcscd runs
            # 1,500 tries 0.2 s apart, counted rather than timed: this machine's clock has jumped (two
            # "5 minute" waits inside one 9-minute run), and a jump must not fail a run nobody else holds up
            for _ in range(1500):
                try:
                    fcntl.flock(cls.lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    time.sleep(0.2)
            else:
                cls.lock.close()
                pytest.fail("another test run held the pcscd lock for 5 minutes")
            try:
                if _clean_stale_run_dir() is None:
                    log_path = log_dir / "pcscd.log"
                    with open(log_path, "wb") as log:
                        cls.proc = subprocess.Popen(
                            ["pcscd", "--foreground", "--debug"],
                            stdout=log,
                            stderr=subprocess.STDOUT,
                            start_new_session=True,
                        )
                    _wait_ready(cls.proc, log_path)
            except BaseException:
                cls.refs = 1
                cls.release()
                raise
        cls.refs += 1

    @classmethod
    def release(cls) -> None:
        cls.refs -= 1
        if cls.refs > 0:
            return
        proc, cls.proc = cls.proc, None
        if proc is not None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)
        fcntl.flock(cls.lock, fcntl.LOCK_UN)
        cls.lock.close()


@pytest.fixture(scope="session")
def pcscd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A running pcscd with the vpcd reader (started here unless one already runs); yields the reader name."""
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    _Daemon.acquire(tmp_path_factory.mktemp("pcscd"))
    try:
        yield READER_NAME
    finally:
        _Daemon.release()


def _wait_ready(proc: subprocess.Popen[bytes], log_path: Path, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = log_path.read_bytes().decode("utf-8", "replace")
        if "daemon ready" in text:
            if READER_NAME not in text:
                pytest.fail(f"pcscd started without the reader {READER_NAME!r}:\n{text[-2000:]}")
            return
        if proc.poll() is not None:
            pytest.fail(f"pcscd exited with {proc.returncode}:\n{text[-2000:]}")
        time.sleep(0.05)
    proc.kill()
    pytest.fail(f"pcscd did not say 'daemon ready' within {timeout} s")


def wait_presence(reader: PcscCardReader, present: bool, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if reader.card_present() == present:
            return
        time.sleep(0.02)
    raise AssertionError(f"reader never saw the card {'inserted' if present else 'removed'}")


@pytest.fixture
def pcsc_reader(pcscd: str) -> Iterator[PcscCardReader]:
    reader = PcscCardReader(pcscd)
    yield reader
    reader.close()


Inserter = Callable[..., InsertedCard]


@pytest.fixture
def insert_card(pcsc_reader: PcscCardReader) -> Iterator[Inserter]:
    """insert_card(path, faults=None, wait=True) plugs the card file into vpcd; all are pulled at teardown."""
    inserted: list[InsertedCard] = []

    def insert(path: Path, faults: Faults | None = None, wait: bool = True) -> InsertedCard:
        wait_presence(pcsc_reader, False)
        card = InsertedCard(VirtualCard.open(path), port=VPCD_PORT, faults=faults)
        inserted.append(card)
        if wait:
            wait_presence(pcsc_reader, True)
        return card

    yield insert
    for card in inserted:
        card.remove()
    wait_presence(pcsc_reader, False)


def make_card(path: Path, identity: CardIdentity, *, blank: bool = False) -> Path:
    """An issued card (count 0, valid MAC) or a blank one (serial only) in a JSON file."""
    state = issue_state(identity, sign_wallet(identity, 0, 0, MASTER_KEY).mac)
    if blank:
        state.customer_no = state.meter_no = ""
        state.mac = bytes(8)
    save_state(path, state)
    return path
