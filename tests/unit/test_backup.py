"""Backup policy (issue 11): when a copy is made, what the status bar says, the old-image guard."""

from __future__ import annotations

import datetime as dt

import pytest

from app.backup import BackupMark, BackupWorker, backup_status
from app.errors import StoreUnavailable
from app.services.backup import OldImage, Witness, check_not_behind, redact_config

T0 = dt.datetime(2026, 11, 23, 2, 0, tzinfo=dt.UTC)


def mark(seq: int, at: dt.datetime = T0) -> BackupMark:
    return BackupMark("T01", seq, f"h{seq}", at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))


class FakeTarget:
    def __init__(self) -> None:
        self.head, self.ok, self.fail, self.copies = 0, True, "", 0
        self.mark: BackupMark | None = None

    def available(self) -> bool:
        return self.ok

    def source_head(self) -> tuple[int, str]:
        return self.head, f"h{self.head}"

    def run(self, now_utc: str) -> BackupMark:
        if self.fail:
            raise StoreUnavailable(self.fail)
        self.copies += 1
        self.mark = BackupMark("T01", self.head, f"h{self.head}", now_utc)
        return self.mark

    def last_mark(self) -> BackupMark | None:
        return self.mark


def test_status_states_and_red():
    now = T0 + dt.timedelta(seconds=30)
    assert backup_status(mark(5), 5, now).state == "ok" and not backup_status(mark(5), 5, now).red
    assert "30 秒前" in backup_status(mark(5), 5, now).text()
    assert backup_status(None, 0, now, configured=False).red
    assert backup_status(mark(5), 5, now, available=False).state == "missing"
    assert backup_status(mark(5), 5, now, available=False).red
    behind = backup_status(mark(5), 6, now, behind_since=T0 + dt.timedelta(seconds=25))
    assert behind.state == "behind" and not behind.red
    stale = backup_status(
        mark(5), 6, T0 + dt.timedelta(minutes=10), behind_since=T0 + dt.timedelta(minutes=1)
    )
    assert stale.state == "stale" and stale.red and "1 笔流水未备份" in stale.text()
    assert backup_status(None, 3, now).state == "stale"  # never copied, entries exist
    assert backup_status(mark(5), 5, now, failure="备份失败").red


def test_worker_copies_when_the_journal_moves_and_only_then():
    t, clock = FakeTarget(), [T0]
    w = BackupWorker(t, lambda: clock[0])
    t.head = 1
    assert w.step().state == "ok" and t.copies == 1
    w.step()
    assert t.copies == 1  # nothing new: no copy
    t.head = 2
    assert w.step().backed_seq == 2 and t.copies == 2


def test_worker_reports_a_pulled_stick_and_a_failure_then_recovers():
    t, clock = FakeTarget(), [T0]
    w = BackupWorker(t, lambda: clock[0], stale_after_s=60)
    t.head = 1
    w.step()
    t.ok, t.head = False, 2
    assert w.step().state == "missing" and t.copies == 1
    t.ok, t.fail = True, "备份到 E:/ 失败"
    s = w.step()
    assert s.state == "failed" and s.red and "E:/" in s.text()
    t.fail = ""
    clock[0] = T0 + dt.timedelta(minutes=5)
    assert w.step().state == "ok" and t.copies == 2


def test_worker_without_a_path_says_so():
    w = BackupWorker(None, lambda: T0)
    assert w.step().state == "off" and "未设置备份位置" in w.status().text()


def test_old_image_guard():
    hashes = {1: "a", 2: "b"}
    check_not_behind(2, hashes.get, [Witness("总部账务中心", 2, "b"), Witness("备份", 1, "a")])
    with pytest.raises(OldImage, match="只到第 2 笔.*第 5 笔"):
        check_not_behind(2, hashes.get, [Witness("总部账务中心", 5, "x")])
    with pytest.raises(OldImage, match="不一致"):
        check_not_behind(2, hashes.get, [Witness("备份", 2, "other")])
    assert issubclass(OldImage, StoreUnavailable)


def test_support_bundle_config_has_no_secrets():
    text = 'url = "postgresql+psycopg://hall:s3cret@db.example/ledger"\npassword = "hunter2"\nport = 9100\n'
    out = redact_config(text)
    assert "s3cret" not in out and "hunter2" not in out and "port = 9100" in out and "hall:***@" in out
