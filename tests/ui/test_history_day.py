"""History by keyboard (issue 16): today by default; Alt+← / Alt+→ / Alt+Home choose the business day; a type
column names each entry (payment, reversal, ...); the day's total knows its reversals; a reversal's row
never voids again."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.model import Method
from app.services.payments import PayRequest, pay
from app.services.reversal import ReversalRequest, reverse
from app.services.shifts import open_shift
from tests.ui.kbd import Keyboard, open_window

ALT = Qt.KeyboardModifier.AltModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
YESTERDAY = dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def yesterday_and_today(terminal) -> tuple[str, str, str]:
    """Yesterday C02 took 200.00 cash and 50.00 by WeChat, then voided the WeChat one; today C01 takes one."""
    ctx, clock = terminal.ctx, terminal.ctx.clock
    today = clock.now
    clock.now = YESTERDAY
    open_shift(ctx, "C02", 0)
    cash = pay(ctx, PayRequest("1000000001", Method.CASH, "C02", tendered_fen=200_00)).receipt
    wechat = pay(
        ctx, PayRequest("1000000004", Method.WECHAT, "C02", amount_fen=50_00, reference="WX1")
    ).receipt
    reverse(ctx, ReversalRequest(wechat.receipt_no, "C02", "S01", "录错", "999999"))
    clock.now = today
    paid = pay(ctx, PayRequest("1000000002", Method.WECHAT, "C01", reference="WX2")).receipt
    return cash.receipt_no, wechat.receipt_no, paid.receipt_no


def shown(history) -> list[tuple[str, ...]]:
    return [
        tuple(history.table.item(row, col).text() for col in (0, 2, 5, 6))
        for row in range(history.table.rowCount())
    ]


def test_history_switches_day_by_keyboard_and_names_each_entry(qtbot, terminal):
    cash_no, wechat_no, today_no = yesterday_and_today(terminal)
    window = open_window(qtbot, terminal)
    keys = Keyboard(qtbot)
    history = window.history
    keys.ctrl(Qt.Key.Key_2)
    assert QApplication.focusWidget() is history.filter
    qtbot.waitUntil(lambda: history.table.rowCount() == 1, timeout=5000)
    assert history.day_edit.date().toString("yyyy-MM-dd") == "2026-11-23"  # today by default
    assert shown(history) == [(today_no, "缴费", "微信", "3,041.00")]
    assert history.summary.text() == "共 1 张，合计 3,041.00 元"

    keys.press(Qt.Key.Key_Left, ALT)  # the day before
    qtbot.waitUntil(lambda: history.table.rowCount() == 3, timeout=5000)
    assert history.day_edit.date().toString("yyyy-MM-dd") == "2026-11-22"
    assert shown(history) == [
        (wechat_no, "冲正", "微信", "-50.00"),
        (wechat_no, "缴费", "微信", "50.00"),
        (cash_no, "缴费", "现金", "191.10"),
    ]
    assert "已冲正" in history.table.item(1, 7).text() and history.table.item(0, 7).text() == ""
    assert history.summary.text() == "共 2 张，合计 241.10 元；冲正 1 张 50.00 元，净收 191.10 元"

    # the reversal's row stands for the receipt it reversed: voiding it again is refused, no dialog
    history.table.setFocus()
    history.table.selectRow(0)
    keys.press("v", CTRL_SHIFT)
    assert history.void_dialog is None and "不能重复冲正" in history.message.text()

    keys.press(Qt.Key.Key_Left, ALT)  # two days back: nothing
    qtbot.waitUntil(lambda: history.table.rowCount() == 0, timeout=5000)
    assert history.summary.text() == "共 0 张，合计 0.00 元"
    keys.press(Qt.Key.Key_Right, ALT)
    qtbot.waitUntil(lambda: history.table.rowCount() == 3, timeout=5000)
    keys.press(Qt.Key.Key_Home, ALT)  # back to today
    qtbot.waitUntil(lambda: history.table.rowCount() == 1, timeout=5000)
    assert history.day_edit.date().toString("yyyy-MM-dd") == "2026-11-23"


def test_filter_by_type_and_english_type_names(qtbot, terminal):
    from PySide6.QtCore import QCoreApplication

    from ui.i18n import install

    cash_no, wechat_no, _today = yesterday_and_today(terminal)
    translator = install(QCoreApplication.instance(), "en")
    try:
        window = open_window(qtbot, terminal)
        keys = Keyboard(qtbot)
        history = window.history
        keys.ctrl(Qt.Key.Key_2)
        keys.press(Qt.Key.Key_Left, ALT)
        qtbot.waitUntil(lambda: history.table.rowCount() == 3, timeout=5000)
        assert [history.table.item(r, 2).text() for r in range(3)] == ["reversal", "payment", "payment"]
        keys.type("reversal")
        visible = [r for r in range(3) if not history.table.isRowHidden(r)]
        assert visible == [0] and history.selected() == wechat_no
    finally:
        if translator is not None:
            QCoreApplication.removeTranslator(translator)
