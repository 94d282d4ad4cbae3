"""One question before what cannot be undone: a large payment, a shift close, a void (issue 16).

The safe answer has the focus: a reflex Enter (or a scanner's trailing Enter) activates 取消. Only an
explicit key confirms: Y, or a click on the confirm button. Esc cancels. The dialog is opened, not
exec'd, so the counter keeps its event loop and tests drive it by keyboard.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.widgets import big

CONFIRM_KEY = "Y"


class ConfirmDialog(QDialog):
    def __init__(self, parent: QWidget, title: str, text: str, confirm_text: str) -> None:
        super().__init__(parent)
        self.setObjectName("confirm_dialog")
        self.setWindowTitle(title)
        self.setModal(True)
        root = QVBoxLayout(self)
        self.text = big(QLabel(text), 14, False)
        self.text.setObjectName("confirm_text")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        root.addWidget(self.text)
        hint = QLabel(self.tr("按 Y 确认；回车或 Esc 取消。"))
        hint.setStyleSheet("color:#555;")
        root.addWidget(hint)
        row = QHBoxLayout()
        self.cancel_button = QPushButton(self.tr("取消  [Enter / Esc]"))
        self.cancel_button.setObjectName("confirm_cancel")
        self.cancel_button.setDefault(True)
        self.cancel_button.setAutoDefault(True)
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button = QPushButton(confirm_text + "  [Y]")
        self.ok_button.setObjectName("confirm_ok")
        self.ok_button.setAutoDefault(False)
        self.ok_button.clicked.connect(self.accept)
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.ok_button)
        root.addLayout(row)
        QShortcut(QKeySequence(CONFIRM_KEY), self, self.accept)
        self.setMinimumWidth(420)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.cancel_button.setFocus()


def ask(
    parent: QWidget,
    title: str,
    text: str,
    confirm_text: str,
    on_yes: Callable[[], None],
    on_no: Callable[[], None] | None = None,
) -> ConfirmDialog:
    """Open the question; on_yes runs only after an explicit Y / click. Returns the dialog (tests drive it);
    the caller drops it (deleteLater) when it asks the next question."""
    dialog = ConfirmDialog(parent, title, text, confirm_text)
    dialog.finished.connect(lambda _r: parent.window().activateWindow())  # focus back to the page
    dialog.accepted.connect(on_yes)
    if on_no is not None:
        dialog.rejected.connect(on_no)
    dialog.open()
    return dialog
