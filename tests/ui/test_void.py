"""冲正 in the window, by keyboard (issue 16): a wrong PIN changes nothing; the right one refunds and every
figure follows (receipt, shift, history totals, counter, customer display)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services.payments import due
from tests.ui.kbd import Keyboard, open_window

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def pay_cash(qtbot, window, keys, customer: str, tendered: str) -> None:
    keys.scan(customer)
    keys.type(tendered)
    with qtbot.waitSignal(window.counter.printer_state, timeout=10000):
        keys.enter()


def test_void_from_history_wrong_pin_changes_nothing_right_pin_refunds(qtbot, terminal):
    window = open_window(qtbot, terminal)
    keys = Keyboard(qtbot)
    pay_cash(qtbot, window, keys, "1000000002", "3100")
    receipt_no = window.counter.last_receipt.receipt_no
    window.shift.refresh()
    expected_before = window.shift.preview.expected_cash_fen
    keys.ctrl(Qt.Key.Key_2)
    history = window.history
    assert QApplication.focusWidget() is history.filter
    keys.type("0001")
    keys.enter()
    assert history.selected() == receipt_no
    keys.press("v", CTRL_SHIFT)
    qtbot.waitUntil(
        lambda: history.void_dialog is not None, timeout=5000
    )  # the receipt is read off the Qt thread
    dialog = history.void_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.approver, timeout=5000)
    assert "3,041.00" in dialog.summary.text() and "2025-11" in dialog.summary.text()
    keys.type("S01")
    keys.enter()
    keys.type("000000")  # wrong PIN
    keys.enter()
    keys.type("wrong customer")
    keys.enter()  # Enter never confirms
    assert dialog.isVisible() and "Ctrl+Enter" in dialog.message.text()
    keys.press(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: dialog.message.property("level") == "error", timeout=5000)
    with terminal.ctx.uow() as uow:
        assert uow.receipts.reversed_by(receipt_no) is None
    window.shift.refresh()
    assert window.shift.preview.expected_cash_fen == expected_before
    assert due(terminal.ctx, "1000000002").quote.to_pay_fen == 0
    # the right PIN: focus is back in the PIN field
    assert QApplication.focusWidget() is dialog.pin
    keys.type("999999")
    with qtbot.waitSignal(history.reversed, timeout=10000):
        keys.press(Qt.Key.Key_Return, CTRL)
    with terminal.ctx.uow() as uow:
        assert uow.receipts.reversed_by(receipt_no) is not None
    assert window.shift.preview.expected_cash_fen == expected_before - 304100  # the cash left the drawer
    assert due(terminal.ctx, "1000000002").quote.to_pay_fen == 304100  # owed again
    qtbot.waitUntil(lambda: bool(history.rows) and history.rows[0].type == "reversal", timeout=5000)
    assert [(r.type, r.receipt_no) for r in history.rows[:2]] == [
        ("reversal", receipt_no),
        ("payment", receipt_no),
    ]
    assert history.table.item(0, 6).text() == "-3,041.00"  # the reversal's row: the refund
    assert "已冲正" in history.table.item(1, 7).text()  # the receipt's row: its state
    assert "冲正 1 张 3,041.00 元" in history.summary.text() and "净收 0.00" in history.summary.text()
    assert "已冲正" in history.message.text() and "退给顾客" in history.message.text()
    assert "冲正" in window.display.prompt.text() and "3,041.00" in window.display.prompt.text()
    assert window.counter.last_receipt is None and not window.counter.result_box.isVisible()
    # a second void of the same receipt is refused before any dialog
    history.table.setFocus()
    keys.press("v", CTRL_SHIFT)
    assert "不能重复冲正" in history.message.text()


def test_void_last_receipt_from_the_counter(qtbot, terminal):
    window = open_window(qtbot, terminal)
    keys = Keyboard(qtbot)
    pay_cash(qtbot, window, keys, "1000000001", "200")
    receipt_no = window.counter.last_receipt.receipt_no
    keys.press("v", CTRL_SHIFT)
    dialog = window.counter.void_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.approver, timeout=5000)
    keys.type("S01")
    keys.enter()
    keys.type("999999")
    keys.enter()
    keys.type("typo")
    with qtbot.waitSignal(window.counter.reversed, timeout=10000):
        keys.press(Qt.Key.Key_Return, CTRL)
    with terminal.ctx.uow() as uow:
        assert uow.receipts.reversed_by(receipt_no) is not None
    assert "已冲正" in window.counter.message.text()
    assert "冲正" in window.history.summary.text()
