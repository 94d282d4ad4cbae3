"""Issue 15, the rest of the window: every page reaches the store through ui/ops.py, off the Qt thread.

Each test wraps the app/ service a page calls so that it records the thread it ran on and fails on the
Qt thread, then checks that the page shows what the service answered. The PIN checks (scrypt, ~150 ms)
are held on their thread until the test has seen the dialog say it is checking.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication

import ui.arrears_page
import ui.audit_page
import ui.lock_screen
import ui.login_dialog
import ui.settings_page
from app.services import notices
from app.services.clerks import audit_trail
from tests.ui.kbd import Keyboard, open_window
from ui.login_dialog import LoginDialog


def thread_name() -> str:
    return QThread.currentThread().objectName() or threading.current_thread().name


def recorded(
    monkeypatch: pytest.MonkeyPatch,
    module: Any,
    name: str,
    seen: list[tuple[str, str]],
    hold: threading.Event | None = None,
) -> None:
    """Replace module.name by the same function that notes (name, thread) and refuses the Qt thread."""
    real: Callable[..., Any] = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        seen.append((name, thread_name()))
        assert QThread.currentThread() is not QApplication.instance().thread(), f"{name} ran on the Qt thread"
        if hold is not None:
            assert hold.wait(10), "the test never released the PIN check"
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapper)


def threads_of(seen: list[tuple[str, str]], name: str) -> set[str]:
    return {thread for called, thread in seen if called == name}


def test_arrears_list_choices_and_export_run_off_the_qt_thread(qtbot, terminal, monkeypatch, tmp_path):
    seen: list[tuple[str, str]] = []
    for name in ("arrears_list", "areas", "responsible_clerks"):
        recorded(monkeypatch, ui.arrears_page, name, seen)
    window, keys = open_window(qtbot, terminal), Keyboard(qtbot)
    keys.ctrl(Qt.Key.Key_6)
    page = window.pages.currentWidget().arrears
    keys.settle()
    assert threads_of(seen, "areas") == threads_of(seen, "responsible_clerks") == {"store-read"}
    assert threads_of(seen, "arrears_list") == {"store-read"}
    shown = page.result
    assert shown is not None and shown.totals.customers > 0
    assert page.totals_label.text().startswith(f"共 {shown.totals.customers} 户欠费")
    assert (
        page.table.rowCount() == len(shown.rows) and page.table.item(0, 0).text() == shown.rows[0].customer_no
    )
    assert page.area.count() > 1  # the areas the store knows, after 全部

    seen.clear()
    recorded(monkeypatch, terminal, "export_arrears_apart", seen)  # the child process that writes every row
    with qtbot.waitSignal(page.exported, timeout=20000) as written:
        keys.press(Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert threads_of(seen, "arrears_list") == threads_of(seen, "export_arrears_apart") == {"store-report"}
    assert written.args[0].endswith(".csv") and page.export_buttons["csv"].isEnabled()
    with open(written.args[0], encoding="utf-8-sig") as fh:
        assert sum(1 for _ in fh) == shown.totals.customers + 2  # the header, every customer, the total


def test_a_malformed_filter_is_one_sentence_and_reads_nothing(qtbot, terminal, monkeypatch):
    window, keys = open_window(qtbot, terminal), Keyboard(qtbot)
    keys.ctrl(Qt.Key.Key_6)
    keys.settle()
    page = window.pages.currentWidget().arrears
    seen: list[tuple[str, str]] = []
    recorded(monkeypatch, ui.arrears_page, "arrears_list", seen)
    page.max_amount.setFocus()
    keys.type("12.345")
    keys.enter()
    assert seen == [] and page.message.property("level") == "error" and "最高欠费金额" in page.message.text()


def test_notices_list_approve_serve_and_pdf_off_the_qt_thread(qtbot, terminal, monkeypatch):
    proposed = notices.propose(terminal.ctx, "1000000002", "C01")
    state_of = notices.get_notice  # the test's own look, before the page's calls are recorded
    seen: list[tuple[str, str]] = []
    for name in ("notice_list_named", "approve", "serve", "get_notice"):
        recorded(monkeypatch, notices, name, seen)
    window, keys = open_window(qtbot, terminal), Keyboard(qtbot)
    window.show_page("arrears")
    manager = window.pages.currentWidget()
    keys.ctrl(Qt.Key.Key_PageDown)
    panel = manager.notices
    keys.settle()
    assert threads_of(seen, "notice_list_named") == {"store-read"}
    assert panel.table.item(0, 0).text() == proposed.notice_id and panel.table.item(0, 3).text() == "已提出"
    assert panel.table.item(0, 2).text() == "宏达机械厂"  # whom it would cut, by name (ux P3)
    panel.supervisor.setFocus()
    keys.type("S01")
    panel.supervisor_pin.setFocus()
    keys.type("999999")
    keys.enter()
    assert threads_of(seen, "approve") == {"store-write"}
    assert panel.table.item(0, 3).text() == "已审批" and panel.table.item(0, 7).text() == "S01"
    assert state_of(terminal.ctx, proposed.notice_id).state == "approved"
    keys.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert threads_of(seen, "serve") == {"store-write"} and panel.table.item(0, 3).text() == "已送达"
    seen.clear()
    with qtbot.waitSignal(panel.printed, timeout=20000):
        keys.press(Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert threads_of(seen, "get_notice") == {"store-report"}


def test_audit_rows_are_read_off_the_qt_thread_and_shown(qtbot, terminal, monkeypatch):
    from app.errors import Refused
    from app.services.clerks import login

    with pytest.raises(Refused):
        login(terminal.ctx, "C02", "123456")  # a failed login: one row for the supervisors
    seen: list[tuple[str, str]] = []
    recorded(monkeypatch, ui.audit_page, "audit_trail", seen)
    recorded(monkeypatch, ui.lock_screen, "session_of", seen)
    window = open_window(qtbot, terminal, clerk="A01")
    Keyboard(qtbot).settle()
    assert threads_of(seen, "session_of") == {"store-read"}  # who A01 is: an admin, so the audit tab
    assert "系统管理员" in window.status_labels["clerk"].text()  # the name read from the store
    window.show_page("audit")
    Keyboard(qtbot).settle()
    assert threads_of(seen, "audit_trail") == {"store-read"}
    rows = audit_trail(terminal.ctx)
    assert (
        window.audit.table.rowCount() == len(rows) == 1 and window.audit.table.item(0, 1).text() == "登录失败"
    )


def test_settings_policy_and_save_run_off_the_qt_thread(qtbot, terminal, monkeypatch):
    seen: list[tuple[str, str]] = []
    recorded(monkeypatch, ui.settings_page, "policy_values", seen)
    recorded(monkeypatch, ui.settings_page, "change_and_reload", seen)
    window, keys = open_window(qtbot, terminal), Keyboard(qtbot)
    keys.ctrl(Qt.Key.Key_4)
    keys.settle()
    page = window.settings
    assert threads_of(seen, "policy_values") == {"store-read"}
    assert page.policy_form.rowCount() > 0
    page.edits["hall_name"].setText("城南营业厅")
    page.supervisor.setFocus()
    keys.type("S01")
    keys.enter()
    keys.type("999999")
    keys.enter()
    assert threads_of(seen, "change_and_reload") == {"store-write"}
    assert page.message.property("level") == "ok" and terminal.config.data["hall_name"] == "城南营业厅"


def test_login_wrong_then_right_pin_by_keyboard_shows_it_is_checking(qtbot, terminal, monkeypatch):
    seen: list[tuple[str, str]] = []
    hold = threading.Event()
    recorded(monkeypatch, ui.login_dialog, "login", seen, hold)
    dialog = LoginDialog(terminal)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5000)
    keys = Keyboard(qtbot)
    keys.settle()
    assert dialog.demo.isVisible()  # the store said: a demo terminal
    dialog.clerk.setFocus()
    keys.type("C01")
    keys.enter()
    keys.type("123456")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)  # not Keyboard.enter: it would wait for the held check
    assert dialog.checking and dialog.message.text() == "正在核对密码…" and dialog.pin.isReadOnly()
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)  # a second Enter meanwhile asks nothing more
    hold.set()
    keys.settle()
    assert seen == [("login", "store-write")]
    assert (
        dialog.session is None and "C01 的密码不正确" in dialog.message.text() and not dialog.pin.isReadOnly()
    )
    assert QApplication.focusWidget() is dialog.pin
    keys.type("111111")
    keys.enter()
    assert seen[-1] == ("login", "store-write") and len(seen) == 2
    assert dialog.session is not None and dialog.session.clerk_id == "C01" and dialog.session.name == "李娜"
    assert dialog.result() == LoginDialog.DialogCode.Accepted.value


def test_unlock_checks_the_pin_off_the_qt_thread_and_says_so(qtbot, terminal, monkeypatch):
    seen: list[tuple[str, str]] = []
    hold = threading.Event()
    recorded(monkeypatch, ui.lock_screen, "unlock_screen", seen, hold)
    window, keys = open_window(qtbot, terminal), Keyboard(qtbot)
    keys.ctrl("l")
    lock = window.clerk_controls
    keys.type("111111")
    qtbot.keyClick(lock.screen.pin, Qt.Key.Key_Return)
    assert lock.checking and lock.screen.message.text() == "正在核对密码…" and lock.locked
    hold.set()
    keys.settle()
    assert seen == [("unlock_screen", "store-write")] and not lock.locked


def test_closing_the_window_during_an_export_stops_its_thread(qtbot, terminal, monkeypatch):
    """The export's thread ends with the window; its answer never reaches the closed page."""
    window, keys = open_window(qtbot, terminal), Keyboard(qtbot)
    keys.ctrl(Qt.Key.Key_6)
    keys.settle()
    page = window.pages.currentWidget().arrears
    started, release = threading.Event(), threading.Event()
    real = ui.arrears_page.arrears_list

    def slow(*args: Any, **kwargs: Any) -> Any:
        started.set()
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(ui.arrears_page, "arrears_list", slow)
    answers: list[str] = []
    page.exported.connect(answers.append)
    page.export("csv")
    assert started.wait(10) and window.ops.busy
    threading.Timer(0.2, release.set).start()  # the job under way finishes; nothing new starts
    window.close()
    assert window.ops.stopped and not window.ops.busy
    assert window.ops.reports._pool.activeThreadCount() == 0
    QApplication.processEvents()
    assert answers == []


def test_collection_report_is_read_on_the_reports_thread_and_shown(qtbot, terminal, monkeypatch):
    import ui.collection_page

    seen: list[tuple[str, str]] = []
    recorded(monkeypatch, ui.collection_page, "collection_report", seen)
    window, keys = open_window(qtbot, terminal), Keyboard(qtbot)
    window.show_page("collection")
    keys.settle()
    assert threads_of(seen, "collection_report") == {"store-report"}
    report = window.collection.report
    assert report is not None and window.collection.caption.text().startswith(report.month)
    rows = 3 + len(report.by_clerk) + len(report.by_area)  # two headings, the lines, the total
    assert window.collection.table.rowCount() == rows


def test_the_status_bar_asks_the_sync_state_on_the_reader_thread(qtbot, terminal, monkeypatch):
    """Every 3 s the status bar shows the entries not yet pushed: a count the store answers, off the Qt thread."""
    from app.sync_worker import SyncWorker

    seen: list[tuple[str, str]] = []
    recorded(monkeypatch, SyncWorker, "status", seen)
    window = open_window(qtbot, terminal, start_sync=True)
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    Keyboard(qtbot).settle()
    assert threads_of(seen, "status") == {"store-read"}
    assert "待上传" in window.status_labels["sync"].text()
