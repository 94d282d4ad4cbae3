"""`reverse` of a card purchase whose write is owed, as a clerk types it: the command reads the customer's card
from the configured reader (issue 26) and voids only when the card shows the purchase did not land."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from app.services.recharge import recharge
from cardreader.factory import simulated_card
from cardreader.simulated import SimulatedCardReader
from cardreader.virtual_card import load_state
from tests.e2e.cli import InProcess
from tests.recharge_helpers import LI, LI_METER, PullAcross, req


def _write_state(d: Path, receipt_no: str) -> str:
    with closing(sqlite3.connect(d / "local.db")) as conn, conn:
        return str(
            conn.execute("SELECT state FROM card_writes WHERE receipt_no = ?", (receipt_no,)).fetchone()[0]
        )


def test_reverse_reads_the_card_and_voids_a_purchase_that_did_not_land(
    terminal: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    d = terminal.data_dir
    card = simulated_card(d, LI, LI_METER, terminal.card_key())  # the demo card `reverse` puts in the reader
    reader = SimulatedCardReader()
    reader.insert(card)
    held = recharge(terminal.ctx, PullAcross(reader, before=6), terminal.card_key(), req(20_00))
    assert held.card_state == "pending" and load_state(card).purchase_count == 0
    terminal.store.close()
    cli = InProcess(monkeypatch, capsys, HALLPAY_SUPERVISOR_PIN="999999")
    no = held.receipt.receipt_no
    done = cli(d, "reverse", no, "--reason", "客户不要了", "--supervisor", "S01")
    assert done.returncode == 0, done.stderr
    assert _write_state(d, no) == "cancelled"  # the next insertion writes nothing
    assert load_state(card).purchase_count == 0
