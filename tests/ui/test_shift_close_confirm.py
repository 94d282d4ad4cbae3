"""Closing a shift asks once, naming the counted cash and the difference, before anything is checked or
closed (issue 16): Esc and a reflex Enter cancel, a second Ctrl+Enter asks no second question, only Y
closes, and after the close one more Enter opens no new shift. In English the question is English."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from app.cash import DENOMINATIONS_FEN
from tests.ui.kbd import Keyboard, open_window

CTRL = Qt.KeyboardModifier.ControlModifier


def open_shift_of(terminal, clerk: str):
    with terminal.ctx.read() as uow:
        return uow.shifts.open_for(clerk)


def count(keys: Keyboard, fen: int) -> None:
    """Type the pieces line by line, Enter after each (largest note first)."""
    for d in DENOMINATIONS_FEN:
        n, fen = fen // d, fen % d
        if n:
            keys.type(str(n))
        keys.enter()


def ask_to_close(qtbot, keys: Keyboard, shift) -> None:
    keys.press(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(
        lambda: shift.pending_confirm is not None and shift.pending_confirm.isVisible(), timeout=5000
    )
    qtbot.waitUntil(lambda: QApplication.focusWidget() is shift.pending_confirm.cancel_button, timeout=5000)


def test_close_asks_once_and_only_y_closes(qtbot, terminal):
    window = open_window(qtbot, terminal)
    keys = Keyboard(qtbot)
    shift = window.shift
    keys.ctrl(Qt.Key.Key_3)
    qtbot.waitUntil(lambda: shift.preview is not None, timeout=5000)
    shift_id, expected = shift.preview.shift.shift_id, shift.preview.expected_cash_fen
    assert expected == 500_00  # the demo float, nothing taken yet
    count(keys, expected - 100_00)  # 100.00 short

    ask_to_close(qtbot, keys, shift)
    assert shift.pending_confirm.text.text() == (
        f"结班 {shift_id}？\n应有现金 500.00 元，清点 400.00 元，短款 100.00 元。\n\n结班后本班不能再收款或冲正，不能撤销。"
    )
    keys.press(Qt.Key.Key_Escape)  # Esc cancels
    qtbot.waitUntil(lambda: not shift.pending_confirm.isVisible(), timeout=5000)
    assert shift.message.text().endswith("未结班。") and open_shift_of(terminal, "C01") is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is shift.reason, timeout=5000)  # back where it was

    ask_to_close(qtbot, keys, shift)
    first = shift.pending_confirm
    shift.do_close()  # a second Ctrl+Enter while the question is open asks nothing new
    assert shift.pending_confirm is first
    keys.enter()  # a reflex Enter cancels
    qtbot.waitUntil(lambda: not first.isVisible(), timeout=5000)
    assert open_shift_of(terminal, "C01") is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is shift.reason, timeout=5000)

    # Y: only now is the difference checked; without a reason it is refused and nothing closes
    ask_to_close(qtbot, keys, shift)
    keys.press(Qt.Key.Key_Y)
    qtbot.waitUntil(lambda: shift.message.property("level") == "error", timeout=5000)
    assert shift.message.text().endswith("点钞结果与应有现金不符（短款 100.00 元）；请填写原因后再结班。")
    assert open_shift_of(terminal, "C01") is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is shift.reason, timeout=5000)  # type the reason there

    # the exact count, asked again, Y closes; focus goes to the PDFs, and Enter opens no new shift
    for edit in shift.pieces.values():
        edit.clear()
    shift.pieces[DENOMINATIONS_FEN[0]].setFocus()
    count(keys, expected)
    assert shift.difference.text() == "账款相符"
    ask_to_close(qtbot, keys, shift)
    assert "账款相符" in shift.pending_confirm.text.text()
    with qtbot.waitSignal(shift.reports_written, timeout=20000):
        keys.press(Qt.Key.Key_Y)
    assert open_shift_of(terminal, "C01") is None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is shift.report_files.first_button(), timeout=5000)
    assert {action for (_name, action) in shift.report_files.buttons} == {"open", "print"}
    keys.enter()
    keys.enter()
    assert open_shift_of(terminal, "C01") is None


def test_the_question_and_the_difference_in_english(qtbot, terminal):
    from ui.i18n import install

    translator = install(QCoreApplication.instance(), "en")
    try:
        window = open_window(qtbot, terminal)
        keys = Keyboard(qtbot)
        shift = window.shift
        keys.ctrl(Qt.Key.Key_3)
        qtbot.waitUntil(lambda: shift.preview is not None, timeout=5000)
        count(keys, shift.preview.expected_cash_fen + 2_50)  # 2.50 over
        assert shift.difference.text() == "over by ¥2.50"
        ask_to_close(qtbot, keys, shift)
        text = shift.pending_confirm.text.text()
        assert "over by ¥2.50" in text and "502.50" in text
        assert not re.search(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]", text), text
        keys.press(Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not shift.pending_confirm.isVisible(), timeout=5000)
    finally:
        if translator is not None:
            QCoreApplication.removeTranslator(translator)
