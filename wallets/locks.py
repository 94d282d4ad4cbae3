"""Which wallet attempts a live process still waits on: an flock per attempt in DATA/wallet-locks/.

A process that dies (SIGKILL included) loses its locks with it, so the next start's recovery sees the
attempt as dead and settles it, while a counter still polling its own attempt is left alone.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: one process per counter, no cross-process check
    fcntl = None  # type: ignore[assignment]


class FileLocks:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _file(self, out_trade_no: str) -> Path:
        self.directory.mkdir(parents=True, exist_ok=True)
        return self.directory / f"{out_trade_no}.lock"

    def hold(self, out_trade_no: str) -> AbstractContextManager[object]:
        return self._hold(out_trade_no)

    @contextlib.contextmanager
    def _hold(self, out_trade_no: str) -> Iterator[object]:
        path = self._file(out_trade_no)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            yield None
        finally:
            os.close(fd)
            with contextlib.suppress(OSError):
                path.unlink()

    def is_held(self, out_trade_no: str) -> bool:
        if fcntl is None:
            return False
        path = self._file(out_trade_no)
        if not path.exists():
            return False
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(fd)
        return False
