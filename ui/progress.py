"""A progress dialog for long store work run through ui/ops.py (an export, a sync, a restore).

`QueryOp(ops, lambda ctx, progress: export(ctx, ..., progress=progress), done).with_progress(label, page)`:
the op reports `progress(done, total)` from its worker thread (app/progress.py); the report crosses to
the Qt thread as a queued signal, and the dialog shows the count, the rate and the time left. It appears
only for work that lasts (minimumDuration), has no cancel button (store work runs to its end or rolls
back), and closes when the op answers, success or failure.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

SHOW_AFTER_MS = 400  # shorter work never flashes a dialog


class OpProgress(QObject):
    """The dialog of one operation; `report` may be called from any thread."""

    moved = Signal(int, object)  # done, total (None: not known yet); queued to the Qt thread

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.dialog = QProgressDialog(label, "", 0, 0, parent)
        self.dialog.setObjectName("op_progress")
        self.dialog.setWindowTitle(label)
        self.dialog.setCancelButton(None)  # no cancel button: store work runs to its end or rolls back
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(SHOW_AFTER_MS)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.hide()
        self._done = False
        # shown by this timer, not by QProgressDialog's own rule (it only looks at the time when a value
        # is set: work that reports once and then runs long would never show)
        QTimer.singleShot(SHOW_AFTER_MS, self, self._show_if_running)
        self._started = time.monotonic()
        self.last: tuple[int, int | None] = (0, None)
        self.moved.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def report(self, done: int, total: int | None) -> None:
        """The op's progress callable (runs on the worker thread)."""
        self.moved.emit(done, total)

    @Slot(int, object)
    def _show(self, done: int, total: int | None) -> None:
        self.last = (done, total)
        if total:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))
        elapsed = max(time.monotonic() - self._started, 1e-9)
        rate = done / elapsed
        text = (
            f"{self.label}\n{done:,}"
            + (f" / {total:,}" if total else "")
            + self.tr("，每秒 %1").replace("%1", f"{rate:,.0f}")
        )
        if total and rate > 0:
            text += self.tr("，约 %1 秒完成").replace("%1", f"{max(0.0, (total - done) / rate):.0f}")
        self.dialog.setLabelText(text)

    def _show_if_running(self) -> None:
        if not self._done:
            self.dialog.show()

    def close(self) -> None:
        self._done = True
        self.dialog.reset()
        self.dialog.close()
        self.dialog.deleteLater()
