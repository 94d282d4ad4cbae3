"""ux #5: the IC-card page's receipt preview was clipped on the right (收费员：C0, ¥100.0): it was scaled to the
scroll area's width before the tall receipt brought up the vertical scroll bar. It fits beside the bar, and
again after the window is resized."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.recharge_helpers import card_key, issue_card
from tests.ui.test_recharge_page import make_page, worker  # noqa: F401 (the fixture)


def _fits(page: Any) -> bool:
    QApplication.processEvents()
    pixmap = page.preview.pixmap()
    return not pixmap.isNull() and pixmap.width() <= page.preview_scroll.viewport().width()


def test_the_card_receipt_preview_is_never_cut_on_the_right(
    qtbot: Any, terminal: Any, worker: Any, tmp_path: Path
):  # noqa: F811
    page, reader = make_page(qtbot, terminal, worker)
    reader.insert(issue_card(tmp_path / "li.json", card_key(terminal)))
    qtbot.waitUntil(lambda: page.view is not None, timeout=5000)
    qtbot.keyClicks(page.amount, "100")
    qtbot.keyClick(page.amount, Qt.Key.Key_Return)
    qtbot.keyClicks(page.tendered, "100")
    qtbot.keyClick(page.tendered, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.preview.pixmap().isNull(), timeout=5000)
    # the receipt is taller than the area: the scroll bar shows once the scroll area has laid the pixmap out
    qtbot.waitUntil(lambda: page.preview_scroll.verticalScrollBar().isVisible(), timeout=2000)
    assert _fits(page), (page.preview.pixmap().width(), page.preview_scroll.viewport().width())
    page.grab().save(str(tmp_path / "recharge_preview.png"))  # to look at: pytest --basetemp
    page.resize(900, 600)
    qtbot.waitUntil(lambda: _fits(page), timeout=2000)
