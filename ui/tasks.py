"""Work that may block (printer, card reader, network) leaves the UI thread here.

One worker thread per device (Electrum's hwd executor, Vorta's one worker per queue): each
DeviceWorker owns a QThread and runs its jobs in order; results come back as Qt signals on the
UI thread. Jobs never touch widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QThread, Signal, Slot


class Worker(Protocol):
    """What a page needs of a thread: a DeviceWorker here, or one of ui/ops.py's store pools."""

    @property
    def busy(self) -> bool: ...

    def submit(self, fn: Callable[[], Any], on_done: Callable[[Any, BaseException | None], None]) -> None: ...

    def stop(self) -> None: ...


class _Runner(QObject):
    done = Signal(object, object, object)  # job id, result, error

    @Slot(object, object)
    def run(self, job_id: object, fn: Callable[[], Any]) -> None:
        try:
            result = fn()
        except Exception as error:  # reported to the UI; never swallowed
            self.done.emit(job_id, None, error)
        else:
            self.done.emit(job_id, result, None)


class DeviceWorker(QObject):
    """A named single thread; submit(fn, on_done) calls on_done(result, error) on the UI thread."""

    _submit = Signal(object, object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread(self)
        self._thread.setObjectName(name)
        self._runner = _Runner()
        self._runner.moveToThread(self._thread)
        self._submit.connect(self._runner.run)
        self._runner.done.connect(self._finished)
        self._callbacks: dict[int, Callable[[Any, BaseException | None], None]] = {}
        self._next = 0
        self._thread.start()

    def submit(self, fn: Callable[[], Any], on_done: Callable[[Any, BaseException | None], None]) -> None:
        self._next += 1
        self._callbacks[self._next] = on_done
        self._submit.emit(self._next, fn)

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    @Slot(object, object, object)
    def _finished(self, job_id: int, result: Any, error: BaseException | None) -> None:
        callback = self._callbacks.pop(job_id, None)
        if callback is not None:
            callback(result, error)

    def stop(self) -> None:
        self._thread.quit()
        self._thread.wait(5000)
