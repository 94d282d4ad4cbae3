"""Continuous local backup, as policy: when to copy, and what the status bar says about it.

Pure Python. The copy itself is a port (`BackupTarget`, db/backup.py implements it with SQLite's
online backup API). `BackupWorker` is a plain thread (like app/sync.py's SyncWorker): it looks at
the journal's head every `poll_s` seconds, or at once when `notify()` is called after a commit, and
copies the store whenever the head moved since the last copy — so every committed money entry is
on the backup path within seconds. `backup_status()` is the value the status bar shows: the copy's
age, and red when it is stale, behind the journal, or the path is missing.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from app.clock import local_text, utc_text
from app.errors import HallPayError
from app.messages import Phrase, message

log = logging.getLogger("hallpay.backup")

STALE_AFTER_S = 120.0  # a journal entry not on the backup path this long after it was made: red
POLL_S = 2.0


def parse_utc(text: str) -> dt.datetime:
    """utc_text's inverse."""
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


@dataclass(frozen=True)
class BackupMark:
    """What the last good copy holds: the journal head it contains, and when it was made (UTC)."""

    terminal_id: str
    seq: int
    hash: str
    made_at: str

    def to_json(self) -> dict[str, Any]:
        return {"terminal_id": self.terminal_id, "seq": self.seq, "hash": self.hash, "made_at": self.made_at}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> BackupMark:
        return cls(str(d["terminal_id"]), int(d["seq"]), str(d["hash"]), str(d["made_at"]))


class BackupTarget(Protocol):
    def available(self) -> bool: ...

    def source_head(self) -> tuple[int, str]: ...

    def run(self, now_utc: str) -> BackupMark: ...

    def last_mark(self) -> BackupMark | None: ...


@dataclass(frozen=True)
class BackupStatus:
    state: str  # ok | behind | stale | missing | failed | off
    age_s: float | None  # seconds since the last good copy; None when there is none
    backed_seq: int
    head_seq: int
    detail: str = ""  # the last failure's sentence

    @property
    def red(self) -> bool:
        """The status bar shows this in red: the counter's money is not safe beyond this disk."""
        return self.state in ("stale", "missing", "failed", "off")

    @property
    def code(self) -> str:
        if self.state == "failed":
            return "backup.failed_detail" if self.detail else "backup.failed"
        return f"backup.{self.state}"

    @property
    def params(self) -> dict[str, Any]:
        return {"age": _age(self.age_s), "behind": self.head_seq - self.backed_seq, "detail": self.detail}

    def text(self) -> str:
        """The status bar's sentence in Chinese (the window says `code` in its own language)."""
        return message(self.code, **self.params)


def _age(age_s: float | None) -> Phrase:
    if age_s is None:
        return Phrase("age.none")
    s = int(max(0.0, age_s))
    if s < 60:
        return Phrase("age.seconds", {"n": s})
    if s < 3600:
        return Phrase("age.minutes", {"n": s // 60})
    if s < 86400:
        return Phrase("age.hours", {"n": s // 3600})
    return Phrase("age.days", {"n": s // 86400})


def backup_status(
    mark: BackupMark | None,
    head_seq: int,
    now: dt.datetime,
    *,
    configured: bool = True,
    available: bool = True,
    failure: str = "",
    stale_after_s: float = STALE_AFTER_S,
    behind_since: dt.datetime | None = None,
) -> BackupStatus:
    """The status bar's value. `behind_since`: when the journal first moved past the copy."""
    if not configured:
        return BackupStatus("off", None, 0, head_seq)
    age = (now - parse_utc(mark.made_at)).total_seconds() if mark else None
    backed = mark.seq if mark else 0
    if not available:
        return BackupStatus("missing", age, backed, head_seq)
    if failure:
        return BackupStatus("failed", age, backed, head_seq, failure)
    if head_seq <= backed:
        return BackupStatus("ok", age, backed, head_seq)
    if behind_since is None:  # nobody saw the journal move: judge by the copy's age alone
        waited = age if age is not None else stale_after_s + 1
    else:
        waited = (now - behind_since).total_seconds()
    if waited > stale_after_s:
        return BackupStatus("stale", age, backed, head_seq)
    return BackupStatus("behind", age, backed, head_seq)


class BackupWorker(threading.Thread):
    """Copies the store whenever its journal head moved; never blocks the counter."""

    def __init__(
        self,
        target: BackupTarget | None,
        now: Callable[[], dt.datetime],
        *,
        poll_s: float = POLL_S,
        stale_after_s: float = STALE_AFTER_S,
    ) -> None:
        super().__init__(name="hallpay-backup", daemon=True)
        self._target = target
        self._now = now
        self._poll_s = poll_s
        self._stale_after_s = stale_after_s
        self._wake = threading.Event()
        self._halt = threading.Event()
        self._lock = threading.Lock()
        self._mark = target.last_mark() if target else None
        self._head = self._mark.seq if self._mark else 0
        self._failure = ""
        self._available = target.available() if target else False
        self._behind_since: dt.datetime | None = None
        self.runs = 0

    def notify(self) -> None:
        """Call after a committed money entry: the copy starts now instead of at the next poll."""
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._halt.set()
        self._wake.set()
        if self.is_alive():
            self.join(timeout)

    def status(self) -> BackupStatus:
        with self._lock:
            return backup_status(
                self._mark,
                self._head,
                self._now(),
                configured=self._target is not None,
                available=self._available,
                failure=self._failure,
                stale_after_s=self._stale_after_s,
                behind_since=self._behind_since,
            )

    def step(self) -> BackupStatus:
        """One look, and one copy if the journal moved (the loop's body; tests call it directly)."""
        target = self._target
        if target is None:
            return self.status()
        try:
            available = target.available()
            head = target.source_head()[0]
        except (HallPayError, OSError) as error:
            log.warning("backup: cannot read the journal head: %s", error)
            return self.status()
        with self._lock:
            self._available, self._head = available, head
            backed = self._mark.seq if self._mark else -1
            if head > max(backed, 0) and self._behind_since is None:
                self._behind_since = self._now()
        if available and head != backed:
            try:
                mark = target.run(utc_text(self._now()))
            except HallPayError as error:
                with self._lock:
                    if self._failure != str(error):
                        log.error("backup failed: %s", error)
                    self._failure = str(error)
            else:
                self.runs += 1
                with self._lock:
                    self._mark, self._failure = mark, ""
                    self._behind_since = None if mark.seq >= self._head else self._behind_since
        return self.status()

    def run(self) -> None:
        while not self._halt.is_set():
            self.step()
            self._wake.wait(self._poll_s)
            self._wake.clear()
        self.step()  # what was committed before the window closed reaches the backup too

    def last_success_text(self) -> str:
        return local_text(parse_utc(self._mark.made_at)) if self._mark else "无"
