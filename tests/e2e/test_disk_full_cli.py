"""Issue 30: a full or read-only disk under the data directory is one sentence from a fresh command, changes
nothing, and the next payment works once space returns (review C1, C3, C4: a 118-line traceback before).

On a 4 MiB tmpfs mounted for the test (root only); skipped with the reason where mounting is impossible."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.e2e.cli import demo_copy, run, run_json

pytestmark = pytest.mark.slow


@pytest.fixture
def small_disk(tmp_path):
    mnt = tmp_path / "disk"
    mnt.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mnt)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def _fill(disk: Path) -> Path:
    filler = disk / "filler"
    with open(filler, "wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
        except OSError:
            pass
    return filler


def _files(data: Path) -> dict[str, int]:
    """The product's files and their sizes (the log, and SQLite's empty -wal/-shm it opens them with, aside)."""
    return {
        str(p.relative_to(data)): p.stat().st_size
        for p in data.rglob("*")
        if p.is_file() and p.parent.name != "logs" and not p.name.endswith(("-wal", "-shm"))
    }


def _one_sentence(result: subprocess.CompletedProcess, words: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_full_then_freed_then_read_only(_terminal_template, small_disk):
    data = demo_copy(_terminal_template, small_disk, "hall")  # what `demo --customers 0` makes, copied
    before = run_json("verify", data_dir=data)
    filler = _fill(small_disk)
    files = _files(data)
    full = run("pay", "1000000004", "--method", "cash", "--amount", "7", data_dir=data)
    _one_sentence(full, "磁盘已满")
    assert _files(data) == files  # nothing half-written: no new file, none grown
    filler.unlink()
    assert run_json("verify", data_dir=data) == before
    paid = run_json("pay", "1000000004", "--method", "cash", "--amount", "7", data_dir=data)
    assert (data / "receipts" / f"{paid['receipt_no']}.bin").stat().st_size > 0
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    _one_sentence(run("pay", "1000000004", "--method", "cash", "--amount", "7", data_dir=data), "磁盘为只读")
