"""The counter window opens with a [printer] value it cannot use, and says so in the status bar (issue 15)."""

from __future__ import annotations

from tests.ui.kbd import open_window


def test_window_opens_with_a_bad_printer_width(qtbot, terminal):
    terminal.config.data["printer"] = {**terminal.config.section("printer"), "width_mm": 76}
    terminal.config.data["card"] = {"kind": "nonsense"}
    window = open_window(qtbot, terminal)
    printer = terminal.printer()
    assert not printer.status().can_print and "width_mm" in printer.status().message
    assert "[card]" in terminal.card_reader().status().text
    window.close()
