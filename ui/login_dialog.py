"""The clerk's login at the counter: clerk id, Enter, PIN, Enter.

Shown by ui/app.py before the main window (event "login") and by Ctrl+Shift+L for a clerk switch
(event "switch"). Every check goes through app.services.clerks.login, so the lock-out, the audit row
and the sentence of a refusal come from the service; the dialog only shows that sentence. The PIN is
never kept after the attempt: the field is cleared on failure and the dialog holds only the Session.
The check (scrypt, ~150 ms, and the lock-out's write) runs as a store operation off the window's thread;
meanwhile the dialog says it is checking and takes no second Enter.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.errors import HallPayError
from app.provisioning import OneTimePin
from app.services.clerks import Session, is_demo, login
from ui.messages import error_text
from ui.ops import CollectionOp, Operations, QueryOp

if TYPE_CHECKING:
    from bootstrap import Services

AUTOLOGIN_ENV = "HALLPAY_AUTOLOGIN"  # "1" on a demo terminal: no login dialog (screenshots, training)


def autologin_allowed(wiring: Services) -> bool:
    """True when HALLPAY_AUTOLOGIN=1 and the terminal is a demo one; a real terminal always asks."""
    return os.environ.get(AUTOLOGIN_ENV) == "1" and is_demo(wiring.ctx)


def pin_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(12)
    field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData)
    return field


class LoginDialog(QDialog):
    """Clerk id + PIN; `session` holds who logged in once the dialog is accepted."""

    def __init__(
        self,
        wiring: Services,
        parent: QWidget | None = None,
        *,
        event: str = "login",
        clerk_id: str | None = None,
        ops: Operations | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("login_dialog")
        self._ctx = wiring.ctx
        # the PIN check (scrypt, ~150 ms) runs off the Qt thread: the window's writer, or the dialog's own
        self._own_ops = ops is None
        self.ops = ops if ops is not None else Operations(wiring.ctx, parent=self)
        self.checking = False
        self._event = event
        self.session: Session | None = None
        switching = event == "switch"
        self.setWindowTitle(self.tr("切换收费员") if switching else self.tr("收费员登录"))
        layout = QVBoxLayout(self)
        title = QLabel(
            self.tr("切换收费员")
            if switching
            else self.tr("%1 — 收费员登录").replace("%1", wiring.config.hall_name)
        )
        title.setStyleSheet("font-size:18px; font-weight:bold; padding:6px 0;")
        layout.addWidget(title)
        form = QFormLayout()
        self.clerk = QLineEdit(clerk_id if clerk_id is not None else wiring.config.clerk)
        self.clerk.setObjectName("login_clerk")
        self.clerk.setMaxLength(16)
        self.clerk.setPlaceholderText(self.tr("工号，回车"))
        self.pin = pin_field()
        self.pin.setObjectName("login_pin")
        self.pin.setPlaceholderText(self.tr("密码，回车登录"))
        form.addRow(self.tr("工号"), self.clerk)
        form.addRow(self.tr("密码"), self.pin)
        layout.addLayout(form)
        self.message = QLabel(
            self.tr("输入工号后按回车，再输入密码按回车。")
            if not switching
            else self.tr("下一位收费员输入工号和密码；Esc 取消，仍由当前收费员办理。")
        )
        self.message.setObjectName("login_message")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(44)
        layout.addWidget(self.message)
        self.demo = QLabel(self.tr("演示终端：C01 / 111111，主管 S01 / 999999（仅用于演示）"))
        self.demo.setObjectName("login_demo")
        self.demo.setStyleSheet("color:#666;")
        self.demo.hide()  # shown once the store says this is a demo terminal
        layout.addWidget(self.demo)
        QueryOp(self.ops, is_demo, self.demo.setVisible, parent=self).run()
        self.clerk.returnPressed.connect(self._to_pin)
        self.pin.returnPressed.connect(self.attempt)
        self.setMinimumWidth(420)
        self.clerk.selectAll()
        self.clerk.setFocus()

    def _to_pin(self) -> None:
        if self.checking:
            return
        if not self.clerk.text().strip():
            self._say(self.tr("请输入工号。"), error=True)
            return
        self.pin.setFocus()

    def _say(self, text: str, *, error: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color:#b3261e; font-weight:bold;" if error else "")

    def attempt(self) -> None:
        if self.checking:  # Enter again while the PIN is checked: the answer is on its way
            return
        clerk_id, pin = self.clerk.text().strip(), self.pin.text()
        self.pin.clear()
        if not clerk_id:
            self._say(self.tr("请输入工号。"), error=True)
            self.clerk.setFocus()
            return
        if not pin:
            self._say(self.tr("请输入密码。"), error=True)
            self.pin.setFocus()
            return
        event = self._event
        if self.ops.stopped and self._own_ops:  # the dialog is shown again after it closed
            self.ops = Operations(self._ctx, parent=self)
        self._set_checking(True)

        def refused(e: BaseException) -> None:  # Refused: wrong PIN, lock-out, unknown or inactive clerk
            self._set_checking(False)
            if isinstance(
                e, OneTimePin
            ):  # head office's one-time PIN: the clerk sets their own first (issue 17)
                self._first_pin(clerk_id, pin)
                return
            if not isinstance(e, HallPayError):
                raise e
            self._say(error_text(e), error=True)
            self.pin.setFocus()

        def signed_in(session: Session) -> None:
            self._set_checking(False)
            self.session = session
            self.accept()

        CollectionOp(
            self.ops, lambda ctx: login(ctx, clerk_id, pin, event=event), signed_in, parent=self
        ).failure(refused).run()

    def _set_checking(self, checking: bool) -> None:
        """While the PIN is checked the form says so and ignores keys: one attempt at a time."""
        self.checking = checking
        for field in (self.clerk, self.pin):
            field.setReadOnly(checking)  # read-only keeps the focus where the next keystroke goes
        if checking:
            self._say(self.tr("正在核对密码…"), error=False)

    def done(self, result: int) -> None:
        if self._own_ops:
            self.ops.stop()
        super().done(result)

    def _first_pin(self, clerk_id: str, one_time_pin: str) -> None:
        from ui.first_pin_dialog import FirstPinDialog

        dialog = FirstPinDialog(self._ctx, clerk_id, one_time_pin, self, ops=self.ops)
        if dialog.exec() == QDialog.DialogCode.Accepted.value and dialog.session is not None:
            self.session = dialog.session
            self.accept()
            return
        self._say(self.tr("请先把一次性密码换成自己的密码再登录。"), error=True)
        self.pin.setFocus()

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.clerk.setFocus()
        self.clerk.selectAll()
