"""The counter clears its "no shift" line by what the line is about, never by comparing its words (issue 16):
a translated sentence, or another sentence that happens to end the same way, must not decide."""

from __future__ import annotations

from app.services.shifts import open_shift
from tests.ui.kbd import open_window
from ui.counter_page import NO_SHIFT
from ui.ops import OpChanges


def test_no_shift_line_clears_by_its_topic_only(qtbot, terminal):
    window = open_window(qtbot, terminal, clerk="C02")  # C02 has no shift open
    page = window.counter
    qtbot.waitUntil(lambda: page.message.topic == NO_SHIFT, timeout=5000)  # asked off the Qt thread
    # another sentence that ends with the very same words is not the "no shift" line
    page.message.show_message("warn", "另一件事。" + page.no_shift_text())
    open_shift(terminal.ctx, "C02", 0)
    page.refresh_changes(OpChanges(shift=True))
    qtbot.waitUntil(lambda: page.shift_open is True, timeout=5000)
    assert page.message.isVisible() and page.message.text().startswith("⚠ 另一件事")

    # the line itself goes when the shift is open
    page.shift_open = False
    page.message.show_message("warn", page.no_shift_text(), topic=NO_SHIFT)
    page.refresh_changes(OpChanges(shift=True))
    qtbot.waitUntil(lambda: page.message.topic == "", timeout=5000)
    assert page.message.text() == "" and not page.message.isVisible()
