"""Issue 28 (ux N4): every page fits a 1024×768 screen in both languages. In English the window's minimum
width was 1,235 px (the arrears filters five to a row), so on a 1024-px screen 实收, the live change and the
confirm key were off-screen. 1,000 × 740 leaves room for the frame and a title bar (the review's maximized
window under openbox on a 1024×768 screen was 749 px high)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui.kbd import Keyboard, open_window
from ui import ops

MAX_W, MAX_H = 1000, 740


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_page_fits_1024x768(qtbot, terminal, language):
    from ui.app import make_application
    from ui.i18n import install

    app = QApplication.instance()
    font = app.font()
    make_application(language)  # the window's own font (a CJK face, 11 pt) and translator, as `gui` starts
    try:
        window = open_window(qtbot, terminal)  # built after the translator: its words are the language's
        if language == "en":
            assert window.counter.confirm_button.text().startswith("Confirm")
        # a day with money in it: the counter's paid box, History's totals, the shift's figures
        keys = Keyboard(qtbot)
        keys.scan("1000000002")
        keys.type("3100")
        with qtbot.waitSignal(window.counter.printer_state, timeout=10000):
            keys.enter()
        window.history.refresh()
        window.shift.refresh()
        qtbot.waitUntil(lambda: bool(window.history.rows), timeout=5000)
        qtbot.waitUntil(ops.idle, timeout=5000)
        sizes = {}
        for i, name in enumerate(window.page_names):
            page = window.pages.widget(i)
            hint = page.minimumSizeHint()
            sizes[name] = (hint.width(), hint.height())
        hint = window.minimumSizeHint()
        assert hint.width() <= MAX_W and hint.height() <= MAX_H, (language, hint, sizes)
        assert all(w <= MAX_W and h <= MAX_H for w, h in sizes.values()), sizes
    finally:
        install(app, "zh_CN")
        app.setFont(font)
