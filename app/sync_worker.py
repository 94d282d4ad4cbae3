"""The sync worker: `sync_once` (app/sync.py) on a plain thread, every interval while it succeeds and with truncated
exponential backoff while it fails, keeping a `SyncStatus` the status bar polls. No Qt."""

from __future__ import annotations

import datetime as dt
import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.applied import Applied
from app.clock import local_text
from app.errors import HallPayError
from app.messages import Phrase, message
from app.sync import CentralRefused, CentralUnavailable, SyncResult

log = logging.getLogger("hallpay.sync")


@dataclass
class Backoff:
    """Truncated exponential backoff: base, 2×base, 4×base ... up to cap, less up to `jitter` of it."""

    base_s: float = 1.0
    cap_s: float = 300.0
    jitter: float = 0.25
    rng: random.Random = field(default_factory=random.Random)
    failures: int = 0

    def next_delay(self) -> float:
        delay = min(self.cap_s, self.base_s * (2 ** min(self.failures, 32)))
        self.failures += 1
        return delay * (1.0 - self.jitter * self.rng.random())

    def reset(self) -> None:
        self.failures = 0


@dataclass(frozen=True)
class SyncStatus:
    state: str  # starting | online | offline | alarm
    pending: int
    last_success: dt.datetime | None  # UTC
    last_error: str  # one sentence, Chinese; empty when the last run succeeded
    alarms: int = 0
    applied: Applied | None = None  # head office's books as the last run saw them (app/applied.py)

    @property
    def online(self) -> bool:
        return self.state in ("online", "alarm")

    @property
    def lag(self) -> Phrase | None:
        """Head office holds entries it has not applied to its books yet (this counter's or others')."""
        return None if self.applied is None or not self.online else self.applied.phrase()

    @property
    def code(self) -> str:
        return "sync.status" if self.lag is None else "pull.status"

    @property
    def params(self) -> dict[str, Any]:
        """The status bar's sentence as a code: the state, what waits, when it last went through."""
        last = (
            Phrase("sync.last", {"at": local_text(self.last_success)[5:16]})
            if self.last_success
            else Phrase("sync.never")
        )
        said = {"head": Phrase(f"sync.state.{self.state}"), "pending": self.pending, "last": last}
        return said if self.lag is None else {**said, "applied": self.lag}

    def text(self) -> str:
        """The status bar's sentence in Chinese (the window says `code` in its own language)."""
        return message(self.code, **self.params)


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class SyncWorker(threading.Thread):
    """Runs `run_once` every interval while it succeeds, with backoff while it fails. No Qt."""

    def __init__(
        self,
        run_once: Callable[[], SyncResult],
        pending: Callable[[], int],
        *,
        interval_s: float = 30.0,
        backoff: Backoff | None = None,
        now: Callable[[], dt.datetime] = _utc_now,
        first_delay_s: float = 0.0,
    ) -> None:
        """first_delay_s: the window's worker waits this long (or for a wake) before its first run, so
        the first frame and the clerk's first lookups do not share the GIL with the central ledger's
        imports and the first push."""
        super().__init__(name="hallpay-sync", daemon=True)
        self._first_delay_s = first_delay_s
        self._run_once = run_once
        self._pending = pending
        self._interval_s = interval_s
        self._backoff = backoff or Backoff()
        self._now = now
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._status = SyncStatus("starting", 0, None, "")
        self.last_result: SyncResult | None = None

    def run(self) -> None:
        if self._first_delay_s > 0:
            self._wake.wait(self._first_delay_s)
            self._wake.clear()
        while not self._stopping.is_set():
            delay = self.attempt()
            self._wake.wait(delay)
            self._wake.clear()

    def attempt(self) -> float:
        """One run; returns the delay before the next. Never raises: a clerk keeps working."""
        try:
            result = self._run_once()
        except (CentralUnavailable, CentralRefused) as error:
            return self._failed("offline" if isinstance(error, CentralUnavailable) else "alarm", str(error))
        except HallPayError as error:
            return self._failed("offline", str(error))
        except Exception:  # a defect: its traceback to the log, never to the clerk; the thread lives on
            log.exception("sync run failed")
            return self._failed("offline", message("sync.defect"))
        self._backoff.reset()
        with self._lock:
            self.last_result = result
            error_text = result.alarms[0].reason if result.alarms else ""
            self._status = SyncStatus(
                "alarm" if result.alarms else "online",
                result.pending,
                self._now(),
                error_text,
                len(result.alarms),
                result.applied,
            )
        return self._interval_s

    def _failed(self, state: str, sentence: str) -> float:
        delay = self._backoff.next_delay()
        with self._lock:
            self._status = SyncStatus(
                state,
                self._status.pending,
                self._status.last_success,
                sentence,
                self._status.alarms,
                self._status.applied,
            )
        return delay

    def status(self) -> SyncStatus:
        """Cheap enough to poll from the UI: the pending count is read fresh, the rest is cached."""
        with self._lock:
            status = self._status
        try:
            pending = self._pending()
        except HallPayError:
            return status
        return SyncStatus(
            status.state, pending, status.last_success, status.last_error, status.alarms, status.applied
        )

    def wake(self) -> None:
        """Sync soon (after a payment), without waiting out the interval or the backoff."""
        self._wake.set()

    def stop(self, timeout: float | None = 5.0) -> None:
        self._stopping.set()
        self._wake.set()
        if self.is_alive():
            self.join(timeout)
