"""Work that may block (printer, card reader, network) leaves the UI thread here.

One worker thread per device (Electrum's hwd executor, Vorta's one worker per queue): each
DeviceWorker owns a QThread and runs its jobs in order; results come back as Qt signals on the
UI thread. Jobs never touch widgets.

stop() waits for the job in flight however long it takes (a printer or card job has its own timeouts), saying
every WAIT_SLICE_MS what it waits for: a thread abandoned after a fixed bound cut a printer write short, or let
the application quit under a running QThread. Jobs not started yet are dropped, and the log names them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)

WAIT_SLICE_MS = 5000  # how often a stop() still waiting says so (a bound on the silence, not on the wait)


def job_name(fn: Callable[..., Any]) -> str:
    """What the log calls a job: its function's qualified name (a lambda's includes where it was written)."""
    return str(getattr(fn, "__qualname__", None) or repr(fn))


def wait_out(worker: str, wait: Callable[[int], bool], running: Callable[[], list[str]]) -> None:
    """Call wait(ms) until it says the jobs ended, logging after each slice which jobs it waits for."""
    while not wait(WAIT_SLICE_MS):
        log.warning("%s: closing waits for %s, still running", worker, ", ".join(running()) or "a job")


class Worker(Protocol):
    """What a page needs of a thread: a DeviceWorker here, or one of ui/ops.py's store pools."""

    @property
    def busy(self) -> bool: ...

    def submit(self, fn: Callable[[], Any], on_done: Callable[[Any, BaseException | None], None]) -> None: ...

    def stop(self) -> None: ...


class _Runner(QObject):
    done = Signal(object, object, object)  # job id, result, error

    def __init__(self) -> None:
        super().__init__()
        self.started = 0  # the last job id begun (ids rise; jobs run in order)
        self.current = ""  # the job running now, for stop()'s log

    @Slot(object, object)
    def run(self, job_id: int, fn: Callable[[], Any]) -> None:
        self.started, self.current = job_id, job_name(fn)
        try:
            result = fn()
        except Exception as error:  # reported to the UI; never swallowed
            self.done.emit(job_id, None, error)
        else:
            self.done.emit(job_id, result, None)
        finally:
            self.current = ""


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
        self._names: dict[int, str] = {}  # job id -> name, until it is answered
        self._next = 0
        self._thread.start()

    def submit(self, fn: Callable[[], Any], on_done: Callable[[Any, BaseException | None], None]) -> None:
        self._next += 1
        self._callbacks[self._next] = on_done
        self._names[self._next] = job_name(fn)
        self._submit.emit(self._next, fn)

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    @Slot(object, object, object)
    def _finished(self, job_id: int, result: Any, error: BaseException | None) -> None:
        self._names.pop(job_id, None)
        callback = self._callbacks.pop(job_id, None)
        if callback is not None:
            callback(result, error)

    def stop(self) -> None:
        """End the thread once its job in flight ends (however long: see the module's docstring)."""
        self._thread.quit()
        runner = self._runner
        wait_out(
            self._thread.objectName(), self._thread.wait, lambda: [runner.current] if runner.current else []
        )
        dropped = [name for job_id, name in self._names.items() if job_id > runner.started]
        if dropped:
            log.warning(
                "%s: closed before %d job(s) began: %s", self._thread.objectName(), len(dropped), dropped
            )
