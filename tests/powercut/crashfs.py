"""CrashFS: a FUSE file system (in memory) that knows what a power cut would keep (issue 30).

Every write lands in a volatile image, as in the page cache. What a cut keeps is the durable image, and only
the calls that make things durable on a real disk change it:

- fsync/fdatasync(file): the file's bytes as they are now become its durable bytes;
- fsync(directory): the directory's names as they are now (creations, renames, unlinks) become durable.

Nothing else: a file created, written and renamed but never fsynced is 0 bytes or absent after the cut, and a
rename whose directory was never fsynced is undone. That is POSIX's promise at its thinnest (what ext4 with
a badly timed cut, or a disk's volatile cache, can leave), and stricter than LazyFS, which keeps names the
moment they are made. Each durable change is a numbered sync event; `state_after(n)` is the tree a cut right
after event n leaves, so one run of the operations yields every crash state between two syncs.

The real processes (the product's CLI, SQLite's C code included) run on the mount: nothing of HallPay is
modelled. Runs in a thread of the test process (`mounted()`); needs /dev/fuse, fusermount3, libfuse3.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import mfusepy as fuse


@dataclass(eq=False)
class Node:
    is_dir: bool
    mode: int
    data: bytearray = field(default_factory=bytearray)
    durable: bytes = b""  # what a cut leaves of a file's bytes
    entries: dict[str, Node] = field(default_factory=dict)
    dentries: dict[str, Node] = field(default_factory=dict)  # what a cut leaves of a directory's names
    mtime: int = field(default_factory=time.time_ns)


@dataclass
class SyncEvent:
    number: int
    what: str  # "file PATH" or "dir PATH"
    label: str  # the step of the scenario that was running
    tree: dict[str, bytes | None]  # the durable tree after it: path -> bytes (None: a directory)


class CrashFS(fuse.Operations):
    use_ns = True

    def __init__(self) -> None:
        self.root = Node(True, 0o755)
        self.fhs: dict[int, Node] = {}
        self.next_fh = 1
        self._mutex = threading.RLock()
        self.events: list[SyncEvent] = []
        self.label = "start"

    # ---------------------------------------------------------------------------------- the crash model

    def durable_tree(self) -> dict[str, bytes | None]:
        out: dict[str, bytes | None] = {}

        def walk(node: Node, prefix: str) -> None:
            for name, child in node.dentries.items():
                path = f"{prefix}/{name}" if prefix else name
                if child.is_dir:
                    out[path] = None
                    walk(child, path)
                else:
                    out[path] = child.durable

        walk(self.root, "")
        return out

    def _synced(self, what: str) -> None:
        self.events.append(SyncEvent(len(self.events) + 1, what, self.label, self.durable_tree()))

    def mark(self, label: str) -> int:
        """Name the scenario's next step; returns how many sync events came before it."""
        with self._mutex:
            self.label = label
            return len(self.events)

    # ---------------------------------------------------------------------------------- lookups

    def _node(self, path: str | None, fh: int | None = None) -> Node:
        if fh:
            node = self.fhs.get(fh)
            if node is not None:
                return node
        node = self.root
        for part in (path or "/").strip("/").split("/"):
            if not part:
                continue
            if not node.is_dir or part not in node.entries:
                raise fuse.FuseOSError(errno.ENOENT)
            node = node.entries[part]
        return node

    def _parent(self, path: str) -> tuple[Node, str]:
        head, _, name = path.rstrip("/").rpartition("/")
        parent = self._node(head or "/")
        if not parent.is_dir:
            raise fuse.FuseOSError(errno.ENOTDIR)
        return parent, name

    def _open(self, node: Node) -> int:
        fh = self.next_fh
        self.next_fh += 1
        self.fhs[fh] = node
        return fh

    # ---------------------------------------------------------------------------------- operations

    def getattr(self, path, fh=None):
        with self._mutex:
            node = self._node(path, fh)
            kind = stat.S_IFDIR if node.is_dir else stat.S_IFREG
            return {
                "st_mode": kind | node.mode,
                "st_nlink": 2 if node.is_dir else 1,
                "st_size": 4096 if node.is_dir else len(node.data),
                "st_mtime": node.mtime,
                "st_atime": node.mtime,
                "st_ctime": node.mtime,
                "st_uid": os.getuid(),
                "st_gid": os.getgid(),
            }

    def readdir(self, path, fh):
        with self._mutex:
            return [".", "..", *self._node(path).entries]

    def mkdir(self, path, mode):
        with self._mutex:
            parent, name = self._parent(path)
            if name in parent.entries:
                raise fuse.FuseOSError(errno.EEXIST)
            parent.entries[name] = Node(True, mode & 0o7777)
            return 0

    def rmdir(self, path):
        with self._mutex:
            parent, name = self._parent(path)
            node = parent.entries.get(name)
            if node is None:
                raise fuse.FuseOSError(errno.ENOENT)
            if node.entries:
                raise fuse.FuseOSError(errno.ENOTEMPTY)
            del parent.entries[name]
            return 0

    def create(self, path, mode, fi=None):
        with self._mutex:
            parent, name = self._parent(path)
            node = parent.entries.get(name)
            if node is None:
                node = parent.entries[name] = Node(False, mode & 0o7777)
            return self._open(node)

    def open(self, path, flags):
        with self._mutex:
            node = self._node(path)
            if flags & os.O_TRUNC:
                node.data.clear()
            return self._open(node)

    def release(self, path, fh):
        with self._mutex:
            self.fhs.pop(fh, None)
            return 0

    def read(self, path, size, offset, fh):
        with self._mutex:
            return bytes(self._node(path, fh).data[offset : offset + size])

    def write(self, path, data, offset, fh):
        with self._mutex:
            node = self._node(path, fh)
            if offset > len(node.data):
                node.data.extend(b"\0" * (offset - len(node.data)))
            node.data[offset : offset + len(data)] = data
            node.mtime = time.time_ns()
            return len(data)

    def truncate(self, path, length, fh=None):
        with self._mutex:
            node = self._node(path, fh)
            if length < len(node.data):
                del node.data[length:]
            else:
                node.data.extend(b"\0" * (length - len(node.data)))
            return 0

    def fallocate(self, path, mode, offset, size, fh):
        raise fuse.FuseOSError(errno.EOPNOTSUPP)

    def fsync(self, path, datasync, fh):
        with self._mutex:
            node = self._node(path, fh)
            node.durable = bytes(node.data)
            self._synced(f"file {path}")
            return 0

    def fsyncdir(self, path, datasync, fh):
        with self._mutex:
            node = self._node(path)
            node.dentries = dict(node.entries)
            self._synced(f"dir {path}")
            return 0

    def unlink(self, path):
        with self._mutex:
            parent, name = self._parent(path)
            if parent.entries.pop(name, None) is None:
                raise fuse.FuseOSError(errno.ENOENT)
            return 0

    def rename(self, old, new, flags=0):
        with self._mutex:
            src, a = self._parent(old)
            dst, b = self._parent(new)
            if a not in src.entries:
                raise fuse.FuseOSError(errno.ENOENT)
            if b in dst.entries and dst.entries[b].is_dir and dst.entries[b].entries:
                raise fuse.FuseOSError(errno.ENOTEMPTY)
            dst.entries[b] = src.entries.pop(a)
            return 0

    def chmod(self, path, mode, fh=None):
        with self._mutex:
            self._node(path, fh).mode = mode & 0o7777
            return 0

    def chown(self, path, uid, gid, fh=None):
        return 0

    def utimens(self, path, times=None, fh=None):
        return 0

    def access(self, path, amode):
        return 0

    def flush(self, path, fh):
        return 0

    def statfs(self, path):
        return {
            "f_bsize": 4096,
            "f_frsize": 4096,
            "f_blocks": 1 << 20,
            "f_bfree": 1 << 19,
            "f_bavail": 1 << 19,
            "f_files": 1 << 16,
            "f_ffree": 1 << 15,
            "f_namemax": 255,
        }


def available() -> str:
    """'' when a CrashFS can be mounted here, else why not."""
    if not Path("/dev/fuse").exists():
        return "no /dev/fuse"
    if shutil.which("fusermount3") is None:
        return "no fusermount3 (Debian package fuse3)"
    return ""


@contextlib.contextmanager
def mounted(mountpoint: Path) -> Iterator[CrashFS]:
    """A fresh CrashFS on `mountpoint` (single-threaded FUSE loop in a thread of this process)."""
    mountpoint.mkdir(parents=True, exist_ok=True)
    fs = CrashFS()
    # hard_remove: an unlinked open file is not renamed .fuse_hidden* (a rename the product never made)
    thread = threading.Thread(
        target=lambda: fuse.FUSE(fs, str(mountpoint), foreground=True, nothreads=True, hard_remove=True),
        name="crashfs",
        daemon=True,
    )
    thread.start()
    deadline = time.monotonic() + 10
    while not os.path.ismount(mountpoint):
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"CrashFS did not mount on {mountpoint}")
        time.sleep(0.02)
    try:
        yield fs
    finally:
        subprocess.run(["fusermount3", "-u", "-z", str(mountpoint)], check=False)
        thread.join(10)


def materialize(tree: dict[str, bytes | None], target: Path) -> None:
    """The durable tree as real files under `target`: the disk as the next start would find it."""
    target.mkdir(parents=True, exist_ok=True)
    for path, data in sorted(tree.items()):
        p = target / path
        if data is None:
            p.mkdir(parents=True, exist_ok=True)
        else:
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
            p.chmod(0o600)
