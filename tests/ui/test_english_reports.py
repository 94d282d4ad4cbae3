"""The English window says the reports' own words in English (issue 16): the guide's English pictures showed
未分配, 合计, 笔, 元 and Ⅲ级 where a clerk reading English expected words."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QApplication

from app.services.collection import collection_report
from tests.ui.kbd import open_window

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def test_collection_rows_chart_money_and_grades_in_english(qtbot, terminal):
    from ui.ageing_chart import short_yuan
    from ui.i18n import install

    app = QApplication.instance()
    window = open_window(qtbot, terminal)
    try:
        assert install(app, "en") is not None, "ui/i18n/hallpay_en.qm missing: run make translations"
        page = window.collection
        page.show_report(collection_report(terminal.ctx, "2026-11"))
        table = page.table
        cells = [
            [(table.item(r, c).text() if table.item(r, c) else "") for c in range(table.columnCount())]
            for r in range(table.rowCount())
        ]
        total = cells[-1]
        assert total[0] == "Total" and total[7] == "0.00 / 0"
        assert any(row[0] == "Unassigned" for row in cells)
        # every column but the area's own name (data from billing) is free of Chinese
        assert not [row for row in cells if any(CHINESE.search(text) for text in row[1:])]
        assert short_yuan(4603750) == "¥ 46,037.50"
        assert app.translate("ArrearsPage", "Ⅲ级（关注）") == "Grade III (watch)"
    finally:
        install(app, "zh_CN")
    assert short_yuan(4603750) == "46,037.50 元"
