"""The one way HallPay writes a file that must survive a power cut (issue 30).

A power cut keeps only what was fsynced: a file's bytes after `fsync(file)`, a name (a new file, a rename,
an unlink) after `fsync(its directory)`. SIGKILL keeps the page cache, so tests that kill processes never see
the difference; a cleaner pulling the plug does. Every file the product writes goes through here:

- `write_bytes` / `write_text`: a temporary file in the same directory, written whole, fsynced, renamed over
  the name, the directory fsynced. After a cut the name holds the old bytes or the new ones, never a mix,
  never zero bytes; once the call returns it holds the new ones.
- `replacing(path)`: the same for writers that want a path (openpyxl, reportlab, SQLite's backup).
- `create_new`: O_EXCL (never over an existing file: keys), fsynced, the directory fsynced.
- `rename`: a rename made durable (the directory, or both, fsynced): restore's swap, a key's swap.

`tests/unit/test_durable_layer.py` fails on any other rename/replace in the product. Only the standard
library: every layer may use it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

TMP_SUFFIX = ".tmp"


def fsync_dir(path: Path) -> None:
    """Make the names in this directory durable (creations, renames, unlinks made so far)."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def tmp_path(path: Path) -> Path:
    """Where `path`'s next version is written: beside it (a rename never crosses a file system)."""
    return path.with_name(path.name + TMP_SUFFIX)


def _write_fd(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        done = os.write(fd, view)
        view = view[done:]
    os.fsync(fd)


def write_bytes(path: Path, data: bytes, *, mode: int = 0o644) -> None:
    """`path` holds `data`, durably, replaced in one rename (the old bytes until then)."""
    path = Path(path)
    # a name of its own (mkstemp: 0600, O_EXCL): two writers of one file (a card's state) never share a tmp
    fd, name = tempfile.mkstemp(prefix=path.name + ".", suffix=TMP_SUFFIX, dir=path.parent)
    tmp = Path(name)
    try:
        try:
            _write_fd(fd, data)
        finally:
            os.close(fd)
        os.chmod(tmp, mode)  # the umask may have narrowed it; a replaced file keeps no mode of its own
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)  # a full disk leaves nothing half-written behind
        raise
    fsync_dir(path.parent)


def write_text(path: Path, text: str, *, mode: int = 0o644) -> None:
    write_bytes(path, text.encode("utf-8"), mode=mode)


def stage_bytes(path: Path, data: bytes, *, mode: int = 0o644) -> Path:
    """`path`'s next version written whole and fsynced beside it, not yet in effect: `commit_staged` it."""
    tmp = tmp_path(Path(path))
    tmp.unlink(missing_ok=True)
    _write_new(tmp, data, mode)
    return tmp


def _write_new(path: Path, data: bytes, mode: int) -> None:
    """`data` in a new file (O_EXCL, `mode` from its first byte), fsynced; removed again on any failure."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        try:
            _write_fd(fd, data)
        finally:
            os.close(fd)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path` to write; on a clean exit it is fsynced and renamed over `path`
    (directory fsynced), on an error it is removed: no half file ever carries the name asked for."""
    path = Path(path)
    tmp = tmp_path(path)
    tmp.unlink(missing_ok=True)
    try:
        yield tmp
        fsync_file(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def create_new(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """A new file (refused if the name exists: O_EXCL), owner-only from its first byte, durable with its name."""
    path = Path(path)
    _write_new(path, data, mode)
    fsync_dir(path.parent)


def rename(source: Path, target: Path) -> None:
    """`source` becomes `target` in one rename, and stays so after a power cut."""
    source, target = Path(source), Path(target)
    os.replace(source, target)
    fsync_dir(target.parent)
    if source.parent.resolve() != target.parent.resolve():
        fsync_dir(source.parent)


def copy_file(source: Path, target: Path, *, mode: int = 0o644) -> None:
    """A whole copy of `source` under `target`, durably (config copies of a backup and a restore)."""
    write_bytes(target, Path(source).read_bytes(), mode=mode)


def make_dirs(path: Path) -> None:
    """`path` and its missing parents, each new name made durable in its parent."""
    path = Path(path)
    missing: list[Path] = []
    p = path
    while not p.exists():
        missing.append(p)
        p = p.parent
    for d in reversed(missing):
        try:
            d.mkdir()
        except FileExistsError:
            continue
        fsync_dir(d.parent)
