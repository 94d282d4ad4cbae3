"""Issue 30: a power cut at every point of the counter's operations loses nothing it confirmed.

The operations run as the clerk runs them (`python main.py ...`, real SQLite) on CrashFS (crashfs.py), a FUSE
file system that keeps, at a cut, only what was fsynced: file bytes after fsync, names after their directory's
fsync. Every sync event is a cut point; the durable tree after each is put on a real disk and opened as the next
start would: the store opens, `verify` passes (chain and signatures), every payment the CLI had confirmed is in
the journal, every receipt recorded printed and every export, backup, config a finished command wrote is whole,
and terminal.key is the key the key history says signs next. On dc2d81b it fails (0-byte receipts, the
backup's marker and config copy, a lost key swap).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
import tomllib
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.powercut import crashfs

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

ROOT = Path(__file__).resolve().parents[2]
NOW = "2026-11-23T10:00:00+08:00"


@dataclass
class Step:
    label: str
    first_event: int  # sync events before it started
    done_at: int  # sync events when it had finished (a cut at or after this one comes after it)
    receipt: str = ""


@dataclass
class Run:
    steps: list[Step] = field(default_factory=list)
    final: dict[str, bytes | None] = field(default_factory=dict)

    def done_by(self, cut: int) -> list[Step]:
        return [s for s in self.steps if s.done_at <= cut]


def _env() -> dict[str, str]:
    return {**os.environ, "HALLPAY_NOW": NOW, "QT_QPA_PLATFORM": "offscreen"}


def _cli(fs: crashfs.CrashFS, run: Run, label: str, *argv: str) -> subprocess.CompletedProcess:
    first = fs.mark(label)
    result = subprocess.run(
        [sys.executable, *argv], capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, f"{label}: {result.stderr}"
    run.steps.append(Step(label, first, fs.mark("between")))
    return result


def _main(fs, run, label, data: Path, *args: str) -> subprocess.CompletedProcess:
    return _cli(fs, run, label, str(ROOT / "main.py"), *args, "--data-dir", str(data))


def _operations(fs: crashfs.CrashFS, mnt: Path) -> Run:
    run = Run()
    data, usb = mnt / "hall", mnt / "usb"
    for d in (data, usb):  # made by the installer and the hall's IT, durable before the first start
        d.mkdir()
    fd = os.open(mnt, os.O_RDONLY)
    os.fsync(fd)
    os.close(fd)
    drive = str(ROOT / "tests" / "powercut" / "drive.py")
    _main(fs, run, "terminal init", data, "demo", "--customers", "12")
    _cli(fs, run, "settings save", drive, "settings", str(data), "../usb")

    def pay(label: str, customer: str) -> None:
        out = _main(fs, run, label, data, "pay", customer, "--method", "cash", "--amount", "7", "--json")
        run.steps[-1].receipt = json.loads(out.stdout)["receipt_no"]

    pay("pay 1", "1000000004")  # a money command: the [backup] copy follows it in the same process
    pay("pay 2", "1000000005")
    _main(fs, run, "reprint", data, "reprint", run.steps[-1].receipt)
    _main(fs, run, "export", data, "arrears", "--csv", str(data / "reports" / "arrears.csv"))
    _main(fs, run, "backup", data, "backup")
    _cli(fs, run, "rekey", drive, "rekey", str(data))
    pay("pay 3", "1000000004")  # signed with the new key
    _main(fs, run, "restore", data, "restore", "--from", str(usb))
    pay("pay 4", "1000000005")
    fs.mark("end")
    run.final = _live(fs)
    return run


def _live(fs: crashfs.CrashFS) -> dict[str, bytes | None]:
    out: dict[str, bytes | None] = {}

    def walk(node: crashfs.Node, prefix: str) -> None:
        for name, child in node.entries.items():
            path = f"{prefix}/{name}" if prefix else name
            out[path] = None if child.is_dir else bytes(child.data)
            if child.is_dir:
                walk(child, path)

    walk(fs.root, "")
    return out


def _check_cut(cut: int, tree: dict[str, bytes | None], run: Run, disk: Path) -> list[str]:
    """What is wrong with the disk a cut after sync event `cut` leaves (empty: nothing)."""
    from app.provisioning import KEY_HISTORY, KeyHistory
    from app.services.verify import verify_local
    from bootstrap import open_terminal
    from db.keys import load_or_create_signer

    crashfs.materialize(tree, disk)
    data = disk / "hall"
    done = {s.label: s for s in run.done_by(cut)}
    problems: list[str] = []
    if "terminal init" not in done and not (data / "config.toml").exists():
        return problems  # the first start never finished: the next start makes the terminal again
    # the files a finished command wrote are whole (their final bytes: nothing wrote them again later)
    for name in ("reports/arrears.csv",) if "export" in done else ():
        if tree.get(f"hall/{name}") != run.final.get(f"hall/{name}"):
            problems.append(f"{name} not whole")
    for path, data_ in tree.items():
        if path.startswith("hall/receipts/") and path.endswith((".bin", ".png")):
            if data_ != run.final.get(path):
                problems.append(f"{path} torn ({len(data_ or b'')} bytes)")
    if "settings save" in done:
        config = tomllib.loads((data / "config.toml").read_text(encoding="utf-8"))
        if config.get("backup", {}).get("path") != "../usb":
            problems.append("config.toml lost the saved setting")
    backups = [s for s in run.steps if s.done_at <= cut and s.label in ("backup", "pay 1", "pay 2", "pay 3")]
    if backups:
        try:
            mark = json.loads((disk / "usb" / "T01-backup.json").read_text(encoding="utf-8"))
            tomllib.loads((disk / "usb" / "T01-config.toml").read_text(encoding="utf-8"))
            with closing(sqlite3.connect(disk / "usb" / "T01-local.db")) as copy:
                head = copy.execute("SELECT max(seq) FROM journal").fetchone()[0]
                assert head >= mark["seq"], "the marker vouches for more than the copy holds"
        except (OSError, ValueError, AssertionError, sqlite3.Error, KeyError) as error:
            problems.append(f"backup not whole after it said done: {error!r}")
    try:
        w = open_terminal(data, generated_customers=0)
    except Exception as error:  # the store must open: any refusal is a finding
        return [*problems, f"does not open: {error}"]
    try:
        report = verify_local(w.ctx)
        if not report.ok:
            problems.append(f"verify: {report.problem}")
        with w.store.reader() as uow:
            history = KeyHistory.parse(uow.settings.get(KEY_HISTORY) or "")
            have = {
                r[0] for r in uow.connection.exec_driver_sql("SELECT receipt_no FROM receipts").fetchall()
            }
            printed = [
                r[0]
                for r in uow.connection.exec_driver_sql(
                    "SELECT receipt_no FROM receipts WHERE print_state = 'printed'"
                ).fetchall()
            ]
        for s in done.values():
            if s.receipt and s.receipt not in have:
                problems.append(f"confirmed payment {s.receipt} ({s.label}) lost")
        for receipt_no in printed:
            if not tree.get(f"hall/receipts/{receipt_no}.bin"):
                problems.append(f"receipt {receipt_no} recorded printed, its .bin missing or empty")
        key = load_or_create_signer(data).public_key_hex
        if history.current is not None and key != history.current:
            problems.append("terminal.key is not the key the key history signs with")
    finally:
        w.store.close()
    return problems


def test_every_cut_point_leaves_a_terminal_that_opens_verifies_and_kept_what_it_confirmed(tmp_path):
    why = crashfs.available()
    if why:
        pytest.skip(f"CrashFS needs FUSE: {why}")
    started = time.monotonic()
    cwd = os.getcwd()
    try:
        with crashfs.mounted(tmp_path / "mnt") as fs:
            os.chdir(cwd)  # libfuse's loop moved the process to /
            run = _operations(fs, tmp_path / "mnt")
            events = list(fs.events)
    finally:
        os.chdir(cwd)
    ran = time.monotonic() - started
    assert [s.label for s in run.steps][-1] == "pay 4"
    failures: dict[int, list[str]] = {}
    for event in events:
        problems = _check_cut(event.number, event.tree, run, tmp_path / f"cut-{event.number}")
        if problems:
            failures[event.number] = [f"[during {event.label}, after {event.what}] {p}" for p in problems]
    spent = time.monotonic() - started
    print(f"\npower cuts: {len(events)} cut points, operations {ran:.1f} s, total {spent:.1f} s")
    per_step = {s.label: s.done_at - s.first_event for s in run.steps}
    print("cut points per operation:", per_step)
    assert not failures, "\n".join(p for ps in list(failures.values())[:25] for p in ps)
