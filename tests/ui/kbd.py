"""Keyboard helpers for the counter's UI tests: every key goes through one counter, so a test can
report how many keystrokes a clerk needs (a scanner's digits and Enter are counted apart)."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ui import ops
from ui.main_window import MainWindow


@dataclass
class Keyboard:
    qtbot: object
    clerk_keys: int = 0
    scanner_keys: int = 0
    log: list[str] = field(default_factory=list)

    def _target(self):
        return QApplication.focusWidget()

    def type(self, text: str) -> None:
        for ch in text:
            self.press(ch)

    def press(
        self, key: str | Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        target = self._target()
        assert target is not None, f"no widget has the focus for {key!r}"
        self.qtbot.keyClick(target, key, modifier)  # type: ignore[attr-defined]
        self.settle()
        self.clerk_keys += 1
        self.log.append(str(key) if modifier == Qt.KeyboardModifier.NoModifier else f"{modifier.name}+{key}")

    def enter(self) -> None:
        self.press(Qt.Key.Key_Return)

    def ctrl(self, key: str | Qt.Key) -> None:
        self.press(key, Qt.KeyboardModifier.ControlModifier)

    def scan(self, code: str) -> None:
        """A bar-code scanner types the digits and Enter; the clerk only pulls the trigger."""
        target = self._target()
        self.qtbot.keyClicks(target, code)  # type: ignore[attr-defined]
        self.qtbot.keyClick(target, Qt.Key.Key_Return)  # type: ignore[attr-defined]
        self.settle()
        self.scanner_keys += len(code) + 1

    def settle(self) -> None:
        """Wait until the store operations a key started have answered (they run off the Qt thread)."""
        self.qtbot.waitUntil(ops.idle, timeout=10000)  # type: ignore[attr-defined]

    def reset(self) -> None:
        self.clerk_keys = self.scanner_keys = 0
        self.log.clear()


def open_window(qtbot, terminal, *, clerk: str | None = None, start_sync: bool = False) -> MainWindow:
    if clerk is not None:
        terminal.config.data["clerk"] = clerk
    window = MainWindow(terminal, start_sync=start_sync, open_files=False)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    return window
