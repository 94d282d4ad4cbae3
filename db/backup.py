"""The local store's continuous backup: SQLite's online backup API into `[backup] path`.

Each run copies the whole of `local.db` (pages, not files: a WAL that has not been checkpointed is
included, a half-written copy never exists) into `<path>/<terminal>-local.db.tmp`, checks it, then
renames it over `<terminal>-local.db` and writes the marker `<terminal>-backup.json` (journal head,
its hash, when). A USB stick pulled out or a share that is down makes the run fail with a sentence;
the previous copy stays as it was.
"""

from __future__ import annotations

import json
import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from app import durable
from app.backup import BackupMark
from app.errors import StoreUnavailable
from app.messages import coded


def backup_file(backup_dir: Path, terminal_id: str) -> Path:
    return backup_dir / f"{terminal_id}-local.db"


def config_file(backup_dir: Path, terminal_id: str) -> Path:
    return backup_dir / f"{terminal_id}-config.toml"


def marker_file(backup_dir: Path, terminal_id: str) -> Path:
    return backup_dir / f"{terminal_id}-backup.json"


def _head(conn: sqlite3.Connection) -> tuple[int, str]:
    row = conn.execute("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1").fetchone()
    return (int(row[0]), str(row[1])) if row else (0, "0" * 64)


def copy_database(source: Path, target: Path) -> tuple[int, str]:
    """Online copy of one SQLite file into another (atomic rename); returns the copy's journal head."""
    tmp = target.with_name(target.name + ".tmp")
    tmp.unlink(missing_ok=True)
    with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=10)) as src:
        with closing(sqlite3.connect(tmp)) as dst:
            src.backup(dst)  # one step: a consistent snapshot of the last committed transaction
            dst.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file on the stick
            check = dst.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise coded(StoreUnavailable, "backup.copy_check_failed", check=check)
            head = _head(dst)
    durable.fsync_file(tmp)
    durable.rename(tmp, target)
    return head


@dataclass
class SqliteBackup:
    """app/backup.py's BackupTarget over a directory (USB stick, network share)."""

    source: Path
    backup_dir: Path
    terminal_id: str

    def available(self) -> bool:
        return self.backup_dir.is_dir() and os.access(self.backup_dir, os.W_OK)

    def source_head(self) -> tuple[int, str]:
        with closing(sqlite3.connect(f"file:{self.source}?mode=ro", uri=True, timeout=10)) as conn:
            return _head(conn)

    def run(self, now_utc: str) -> BackupMark:
        if not self.available():
            raise coded(StoreUnavailable, "backup.place_unavailable", backup_dir=self.backup_dir)
        try:
            clear_interrupted(self.backup_dir, self.terminal_id)  # a run a power cut stopped: rolled back
            seq, hash_ = copy_database(self.source, backup_file(self.backup_dir, self.terminal_id))
            mark = BackupMark(self.terminal_id, seq, hash_, now_utc)
            config = self.source.with_name("config.toml")
            if config.exists():  # a new PC restores the terminal's identity and settings too
                durable.copy_file(config, config_file(self.backup_dir, self.terminal_id), mode=0o600)
            write_marker(marker_file(self.backup_dir, self.terminal_id), mark)
        except (OSError, sqlite3.Error) as error:
            raise coded(
                StoreUnavailable, "backup.copy_failed", backup_dir=self.backup_dir, error=error
            ) from error
        return mark

    def last_mark(self) -> BackupMark | None:
        return read_marker(marker_file(self.backup_dir, self.terminal_id))


def write_marker(path: Path, mark: BackupMark) -> None:
    """Last, after the copy and the config are durable: a marker never vouches for a copy a cut lost."""
    durable.write_text(path, json.dumps(mark.to_json(), ensure_ascii=False))


def clear_interrupted(backup_dir: Path, terminal_id: str) -> None:
    """A backup a power cut stopped leaves only `.tmp` files (the names it vouches for are whole): roll back."""
    for leftover in backup_dir.glob(f"{terminal_id}-*{durable.TMP_SUFFIX}"):
        leftover.unlink(missing_ok=True)


def read_marker(path: Path) -> BackupMark | None:
    try:
        return BackupMark.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None
