"""The console's secret key (it signs the session cookie and so the CSRF token): one file, 0600, beside head
office's key (db/central/rowsign.py: hq.key), made on the first start and read at every later one.

A key made anew at each start logged everyone out at every restart, and two workers with two keys could not
read each other's cookies (review P2-3). The file is created with O_EXCL and 0600 from its first byte, and
refused when group or others may read it (db/keys.py does the same for the terminals' keys).
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from sqlalchemy.engine import URL

from app.errors import HallPayError
from app.messages import coded
from db.central.rowsign import hq_key_path

SECRET_FILE = "console.secret"
_BYTES = 32


def secret_path(url: URL, override: Path | None = None) -> Path:
    """Where the key lives: --secret-file, else beside hq.key (the embedded ledger's folder, or HALLPAY_HQ_KEY's)."""
    if override is not None:
        return override
    beside = hq_key_path(url)
    if beside is None:
        raise coded(HallPayError, "console_secret.nowhere")
    return beside.with_name(SECRET_FILE)


def load_or_create_secret(path: Path) -> bytes:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(_BYTES)
        staged = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
        fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, key)
            os.fsync(fd)
        finally:
            os.close(fd)
        try:  # a link appears whole or not at all: a second worker starting at once reads the first's key
            os.link(staged, path)
        except FileExistsError:
            pass
        else:
            return key
        finally:
            staged.unlink()
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise coded(HallPayError, "console_secret.too_open", path=path, mode=oct(mode))
    key = path.read_bytes()
    if len(key) < _BYTES:
        raise coded(HallPayError, "console_secret.bad", path=path)
    return key
