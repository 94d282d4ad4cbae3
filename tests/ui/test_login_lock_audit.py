"""Login, screen lock, clerk switch and the supervisors' audit page, all by keyboard (issue 8)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services.clerks import audit_trail
from tests.ui.kbd import Keyboard, open_window
from ui.lock_screen import idle_seconds
from ui.login_dialog import LoginDialog, autologin_allowed

SHOTS = os.environ.get("HALLPAY_TEST_SHOTS")  # a directory: the tests save what they saw as PNG


def shot(widget, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def show_dialog(qtbot, dialog) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5000)
    dialog.clerk.setFocus()


def test_login_by_keyboard_wrong_pin_then_right(qtbot, terminal):
    dialog = LoginDialog(terminal)
    show_dialog(qtbot, dialog)
    kb = Keyboard(qtbot)
    kb.type("C01")  # the pre-filled id is selected: typing replaces it
    kb.enter()
    assert QApplication.focusWidget() is dialog.pin
    kb.type("123456")
    kb.enter()
    assert dialog.session is None and dialog.isVisible()
    assert "C01 的密码不正确" in dialog.message.text() and dialog.pin.text() == ""
    assert QApplication.focusWidget() is dialog.pin
    shot(dialog, "login_wrong_pin")
    kb.type("111111")
    kb.enter()
    assert dialog.session is not None and dialog.session.clerk_id == "C01"
    assert dialog.result() == LoginDialog.DialogCode.Accepted.value
    events = [r["event"] for r in audit_trail(terminal.ctx)]
    assert events[:2] == ["login", "login_failed"]


def test_login_lock_out_message_from_service(qtbot, terminal):
    dialog = LoginDialog(terminal)
    show_dialog(qtbot, dialog)
    kb = Keyboard(qtbot)
    kb.type("C02")
    kb.enter()
    for _ in range(5):
        kb.type("654321")
        kb.enter()
    assert "已锁定至" in dialog.message.text()
    kb.type("222222")  # the right PIN does not open a locked clerk
    kb.enter()
    assert dialog.session is None and "已锁定至" in dialog.message.text()


def test_autologin_only_on_demo_terminal(terminal, monkeypatch):
    monkeypatch.delenv("HALLPAY_AUTOLOGIN", raising=False)
    assert not autologin_allowed(terminal)
    monkeypatch.setenv("HALLPAY_AUTOLOGIN", "1")
    assert autologin_allowed(terminal)
    with terminal.ctx.uow() as uow:
        uow.settings.set("demo", "0")
        uow.commit()
    assert not autologin_allowed(terminal)


def test_ctrl_l_locks_hides_customer_and_unlocks_with_own_pin(qtbot, terminal):
    window = open_window(qtbot, terminal)
    kb = Keyboard(qtbot)
    kb.scan("1000000002")
    assert window.counter.current is not None
    kb.ctrl("l")
    lock = window.clerk_controls
    assert lock.locked and lock.screen.isVisible() and not window.pages.isVisible()
    assert QApplication.focusWidget() is lock.screen.pin
    window.resize(1000, 640)
    shot(window, "lock")
    kb.ctrl("1")  # the window's keys are off while locked
    kb.press(Qt.Key.Key_F2)
    assert not window.pages.isVisible()
    kb.type("000000")
    kb.enter()
    assert lock.locked and "密码不正确" in lock.screen.message.text()
    lock.screen.clerk.setText("C02")  # another clerk may not open C01's screen
    kb.type("222222")
    kb.enter()
    assert lock.locked and "只有 C01 本人或主管" in lock.screen.message.text()
    lock.screen.clerk.setText("C01")
    kb.type("111111")
    kb.enter()
    assert not lock.locked and window.pages.isVisible() and not lock.screen.isVisible()
    assert window.counter.current is not None and window.clerk_id == "C01"
    assert QApplication.focusWidget() is window.counter.search
    assert audit_trail(terminal.ctx)[0]["event"] == "unlock"


def test_idle_timer_locks_and_supervisor_unlocks(qtbot, terminal):
    terminal.config.data["idle_lock_s"] = 90
    wired = terminal.ctx
    window = open_window(qtbot, terminal)
    lock = window.clerk_controls
    assert lock.idle.interval() == 90_000 and lock.idle.isActive()
    lock.idle.timeout.emit()  # what 90 s without a key does; no timed wait in tests
    assert lock.locked
    kb = Keyboard(qtbot)
    kb.press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is lock.screen.clerk
    lock.screen.clerk.selectAll()
    kb.type("S01")
    kb.enter()
    kb.type("999999")
    kb.enter()
    assert not lock.locked and window.clerk_id == "S01" and window.counter.clerk_id == "S01"
    assert window.page_names[-1] == "audit" and window.pages.isTabVisible(window.page_names.index("audit"))
    # the switch is the session's signal: the operations act for S01, the wiring's context is left alone
    assert window.session.clerk_id == "S01" and window.ops.context().clerk_id == "S01"
    assert terminal.ctx is wired


def test_idle_setting_defaults_and_off(terminal):
    assert idle_seconds(terminal.config) == 300
    terminal.config.data["idle_lock_s"] = 0
    assert idle_seconds(terminal.config) == 0


def test_switch_clerk_updates_pages_and_audit_tab(qtbot, terminal):
    window = open_window(qtbot, terminal)
    assert "audit" not in window.page_names
    kb = Keyboard(qtbot)
    kb.press("l", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.clerk_controls.switch_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.clerk, timeout=5000)
    kb.type("S01")
    kb.enter()
    kb.type("999999")
    kb.enter()
    assert window.clerk_id == "S01"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.counter.search, timeout=5000)
    for page in (window.counter, window.history, window.shift, window.settings):
        assert page.clerk_id == "S01"
    assert "S01" in window.status_labels["clerk"].text()
    audit = window.audit
    kb.ctrl(str(window.page_names.index("audit") + 1))  # the tab's own key
    assert window.pages.currentWidget() is audit and QApplication.focusWidget() is audit.filter
    assert audit.table.rowCount() >= 1
    window.resize(1100, 640)
    shot(window, "audit")
    assert any(audit.table.item(r, 1).text() == "切换收费员" for r in range(audit.table.rowCount()))
    # back to a clerk: the tab goes away and the page shows nothing
    kb.press("l", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.clerk_controls.switch_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.clerk, timeout=5000)
    kb.type("C01")
    kb.enter()
    kb.type("111111")
    kb.enter()
    assert window.clerk_id == "C01"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.counter.search, timeout=5000)
    assert not window.pages.isTabVisible(window.page_names.index("audit"))
    assert audit.table.rowCount() == 0 and window.pages.currentWidget() is not audit


def test_audit_page_lists_failed_logins_and_filters(qtbot, terminal):
    from app.errors import Refused
    from app.services.clerks import login

    for pin in ("123456", "654321"):
        try:
            login(terminal.ctx, "C02", pin)
        except Refused:
            pass
    window = open_window(qtbot, terminal, clerk="A01")
    store = Keyboard(qtbot)
    store.settle()  # who A01 is (an admin) comes from the store's reader thread
    assert "audit" in window.page_names
    audit = window.audit
    audit.refresh()
    store.settle()
    failed = [r for r in range(audit.table.rowCount()) if audit.table.item(r, 1).text() == "登录失败"]
    assert len(failed) == 2 and "密码错误" in audit.table.item(failed[0], 4).text()
    audit.category.setCurrentIndex(audit.category.findData("reprint"))
    assert all(audit.table.item(r, 1).text() == "打印/重打凭证" for r in range(audit.table.rowCount()))
    audit.category.setCurrentIndex(0)
    audit.filter.setText("C02")
    assert audit.table.rowCount() == 2
    assert "登录失败 2 次" in audit.summary.text()


def test_run_gui_asks_for_login_first_and_stops_on_cancel(qtbot, terminal, monkeypatch):
    import ui.main_window
    from ui.app import run_gui

    monkeypatch.delenv("HALLPAY_AUTOLOGIN", raising=False)
    asked: list[str] = []

    def cancel(self):
        asked.append(self.clerk.text())
        self.reject()  # as Esc would: done() stops the dialog's store threads before it is dropped
        return 0

    def no_window(*_a, **_k):
        raise AssertionError("the counter opened without a login")

    monkeypatch.setattr(LoginDialog, "exec", cancel)
    monkeypatch.setattr(ui.main_window, "MainWindow", no_window)
    assert run_gui(terminal) == 0 and asked == ["C01"]


def test_run_gui_autologin_on_demo_terminal_skips_dialog(qtbot, terminal, monkeypatch):
    import ui.main_window
    from ui.app import run_gui

    monkeypatch.setenv("HALLPAY_AUTOLOGIN", "1")
    opened: list[object] = []

    def never(self):
        raise AssertionError("login dialog shown despite HALLPAY_AUTOLOGIN=1 on a demo terminal")

    class Window:
        def __init__(self, wiring):
            opened.append(wiring)
            self.display = None

        def resize(self, *_a):
            pass

        def show(self):
            pass

        def showMaximized(self):  # noqa: N802 (Qt's name)
            pass

        def setGeometry(self, *_a):  # noqa: N802 (Qt's name)
            pass

    monkeypatch.setattr(LoginDialog, "exec", never)
    monkeypatch.setattr(ui.main_window, "MainWindow", Window)
    monkeypatch.setattr(QApplication, "exec", lambda *_a: 0)
    assert run_gui(terminal) == 0 and opened == [terminal]
