"""The counter window driven by the keyboard alone, as a clerk serves a queue."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel

from ui import ops
from ui.main_window import MainWindow


def type_text(widget, text: str) -> None:
    """Send text as key events; Chinese goes as QKeyEvent text (keyClicks aborts on non-Latin-1)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


def enter(qtbot, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    qtbot.waitUntil(ops.idle, timeout=10000)  # the lookup or payment it started runs off the Qt thread


def make_window(qtbot, terminal):
    window = MainWindow(terminal)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    return window


def test_search_pay_cash_see_change_and_receipt(qtbot, terminal):
    window = make_window(qtbot, terminal)
    page = window.counter
    assert QApplication.focusWidget() is page.search
    qtbot.keyClicks(page.search, "1000000002")  # a scanner types digits and Enter
    enter(qtbot, page.search)
    assert page.fields["name"].text() == "宏达机械厂"
    assert page.total_labels["to_pay"].text() == "3,041.00"
    assert page.bills.rowCount() == 2 and page.bills.item(0, 5).text() == "1,001.00"
    assert QApplication.focusWidget() is page.tendered
    qtbot.keyClicks(page.tendered, "3100")
    assert page.change.text() == "59.00"
    with qtbot.waitSignal(page.printer_state, timeout=10000) as printed:
        enter(qtbot, page.tendered)
    assert printed.args == ["printed"]
    assert "T01-20261123-0001" in page.message.text() and "找零 59.00" in page.message.text()
    assert (terminal.data_dir / "receipts" / "T01-20261123-0001.png").exists()
    assert page.preview.pixmap() is not None and not page.preview.pixmap().isNull()
    # back to an empty search for the next customer
    assert page.search.text() == "" and QApplication.focusWidget() is page.search


def test_search_by_chinese_name_and_pick_from_results(qtbot, terminal):
    window = make_window(qtbot, terminal)
    page = window.counter
    type_text(page.search, "路")  # one character: asks for more, nothing loaded
    enter(qtbot, page.search)
    assert page.current is None and "两个字" in page.message.text()
    page.search.clear()
    type_text(page.search, "区")
    type_text(page.search, "人民路")
    enter(qtbot, page.search)
    assert page.current is not None and page.current.customer.name == "李建国"
    assert any("费控" in w.text() for w in page.findChildren(QLabel, "warning"))


def test_tendered_too_little_is_refused_and_changes_nothing(qtbot, terminal):
    window = make_window(qtbot, terminal)
    page = window.counter
    qtbot.keyClicks(page.search, "1000000001")
    enter(qtbot, page.search)
    qtbot.keyClicks(page.tendered, "100")
    assert page.change.text().startswith("不足")
    enter(qtbot, page.tendered)
    assert "少于" in page.message.text()
    assert page.current is not None  # still on the same customer, nothing recorded
    with terminal.ctx.uow() as uow:
        assert uow.receipts.for_day("2026-11-23") == []


def test_bank_card_needs_reference_then_pays_with_f12(qtbot, terminal):
    window = make_window(qtbot, terminal)
    page = window.counter
    qtbot.keyClicks(page.search, "1000000001")
    enter(qtbot, page.search)
    qtbot.keyClick(page, Qt.Key.Key_F3)
    assert page.method.currentData() == "bankcard" and QApplication.focusWidget() is page.reference
    qtbot.keyClick(page.reference, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: "POS 参考号" in page.message.text(), timeout=10000)  # refused by the writer
    qtbot.keyClicks(page.reference, "POS778899")
    with qtbot.waitSignal(page.printer_state, timeout=10000):
        qtbot.keyClick(page.reference, Qt.Key.Key_F12)
    with terminal.ctx.uow() as uow:
        [stored] = uow.receipts.for_day("2026-11-23")
    assert (stored.method, stored.amount_fen) == ("bankcard", 19110)


def test_escape_starts_over(qtbot, terminal):
    window = make_window(qtbot, terminal)
    page = window.counter
    qtbot.keyClicks(page.search, "1000000001")
    enter(qtbot, page.search)
    qtbot.keyClick(page.tendered, Qt.Key.Key_Escape)
    assert page.current is None and page.search.text() == ""


def test_status_bar_names_terminal_clerk_day_printer(qtbot, terminal):
    window = make_window(qtbot, terminal)
    texts = {k: v.text() for k, v in window.status_labels.items()}
    assert "T01" in texts["terminal"] and "C01" in texts["clerk"] and "2026-11-23" in texts["day"]
    qtbot.waitUntil(lambda: "…" not in window.status_labels["printer"].text(), timeout=5000)


def test_f4_f5_say_the_field_takes_the_customers_payment_code(qtbot, terminal):
    """Issue 28 (ux N11): after F4/F5 the focused field was still labelled 交易参考号, like a typed reference."""
    window = make_window(qtbot, terminal)
    page = window.counter
    qtbot.keyClicks(page.search, "1000000001")
    enter(qtbot, page.search)
    for key in (Qt.Key.Key_F4, Qt.Key.Key_F5):
        qtbot.keyClick(QApplication.focusWidget(), key)
        assert QApplication.focusWidget() is page.reference
        assert page.tender.reference_label.text() == "付款码" and "扫描" in page.reference.placeholderText()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F3)  # bank card: the POS terminal's reference
    assert page.tender.reference_label.text() == "交易参考号"
