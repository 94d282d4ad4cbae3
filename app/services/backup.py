"""Backup and the old-image guard as services: what main.py, the status bar and `restore` call.

- `make_worker(target, now)`: the BackupWorker the GUI starts (the status bar polls `worker.status()`).
- `backup_now(target, now)`: one copy at once (`main.py backup`, and after each money command).
- `check_not_behind(...)`: refuses a store whose journal is behind what another witness (the central
  ledger's acknowledgement, the backup's marker) has already seen of this terminal: an old disk image
  must never hand out a sequence or receipt number a second time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import durable
from app.backup import POLL_S, STALE_AFTER_S, BackupMark, BackupStatus, BackupTarget, BackupWorker
from app.clock import utc_text
from app.errors import StoreUnavailable
from app.messages import coded


class OldImage(StoreUnavailable):
    """The local store is older than what this terminal already reported elsewhere."""


@dataclass(frozen=True)
class Witness:
    """Somebody who saw this terminal's journal up to `seq` (with that entry's hash)."""

    source: str  # 总部账务中心 | 备份 — shown to the user
    seq: int
    hash: str


def make_worker(
    target: BackupTarget | None,
    now: Callable[[], dt.datetime],
    *,
    poll_s: float = POLL_S,
    stale_after_s: float = STALE_AFTER_S,
) -> BackupWorker:
    """target None: no `[backup] path` configured; the worker only reports that (red)."""
    return BackupWorker(target, now, poll_s=poll_s, stale_after_s=stale_after_s)


def backup_now(target: BackupTarget, now: Callable[[], dt.datetime]) -> BackupMark:
    return target.run(utc_text(now()))


def status_once(target: BackupTarget | None, now: dt.datetime) -> BackupStatus:
    """The status without a worker (the command line's `backup --status`)."""
    from app.backup import backup_status

    if target is None:
        return backup_status(None, 0, now, configured=False)
    available = target.available()
    head = target.source_head()[0]
    return backup_status(target.last_mark(), head, now, available=available)


def check_not_behind(
    head_seq: int, hash_at: Callable[[int], str | None], witnesses: Iterable[Witness]
) -> None:
    """Raise OldImage when a witness saw more of this journal than the store holds, or other entries."""
    for w in witnesses:
        if w.seq > head_seq:
            raise coded(OldImage, "restore.behind", head=head_seq, source=w.source, seq=w.seq)
        if w.seq > 0 and hash_at(w.seq) != w.hash:
            raise coded(OldImage, "restore.other_db", source=w.source, seq=w.seq)


# ---------------------------------------------------------------------------------- support bundle

SECRET_WORDS = ("password", "passwd", "secret", "token", "pin", "key")


def redact_config(text_: str) -> str:
    """config.toml as support may see it: a secret-looking key's value and a URL's password become ***."""
    import re

    out = []
    for line in text_.splitlines():
        key = (
            line.split("=", 1)[0].strip().lower() if "=" in line and not line.lstrip().startswith("#") else ""
        )
        if key and any(word in key for word in SECRET_WORDS):
            line = f'{line.split("=", 1)[0]}= "***"'
        line = re.sub(r"(://[^:/@\s\"]+:)[^@\s\"]+@", r"\1***@", line)
        out.append(line)
    return "\n".join(out) + "\n"


def support_bundle(data_dir: Path, out: Path, verify_report: dict[str, Any]) -> Path:
    """A zip for the IT department: config without secrets, the logs, the verify report. No database."""
    import json
    import zipfile

    out.parent.mkdir(parents=True, exist_ok=True)
    with durable.replacing(out) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        config = data_dir / "config.toml"
        if config.exists():
            z.writestr("config.toml", redact_config(config.read_text(encoding="utf-8")))
        for log_file in sorted((data_dir / "logs").glob("*.log*")):
            z.write(log_file, f"logs/{log_file.name}")
        z.writestr("verify.json", json.dumps(verify_report, ensure_ascii=False, indent=2))
        listing = [f"{p.name}\t{p.stat().st_size}" for p in sorted(data_dir.iterdir()) if p.is_file()]
        z.writestr("files.txt", "\n".join(listing) + "\n")
    return out
