"""Issue 28 (ux N2, N8, N9) in History, by keyboard: after a void the selection stays on the receipt it was on
(not on whatever now sits at its index), ↑ ↓ in the filter move the list, Enter on the 冲正 row never reprints
the voided receipt, Ctrl+R on a voided receipt's row prints it marked 已冲正, and the void prints a slip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.kbd import Keyboard, open_window
from tests.ui.test_void import CTRL, CTRL_SHIFT, pay_cash


def test_history_after_a_void_by_keyboard(qtbot, terminal):
    window = open_window(qtbot, terminal)
    keys = Keyboard(qtbot)
    pay_cash(qtbot, window, keys, "1000000001", "200")
    first = window.counter.last_receipt.receipt_no
    pay_cash(qtbot, window, keys, "1000000002", "3100")
    second = window.counter.last_receipt.receipt_no
    receipts = terminal.data_dir / "receipts"
    keys.ctrl(Qt.Key.Key_2)
    history = window.history
    qtbot.waitUntil(lambda: len(history.rows) == 2, timeout=5000)
    assert QApplication.focusWidget() is history.filter and history.selected() == second  # newest first
    keys.press(Qt.Key.Key_Down)  # from the filter, the list moves
    assert history.selected() == first and QApplication.focusWidget() is history.filter
    keys.press(Qt.Key.Key_Up)
    keys.press(Qt.Key.Key_Down)
    assert history.selected() == first
    keys.press("v", CTRL_SHIFT)
    qtbot.waitUntil(lambda: history.void_dialog is not None, timeout=5000)
    dialog = history.void_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.approver, timeout=5000)
    for text in ("S01", "999999"):
        keys.type(text)
        keys.enter()
    keys.type("typo")
    with qtbot.waitSignal(history.slip_printed, timeout=10000):
        keys.press(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: len(history.rows) == 3, timeout=5000)
    # the slip to sign, stored beside the receipt it voids
    assert (receipts / f"{first}.void-1.bin").exists()
    assert "签字" in history.message.text()
    # the selection is still on the voided receipt's own row, not on the receipt now at its index
    row = history.selected_row()
    assert (row.type, row.receipt_no) == ("payment", first)
    # ↑ to the 冲正 row; Enter there reprints nothing
    keys.type("0001")
    qtbot.waitUntil(lambda: history.selected() == first, timeout=2000)
    while history.selected_row().type != "reversal":
        keys.press(Qt.Key.Key_Up)
    keys.enter()  # from the filter: into the list
    assert QApplication.focusWidget() is history.table
    keys.enter()  # on the 冲正 row
    qtbot.wait(300)
    assert not list(receipts.glob(f"{first}.reprint-*")) and "冲正记录" in history.message.text()
    # Ctrl+R there prints the slip again (marked 重打), never the receipt
    with qtbot.waitSignal(history.slip_printed, timeout=10000):
        keys.ctrl("r")
    assert (receipts / f"{first}.void-2.bin").exists() and not list(receipts.glob(f"{first}.reprint-*"))
    # the voided receipt's own row: Ctrl+R prints it, marked 已冲正
    keys.press(Qt.Key.Key_Down)
    assert history.selected_row().type == "payment"
    with qtbot.waitSignal(history.reprinted, timeout=10000):
        keys.ctrl("r")
    assert "已冲正".encode("gb18030") in (receipts / f"{first}.reprint-1.bin").read_bytes()


def test_a_void_at_the_counter_prints_the_slip(qtbot, terminal):
    window = open_window(qtbot, terminal)
    keys = Keyboard(qtbot)
    pay_cash(qtbot, window, keys, "1000000001", "200")
    receipt_no = window.counter.last_receipt.receipt_no
    keys.press("v", CTRL_SHIFT)
    dialog = window.counter.void_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.approver, timeout=5000)
    for text in ("S01", "999999"):
        keys.type(text)
        keys.enter()
    keys.type("typo")
    keys.press(Qt.Key.Key_Return, CTRL)
    slip = terminal.data_dir / "receipts" / f"{receipt_no}.void-1.bin"
    qtbot.waitUntil(slip.exists, timeout=10000)
    qtbot.waitUntil(lambda: "签字" in window.counter.print_status.text(), timeout=5000)
    assert "冲正凭证（退款）".encode("gb18030") in slip.read_bytes()


def test_alt_right_stops_at_today_and_a_new_day_clears_the_last_days_news(qtbot, terminal):
    window = open_window(qtbot, terminal)
    keys = Keyboard(qtbot)
    keys.ctrl(Qt.Key.Key_2)
    history = window.history
    history.message.show_message("error", "old news")
    keys.press(Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert history.day == terminal.ctx.today()  # not 2026-11-24, an empty day in the future
    keys.press(Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert str(history.day) == "2026-11-22" and "old news" not in history.message.text()
