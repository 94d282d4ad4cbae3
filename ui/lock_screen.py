"""Who is at the counter, from the window's side: the screen lock, the idle timer, the clerk switch.

`install_clerk_controls(window, wiring, session, ops)` (called by MainWindow) gives the window:
- Ctrl+L: lock at once; after `idle_lock_s` seconds without a key or the mouse (config.toml, default
  app.auth.IDLE_LOCK_SECONDS, 0 = never) the screen locks by itself. While locked the pages are
  hidden, every shortcut of the window is off, open dialogs are cancelled and the customer display
  shows its welcome; only the unlock form is there. It opens with the same clerk's PIN, or with a
  supervisor's (the supervisor then acts at the counter: the service records that as a switch).
- Ctrl+Shift+L: clerk switch through the login dialog; the window's ClerkSession says so (its `switched`
  signal), and the pages and every store operation then act for the new clerk.
- the supervisors' audit tab, present while a supervisor or admin is the acting clerk.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app import auth
from app.errors import HallPayError
from app.services.clerks import Session, is_supervisor, session_of, unlock_screen
from ui.login_dialog import LoginDialog, pin_field
from ui.messages import error_text, role
from ui.ops import ClerkSession, CollectionOp, Operations, QueryOp

if TYPE_CHECKING:
    from app.config import Config
    from app.services.context import Context
    from bootstrap import Services
    from ui.clerk_window import ClerkWindow

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


def idle_seconds(config: Config) -> int:
    """config.toml `idle_lock_s` (top level or [security]); default 300; 0 or less: never."""
    raw = config.data.get(
        "idle_lock_s", config.section("security").get("idle_lock_s", auth.IDLE_LOCK_SECONDS)
    )
    try:
        return max(0, int(raw))
    except (TypeError, ValueError):
        return auth.IDLE_LOCK_SECONDS


class LockScreen(QFrame):
    """The unlock form over the whole window: nothing of the customer behind it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("lock_screen")
        self.setAutoFillBackground(True)
        self.setStyleSheet("#lock_screen { background:#263238; } QLabel { color:white; }")
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        box = QFrame()
        box.setObjectName("lock_box")
        box.setStyleSheet("#lock_box { background:#37474f; border-radius:8px; }")
        box.setFixedWidth(460)
        layout = QVBoxLayout(box)
        self.title = QLabel(self.tr("屏幕已锁定"))
        self.title.setStyleSheet("font-size:24px; font-weight:bold;")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.who = QLabel()
        self.who.setObjectName("lock_who")
        self.who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clerk = QLineEdit()
        self.clerk.setObjectName("lock_clerk")
        self.clerk.setMaxLength(16)
        self.clerk.setPlaceholderText(self.tr("工号"))
        self.pin = pin_field()
        self.pin.setObjectName("lock_pin")
        self.pin.setPlaceholderText(self.tr("密码，回车解锁"))
        self.message = QLabel(
            self.tr("本人输入密码回车解锁；也可由主管输入工号和密码解锁（Shift+Tab 到工号）。")
        )
        self.message.setObjectName("lock_message")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(44)
        for w in (self.title, self.who, self.clerk, self.pin, self.message):
            layout.addWidget(w)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(3)
        self.clerk.returnPressed.connect(self.pin.setFocus)
        self.hide()

    def say(self, text: str, *, error: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color:#ffb4ab; font-weight:bold;" if error else "")


class ClerkControls(QObject):
    """The acting clerk of one window, its screen lock and idle timer, the clerk switch."""

    def __init__(self, window: ClerkWindow, wiring: Services, clerk: ClerkSession, ops: Operations) -> None:
        super().__init__(window)
        self.window = window
        self._w = wiring
        self.clerk = clerk  # who the pages and the store operations act for: switched through its signal
        clerk_id = clerk.clerk_id.strip()
        # who the configured clerk is (name, role) comes from the store: a plain clerk until it answers
        self.session = Session(clerk_id, "", "clerk")
        self._assumed = True  # no one has signed in through a PIN yet
        self.locked = False
        self.checking = False  # a PIN check is on the store's writer thread
        self.ops = ops
        self._disabled: list[QShortcut] = []
        self._display_state: dict[str, Any] = {"state": "idle"}
        self.screen = LockScreen(window)
        self.screen.pin.returnPressed.connect(self.try_unlock)
        self.idle = QTimer(self)
        self.idle.setObjectName("idle_lock_timer")
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self.lock)
        seconds = idle_seconds(wiring.config)
        if seconds:
            self.idle.setInterval(seconds * 1000)
            self.idle.start()
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)
        window.installEventFilter(self)
        window.counter.display.connect(self._remember_display)
        self.lock_key = QShortcut(QKeySequence("Ctrl+L"), window, self.lock)
        self.switch_key = QShortcut(QKeySequence("Ctrl+Shift+L"), window, self.switch_clerk)
        self.switch_dialog: LoginDialog | None = None
        self._sync_audit_page()
        self.assume(clerk_id)

    def assume(self, clerk_id: str) -> None:
        """Act for `clerk_id` without a PIN (a window opened without the login: tests, autologin on a demo
        terminal, screenshots). A session a PIN opened meanwhile is never replaced by this answer."""
        self._assumed = True

        def known(session: Session) -> None:
            if self._assumed:
                self.set_session(session)
                self._assumed = True

        QueryOp(self.ops, lambda ctx: session_of(ctx, clerk_id), known, parent=self.screen).run()

    # ---------------------------------------------------------------- idle, geometry

    def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind in INPUT_EVENTS:
            if not self.locked and self.idle.interval() > 0:
                self.idle.start()  # restart: the clerk is here
        elif obj is self.window and kind == QEvent.Type.Resize and self.locked:
            self.screen.setGeometry(self.window.rect())
        return False

    def _remember_display(self, state: dict[str, Any]) -> None:
        self._display_state = dict(state)

    # ---------------------------------------------------------------- lock / unlock

    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        self.idle.stop()
        for dialog in self.window.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()  # an approval left half-typed is cancelled, never left on screen
        self._disabled = [k for k in self.window.findChildren(QShortcut) if k.isEnabled()]
        for key in self._disabled:
            key.setEnabled(False)
        self.window.pages.hide()
        self.window.display.show_state({"state": "idle"})
        s = self.screen
        s.who.setText(
            self.tr("收费员 %1 %2 暂时离开")
            .replace("%1", self.session.clerk_id)
            .replace("%2", self.session.name)
        )
        s.say(
            self.tr("本人输入密码回车解锁；也可由主管输入工号和密码解锁（Shift+Tab 到工号）。"), error=False
        )
        s.clerk.setText(self.session.clerk_id)
        s.pin.clear()
        s.setGeometry(self.window.rect())
        s.show()
        s.raise_()
        s.pin.setFocus()

    def try_unlock(self) -> None:
        if self.checking:  # Enter again while the PIN is checked: the answer is on its way
            return
        s = self.screen
        clerk_id, pin = s.clerk.text().strip(), s.pin.text()
        s.pin.clear()
        s.pin.setFocus()
        if not clerk_id:
            s.say(self.tr("请输入工号。"), error=True)
            s.clerk.setFocus()
            return
        if not pin:
            s.say(self.tr("请输入密码。"), error=True)
            return
        self.checking = True
        s.say(self.tr("正在核对密码…"), error=False)
        session = self.session

        def check(ctx: Context) -> Session | None:
            # another clerk than the one who left may unlock only as a supervisor; the PIN check is scrypt
            if clerk_id != session.clerk_id and not is_supervisor(ctx, clerk_id):
                return None
            return unlock_screen(ctx, session, clerk_id, pin)

        def answered(unlocked: Session | None) -> None:
            self.checking = False
            if unlocked is None:
                s.say(
                    self.tr("只有 %1 本人或主管可以解锁；换收费员请解锁后按 Ctrl+Shift+L。").replace(
                        "%1", session.clerk_id
                    ),
                    error=True,
                )
                return
            self.unlock(unlocked)

        def refused(e: BaseException) -> None:
            self.checking = False
            if not isinstance(e, HallPayError):
                raise e
            s.say(error_text(e), error=True)

        CollectionOp(self.ops, check, answered, parent=self.screen).failure(refused).run()

    def unlock(self, session: Session) -> None:
        self.screen.hide()
        self.screen.pin.clear()
        self.window.pages.show()
        for key in self._disabled:
            key.setEnabled(True)
        self._disabled = []
        self.locked = False
        self.set_session(session)
        self.window.display.show_state(self._display_state)
        if self.idle.interval() > 0:
            self.idle.start()
        self._refocus()

    def _refocus(self) -> None:
        """Focus back where the next keystroke goes: the page's own field, or the page."""
        self.window.activateWindow()
        pages = self.window.pages
        current = pages.currentWidget()
        if current is None:
            return
        names = self.window.page_names
        index = pages.currentIndex()
        name = names[index] if 0 <= index < len(names) else ""
        audit = self.window.audit
        target = {
            "counter": self.window.counter.search,
            "audit": audit.filter if audit is not None else None,
        }.get(name)
        (target or current.focusWidget() or current).setFocus()

    # ---------------------------------------------------------------- switch

    def switch_clerk(self) -> None:
        if self.locked:
            return
        dialog = LoginDialog(self._w, self.window, event="switch", clerk_id="", ops=self.ops)
        dialog.finished.connect(lambda _result: self._switched(dialog))
        self.switch_dialog = dialog
        dialog.open()

    def _switched(self, dialog: LoginDialog) -> None:
        if dialog.result() == QDialog.DialogCode.Accepted.value and dialog.session is not None:
            self.set_session(dialog.session)
        self._refocus()

    def set_session(self, session: Session) -> None:
        """The pages act for `session` from now on: their clerk_id, the context's clerk, the status bar."""
        self.session = session
        self._assumed = False
        w = self.window
        cid = session.clerk_id
        self.clerk.switch(cid)  # the window, its pages and Operations.context() follow the signal
        label = w.status_labels.get("clerk")
        if label is not None:
            label.setText(
                self.tr("%1 %2 %3")
                .replace("%1", role(session.role))
                .replace("%2", cid)
                .replace("%3", session.name)
            )
        self._sync_audit_page()

    def _sync_audit_page(self) -> None:
        self.window.sync_audit_tab(self.session)


def install_clerk_controls(
    window: ClerkWindow, wiring: Services, clerk: ClerkSession, ops: Operations
) -> ClerkControls:
    return ClerkControls(window, wiring, clerk, ops)
