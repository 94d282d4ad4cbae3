"""欠费清单 page: keyboard first, filters applied with Enter, totals and chart agree, exports off the UI thread."""

from __future__ import annotations

import csv

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.risk import ArrearsFilter
from app.services.arrears import arrears_list
from tests.ui.kbd import Keyboard, open_window


def test_filters_by_keyboard_totals_chart_and_csv_export(qtbot, terminal):
    window = open_window(qtbot, terminal)
    keys = Keyboard(qtbot)
    keys.ctrl(Qt.Key.Key_6)
    page = window.pages.currentWidget().arrears
    assert window.page_names[window.pages.currentIndex()] == "arrears"
    assert QApplication.focusWidget() is page.grade
    everything = arrears_list(terminal.ctx, ArrearsFilter(), with_fees=False).totals
    assert page.chart.totals == everything and everything.customers > 0
    assert page.totals_label.text().startswith(f"共 {everything.customers} 户欠费")
    assert "元" in page.chart.bar_text(3) and "户" in page.chart.bar_text(3)  # words, not colour alone

    keys.press(Qt.Key.Key_Tab)  # 用户类别
    keys.press(Qt.Key.Key_Tab)  # 账龄
    keys.press(Qt.Key.Key_Down)  # 0–30 天 ... → 31–60 天
    keys.press(Qt.Key.Key_Down)
    assert page.age.currentText() == "31–60 天"
    keys.enter()
    only = arrears_list(terminal.ctx, ArrearsFilter(min_days=31, max_days=60), with_fees=False).totals
    assert page.chart.totals == only
    assert all(31 <= int(page.table.item(i, 8).text()) <= 60 for i in range(page.table.rowCount()))

    page.min_amount.setFocus()
    keys.type("abc")
    keys.enter()
    assert page.message.property("level") == "error" and "最低欠费金额" in page.message.text()
    page.min_amount.clear()
    keys.enter()
    assert page.message.property("level") in ("", None)

    with qtbot.waitSignal(page.exported, timeout=20000) as blocker:
        keys.press(Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    path = blocker.args[0]
    with open(path, encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][0] == "户号" and len(rows) == only.customers + 2 and rows[-1][1] == f"{only.customers} 户"
    assert "已导出" in page.message.text()


def test_notice_panel_approve_with_supervisor_then_serve_and_print(qtbot, terminal):
    from app.services import notices

    n = notices.propose(terminal.ctx, "1000000002", "C01")
    window, store = open_window(qtbot, terminal), Keyboard(qtbot)
    window.show_page("arrears")
    manager = window.pages.currentWidget()
    manager.setCurrentWidget(manager.notices)
    panel = manager.notices
    store.settle()  # the list is read on the store's reader thread
    assert panel.rows[0].notice_id == n.notice_id and panel.table.item(0, 3).text() == "已提出"
    panel.supervisor.setText("C01")  # a clerk cannot approve
    panel.supervisor_pin.setText("111111")
    panel.approve_selected()
    assert panel.message.text().endswith("正在核对主管密码…") and not panel.approve_button.isEnabled()
    store.settle()
    assert (
        panel.message.property("level") == "error"
        and notices.get_notice(terminal.ctx, n.notice_id).state == "proposed"
    )
    panel.supervisor.setText("S01")
    panel.supervisor_pin.setText("999999")
    panel.approve_selected()
    store.settle()
    assert notices.get_notice(terminal.ctx, n.notice_id).state == "approved"
    assert panel.table.item(0, 3).text() == "已审批" and "已审批" in panel.message.text()
    panel.serve_selected()
    store.settle()
    served = notices.get_notice(terminal.ctx, n.notice_id)
    assert served.state == "served" and served.stop_from in panel.message.text()
    with qtbot.waitSignal(panel.printed, timeout=20000) as blocker:
        panel.print_selected()
    assert blocker.args[0].endswith(f"{n.notice_id}.pdf")
