"""A full or read-only disk said as one sentence, never a traceback (issue 30).

Inside an open terminal the store already says "本机磁盘已满" (db/uow.py); what escaped was earlier or
elsewhere: SQLite's `PRAGMA journal_mode=WAL` on a full disk ("disk I/O error"), the log file on a read-only
one (EROFS), a receipt or an export's file (ENOSPC). Writers go through app/durable.py, so whatever failed left
no half file under its name; this only finds the words.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from app.errors import HallPayError
from app.messages import coded

FULL = {errno.ENOSPC, errno.EDQUOT}
READ_ONLY = {errno.EROFS}
LOW_SPACE = 1 << 20  # below 1 MiB free, an SQLite "disk I/O error" is the disk being full
SQLITE_WORDS = ("disk i/o error", "database or disk is full", "readonly database", "read-only")


def _chain(error: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [error]
    while todo:
        e = todo.pop()
        if e is None or any(e is s for s in seen):
            continue
        seen.append(e)
        orig = getattr(e, "orig", None)  # SQLAlchemy's wrapper around the driver's error
        todo += [e.__cause__, e.__context__, orig if isinstance(orig, BaseException) else None]
    return seen


def _disk_state(where: Path) -> str:
    p = Path(where)
    while not p.exists() and p != p.parent:
        p = p.parent
    try:
        st = os.statvfs(p)
    except OSError:
        return ""
    if st.f_flag & os.ST_RDONLY:
        return "disk.read_only"
    if st.f_bavail * st.f_frsize < LOW_SPACE:
        return "disk.full"
    return ""


def disk_trouble(error: BaseException, where: Path) -> HallPayError | None:
    """The sentence for `error` if a full or read-only disk caused it, else None (a real bug stays loud)."""
    code = ""
    for e in _chain(error):
        number = getattr(e, "errno", None)
        if number in FULL:
            code = "disk.full"
        elif number in READ_ONLY:
            code = "disk.read_only"
        elif any(w in str(e).lower() for w in SQLITE_WORDS):
            code = code or _disk_state(where)
        if code:
            break
    if not code:
        return None
    return coded(HallPayError, code, where=where)
