"""bench_recharge: one IC-card recharge (the whole service: read, check, commit, write, read back, record
written) through pcscd + vpcd + the virtual card, beside the APDU round trip x the APDU count.

For `python main.py bench`: `bench_recharge(open_terminal, work_dir)` returns a dict.
pcscd must be installed with vsmartcard-vpcd; when none runs, one is started as a child for the bench
(root only) and stopped afterwards. Returns {"skipped": reason} when that is not possible.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

READER = "Virtual PCD 00 00"
PORT = 35963
RUN_DIR = Path("/run/pcscd")
LOCK_PATH = Path("/tmp/hallpay-pcscd.lock")  # the same lock as tests/integration/pcsc_fixtures.py


def _pcscd_running() -> bool:
    try:
        pid = int((RUN_DIR / "pcscd.pid").read_text().strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return False
    return True


def _start_pcscd(log_path: Path) -> subprocess.Popen[bytes] | str:
    if shutil.which("pcscd") is None:
        return "pcscd is not installed"
    if not Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so").exists():
        return "vsmartcard-vpcd is not installed"
    for name in ("pcscd.pid", "pcscd.comm", "pcscd.pub"):
        (RUN_DIR / name).unlink(missing_ok=True)
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            ["pcscd", "--foreground", "--debug"], stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:  # never probe the vpcd port: connecting inserts a card
        if "daemon ready" in log_path.read_text(errors="replace"):
            return proc
        if proc.poll() is not None:
            return f"pcscd exited with {proc.returncode}"
        time.sleep(0.05)
    proc.kill()
    return "pcscd did not become ready"


def _wait(reader: Any, present: bool, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if reader.card_present() == present:
            return True
        time.sleep(0.01)
    return False


def bench_recharge(open_terminal: Callable[..., Any], work_dir: Path, *, runs: int = 10) -> dict[str, Any]:
    """Median times in ms: a whole recharge, a read_card (5 APDUs), and the APDU round trip derived from it."""

    work_dir = Path(work_dir)
    work_dir.mkdir(parents=True, exist_ok=True)
    with open(LOCK_PATH, "w") as lock:  # the vpcd slot is shared with the pcsc test runs
        deadline = time.monotonic() + 120
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    return {"skipped": "the vpcd reader stayed busy (a pcsc test run holds it)"}
                time.sleep(0.2)
        return _bench(open_terminal, work_dir, runs)


def _bench(open_terminal: Callable[..., Any], work_dir: Path, runs: int) -> dict[str, Any]:
    from app.card import CardIdentity, MeterState, sign_wallet
    from app.model import Method
    from app.services.recharge import RechargeRequest, recharge
    from cardreader.factory import ensure_master_key
    from cardreader.pcsc_reader import PcscCardReader
    from cardreader.sim_cli import default_serial, insert_into_meter
    from cardreader.virtual_card import VirtualCard, issue_state, save_state
    from cardreader.vpcd_link import InsertedCard

    daemon = None
    if not _pcscd_running():
        started = _start_pcscd(work_dir / "pcscd.log")
        if isinstance(started, str):
            return {"skipped": started}
        daemon = started
    wiring = open_terminal(work_dir / "T01", generated_customers=0)
    reader = PcscCardReader(READER)
    try:
        key = ensure_master_key(wiring.config.path)
        identity = CardIdentity(default_serial("1000000003"), "1000000003", "M1000000003")
        card_file = work_dir / "bench-card.json"
        state = issue_state(identity, sign_wallet(identity, 0, 0, key).mac)
        state.meter = MeterState(identity.meter_no)
        save_state(card_file, state)
        if not _wait(reader, False):
            return {"skipped": "another card sits in the vpcd reader"}
        totals: list[float] = []
        reads: list[float] = []
        result_apdus = 0
        for _ in range(runs + 1):  # the first run warms up
            inserted = InsertedCard(VirtualCard.open(card_file), port=PORT)
            try:
                if not _wait(reader, True):
                    return {"skipped": "the vpcd reader never saw the card"}
                t0 = time.perf_counter()
                reader.read_card()
                reads.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                result = recharge(
                    wiring.ctx,
                    _Counting(reader),
                    key,
                    RechargeRequest("1000000003", 10_00, Method.CASH, wiring.config.clerk),
                )
                totals.append(time.perf_counter() - t0)
                result_apdus = _Counting.last_total
                if result.card_state != "written":
                    return {"skipped": f"the bench card was not written: {result.card_message}"}
            finally:
                inserted.remove()
                _wait(reader, False)
            insert_into_meter(card_file, key)  # the customer loads it, so the next purchase is allowed
        recharge_ms = statistics.median(totals[1:]) * 1000
        read_ms = statistics.median(reads[1:]) * 1000
        apdu_ms = read_ms / 5
        return {
            "runs": runs,
            "apdus_per_recharge": result_apdus,
            "recharge_ms_median": round(recharge_ms, 2),
            "recharge_ms_max": round(max(totals[1:]) * 1000, 2),
            "read_card_ms_median": round(read_ms, 2),
            "apdu_round_trip_ms": round(apdu_ms, 3),
            "apdu_floor_ms": round(apdu_ms * result_apdus, 2),  # round trip x APDU count
            "overhead_ms": round(recharge_ms - apdu_ms * result_apdus, 2),  # SQLite commits, journal, checks
        }
    finally:
        reader.close()
        wiring.store.close()
        if daemon is not None:
            daemon.terminate()
            try:
                daemon.wait(10)
            except subprocess.TimeoutExpired:
                daemon.kill()


class _Counting:
    """The reader, summing the APDUs of one recharge (class attribute: read after the call)."""

    last_total = 0

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        _Counting.last_total = 0

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self.inner, name)
        if name not in ("read_card", "write_wallet", "personalise"):
            return attr

        def op(*args: Any) -> Any:
            try:
                return attr(*args)
            finally:
                _Counting.last_total += self.inner.last_apdu_count

        return op
