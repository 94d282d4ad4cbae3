"""Settings, issue 28 round 2: the page shows and saves [counter] max_change_yuan (the change a drawer gives at
most), and Ctrl+S without a supervisor says so in words (it said `settings需要主管审批`) and goes to 主管工号."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.config import load_config
from tests.ui.kbd import Keyboard, open_window


def test_settings_show_and_save_the_change_limit(qtbot, terminal):
    window = open_window(qtbot, terminal)
    keys = Keyboard(qtbot)
    keys.ctrl(Qt.Key.Key_4)
    page = window.settings
    edit = page.edits["counter.max_change_yuan"]
    assert edit.text() == "2000.00"  # the default that applies today
    edit.setText("500.00")
    keys.ctrl(Qt.Key.Key_S)  # no supervisor yet
    qtbot.waitUntil(lambda: page.message.property("level") == "error")
    assert "settings" not in page.message.text() and "主管" in page.message.text()
    assert page.supervisor.hasFocus()
    keys.type("S01")
    keys.enter()
    keys.type("999999")
    keys.enter()
    qtbot.waitUntil(lambda: page.message.property("level") == "ok", timeout=5000)
    saved = load_config(terminal.config.path)
    assert saved.max_change_fen == 500_00
    assert "confirm_above_yuan" not in saved.data["counter"]  # the other default shown is not a change
