"""Continuous backup on a real store (issue 11): the worker copies committed payments within seconds,
the copy includes what is still in the WAL, a pulled stick turns the status red and nothing breaks."""

from __future__ import annotations

import shutil
import sqlite3
import time
from contextlib import closing

from cli.session import backup_after_command
from db.backup import backup_file
from tests.integration.backup_fixtures import configure_backup, prepay


def wait_for(cond, limit_s: float = 20.0) -> bool:
    end = time.monotonic() + limit_s
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.05)
    return cond()


def copied_seq(path) -> int:
    with closing(sqlite3.connect(path)) as c:
        return c.execute("SELECT max(seq) FROM journal").fetchone()[0]


def test_worker_copies_each_committed_payment(terminal, tmp_path):
    w = terminal
    configure_backup(w, tmp_path / "usb")
    worker = w.backup_worker()
    worker.start()
    try:
        for n in range(3):
            r = prepay(w, n + 1)
            worker.notify()
            assert wait_for(lambda r=r: worker.status().backed_seq >= r.entry.seq)
        copy = backup_file(tmp_path / "usb", "T01")
        assert copied_seq(copy) == r.entry.seq  # the WAL's last commit is in the copy
        assert worker.status().state == "ok" and not worker.status().red

        shutil.rmtree(tmp_path / "usb")  # the stick is pulled out
        prepay(w, 9)
        worker.notify()
        assert wait_for(lambda: worker.status().state == "missing")
        assert worker.status().red and "不可用" in worker.status().text()

        (tmp_path / "usb").mkdir()  # ... and put back
        worker.notify()
        assert wait_for(lambda: worker.status().state == "ok")
        assert copied_seq(copy) == r.entry.seq + 1
    finally:
        worker.stop()
    assert not worker.is_alive()


def test_cli_money_command_backs_up_before_returning(terminal, tmp_path):
    w = terminal
    configure_backup(w, tmp_path / "usb")
    prepay(w, 1)
    backup_after_command(w)
    assert copied_seq(backup_file(tmp_path / "usb", "T01")) == 2
    from app.services.backup import status_once

    s = status_once(w.backup_target(), w.ctx.clock.now_utc())  # the services' clock, as the backup's stamp
    assert s.state == "ok" and (tmp_path / "usb" / "T01-config.toml").exists()
