"""The recharge through a real pcscd, the vpcd virtual reader and the HallPay virtual card: recharge, 补写卡,
补卡, each refusal, the card pulled at every APDU, and `python main.py recharge` SIGKILLed mid-write."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from app.errors import Refused
from app.ports import CardError
from app.services.card_replace import ReplaceRequest, replace_card
from app.services.card_view import read_card_view
from app.services.recharge import recharge
from app.services.verify import verify_local
from cardreader.pcsc_reader import PcscCardReader
from cardreader.virtual_card import load_state
from cardreader.vpcd_link import Faults
from tests.integration import pcsc_fixtures
from tests.integration.pcsc_fixtures import READER_NAME, Inserter, wait_presence
from tests.recharge_helpers import (
    LI,
    blank_card,
    card_key,
    issue_card,
    meter,
    money_rows,
    pending,
    purchases,
    req,
    tamper,
    written,
)

pytestmark = [pytest.mark.pcsc, pytest.mark.xdist_group("pcsc")]  # one worker: one vpcd port, one card

pcscd = pcsc_fixtures.pcscd
pcsc_reader = pcsc_fixtures.pcsc_reader
insert_card = pcsc_fixtures.insert_card

ROOT = Path(__file__).parents[2]


class Counting:
    """The reader, summing the APDUs of every operation."""

    def __init__(self, inner: PcscCardReader) -> None:
        self.inner, self.apdus = inner, 0

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self.inner, name)
        if name not in ("read_card", "write_wallet", "personalise"):
            return attr

        def op(*args: Any) -> Any:
            try:
                return attr(*args)
            finally:
                self.apdus += self.inner.last_apdu_count

        return op


@pytest.fixture
def key(terminal: Any) -> bytes:
    return card_key(terminal)


@pytest.fixture
def card(tmp_path: Path, key: bytes) -> Path:
    return issue_card(tmp_path / "li.json", key)


def test_recharge_through_pcscd_within_30_apdus(
    terminal: Any, key: bytes, card: Path, pcsc_reader: PcscCardReader, insert_card: Inserter
) -> None:
    insert_card(card)
    reader = Counting(pcsc_reader)
    result = recharge(terminal.ctx, reader, key, req(200_00, tendered_fen=250_00))
    assert (result.card_state, result.purchase_count) == ("written", 1)
    assert reader.apdus == 12 <= 30
    state = load_state(card)
    assert (state.purchase_fen, state.purchase_count, state.return_write) == (200_00, 1, None)
    assert [w.payload["receipt_no"] for w in written(terminal)] == [result.receipt.receipt_no]
    assert verify_local(terminal.ctx).ok


def test_rewrite_on_next_insertion(
    terminal: Any, key: bytes, card: Path, pcsc_reader: PcscCardReader, insert_card: Inserter
) -> None:
    inserted = insert_card(card, Faults(drop_before=6))  # pulled as the write begins
    first = recharge(terminal.ctx, pcsc_reader, key, req(30_00))
    assert first.card_state == "pending" and load_state(card).purchase_count == 0
    inserted.remove()
    wait_presence(pcsc_reader, False)
    insert_card(card)
    view = read_card_view(terminal.ctx, pcsc_reader, key, "C01", LI)
    assert view.completed == (first.receipt.receipt_no,) and view.check.code == "not_loaded"
    assert (load_state(card).purchase_fen, load_state(card).purchase_count) == (30_00, 1)
    assert len(purchases(terminal)) == 1 and pending(terminal) == []


def test_replacement_card_through_pcscd(
    terminal: Any, key: bytes, card: Path, pcsc_reader: PcscCardReader, insert_card: Inserter, tmp_path: Path
) -> None:
    inserted = insert_card(card)
    recharge(terminal.ctx, pcsc_reader, key, req(40_00))
    inserted.remove()
    new = blank_card(tmp_path / "new.json", "NEWCARD000000002")
    inserted = insert_card(new)
    result = replace_card(terminal.ctx, pcsc_reader, key, ReplaceRequest(LI, "C01"))
    assert (result.card_state, result.purchase_count, result.purchase_fen) == ("written", 1, 40_00)
    state = load_state(new)
    assert (state.customer_no, state.meter_no, state.purchase_count) == (LI, "M1000000003", 1)
    assert meter(new, key) == "loaded"
    inserted.remove()
    insert_card(card)
    with pytest.raises(Refused, match="挂失作废"):
        recharge(terminal.ctx, pcsc_reader, key, req(10_00))


@pytest.mark.parametrize("case", ["not_loaded", "wrong_customer", "bad_mac", "retired"])
def test_each_card_refusal_through_pcscd(
    terminal: Any,
    key: bytes,
    card: Path,
    pcsc_reader: PcscCardReader,
    insert_card: Inserter,
    tmp_path: Path,
    case: str,
) -> None:
    expect = {
        "not_loaded": "尚未插入电表",
        "wrong_customer": "不是当前办理的用户",
        "bad_mac": "校验失败",
        "retired": "挂失作废",
    }[case]
    path = card
    if case == "not_loaded":
        inserted = insert_card(card)
        recharge(terminal.ctx, pcsc_reader, key, req(10_00))
        inserted.remove()
    elif case == "wrong_customer":
        path = issue_card(tmp_path / "other.json", key, customer_no="3100099999", meter_no="M9")
    elif case == "bad_mac":
        tamper(card)
    elif case == "retired":
        inserted = insert_card(card)
        read_card_view(terminal.ctx, pcsc_reader, key, "C01", LI)
        inserted.remove()
        inserted = insert_card(blank_card(tmp_path / "new.json", "NEWCARD000000003"))
        replace_card(terminal.ctx, pcsc_reader, key, ReplaceRequest(LI, "C01"))
        inserted.remove()
    insert_card(path)
    before, on_card = money_rows(terminal), load_state(path)
    with pytest.raises(Refused, match=expect):
        recharge(terminal.ctx, pcsc_reader, key, req(10_00))
    assert money_rows(terminal) == before and load_state(path) == on_card


# read (5) + write (2) + read-back (5) on one insertion: pull the card before / after each APDU of the write
# sequence in turn (the last read APDU too: nothing is recorded then). All 12 x 2 on the simulated reader:
# tests/unit/test_recharge.py
@pytest.mark.parametrize("when", ["before", "after"])
@pytest.mark.parametrize("n", range(5, 13))
def test_card_pulled_at_each_apdu_then_next_insertion_finishes(
    terminal: Any,
    key: bytes,
    card: Path,
    pcsc_reader: PcscCardReader,
    insert_card: Inserter,
    n: int,
    when: str,
) -> None:
    faults = Faults(drop_before=n) if when == "before" else Faults(drop_after=n)
    inserted = insert_card(card, faults)
    try:
        state = recharge(terminal.ctx, pcsc_reader, key, req(123_45)).card_state
    except CardError:
        state = "refused"
    assert state == ("refused" if n <= 5 else "pending")  # the answer to the 12th is lost too
    assert len(purchases(terminal)) == (0 if n <= 5 else 1)
    inserted.remove()
    wait_presence(pcsc_reader, False)
    insert_card(card)
    view = read_card_view(terminal.ctx, pcsc_reader, key, "C01", LI)
    if state == "pending":
        assert len(view.completed) == 1
    assert pending(terminal) == []
    assert len(purchases(terminal)) == len(written(terminal)) == load_state(card).purchase_count
    assert verify_local(terminal.ctx).ok


def reinsert(reader: PcscCardReader, insert_card: Inserter, card: Path) -> None:
    """Insert the card again. pcscd resets the card of a killed client's transaction, and pcsc-lite 1.9.9
    with vpcd may then keep the slot marked empty: as at a real counter, pull the card and insert it again."""
    for _ in range(5):
        inserted = insert_card(card, wait=False)
        try:
            wait_presence(reader, True, timeout=3)
            return
        except AssertionError:
            inserted.remove()
            wait_presence(reader, False)
    raise AssertionError("the reader never saw the card again")


def _use_pcsc(terminal: Any) -> None:
    path = terminal.config.path
    text = path.read_text(encoding="utf-8")
    text = text.replace('kind = "simulated"', 'kind = "pcsc"').replace(
        'reader = ""', f'reader = "{READER_NAME}"'
    )
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("lands", [False, True], ids=["write_lost", "write_landed"])
def test_sigkill_between_commit_and_write_then_next_insertion_finishes_without_second_charge(
    terminal: Any, key: bytes, card: Path, pcsc_reader: PcscCardReader, insert_card: Inserter, lands: bool
) -> None:
    _use_pcsc(terminal)
    inserted = insert_card(card)
    reached, release, answered = threading.Event(), threading.Event(), threading.Event()
    process = inserted.link.card.process

    def hang_on_load(command: bytes) -> bytes:  # the card never answers LOAD PURCHASE
        if command[1:2] == b"\x52":
            reached.set()
            release.wait(30)
            try:
                if not lands:
                    raise OSError("card pulled")
                return process(command)
            finally:
                answered.set()
        return process(command)

    inserted.link.card.process = hang_on_load  # type: ignore[method-assign]
    env = {**os.environ, "HALLPAY_NOW": "2026-11-23T10:00:00+08:00"}
    proc = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "recharge",
            LI,
            "--amount",
            "77",
            "--method",
            "cash",
            "--data-dir",
            str(terminal.data_dir),
            "--json",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert reached.wait(60), proc.stderr.read().decode() if proc.poll() is not None else "never wrote"
        # committed before the write: the money and the pending write are on disk while the card hangs
        assert len(purchases(terminal)) == 1 and len(pending(terminal)) == 1
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(10) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        release.set()
    assert answered.wait(10)  # the held LOAD PURCHASE landed on the card, or was lost, before it leaves
    inserted.remove()
    wait_presence(pcsc_reader, False)
    assert load_state(card).purchase_count == (1 if lands else 0)
    reinsert(pcsc_reader, insert_card, card)
    view = read_card_view(terminal.ctx, pcsc_reader, key, "C01", LI)
    [p] = purchases(terminal)
    assert view.completed == (p.payload["receipt_no"],)
    [w] = written(terminal)
    assert w.payload["how"] == ("found_on_card" if lands else "rewritten")
    assert (load_state(card).purchase_fen, load_state(card).purchase_count) == (77_00, 1)
    assert pending(terminal) == [] and verify_local(terminal.ctx).ok
