"""Open and print buttons for the PDFs a page has just written (day report, deposit slip, notices,
the collection report): a clerk gets buttons, not file-system paths (issue 16).

Open goes through QDesktopServices.openUrl (the system's PDF viewer). Print hands the file to the
system: `lp` where CUPS is installed, the shell's print verb on Windows; otherwise the file is opened
and the clerk prints from the viewer (Ctrl+P), and the banner says so.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QProcess, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QWidget


def open_file(path: str) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path))))


def print_file(path: str) -> str:
    """Send a PDF to the default printer; returns how ("lp", "windows", or "viewer" when only opened)."""
    if sys.platform.startswith("win"):
        os.startfile(path, "print")  # type: ignore[attr-defined]  # noqa: S606 (the shell's print verb)
        return "windows"
    lp = shutil.which("lp")
    if lp and QProcess.startDetached(lp, [path])[0]:
        return "lp"
    open_file(path)
    return "viewer"


class ReportFiles(QGroupBox):
    """A row per file: its title, 打开 and 打印. With open_files False (tests, screenshots) the actions are
    recorded in `done` instead of reaching the desktop."""

    acted = Signal(str, str)  # action ("open" | "print"), path

    def __init__(self, title: str, parent: QWidget | None = None, *, open_files: bool = True) -> None:
        super().__init__(title, parent)
        self.setObjectName("report_files")
        self.open_files = open_files
        self.done: list[tuple[str, str]] = []
        self.buttons: dict[tuple[str, str], QPushButton] = {}
        self._grid = QGridLayout(self)
        self.hide()

    def set_files(self, files: list[tuple[str, str]]) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.buttons.clear()
        for row, (name, path) in enumerate(files):
            label = QLabel(name)
            label.setToolTip(path)
            self._grid.addWidget(label, row, 0)
            for col, (action, text) in enumerate(
                ((("open", self.tr("打开"))), ("print", self.tr("打印"))), 1
            ):
                button = QPushButton(text)
                button.setObjectName(f"{action}_{row}")
                button.setToolTip(path)
                button.clicked.connect(lambda _=False, a=action, p=path: self.act(a, p))
                self._grid.addWidget(button, row, col)
                self.buttons[(name, action)] = button
        self.setVisible(bool(files))

    def first_button(self) -> QPushButton | None:
        return next(iter(self.buttons.values()), None)

    def act(self, action: str, path: str) -> None:
        self.done.append((action, path))
        if self.open_files:
            if action == "open":
                open_file(path)
            else:
                print_file(path)
        self.acted.emit(action, path)
