"""Store work leaves the window's thread here (issue 15; Anki's QueryOp / CollectionOp and taskman).

    QueryOp(ops, lambda ctx: due(ctx, "1000000001"), show).failure(say).run()     reads, on the reader
    CollectionOp(ops, lambda ctx: pay(ctx, req), done, changes=PAID).run()         writes, on the writer
    ReportOp(ops, lambda ctx: export(ctx, f, out), written).run()                  long reads, on their own

`op(ctx)` runs on a worker thread and never touches a widget; `success` / `failure` run on the Qt
thread, and not at all once the widget that asked is gone. Reads share one reader thread (SQLite WAL
lets them run beside a write); writes run in order on one writer thread; exports and PDFs, which read
for seconds, have a thread of their own so a lookup at the counter never queues behind one. A write that succeeded
announces what it changed (OpChanges, like Anki's) through `Operations.changed`: each page refreshes
itself in one slot. The context an op receives belongs to the clerk signed in when it runs
(`ClerkSession`): a clerk switch is a signal, not attributes patched on the pages.
"""

from __future__ import annotations

import dataclasses
import logging
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, Signal, Slot

from ui.tasks import job_name, wait_out

if TYPE_CHECKING:
    from app.ports import CardReader
    from app.services.context import Context
    from ui.tasks import Worker

T = TypeVar("T")
log = logging.getLogger(__name__)

_LIVE: weakref.WeakSet[Operations] = weakref.WeakSet()


@dataclass(frozen=True)
class OpChanges:
    """What a write changed, so the pages that show it refresh (and only those)."""

    receipts: bool = False  # a payment, a reprint state, a reversal: history, counter's last receipt
    shift: bool = False  # shift opened / closed, its figures: shift page, counter's "no shift" line
    customer: str = ""  # the customer whose bills or balance changed
    notices: bool = False
    settings: bool = False
    # a void's ReversalResult: the counter and the customer display say what goes back to the customer
    reversal: Any = None


PAID = OpChanges(receipts=True, shift=True)


class ClerkSession(QObject):
    """Who is signed in at this counter. Pages read `clerk_id` and follow `switched`."""

    switched = Signal(str)

    def __init__(self, clerk_id: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clerk_id = clerk_id

    def switch(self, clerk_id: str) -> None:
        if clerk_id != self.clerk_id:
            self.clerk_id = clerk_id
            self.switched.emit(clerk_id)


class _Job(QRunnable):
    """One store job; the pool does not delete it (autoDelete off): Python frees it on the Qt thread."""

    def __init__(self, job_id: int, name: str, fn: Callable[[], Any], answer: Any) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.job_id, self._name, self._fn, self._answer = job_id, name, fn, answer
        self.started = self.ended = False  # read by _Pool.stop() to say what it waits for or dropped

    def run(self) -> None:
        self.started = True
        QThread.currentThread().setObjectName(self._name)
        try:
            result = self._fn()
        except Exception as error:  # reported on the Qt thread; never swallowed
            self._answer.emit(self.job_id, None, error)
        else:
            self._answer.emit(self.job_id, result, None)
        finally:
            self.ended = True

    @property
    def what(self) -> str:
        return job_name(self._fn)


class _Pool(QObject):
    """One named pool of store threads; jobs run in order when it has one thread. Answers on the Qt thread.

    A QThreadPool waits for its job when it is destroyed, so a dialog or window that goes away without
    closing (a test's teardown, an exception while building) never leaves a running thread behind.
    """

    _answer = Signal(object, object, object)  # job id, result, error: queued to the Qt thread

    def __init__(self, name: str, threads: int, parent: QObject) -> None:
        super().__init__(parent)
        self.name = name
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._pool.setExpiryTimeout(-1)  # the threads stay for the window's life
        self._answer.connect(self._finished)
        self._callbacks: dict[int, Callable[[Any, BaseException | None], None]] = {}
        self._jobs: dict[int, _Job] = {}
        self._next = 0

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    def submit(self, fn: Callable[[], Any], on_done: Callable[[Any, BaseException | None], None]) -> None:
        self._next += 1
        job = _Job(self._next, self.name, fn, self._answer)
        self._callbacks[job.job_id] = on_done
        self._jobs[job.job_id] = job  # kept until its answer: freed on the Qt thread, never by the pool
        self._pool.start(job)

    @Slot(object, object, object)
    def _finished(self, job: int, result: Any, error: BaseException | None) -> None:
        self._jobs.pop(job, None)
        callback = self._callbacks.pop(job, None)
        if callback is not None:
            callback(result, error)

    def stop(self) -> None:
        """Drop the jobs not started, and wait for those running however long (a store write ends in its
        commit or its rollback; ui/tasks.py says why a fixed bound is worse)."""
        self._pool.clear()
        jobs = list(self._jobs.values())
        wait_out(
            self.name, self._pool.waitForDone, lambda: [j.what for j in jobs if j.started and not j.ended]
        )
        dropped = [j.what for j in jobs if not j.started]
        if dropped:
            log.warning("%s: closed before %d job(s) began: %s", self.name, len(dropped), dropped)
        self._callbacks.clear()
        self._jobs.clear()


@dataclass(frozen=True)
class CardAccess:
    """The window's card reader (built on first use) and the thread its calls run on: what the void dialog
    reads the customer's card with before voiding a card purchase (issue 26)."""

    worker: Worker
    make_reader: Callable[[], CardReader]


class Operations(QObject):
    """The window's task manager for the store: a reader and a writer, stopped with the window."""

    changed = Signal(object)  # OpChanges, after a write succeeded

    def __init__(
        self, ctx: Context, session: ClerkSession | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.session = session
        self.reader = _Pool("store-read", 1, self)
        self.writer = _Pool("store-write", 1, self)  # one writer: writes in the order they were asked
        self.reports = _Pool("store-report", 1, self)  # a 14 s export must not hold up the counter's reads
        self.stopped = False
        self.card: CardAccess | None = None  # set by the main window; None: no card is read (then no void)
        _LIVE.add(self)

    def context(self) -> Any:
        """The services' context for the clerk signed in now."""
        if self.session is None or getattr(self._ctx, "clerk_id", None) in (None, self.session.clerk_id):
            return self._ctx
        return dataclasses.replace(self._ctx, clerk_id=self.session.clerk_id)

    @property
    def busy(self) -> bool:
        return not self.stopped and (self.reader.busy or self.writer.busy or self.reports.busy)

    def stop(self) -> None:
        """Finish the job under way, drop the rest (window closed or failed to open)."""
        if not self.stopped:
            self.stopped = True
            self.reader.stop()
            self.writer.stop()
            self.reports.stop()


def idle() -> bool:
    """No store operation of any live window is waiting for its answer (tests wait on this)."""
    return not any(ops.busy for ops in list(_LIVE))


class _Op(Generic[T]):
    _pool = "reader"

    def __init__(
        self,
        ops: Operations,
        op: Callable[[Any], T],
        success: Callable[[T], None] | None = None,
        *,
        parent: QObject | None = None,
    ) -> None:
        self._ops, self._op, self._success = ops, op, success
        self._failure: Callable[[BaseException], None] | None = None
        self._parent = parent
        self._progress: tuple[str, Any] | None = None
        self._shown: Any = None

    def failure(self, fn: Callable[[BaseException], None]) -> _Op[T]:
        self._failure = fn
        return self

    def with_progress(self, label: str, parent: Any = None) -> _Op[T]:
        """Long work: a progress dialog while it runs (ui/progress.py); the op is then called as
        `op(ctx, progress)` and reports `progress(done, total)` from its worker thread."""
        self._progress = (label, parent)
        return self

    def _alive(self) -> bool:
        return self._parent is None or shiboken6.isValid(self._parent)

    def _done(self, result: Any, error: BaseException | None) -> None:
        if self._shown is not None:
            self._shown.close()
        if self._alive():
            if error is not None:
                if self._failure is None:
                    raise error  # never swallowed: Qt's handler reports it (pytest-qt fails the test)
                self._failure(error)
                return
            if self._success is not None:
                self._success(result)
        if error is None:  # a write that committed is announced even when the dialog that asked is gone
            self._finished(result)

    def _finished(self, result: Any) -> None:
        pass

    def run(self) -> None:
        if self._ops.stopped:
            return
        ctx, op = self._ops.context(), self._op
        worker = {"reader": self._ops.reader, "writer": self._ops.writer, "reports": self._ops.reports}[
            self._pool
        ]
        if self._progress is not None:
            from ui.progress import OpProgress

            shown = self._shown = OpProgress(*self._progress)
            worker.submit(lambda: op(ctx, shown.report), self._done)  # type: ignore[call-arg]
            return
        worker.submit(lambda: op(ctx), self._done)


class QueryOp(_Op[T]):
    """A read (or a PIN check, or anything slow that changes nothing) on the reader thread."""


class CollectionOp(_Op[T]):
    """A write on the writer thread, in order; after success `Operations.changed` says what changed."""

    _pool = "writer"

    def __init__(
        self,
        ops: Operations,
        op: Callable[[Any], T],
        success: Callable[[T], None] | None = None,
        *,
        changes: OpChanges | Callable[[T], OpChanges] = OpChanges(),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(ops, op, success, parent=parent)
        self._changes = changes

    def _finished(self, result: Any) -> None:
        changes = self._changes(result) if callable(self._changes) else self._changes
        self._ops.changed.emit(changes)


class ReportOp(_Op[T]):
    """A long read (an export of the whole terminal, a PDF) on the reports thread: reads of the counter go on."""

    _pool = "reports"
