"""card-sim as a user runs it (a subprocess stopped by SIGTERM), and the golden APDU exchange recorded
through pcscd. Regenerate the golden file with HALLPAY_REGEN_GOLDEN=1."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.card import CardIdentity, check_card, purchase_write
from app.ports import ReturnWrite
from cardreader.pcsc_reader import PcscCardReader
from cardreader.sim_cli import default_serial
from cardreader.virtual_card import load_state, save_state
from tests.integration import pcsc_fixtures
from tests.integration.pcsc_fixtures import MASTER_KEY, VPCD_PORT, Inserter, make_card, wait_presence

pytestmark = [pytest.mark.pcsc, pytest.mark.xdist_group("pcsc")]  # one worker: one vpcd port, one card

# the shared fixtures (pytest finds them by name in this module)
pcscd = pcsc_fixtures.pcscd
pcsc_reader = pcsc_fixtures.pcsc_reader
insert_card = pcsc_fixtures.insert_card

ROOT = Path(__file__).parents[2]
GOLDEN = ROOT / "tests" / "fixtures" / "apdu" / "recharge_read_write.json"
BOB = CardIdentity("SN00000000000042", "3100054321", "M000000777")


def start_sim(card: Path, *extra: str) -> subprocess.Popen[str]:
    cmd = [
        sys.executable,
        "-m",
        "cardreader.sim_cli",
        "--card",
        str(card),
        "--customer",
        BOB.customer_no,
        "--meter-no",
        BOB.meter_no,
        "--master-key-hex",
        MASTER_KEY.hex(),
        "--port",
        str(VPCD_PORT),
        *extra,
    ]
    return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_line(proc: subprocess.Popen[str], needle: str, timeout: float = 10.0) -> list[str]:
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if needle in line:
            return lines
    proc.kill()
    raise AssertionError(
        f"no line with {needle!r}: {lines}, stderr: {proc.stderr.read() if proc.stderr else ''}"
    )


def stop(proc: subprocess.Popen[str]) -> str:
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err
    return out


def test_card_sim_issues_serves_and_stops_on_sigterm(pcsc_reader: PcscCardReader, tmp_path: Path) -> None:
    card = tmp_path / "cards" / f"{BOB.customer_no}.json"
    wait_presence(pcsc_reader, False)
    proc = start_sim(card)
    try:
        lines = wait_line(proc, "已插入")
        assert len([line for line in lines if "已插入" in line]) == 1
        wait_presence(pcsc_reader, True)
        image = pcsc_reader.read_card()
        assert image.serial == default_serial(BOB.customer_no) and image.customer_no == BOB.customer_no
        assert check_card(image, customer_no=BOB.customer_no, master_key=MASTER_KEY, retired_serials=set()).ok
        w = purchase_write(image, 20000, MASTER_KEY)
        pcsc_reader.write_wallet(w.serial, w.purchase_fen, w.purchase_count, w.mac)
    finally:
        out = stop(proc)
    assert "卡已拔出" in out
    wait_presence(pcsc_reader, False)

    # next run, through the meter first: the purchase is loaded and written back
    proc = start_sim(card, "--meter-insert")
    try:
        lines = wait_line(proc, "已插入")
        assert any("电表已装入本次购电" in line for line in lines)
        wait_presence(pcsc_reader, True)
        check = check_card(
            pcsc_reader.read_card(), customer_no=BOB.customer_no, master_key=MASTER_KEY, retired_serials=set()
        )
        assert check.ok and check.meter_balance_fen == 20000 and check.meter_count == 1
    finally:
        stop(proc)
    wait_presence(pcsc_reader, False)


def test_card_sim_refuses_a_missing_card_without_identity(tmp_path: Path) -> None:
    cmd = [
        sys.executable,
        "-m",
        "cardreader.sim_cli",
        "--card",
        str(tmp_path / "none.json"),
        "--master-key-hex",
        MASTER_KEY.hex(),
    ]
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert out.returncode == 2 and "卡文件不存在" in out.stderr


def test_golden_exchange_through_pcscd(
    pcsc_reader: PcscCardReader, insert_card: Inserter, tmp_path: Path
) -> None:
    path = make_card(tmp_path / "golden.json", BOB)
    state = load_state(path)
    state.return_write = ReturnWrite(1234, 0, "20250301093000")
    save_state(path, state)
    before = json.loads(path.read_text(encoding="utf-8"))
    inserted = insert_card(path)
    inserted.link.card.record = True
    image = pcsc_reader.read_card()
    w = purchase_write(image, 5000, MASTER_KEY)
    pcsc_reader.write_wallet(w.serial, w.purchase_fen, w.purchase_count, w.mac)
    pcsc_reader.read_card()
    exchanges = [[c.hex().upper(), r.hex().upper()] for c, r in inserted.link.card.log_apdus]
    doc = {
        "what": "one recharge (read, write 50.00 yuan as purchase 1, read back) recorded through pcscd + vpcd",
        "master_key_hex": MASTER_KEY.hex(),
        "apdu_count": len(exchanges),
        "card_before": before,
        "exchanges": exchanges,
        "card_after": json.loads(path.read_text(encoding="utf-8")),
    }
    if os.environ.get("HALLPAY_REGEN_GOLDEN") == "1" or not GOLDEN.exists():
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert json.loads(GOLDEN.read_text(encoding="utf-8")) == doc
