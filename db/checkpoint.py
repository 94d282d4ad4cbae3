"""WAL checkpoints off the payment path.

SQLite's automatic checkpoint runs inside the COMMIT that pushes the WAL past 1,000 pages: that one
payment copies the WAL into the database file and fsyncs it, 5–7 ms on the development machine against
0.3 ms for a plain commit, and it was the durable payment commit's p99 (bench). The write engine turns the
automatic checkpoint off (`PRAGMA wal_autocheckpoint=0`) and each committed write nudges this thread,
which runs a PASSIVE checkpoint on its own connection once the burst of writes is over: PASSIVE never
takes the write lock and never waits for a reader, so a payment committing meanwhile only appends to the
WAL. The last connection to close still checkpoints and removes the WAL, as SQLite always does, so a
command that exits before the thread ran leaves nothing behind.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
import weakref
from pathlib import Path

from sqlalchemy import Engine

log = logging.getLogger("hallpay.store")

# After a nudge, wait this long for the writes to stop before checkpointing: a clerk's next payment is
# seconds away, a bulk load's next commit is milliseconds away.
QUIET_S = 0.25
# ... but never longer than this while writes keep coming (a pull of a million rows, page after page),
# so the WAL does not grow for the whole burst: a PASSIVE checkpoint beside the writes blocks none of them.
MAX_DEFER_S = 2.0


class Checkpointer:
    """One thread per write engine: PASSIVE checkpoints after writes, never inside one."""

    def __init__(self, path: Path, quiet_s: float = QUIET_S) -> None:
        self._path, self._quiet_s = path, quiet_s
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.runs = 0  # checkpoints done (tests, bench)
        # nudges asked, and how many of them a finished checkpoint covers: equal means nothing is waiting
        self._counts = threading.Condition()
        self._asked = self._covered = 0

    def nudge(self) -> None:
        """A write committed: checkpoint once the writes go quiet. Cheap; called after every commit."""
        if self._thread is None:
            with self._lock:
                if self._thread is None and not self._stop.is_set():
                    self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)
                    self._thread.start()
        with self._counts:
            self._asked += 1
        self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait()
            # debounce: while commits keep coming, keep waiting (up to MAX_DEFER_S)
            deadline = time.monotonic() + MAX_DEFER_S
            while self._wake.is_set() and not self._stop.is_set() and time.monotonic() < deadline:
                self._wake.clear()
                self._stop.wait(min(self._quiet_s, max(0.0, deadline - time.monotonic())))
            if not self._stop.is_set():
                with self._counts:
                    asked = self._asked  # every write nudged so far is in the WAL this checkpoint copies
                self.checkpoint()
                with self._counts:
                    self._covered = asked
                    self._counts.notify_all()

    def wait_idle(self, timeout_s: float) -> bool:
        """True once every nudge so far has been followed by a checkpoint (tried); False at the timeout."""
        with self._counts:
            return self._counts.wait_for(lambda: self._covered == self._asked, timeout_s)

    def checkpoint(self) -> None:
        """One PASSIVE checkpoint on a connection opened for it: between checkpoints this thread holds no
        file open (a disk being remounted, a restore replacing the file)."""
        try:
            # mode=rw: a file moved away meanwhile (restore) is never created afresh, empty
            con = sqlite3.connect(f"{self._path.resolve().as_uri()}?mode=rw", uri=True, isolation_level=None)
            try:
                con.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                self.runs += 1
            finally:
                con.close()
        except sqlite3.Error as error:  # busy, read-only, gone: the next nudge tries again
            log.info("WAL checkpoint skipped: %s", error)

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        thread = self._thread
        if thread is not None:
            thread.join(10)


_BY_ENGINE: weakref.WeakKeyDictionary[Engine, Checkpointer] = weakref.WeakKeyDictionary()


def attach(engine: Engine, path: Path) -> Checkpointer:
    """The write engine `engine` (wal_autocheckpoint=0) is checkpointed by a thread of its own."""
    checkpointer = _BY_ENGINE[engine] = Checkpointer(path)
    return checkpointer


def after_commit(engine: Engine) -> None:
    """Called by the unit of work after each commit; nothing for an engine without a checkpointer."""
    checkpointer = _BY_ENGINE.get(engine)
    if checkpointer is not None:
        checkpointer.nudge()


def detach(engine: Engine) -> None:
    checkpointer = _BY_ENGINE.pop(engine, None)
    if checkpointer is not None:
        checkpointer.stop()
