"""Full, read-only and locked disks (issue 11): a payment is refused whole, before money changes hands,
with a sentence the clerk understands; nothing half-written, nothing lost; the counter recovers.

The disk is a real small filesystem: a 3 MB tmpfs the test mounts (root only)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

import bootstrap
from app.errors import StoreUnavailable
from tests.integration.backup_fixtures import balance, prepay, receipts, verify


@pytest.fixture
def small_disk(tmp_path: Path):
    mnt = tmp_path / "disk"
    mnt.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mnt)], capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.skip(
            f"cannot mount a 3 MB tmpfs here (needs root and mount permission): {done.stderr.strip()}"
        )
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def fill(disk: Path, leave: int = 0) -> Path:
    """Write a filler file until the filesystem refuses another byte (or `leave` bytes remain)."""
    filler = disk / "filler.bin"
    chunk = b"\0" * 4096
    with open(filler, "wb", buffering=0) as f:
        with contextlib.suppress(OSError):
            while os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize > leave + len(chunk):
                f.write(chunk)
            while not leave:
                f.write(b"\0")
    return filler


def money_rows(w) -> tuple:
    with w.store.reader() as uow:
        c = uow.connection
        return tuple(
            c.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar()
            for t in ("journal", "receipts", "receipt_counters")
        ) + (balance(w),)


def test_disk_fills_up_mid_day_nothing_half_nothing_lost_clerk_told(small_disk, fixed_now):
    w = bootstrap.open_terminal(small_disk / "T01", generated_customers=0)
    try:
        taken = [prepay(w, 1) for _ in range(3)]  # the morning
        filler = fill(small_disk, leave=64 * 1024)  # the day's logs and downloads fill the disk
        refused: StoreUnavailable | None = None
        for _ in range(5000):
            try:
                taken.append(prepay(w, 1))
            except StoreUnavailable as error:
                refused = error
                break
        assert refused is not None, "the disk never filled up"
        assert "磁盘已满" in str(refused) and "未记录" in str(refused)  # the clerk is told, in one sentence
        after_refusal = money_rows(w)
        for _ in range(3):  # the clerk tries again: still refused, still nothing half-written
            with pytest.raises(StoreUnavailable, match="磁盘已满"):
                prepay(w, 1)
            assert money_rows(w) == after_refusal
        # every payment that returned a receipt is recorded whole, none lost
        assert money_rows(w)[:2] == (1 + len(taken), len(taken))
        assert balance(w) == 2000 + 100 * len(taken)
        assert set(receipts(w)) == {t.receipt.receipt_no for t in taken}
        assert verify(w).ok

        filler.unlink()  # IT frees space: the same running counter takes the next payment
        nxt = prepay(w, 1)
        assert nxt.receipt.receipt_no == f"T01-20261123-{len(taken) + 1:04d}"
        assert verify(w).ok and balance(w) == 2000 + 100 * (len(taken) + 1)
    finally:
        w.store.close()
    again = bootstrap.open_terminal(small_disk / "T01", generated_customers=0)  # and after a restart
    try:
        assert verify(again).entries == len(taken) + 2 and sqlite_ok(again.store.path)
    finally:
        again.store.close()


def sqlite_ok(db: Path) -> bool:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_read_only_disk_refuses_then_recovers(small_disk, fixed_now):
    w = bootstrap.open_terminal(small_disk / "T01", generated_customers=0)
    try:
        prepay(w, 1)
        before = money_rows(w)
        w.store.engine.dispose()  # the kernel remounts read-only only a filesystem nobody writes to
        w.store.read_engine.dispose()  # (the readers' pool keeps its files open read-write too)
        subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
        try:
            with pytest.raises(StoreUnavailable) as refused:
                prepay(w, 1)
            assert "本次操作未记录" in str(refused.value)
        finally:
            subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
        assert money_rows(w) == before
        assert prepay(w, 1).receipt.receipt_no == "T01-20261123-0002" and verify(w).ok
    finally:
        w.store.close()


def test_database_locked_by_another_program_refuses_then_recovers(terminal):
    w = terminal
    before = money_rows(w)
    other = sqlite3.connect(w.store.path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # a virus scanner, a second HallPay, a backup tool ...
    try:
        with pytest.raises(StoreUnavailable, match="占用"):
            prepay(w, 1)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert money_rows(w) == before
    assert prepay(w, 1).receipt.receipt_no == "T01-20261123-0001" and verify(w).ok
