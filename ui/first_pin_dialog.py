"""The first login with head office's one-time PIN: the clerk sets their own PIN before anything else
(issue 17). The PIN check and the new PIN's hash (scrypt, lock-out, the write) run as a store operation
(ui/ops.py) on the login's writer thread, never the window's; the dialog says so meanwhile."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.errors import HallPayError
from app.services.clerk_pin import set_own_pin
from app.services.clerks import Session
from ui.messages import error_text
from ui.ops import CollectionOp, Operations

if TYPE_CHECKING:
    from app.services.context import Context


def pin_field() -> QLineEdit:  # as the login dialog's (which opens this one: no import back to it)
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(12)
    field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData)
    return field


class FirstPinDialog(QDialog):
    """One-time PIN (typed at the login), new PIN, new PIN again; `session` once accepted."""

    def __init__(
        self,
        ctx: Context,
        clerk_id: str,
        one_time_pin: str,
        parent: QWidget | None = None,
        *,
        ops: Operations | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("first_pin_dialog")
        self._ctx = ctx
        self._clerk_id = clerk_id
        self._old = one_time_pin
        self.session: Session | None = None
        self._own_ops = ops is None
        self.ops = ops if ops is not None else Operations(ctx, parent=self)
        self.setWindowTitle(self.tr("设置自己的密码"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr("%1 首次登录：请把总部下发的一次性密码换成自己的密码（6 到 12 位数字）。").replace(
                    "%1", clerk_id
                )
            )
        )
        form = QFormLayout()
        self.new = pin_field()
        self.new.setObjectName("first_pin_new")
        self.again = pin_field()
        self.again.setObjectName("first_pin_again")
        form.addRow(self.tr("新密码"), self.new)
        form.addRow(self.tr("再输一次"), self.again)
        layout.addLayout(form)
        self.message = QLabel("")
        self.message.setObjectName("first_pin_message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.new.returnPressed.connect(self.again.setFocus)
        self.again.returnPressed.connect(self.attempt)
        self.setMinimumWidth(420)
        self.new.setFocus()

    def attempt(self) -> None:
        new, again = self.new.text(), self.again.text()
        if new != again:
            self._say(self.tr("两次输入的新密码不一致；请重新输入。"))
            self.new.clear()
            self.again.clear()
            self.new.setFocus()
            return
        clerk_id, old = self._clerk_id, self._old
        self.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("正在设置密码…"))
        CollectionOp(
            self.ops, lambda ctx: set_own_pin(ctx, clerk_id, old, new), self._set, parent=self
        ).failure(self._refused).run()

    def _set(self, session: Session) -> None:
        self.setEnabled(True)
        self.session = session
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.setEnabled(True)
        if not isinstance(error, HallPayError):
            raise error
        self._say(error_text(error))
        self.new.clear()
        self.again.clear()
        self.new.setFocus()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color:#b3261e; font-weight:bold;")

    def done(self, result: int) -> None:  # noqa: D401 (Qt's name): stop its own store threads with the dialog
        if self._own_ops:
            self.ops.stop()
        super().done(result)
