"""Settings in a clerk's words, with the backup location, idle lock and large-payment limit (issue 16)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.config import load_config
from tests.ui.kbd import Keyboard, open_window


def test_settings_show_clerk_words_and_save_backup_idle_and_limit(qtbot, terminal, tmp_path):
    window = open_window(qtbot, terminal)
    keys = Keyboard(qtbot)
    keys.ctrl(Qt.Key.Key_4)
    page = window.settings
    kinds = [page.edits["printer.kind"].itemText(i) for i in range(page.edits["printer.kind"].count())]
    assert "网络打印机" in kinds and "network" not in kinds
    texts = {
        k: page.findChild(type(page.message).__mro__[1], "policy_" + k)
        for k in ("card.max_purchase_fen", "allocation.fee_before_principal")
    }
    assert texts["card.max_purchase_fen"].text().endswith(" 元")
    assert texts["allocation.fee_before_principal"].text() in ("是", "否")
    assert (
        page.edits["idle_lock_s"].text() == "300"
        and page.edits["counter.confirm_above_yuan"].text() == "5000.00"
    )
    page.edits["backup.path"].setText(str(tmp_path / "usb"))
    page.edits["idle_lock_s"].setText("120")
    page.supervisor.setFocus()
    keys.type("S01")
    keys.enter()
    keys.type("999999")
    keys.enter()
    assert page.message.property("level") == "ok", page.message.text()
    saved = load_config(terminal.config.path)
    assert saved.section("backup")["path"] == str(tmp_path / "usb")
    assert int(saved.data["idle_lock_s"]) == 120
    assert "counter" not in saved.data  # the default shown was not written as a change
