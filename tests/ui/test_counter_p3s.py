"""The counter's small misleaders of the ux review (issue 28 round 2, P3): a stale invitation to propose a
notice, 应收 0.00 in alarm red, a key hint wrapped inside a word; the shift page's close button cut off."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextLayout

from tests.ui.kbd import Keyboard, open_window

SHIFT_CTRL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _warnings(window) -> list[str]:
    return [
        b.text()
        for b in window.counter.findChildren(type(window.counter.message), "warning")
        if b.isVisible()
    ]


def test_after_ctrl_shift_n_the_banner_no_longer_invites_a_notice(qtbot, terminal):
    window = open_window(qtbot, terminal)
    keys = Keyboard(qtbot)
    keys.scan("1000000002")
    assert any("Ctrl+Shift+N" in t and "已满足停电通知条件" in t for t in _warnings(window))
    keys.press("n", SHIFT_CTRL)
    qtbot.waitUntil(lambda: window.counter.message.property("level") == "ok", timeout=5000)
    qtbot.waitUntil(lambda: any("停电通知" in t and "TZ-" in t for t in _warnings(window)), timeout=5000)
    assert not any("Ctrl+Shift+N" in t or "已满足停电通知条件" in t for t in _warnings(window)), _warnings(
        window
    )
    assert any("欠费 2 期" in t for t in _warnings(window))  # the arrears themselves are still said


def test_nothing_due_is_not_red(qtbot, terminal):
    window = open_window(qtbot, terminal)
    to_pay = window.counter.customer.total_labels["to_pay"]
    assert to_pay.text() == "0.00" and "b3261e" not in to_pay.styleSheet()  # a fresh counter
    Keyboard(qtbot).scan("1000000002")
    qtbot.waitUntil(lambda: to_pay.text() != "0.00", timeout=5000)
    assert "b3261e" in to_pay.styleSheet()  # something due: red


def test_the_key_hint_wraps_only_between_keys(qtbot, terminal):
    window = open_window(qtbot, terminal)
    hint = window.counter.tender.findChild(
        type(window.counter.customer.total_labels["to_pay"]), "counter_hint"
    )
    text = hint.text()
    items = [len(x) for x in text.split("  ")]
    starts = {sum(items[:i]) + 2 * i for i in range(len(items))}  # where each key's hint begins
    for width in (180, 240, 300, 420):
        layout = QTextLayout(text, hint.font())
        layout.beginLayout()
        breaks = []
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            breaks.append(line.textStart())
        layout.endLayout()
        assert len(breaks) > 1 and all(b in starts or text[b - 1] == " " for b in breaks), (width, breaks)
        assert all(text[b - 1] == " " for b in breaks[1:]), (width, [text[b - 3 : b + 3] for b in breaks])


def test_the_shift_close_button_is_whole_on_a_short_screen(qtbot, terminal):
    window = open_window(qtbot, terminal)
    window.resize(1024, 600)
    Keyboard(qtbot).ctrl(Qt.Key.Key_3)
    button = window.shift.close_button
    qtbot.waitUntil(lambda: button.isVisible(), timeout=5000)
    qtbot.wait(50)
    shown = button.visibleRegion().boundingRect()
    assert shown.height() == button.height() and shown.width() == button.width(), (shown, button.rect())


def test_a_partly_paid_bill_shows_its_whole_mark(qtbot, terminal):
    from app.model import Method
    from app.services.payments import PayRequest, pay

    pay(
        terminal.ctx,
        PayRequest("1000000005", Method.CASH, "C01", amount_fen=30_000_00, tendered_fen=30_000_00),
    )
    window = open_window(qtbot, terminal)
    window.resize(1024, 740)
    Keyboard(qtbot).scan("1000000005")
    bills = window.counter.customer.bills
    qtbot.waitUntil(lambda: bills.rowCount() > 0 and "部分已缴" in bills.item(0, 0).text(), timeout=5000)
    qtbot.wait(50)
    text = bills.item(0, 0).text()
    assert bills.columnWidth(0) >= bills.fontMetrics().horizontalAdvance(text), (bills.columnWidth(0), text)
    assert bills.viewport().width() >= sum(bills.columnWidth(c) for c in range(bills.columnCount())) - 2


def test_the_large_payment_dialog_lists_the_bills_it_settles(qtbot, terminal):
    terminal.config.data["counter"] = {"confirm_above_yuan": "100.00"}
    window = open_window(qtbot, terminal)
    page, keys = window.counter, Keyboard(qtbot)
    keys.scan("1000000002")  # 2025-11 2,001.00 and 2026-10 1,040.00
    keys.type("3100")
    keys.enter()
    qtbot.waitUntil(
        lambda: page.pending_confirm is not None and page.pending_confirm.isVisible(), timeout=5000
    )
    text = page.pending_confirm.text.text()
    assert "2025-11  2,001.00 元（结清）" in text and "2026-10  1,040.00 元（结清）" in text, text
    keys.press(Qt.Key.Key_Escape)


def test_bank_card_shows_no_cash_leftovers(qtbot, terminal):
    window = open_window(qtbot, terminal)
    page, keys = window.counter, Keyboard(qtbot)
    keys.scan("1000000002")
    tender = page.tender
    assert tender.change_mode_label.isVisible() and tender.tendered.placeholderText()
    keys.press(Qt.Key.Key_F3)  # 银行卡
    assert not tender.change_mode_label.isVisible() and tender.tendered.placeholderText() == ""
    keys.press(Qt.Key.Key_F2)  # back to cash: both again
    assert tender.change_mode_label.isVisible() and tender.tendered.placeholderText()


def test_an_earlier_refusal_leaves_when_the_confirmation_asks(qtbot, terminal):
    window = open_window(qtbot, terminal)
    page, keys = window.counter, Keyboard(qtbot)
    keys.scan("1000000002")
    page.tender.amount.setFocus()
    page.tender.amount.selectAll()
    keys.type("1000000002")  # above the cap: refused on Enter
    page.tender.tendered.setFocus()
    keys.type("1")
    keys.enter()
    qtbot.waitUntil(lambda: page.message.property("level") == "error", timeout=5000)
    page.tender.amount.setFocus()
    page.tender.amount.selectAll()
    keys.type("6000")
    page.tender.tendered.setFocus()
    page.tender.tendered.selectAll()
    keys.type("6000")
    keys.enter()
    qtbot.waitUntil(
        lambda: page.pending_confirm is not None and page.pending_confirm.isVisible(), timeout=5000
    )
    assert page.message.property("level") != "error", page.message.text()
    keys.press(Qt.Key.Key_Escape)


def test_a_void_refusal_in_history_leaves_with_the_selection(qtbot, terminal):
    from app.model import Method
    from app.services.payments import PayRequest, pay
    from app.services.reversal import ReversalRequest, reverse

    voided = pay(terminal.ctx, PayRequest("1000000001", Method.CASH, "C01")).receipt.receipt_no
    pay(terminal.ctx, PayRequest("1000000002", Method.CASH, "C01"))
    reverse(terminal.ctx, ReversalRequest(voided, "C01", "S01", "实收输错", "999999"))
    window = open_window(qtbot, terminal)
    keys = Keyboard(qtbot)
    keys.ctrl(Qt.Key.Key_2)
    history = window.history
    qtbot.waitUntil(lambda: len(history.rows) == 3, timeout=5000)
    while history.selected() != voided or history.selected_row().type != "payment":
        keys.press(Qt.Key.Key_Down)
    keys.press("v", SHIFT_CTRL)
    assert history.message.property("level") == "error" and "不能重复冲正" in history.message.text()
    keys.press(Qt.Key.Key_Up)  # another receipt: the refusal was not about it
    assert history.selected() != voided or history.selected_row().type != "payment"
    assert history.message.property("level") in ("", None), history.message.text()
