"""The void dialog and a card purchase whose write is owed (issue 26): the dialog reads the customer's card on
the reader's thread and passes it; without a card the void is refused with one sentence and changes nothing,
with the card one purchase behind it refunds and cancels the owed write."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from app.services.recharge import recharge
from cardreader.simulated import SimulatedCardReader
from cardreader.virtual_card import load_state
from tests.recharge_helpers import PullAcross, card_key, issue_card, pending, req
from ui.ops import CardAccess, Operations
from ui.tasks import DeviceWorker
from ui.void_dialog import open_void_dialog


def test_the_void_dialog_reads_the_card_of_a_purchase_whose_write_is_owed(qtbot, terminal, tmp_path: Path):
    key = card_key(terminal)
    card = issue_card(tmp_path / "li.json", key)
    reader = SimulatedCardReader()
    reader.insert(card)
    held = recharge(terminal.ctx, PullAcross(reader, before=6), key, req(20_00))  # pulled before the load
    assert held.card_state == "pending"
    parent = QWidget()
    qtbot.addWidget(parent)
    ops, worker = Operations(terminal.ctx, parent=parent), DeviceWorker("card", parent)
    try:
        empty = SimulatedCardReader()  # no card in the reader
        ops.card = CardAccess(worker, lambda: empty)
        done: list[object] = []
        dialog = open_void_dialog(parent, ops, "C01", held.receipt, done.append)

        def void() -> None:
            dialog.approver.setText("S01")
            dialog.pin.setText("999999")
            dialog.reason.setText("客户不要了")
            dialog.submit()
            qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)

        void()
        assert dialog.message.property("level") == "error" and "请先插入用户的IC卡" in dialog.message.text()
        with terminal.ctx.read() as uow:
            assert uow.receipts.reversed_by(held.receipt.receipt_no) is None
        assert [w.receipt_no for w in pending(terminal)] == [held.receipt.receipt_no]
        reader.insert(card)  # the customer's card, one purchase behind
        ops.card = CardAccess(worker, lambda: reader)
        void()
        assert len(done) == 1 and done[0].refund_fen == 20_00  # type: ignore[attr-defined]
        with terminal.ctx.read() as uow:
            assert uow.cards.write_for(held.receipt.receipt_no).state == "cancelled"
        assert pending(terminal) == [] and load_state(card).purchase_count == 0
    finally:
        ops.stop()
        worker.stop()
