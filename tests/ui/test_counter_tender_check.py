"""Issue 28 at the counter, by keyboard: an extra zero in 实收 asks before booking (ux N3), change no drawer
gives is refused at once, and a partial payment the policy refuses is refused when typed, never offered in the
confirmation first (ux N5)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.kbd import Keyboard, open_window


def _receipts(terminal):
    with terminal.ctx.uow() as uow:
        return uow.receipts.for_day("2026-11-23")


def test_change_of_a_100_note_or_more_asks_first(qtbot, terminal):
    window = open_window(qtbot, terminal)
    page = window.counter
    keys = Keyboard(qtbot)
    keys.scan("1000000001")  # 191.10 due
    keys.type("500")  # meant 200: 308.90 of change
    keys.enter()
    dialog = page.pending_confirm
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.cancel_button, timeout=5000)
    assert "核对找零" in dialog.windowTitle() and "308.90" in dialog.text.text()
    keys.enter()  # 取消 has the focus: Enter books nothing
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert _receipts(terminal) == [] and "未收款" in page.message.text()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.tendered, timeout=5000)
    keys.type("500")
    keys.enter()
    dialog = page.pending_confirm
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.cancel_button, timeout=5000)
    with qtbot.waitSignal(page.paid, timeout=10000):
        keys.press("y")
    assert _receipts(terminal)[0].amount_fen == 191_10


def test_ordinary_change_books_without_a_question(qtbot, terminal):
    window = open_window(qtbot, terminal)
    page = window.counter
    keys = Keyboard(qtbot)
    keys.scan("1000000001")
    keys.type("200")  # 8.90 change
    with qtbot.waitSignal(page.paid, timeout=10000):
        keys.enter()
    assert not page.check.asking


def test_absurd_tendered_cash_is_refused_with_one_sentence(qtbot, terminal):
    window = open_window(qtbot, terminal)
    page = window.counter
    keys = Keyboard(qtbot)
    keys.scan("1000000001")
    keys.type("99999999")
    assert "#b3261e" in page.change.styleSheet()  # red before Enter: no drawer gives that change
    keys.enter()
    qtbot.waitUntil(lambda: "找零上限" in page.message.text(), timeout=5000)
    assert not page.check.asking and _receipts(terminal) == []


def test_a_partial_payment_the_policy_refuses_is_refused_before_any_dialog(qtbot, terminal):
    window = open_window(qtbot, terminal)
    page = window.counter
    keys = Keyboard(qtbot)
    keys.scan("1000000001")  # residential: no partial payment by default
    page.amount.setFocus()
    page.amount.selectAll()
    keys.type("20")
    keys.press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.tendered
    keys.type("50")
    keys.enter()
    qtbot.waitUntil(lambda: "不允许部分缴费" in page.message.text(), timeout=5000)
    assert not page.check.asking and _receipts(terminal) == []
