"""PcscCardReader through a real pcscd, the vpcd virtual reader and the HallPay virtual card."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.card import CardIdentity, check_card, pending_write_state, purchase_write, sign_wallet
from app.messages import message
from app.ports import CardError, CardRemoved, NoCard, ReaderUnavailable
from cardreader.pcsc_reader import PcscCardReader
from cardreader.virtual_card import load_state
from cardreader.vpcd_link import Faults
from tests.integration import pcsc_fixtures
from tests.integration.pcsc_fixtures import MASTER_KEY, Inserter, make_card, wait_presence

pytestmark = [pytest.mark.pcsc, pytest.mark.xdist_group("pcsc")]  # one worker: one vpcd port, one card

# the shared fixtures (pytest finds them by name in this module)
pcscd = pcsc_fixtures.pcscd
pcsc_reader = pcsc_fixtures.pcsc_reader
insert_card = pcsc_fixtures.insert_card

ALICE = CardIdentity("SN00000000000001", "3100012345", "M000000042")


@pytest.fixture
def card_path(tmp_path: Path) -> Path:
    return make_card(tmp_path / "card.json", ALICE)


def recharge(reader: PcscCardReader, amount_fen: int) -> tuple[int, float]:
    """read + write + read-back, as the recharge service will do it. Returns (APDUs, seconds)."""
    t0 = time.perf_counter()
    image = reader.read_card()
    apdus = reader.last_apdu_count
    write = purchase_write(image, amount_fen, MASTER_KEY)
    reader.write_wallet(write.serial, write.purchase_fen, write.purchase_count, write.mac)
    apdus += reader.last_apdu_count
    back = reader.read_card()
    apdus += reader.last_apdu_count
    elapsed = time.perf_counter() - t0
    assert (back.purchase_fen, back.purchase_count, back.mac) == (
        write.purchase_fen,
        write.purchase_count,
        write.mac,
    )
    return apdus, elapsed


def test_read_write_readback(pcsc_reader: PcscCardReader, insert_card: Inserter, card_path: Path) -> None:
    insert_card(card_path)
    assert "卡已插入" in pcsc_reader.status().text
    image = pcsc_reader.read_card()
    assert (image.serial, image.customer_no, image.meter_no) == (
        ALICE.serial,
        ALICE.customer_no,
        ALICE.meter_no,
    )
    assert check_card(image, customer_no=ALICE.customer_no, master_key=MASTER_KEY, retired_serials=set()).ok
    recharge(pcsc_reader, 100)  # warm-up
    runs = [recharge(pcsc_reader, 5000) for _ in range(20)]
    apdus = runs[0][0]
    best = min(t for _, t in runs)
    median = sorted(t for _, t in runs)[len(runs) // 2]
    print(
        f"\nrecharge through pcscd: {apdus} APDUs, median {median * 1000:.2f} ms, best {best * 1000:.2f} ms"
    )
    assert apdus <= 30
    state = load_state(card_path)
    assert state.purchase_count == 21 and state.purchase_fen == 5000 and state.return_write is None
    check = check_card(
        pcsc_reader.read_card(), customer_no=ALICE.customer_no, master_key=MASTER_KEY, retired_serials=set()
    )
    assert check.code == "not_loaded"


def test_personalise_blank_card(pcsc_reader: PcscCardReader, insert_card: Inserter, tmp_path: Path) -> None:
    blank = make_card(tmp_path / "blank.json", CardIdentity("SN00000000000002", "", ""), blank=True)
    insert_card(blank)
    image = pcsc_reader.read_card()
    assert image.serial == "SN00000000000002" and image.customer_no == "" and image.meter_no == ""
    assert check_card(image, customer_no=None, master_key=MASTER_KEY, retired_serials=set()).code == "blank"
    # replacement card (补卡): carries the last purchase, count unchanged
    ident = CardIdentity(image.serial, ALICE.customer_no, ALICE.meter_no)
    w = sign_wallet(ident, 8800, 7, MASTER_KEY)
    pcsc_reader.personalise(
        w.serial, ident.customer_no, ident.meter_no, w.purchase_fen, w.purchase_count, w.mac
    )
    back = pcsc_reader.read_card()
    assert (back.customer_no, back.meter_no, back.purchase_fen, back.purchase_count) == (
        ALICE.customer_no,
        ALICE.meter_no,
        8800,
        7,
    )
    assert check_card(
        back, customer_no=ALICE.customer_no, master_key=MASTER_KEY, retired_serials=set()
    ).code == ("not_loaded")
    with pytest.raises(CardError, match="已发行"):
        pcsc_reader.personalise(w.serial, "999", "999", 0, 0, w.mac)


def test_write_to_another_card_is_refused(
    pcsc_reader: PcscCardReader, insert_card: Inserter, card_path: Path
) -> None:
    insert_card(card_path)
    w = sign_wallet(CardIdentity("SN99", ALICE.customer_no, ALICE.meter_no), 100, 1, MASTER_KEY)
    with pytest.raises(CardError, match="另一张卡"):
        pcsc_reader.write_wallet(w.serial, w.purchase_fen, w.purchase_count, w.mac)
    assert load_state(card_path).purchase_count == 0


def test_no_card(pcsc_reader: PcscCardReader) -> None:
    wait_presence(pcsc_reader, False)
    with pytest.raises(NoCard):
        pcsc_reader.read_card()
    assert "没有卡" in pcsc_reader.status().text


# read (5 APDUs) + write (2) + read-back (5) = 12 APDUs in one insertion; pull the card at each in turn
@pytest.mark.parametrize("when", ["before", "after"])
@pytest.mark.parametrize("n", range(1, 13))
def test_card_pulled_at_each_apdu(
    pcsc_reader: PcscCardReader, insert_card: Inserter, card_path: Path, n: int, when: str
) -> None:
    faults = Faults(drop_before=n) if when == "before" else Faults(drop_after=n)
    inserted = insert_card(card_path, faults)
    old = load_state(card_path).image()
    pending = purchase_write(old, 12345, MASTER_KEY)  # recorded as pending before the write
    with pytest.raises((CardRemoved, NoCard)):
        image = pcsc_reader.read_card()
        pcsc_reader.write_wallet(pending.serial, pending.purchase_fen, pending.purchase_count, pending.mac)
        pcsc_reader.read_card()
    inserted.remove()
    wait_presence(pcsc_reader, False)
    with pytest.raises(NoCard):
        pcsc_reader.read_card()

    # the card holds the old wallet or the new one, never a mix; its MAC is good either way
    insert_card(card_path)
    image = pcsc_reader.read_card()
    check = check_card(image, customer_no=ALICE.customer_no, master_key=MASTER_KEY, retired_serials=set())
    assert check.code in ("ok", "not_loaded"), check
    state = pending_write_state(image, pending)
    written = n > 7 or (n == 7 and when == "after")
    assert state == ("on_card" if written else "needs_write")
    if state == "needs_write":  # 补写卡: the same purchase again, never a second one
        assert image == old
        pcsc_reader.write_wallet(pending.serial, pending.purchase_fen, pending.purchase_count, pending.mac)
    assert pending_write_state(pcsc_reader.read_card(), pending) == "on_card"


def test_presence_watcher(pcsc_reader: PcscCardReader, insert_card: Inserter, card_path: Path) -> None:
    seen: list[bool] = []
    changed = threading.Event()

    def on_change(present: bool) -> None:
        seen.append(present)
        changed.set()

    pcsc_reader.watch(on_change, interval_s=0.05)
    assert changed.wait(3) and seen == [False]
    changed.clear()
    inserted = insert_card(card_path, wait=False)
    assert changed.wait(5) and seen == [False, True]
    assert pcsc_reader.read_card().serial == ALICE.serial  # a read while watching
    changed.clear()
    inserted.remove()
    assert changed.wait(5) and seen == [False, True, False]
    pcsc_reader.stop_watching()


def test_no_pcscd_service(pcscd: str) -> None:
    """A client pointed at a socket where no pcscd listens: ReaderUnavailable, status says so."""
    code = (
        "from cardreader.pcsc_reader import PcscCardReader\n"
        "from app.ports import ReaderUnavailable\n"
        "r = PcscCardReader('')\n"
        "print(r.status().text)\n"
        "try:\n    r.read_card()\nexcept ReaderUnavailable as e:\n    print('raised', e)\n"
    )
    env = dict(os.environ, PCSCLITE_CSOCK_NAME="/nonexistent/pcscd.comm")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    no_service = message("reader.no_service")  # the Chinese sentence, as the CLI and logs say it
    assert out.stdout.splitlines() == [no_service, f"raised {no_service}"]
    assert issubclass(ReaderUnavailable, CardError)
