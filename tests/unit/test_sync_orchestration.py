"""app/sync.py with fakes: batching above the acknowledgement, alarms, backoff, the worker's status."""

from __future__ import annotations

import datetime as dt
import logging
import random
import time

from app.journal import GENESIS_HASH, new_entry
from app.sync import (
    TAMPERED_ROW,
    Ack,
    CentralUnavailable,
    Problem,
    PullPage,
    PushReport,
    SyncResult,
    push_pending,
    sync_once,
)
from app.sync_worker import Backoff, SyncStatus, SyncWorker


def chain(n: int, terminal_id: str = "T01"):
    out, prev = [], GENESIS_HASH
    for seq in range(1, n + 1):
        e = new_entry(
            terminal_id=terminal_id,
            seq=seq,
            kind="payment",
            created_at="2026-11-23T02:00:00.000000Z",
            clerk_id="C01",
            payload={"n": seq},
            prev_hash=prev,
        )
        out.append(e)
        prev = e.hash
    return out


class FakeOutbox:
    def __init__(self, entries):
        self.entries = entries
        self.ack = Ack()

    def entries_after(self, seq, limit):
        return [e for e in self.entries if e.seq > seq][:limit]

    def head_seq(self):
        return len(self.entries)

    def hash_at(self, seq):
        return self.entries[seq - 1].hash if 0 < seq <= len(self.entries) else None

    def local_ack(self):
        return self.ack

    def record_ack(self, ack):
        self.ack = ack

    def note_central(self, ack):
        self.central_said = ack

    def pending(self):
        return len(self.entries) - self.ack.seq

    def pull_cursors(self):
        return {}

    def apply_page(self, page):
        return len(page.rows)

    def check_pages(self, pages):
        return []


class FakeCentral:
    def __init__(self, stop_at: int | None = None):
        self.stored = []
        self.batches = []
        self.heads = []
        self.stop_at = stop_at

    def ack(self, terminal_id):
        return Ack(self.stored[-1].seq, self.stored[-1].hash) if self.stored else Ack()

    def push(self, terminal_id, hall_name, entries, public_key="", head_seq=None):
        self.heads.append(head_seq)
        if not entries:
            return PushReport(0, 0, self.ack(terminal_id))
        self.batches.append([e.seq for e in entries])
        alarms = ()
        for e in entries:
            if self.stop_at is not None and e.seq == self.stop_at:
                alarms = (Problem("sequence_gap", terminal_id, e.seq, e.entry_id, "缺号"),)
                break
            if e.seq == len(self.stored) + 1:
                self.stored.append(e)
        return PushReport(len(entries), 0, self.ack(terminal_id), alarms)

    def pull(self, cursors, page_size):
        yield PullPage("customers", [{"customer_no": "1"}], 5)


def test_push_sends_batches_above_the_acknowledgement():
    entries = chain(7)
    outbox, central = FakeOutbox(entries), FakeCentral()
    central.stored = entries[:2]
    pushed, _dups, ack, alarms, _cases = push_pending(outbox, central, "T01", "厅", batch_size=2)
    assert central.batches == [[3, 4], [5, 6], [7]]
    assert ack == Ack(7, entries[-1].hash) == outbox.ack and not alarms and pushed == 5
    assert central.heads == [7, 7, 7]  # every batch says where the counter's journal ends


def test_nothing_waiting_still_reports_the_head_once():
    entries = chain(4)
    outbox, central = FakeOutbox(entries), FakeCentral()
    central.stored = list(entries)
    pushed, _dups, ack, alarms, _cases = push_pending(outbox, central, "T01", "厅", batch_size=2)
    assert (pushed, ack.seq, alarms) == (0, 4, ())
    assert central.batches == [] and central.heads == [4]  # the heartbeat: an empty push with the head


def test_an_alarm_stops_the_push_and_is_reported():
    outbox, central = FakeOutbox(chain(6)), FakeCentral(stop_at=4)
    result = sync_once(outbox, central, outbox, "T01", "厅", batch_size=2)
    assert central.batches == [[1, 2], [3, 4]]
    assert result.ack.seq == 3 and result.pending == 3 and result.alarms[0].kind == "sequence_gap"
    assert result.pulled == 1


class HoldingCentral(FakeCentral):
    """Takes every entry; the one at `held` is held from the books (a tampered row at head office)."""

    def __init__(self, held: int):
        super().__init__()
        self.held = held

    def push(self, terminal_id, hall_name, entries, public_key="", head_seq=None):
        report = super().push(terminal_id, hall_name, entries, public_key, head_seq)
        alarms = tuple(
            Problem(TAMPERED_ROW, terminal_id, e.seq, e.entry_id, "改动")
            for e in entries
            if e.seq == self.held
        )
        return PushReport(report.accepted, 0, report.ack, alarms)


def test_entries_held_at_head_office_are_reported_and_the_push_goes_on():
    outbox, central = FakeOutbox(chain(6)), HoldingCentral(held=2)
    pushed, _d, ack, alarms, _c = push_pending(outbox, central, "T01", "厅", batch_size=2)
    assert central.batches == [[1, 2], [3, 4], [5, 6]] and pushed == 6
    assert ack.seq == 6 == outbox.ack.seq and [(a.kind, a.seq) for a in alarms] == [(TAMPERED_ROW, 2)]


def test_a_central_copy_that_is_not_our_prefix_stops_everything():
    mine, other = chain(3), chain(3, "T01")
    other = [
        new_entry(
            terminal_id="T01",
            seq=1,
            kind="x",
            created_at="t",
            clerk_id="C",
            payload={},
            prev_hash=GENESIS_HASH,
        )
    ]
    central = FakeCentral()
    central.stored = other
    pushed, _d, _ack, alarms, _c = push_pending(FakeOutbox(mine), central, "T01", "厅")
    assert pushed == 0 and alarms[0].kind == "fork" and not central.batches
    central.stored = chain(5)
    assert push_pending(FakeOutbox(chain(3)), central, "T01", "厅")[3][0].kind == "ahead"


def test_backoff_doubles_to_the_cap_with_jitter_and_resets():
    b = Backoff(base_s=1, cap_s=300, jitter=0.25, rng=random.Random(1))
    delays = [b.next_delay() for _ in range(12)]
    for i, d in enumerate(delays):
        nominal = min(300, 2**i)
        assert 0.75 * nominal <= d <= nominal
    b.reset()
    assert b.next_delay() <= 1


def test_worker_goes_offline_then_online_and_never_raises():
    calls = {"n": 0}
    now = dt.datetime(2026, 11, 23, 2, 0, tzinfo=dt.UTC)

    def run_once():
        calls["n"] += 1
        if calls["n"] <= 2:
            raise CentralUnavailable("无法连接总部账务中心")
        if calls["n"] == 3:
            raise RuntimeError("password=secret host=10.0.0.1")  # a defect; its text is never shown
        return SyncResult(4, 0, 2, 0, Ack(4, "h"))

    w = SyncWorker(run_once, lambda: 9, interval_s=30, backoff=Backoff(jitter=0), now=lambda: now)
    assert w.status().state == "starting"
    assert w.attempt() == 1 and w.status().state == "offline" and w.status().pending == 9
    assert w.attempt() == 2 and "总部" in w.status().last_error
    assert (
        w.attempt() == 4 and "secret" not in w.status().last_error and "10.0.0.1" not in w.status().last_error
    )
    assert w.attempt() == 30
    s = w.status()
    assert s.state == "online" and s.online and s.last_success == now and s.last_error == ""
    assert "总部在线" in s.text() and "待上传 9 笔" in s.text() and "11-23 10:00" in s.text()


def test_a_defect_in_a_sync_run_is_logged_with_its_traceback(caplog):
    def run_once():
        raise KeyError("ack_seq")  # a defect somewhere below the worker

    w = SyncWorker(run_once, lambda: 0, backoff=Backoff(jitter=0))
    with caplog.at_level(logging.ERROR, logger="hallpay.sync"):
        w.attempt()
    (record,) = [r for r in caplog.records if r.name == "hallpay.sync"]
    assert record.exc_info is not None and record.exc_info[0] is KeyError
    assert "run_once" in caplog.text  # the frame that raised, not only the type's name
    assert "ack_seq" not in w.status().last_error


def test_worker_thread_runs_and_stops():
    results = []

    def run_once():
        results.append(1)
        return SyncResult(0, 0, 0, 0, Ack())

    w = SyncWorker(run_once, lambda: 0, interval_s=0.01)
    w.start()
    while len(results) < 3:
        w.wake()
        time.sleep(0.001)
    w.stop()
    assert not w.is_alive()


def test_status_text_offline():
    s = SyncStatus("offline", 3, None, "无法连接")
    assert not s.online and s.text() == "总部离线 · 待上传 3 笔 · 尚未同步"
