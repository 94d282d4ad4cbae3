"""Every shortcut reaches its page or action, by keyboard, and F1 lists it (issue 16)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTextBrowser

from app.services import notices
from tests.ui.kbd import Keyboard, open_window

SHIFT_CTRL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_ctrl_digit_reaches_every_page_and_lands_focus(qtbot, terminal):
    window = open_window(qtbot, terminal)
    keys = Keyboard(qtbot)
    expected_focus = {
        "counter": lambda w: w.counter.search,
        "history": lambda w: w.history.filter,
        "shift": lambda w: w.shift.pieces[next(iter(w.shift.pieces))],
        "recharge": lambda w: w.pages.widget(w.page_names.index("recharge")).demo_customer,
        "arrears": lambda w: w.pages.widget(w.page_names.index("arrears")).arrears.grade,
    }
    for index, name in enumerate(window.page_names):
        keys.ctrl(str(index + 1))
        assert window.pages.currentIndex() == index, name
        if name in expected_focus:
            assert QApplication.focusWidget() is expected_focus[name](window), name
    keys.ctrl(Qt.Key.Key_1)
    keys.type("123")
    keys.ctrl("f")
    assert QApplication.focusWidget() is window.counter.search


def test_ctrl_pgdown_goes_to_notices_without_touching_the_filter(qtbot, terminal):
    window = open_window(qtbot, terminal)
    keys = Keyboard(qtbot)
    keys.ctrl(Qt.Key.Key_6)
    manager = window.pages.currentWidget()
    grade = manager.arrears.grade.currentIndex()
    keys.ctrl(Qt.Key.Key_PageDown)
    assert manager.currentWidget() is manager.notices and QApplication.focusWidget() is manager.notices.table
    assert manager.arrears.grade.currentIndex() == grade
    keys.ctrl(Qt.Key.Key_PageUp)
    assert manager.currentWidget() is manager.arrears and QApplication.focusWidget() is manager.arrears.grade


def test_ctrl_shift_n_proposes_a_notice_from_the_counter_and_the_arrears_list(qtbot, terminal):
    window = open_window(qtbot, terminal)
    keys = Keyboard(qtbot)
    keys.scan("1000000002")
    assert any(
        "Ctrl+Shift+N" in b.text()
        for b in window.counter.findChildren(type(window.counter.message), "warning")
    )
    keys.press("n", SHIFT_CTRL)
    qtbot.waitUntil(lambda: window.counter.message.property("level") in ("ok", "error"), timeout=5000)
    assert "已为用户 1000000002 提出停电通知" in window.counter.message.text()
    assert [n.customer_no for n in notices.notice_list(terminal.ctx, "proposed")] == ["1000000002"]
    # from the arrears list: the selected customer
    keys.ctrl(Qt.Key.Key_6)
    arrears = window.pages.currentWidget().arrears
    keys.ctrl(Qt.Key.Key_Down)
    customer = arrears.table.item(arrears.table.currentRow(), 0).text()
    with qtbot.waitSignal(arrears.notice_proposed, timeout=5000):
        keys.press("n", SHIFT_CTRL)
    assert customer in {n.customer_no for n in notices.notice_list(terminal.ctx, "proposed")}


def test_f1_lists_every_shortcut(qtbot, terminal):
    window = open_window(qtbot, terminal)
    Keyboard(qtbot).press(Qt.Key.Key_F1)
    text = window.key_dialog.findChild(QTextBrowser).toPlainText()
    for key in (
        "F2 … F7",
        "F8",
        "F12",
        "Ctrl+R",
        "Ctrl+Shift+V",
        "Esc",
        "Ctrl+P / F5",
        "Ctrl+Enter",
        "Y",
        "F9 / F12",
        "Ctrl+PgDown",
        "Ctrl+Shift+N",
        "Ctrl+Shift+C / X / P",
        "Ctrl+Shift+A / S / P",
        "Ctrl+S",
        "Ctrl+D",
        "Ctrl+L",
        "Ctrl+Shift+L",
        "F1",
    ):
        assert key in text, key
    for i in range(len(window.page_names)):
        assert f"Ctrl+{i + 1}" in text


def test_ctrl_d_toggles_the_customer_display(qtbot, terminal):
    window = open_window(qtbot, terminal)
    keys = Keyboard(qtbot)
    keys.ctrl("d")
    assert window.display.isVisible()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    keys.ctrl("d")
    assert not window.display.isVisible()


def test_ic_card_page_focus_follows_the_next_key(qtbot, terminal):
    window = open_window(qtbot, terminal)
    keys = Keyboard(qtbot)
    keys.ctrl(Qt.Key.Key_5)
    page = window.pages.currentWidget()
    assert QApplication.focusWidget() is page.demo_customer  # typed digits are not lost
    keys.type("1000000003")
    keys.enter()  # the simulated reader: Enter inserts that customer's card
    qtbot.waitUntil(lambda: page.view is not None and QApplication.focusWidget() is page.amount, timeout=5000)
    keys.type("100")
    keys.enter()
    keys.enter()  # an empty 实收 never pays
    assert page.last_result is None and "实收" in page.banner.text()
    keys.type("150")
    assert page.change.text() == "50.00" and page.change.font().pointSize() >= 20
    keys.enter()
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=5000)
    assert QApplication.focusWidget() is page.demo_customer  # not the 补卡 field
    assert page.change.text() == "50.00"
    qtbot.waitUntil(
        lambda: not page.preview.pixmap().isNull(), timeout=5000
    )  # the receipt, as at the counter


def test_collection_report_page_by_keyboard_with_its_pdf(qtbot, terminal):
    window = open_window(qtbot, terminal)
    keys = Keyboard(qtbot)
    keys.scan("1000000001")
    with qtbot.waitSignal(window.counter.printer_state, timeout=10000):
        keys.press(Qt.Key.Key_F8)
    page = window.collection
    with qtbot.waitSignal(page.loaded, timeout=10000):
        keys.ctrl(str(window.page_names.index("collection") + 1))
    assert QApplication.focusWidget() is page.month and page.month.text() == "2026-11"
    assert "191.10" in page.table.item(page.table.rowCount() - 1, 1).text()
    with qtbot.waitSignal(page.pdf_written, timeout=20000) as written:
        keys.press("p", SHIFT_CTRL)
    assert open(written.args[0], "rb").read(5) == b"%PDF-"
    assert QApplication.focusWidget() is page.files.first_button()


def test_the_customer_display_never_takes_the_keyboard_nor_covers_the_change(qtbot, terminal):
    """Issue 28 (ux N6): Ctrl+D then the next 户号 went to the display; on one screen it covered 本笔已收."""
    window = open_window(qtbot, terminal)
    window.setGeometry(0, 0, 1024, 740)  # the review's smaller screen, maximized
    keys = Keyboard(qtbot)
    page = window.counter
    keys.ctrl("d")
    assert window.display.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.search, timeout=2000)
    keys.scan("1000000001")
    assert page.current is not None and page.current.customer.customer_no == "1000000001"
    keys.type("200")
    with qtbot.waitSignal(page.printer_state, timeout=10000):
        keys.enter()
    box = page.result_box
    shown = box.mapToGlobal(box.rect().topLeft())
    change_box = box.rect().translated(shown)
    assert box.isVisible() and not window.display.frameGeometry().intersects(change_box)
    form = page.tender.rect().translated(page.tender.mapToGlobal(page.tender.rect().topLeft()))
    assert not window.display.frameGeometry().intersects(form)
