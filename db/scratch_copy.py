"""A throwaway copy of a terminal's data directory, for work that must never write the real journal
(`screenshot` books showcase payments on the copy; issue 16).

SQLite files are copied through SQLite's online backup (a consistent snapshot even with a WAL beside
them); receipts/, reports/ and logs/ start empty; everything else (config, keys, cards) is copied.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

FRESH_DIRS = ("receipts", "reports", "logs")


def scratch_copy(source: Path, target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=False)
    for item in source.iterdir():
        if item.name in FRESH_DIRS:
            (target / item.name).mkdir()
        elif item.suffix == ".db":
            src = sqlite3.connect(f"file:{item}?mode=ro", uri=True)
            dst = sqlite3.connect(target / item.name)
            try:
                src.backup(dst)
            finally:
                dst.close()
                src.close()
        elif item.name.endswith((".db-wal", ".db-shm", ".db-journal")):
            continue
        elif item.is_dir():
            shutil.copytree(item, target / item.name)
        else:
            shutil.copy2(item, target / item.name)
    return target
