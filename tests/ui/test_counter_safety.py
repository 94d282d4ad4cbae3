"""Issue 16 at the counter, by keyboard: no payment by reflex, the change stays, printer news resolves,
the receipt preview belongs to the customer on screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.ports import PrintResult
from tests.ui.kbd import Keyboard, open_window

SHIFT_L = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def receipts(terminal):
    with terminal.ctx.uow() as uow:
        return uow.receipts.for_day("2026-11-23")


def test_scan_then_double_enter_pays_nothing(qtbot, terminal):
    window = open_window(qtbot, terminal)
    page, keys = window.counter, Keyboard(qtbot)
    keys.scan("1000000005")  # a scanner's digits and its trailing Enter find the customer
    assert page.total_labels["to_pay"].text() == "68,274.40"
    keys.enter()  # the reflex Enter on an empty 实收
    keys.enter()
    assert receipts(terminal) == []
    assert page.message.property("level") == "warn" and "F8" in page.message.text()
    assert page.current is not None and QApplication.focusWidget() is page.tendered
    assert "F8" in page.exact_button.text()  # the exact-cash key is on screen


def test_large_payment_asks_once_enter_cancels_y_confirms(qtbot, terminal):
    window = open_window(qtbot, terminal)
    page, keys = window.counter, Keyboard(qtbot)
    keys.scan("1000000005")
    keys.press(Qt.Key.Key_F8)  # exact cash: 68,274.40 is above the 5,000.00 default
    dialog = page.pending_confirm
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.cancel_button, timeout=5000)
    assert "68,274.40" in dialog.text.text() and "现金" in dialog.text.text()
    keys.enter()  # a reflex Enter cancels
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert receipts(terminal) == [] and "未收款" in page.message.text()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.tendered, timeout=5000)
    keys.press(Qt.Key.Key_F8)
    dialog = page.pending_confirm
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.cancel_button, timeout=5000)
    with qtbot.waitSignal(page.printer_state, timeout=10000):
        keys.press(Qt.Key.Key_Y)
    [stored] = receipts(terminal)
    assert (stored.method, stored.amount_fen) == ("cash", 6827440)
    assert page.result_labels["change"].text() == "0.00"


def test_limit_comes_from_config(qtbot, terminal):
    terminal.config.data["counter"] = {"confirm_above_yuan": "100.00"}
    window = open_window(qtbot, terminal)
    page, keys = window.counter, Keyboard(qtbot)
    keys.scan("1000000001")  # 191.10 > 100.00
    keys.type("200")
    keys.enter()
    qtbot.waitUntil(
        lambda: page.pending_confirm is not None and page.pending_confirm.isVisible(), timeout=5000
    )
    keys.press(Qt.Key.Key_Escape)
    assert receipts(terminal) == []


def test_change_stays_large_after_print_result_until_next_lookup(qtbot, terminal):
    window = open_window(qtbot, terminal)
    page, keys = window.counter, Keyboard(qtbot)
    keys.scan("1000000002")
    keys.type("3100")
    with qtbot.waitSignal(page.printer_state, timeout=10000) as printed:
        keys.enter()
    assert printed.args == ["printed"]
    assert page.result_box.isVisible()
    assert [page.result_labels[k].text() for k in ("paid", "tendered", "change")] == [
        "3,041.00",
        "3,100.00",
        "59.00",
    ]
    assert page.print_status.text().endswith("已打印。") and "正在" not in page.print_status.text()
    assert window.display.values["change"].text() == "59.00 元"
    assert not page.preview.pixmap().isNull()
    assert page.preview.pixmap().width() <= page.preview_scroll.viewport().width()  # scaled to its pane
    # the next customer: the figures and the preview go; the customer display follows
    keys.scan("1000000001")
    assert not page.result_box.isVisible() and page.preview.pixmap().isNull()
    assert window.display.values["change"].text() == "—"


def test_printer_failure_says_what_to_do_and_keeps_the_change(qtbot, terminal, monkeypatch):
    import ui.counter_result as counter_result  # the counter's printing lives with its receipt preview

    monkeypatch.setattr(
        counter_result,
        "print_receipt",
        lambda ctx, printer, receipt: PrintResult(False, "打印机连接不上。", ""),
    )
    window = open_window(qtbot, terminal)
    page, keys = window.counter, Keyboard(qtbot)
    keys.scan("1000000002")
    keys.type("3100")
    with qtbot.waitSignal(page.printer_state, timeout=10000) as state:
        keys.enter()
    assert state.args == ["failed"]
    assert "未打印" in page.print_status.text() and "Ctrl+R" in page.print_status.text()
    assert page.result_box.isVisible() and page.result_labels["change"].text() != "—"


def test_preview_cleared_by_escape_and_by_clerk_switch(qtbot, terminal):
    window = open_window(qtbot, terminal)
    page, keys = window.counter, Keyboard(qtbot)
    for _ in range(2):
        keys.scan("1000000001")
        with qtbot.waitSignal(page.printer_state, timeout=10000):
            keys.press(Qt.Key.Key_F8)
        qtbot.waitUntil(lambda: not page.preview.pixmap().isNull(), timeout=5000)
        if page.shown_receipt.endswith("0001"):
            keys.press(Qt.Key.Key_Escape)
            assert page.preview.pixmap().isNull() and not page.result_box.isVisible()
            assert window.display.values["change"].text() == "—"
            assert page.message.text() == ""
            # 1000000001 is paid now; a second payment is a prepayment: type an amount
            keys.scan("1000000001")
            keys.type("50")
            keys.enter()
            keys.press(Qt.Key.Key_Escape)
            break
    keys.press("l", SHIFT_L)
    dialog = window.clerk_controls.switch_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.clerk, timeout=5000)
    keys.type("S01")
    keys.enter()
    keys.type("999999")
    keys.enter()
    assert window.clerk_id == "S01"
    assert page.preview.pixmap().isNull() and not page.result_box.isVisible() and page.last_receipt is None


def test_ctrl_r_reprints_the_last_receipt_from_the_counter(qtbot, terminal):
    window = open_window(qtbot, terminal)
    page, keys = window.counter, Keyboard(qtbot)
    keys.scan("1000000001")
    with qtbot.waitSignal(page.printer_state, timeout=10000):
        keys.press(Qt.Key.Key_F8)
    with qtbot.waitSignal(page.printer_state, timeout=10000):
        keys.ctrl(Qt.Key.Key_R)
    assert "已重打" in page.print_status.text()
    [stored] = receipts(terminal)
    assert stored.print_count == 2


def test_partial_payment_shows_the_bills_it_settles_and_what_is_still_owed(qtbot, terminal):
    window = open_window(qtbot, terminal)
    page, keys = window.counter, Keyboard(qtbot)
    keys.scan("1000000005")  # 68,274.40 over two bills
    page.amount.setFocus()
    page.amount.selectAll()
    keys.type("30000")
    keys.enter()
    keys.press(Qt.Key.Key_F4)
    keys.type("WX1")
    keys.enter()
    dialog = page.pending_confirm
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.cancel_button, timeout=5000)
    text = dialog.text.text()
    assert "部分缴费" in text and "2026-08" in text and "缴后尚欠 38,274.40 元" in text
    with qtbot.waitSignal(page.printer_state, timeout=10000):
        keys.press(Qt.Key.Key_Y)
    assert "尚欠 38,274.40 元" in page.message.text() and "尚欠 38,274.40" in page.result_receipt.text()
    keys.scan("1000000005")
    marked = [page.bills.item(r, 0).text() for r in range(page.bills.rowCount())]
    assert any("部分已缴" in t for t in marked)


def test_no_shift_is_said_in_clerk_words_before_paying(qtbot, terminal):
    window = open_window(qtbot, terminal, clerk="C02")  # C02 has no shift open
    page, keys = window.counter, Keyboard(qtbot)
    qtbot.waitUntil(lambda: "还没有开班" in page.message.text(), timeout=5000)  # asked off the Qt thread
    assert "shift open" not in page.message.text()
    keys.scan("1000000001")
    assert "Ctrl+3" in page.message.text()
    keys.press(Qt.Key.Key_F8)
    assert receipts(terminal) == [] and "还没有开班" in page.message.text()
    # open the shift as the message says; the counter stops warning
    keys.press(Qt.Key.Key_Escape)
    keys.ctrl(Qt.Key.Key_3)
    keys.type("200")
    keys.enter()
    keys.ctrl(Qt.Key.Key_1)
    qtbot.waitUntil(lambda: page.shift_open is True, timeout=5000)
    keys.scan("1000000001")
    with qtbot.waitSignal(page.printer_state, timeout=10000):
        keys.press(Qt.Key.Key_F8)
    assert len(receipts(terminal)) == 1


def test_method_switch_clears_a_stale_error_and_zero_due_is_not_red(qtbot, terminal):
    window = open_window(qtbot, terminal)
    page, keys = window.counter, Keyboard(qtbot)
    keys.scan("1000000001")
    keys.press(Qt.Key.Key_F3)
    keys.press(Qt.Key.Key_F12)
    assert page.message.property("level") == "error"  # the bank card needs its POS reference
    keys.press(Qt.Key.Key_F5)
    assert page.message.text() == ""
    keys.press(Qt.Key.Key_Escape)
    keys.scan("1000000004")  # nothing due
    assert (
        page.total_labels["to_pay"].text() == "0.00"
        and "b3261e" not in page.total_labels["to_pay"].styleSheet()
    )


def test_ctrl_r_with_the_printer_down_answers_each_time(qtbot, terminal):
    """Issue 28 (ux N10): with the printer unreachable, Ctrl+R left the screen as it was; each try now says it
    failed, with its count. A real network printer on a closed loopback port."""
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    terminal.config.data["printer"] = {"kind": "network", "host": "127.0.0.1", "port": port, "timeout_s": 0.5}
    terminal._printer = None
    window = open_window(qtbot, terminal)
    page, keys = window.counter, Keyboard(qtbot)
    keys.scan("1000000002")
    keys.type("3100")
    with qtbot.waitSignal(page.printer_state, timeout=10000):
        keys.enter()
    first = page.print_status.text()
    assert "未打印" in first and first.count("检查") <= 1  # the advice once, not twice
    for n in (1, 2):
        with qtbot.waitSignal(page.printer_state, timeout=10000) as state:
            keys.ctrl("r")
        assert state.args == ["failed"] and f"第 {n} 次重打" in page.print_status.text()
