"""Issue 29 item 4: head office's projector position as the pull carries it (app/applied.py), what a sync reports
of it (app/sync.py, `sync --json`), the status bar's sentence, and the counter's kept copy (db/pull_position.py)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import create_engine, insert

from app.applied import POSITION, Applied, Lagging, Position, Touched, merge_base
from app.messages import spoken
from app.sync import PullPage, sync_once
from app.sync_worker import SyncStatus, SyncWorker
from cli.render import sync_json
from tests.unit.test_sync_orchestration import FakeCentral, FakeOutbox, chain

AT = "2026-11-23T02:05:00.000000Z"  # 10:05 in the hall (Asia/Shanghai)
LAGGING = Position(
    (Lagging("T01", 7, 5, AT), Lagging("T02", 4, 1, "2026-11-23T01:00:00Z")),
    (Touched("1000000002", "T01", 2, AT), Touched("1000000002", "T02", 1, "2026-11-23T01:00:00Z")),
    5,
)


def test_position_round_trips_through_the_page_and_names_each_terminals_applied_sequence():
    again = Position.from_rows(LAGGING.rows())
    assert again == LAGGING
    assert again.applied_for("T01", 7) == 5  # acknowledged 7, applied 5
    assert again.applied_for("T03", 9) == 9  # not lagging: every acknowledged entry applied
    assert again.applied_for("T01", 4) == 4  # never above this counter's own acknowledgement (a fork)
    assert again.others("T01") == (3, "2026-11-23T01:00:00Z")
    assert [t.terminal_id for t in again.elsewhere("1000000002", "T02")] == ["T01"]


def test_the_merge_starts_above_the_applied_position_never_above_the_acknowledgement():
    assert merge_base(None, 7) == 7  # head office never said: as before, the acknowledgement
    assert merge_base(5, 7) == 5
    assert merge_base(9, 7) == 7


class _LaggingCentral(FakeCentral):
    def pull(self, cursors, page_size):
        yield PullPage(POSITION, LAGGING.rows(), 0)
        yield from super().pull(cursors, page_size)


def test_sync_reports_the_applied_position_and_the_status_bar_says_it():
    outbox = FakeOutbox(chain(7))
    result = sync_once(outbox, _LaggingCentral(), outbox, "T01", "厅")
    assert result.applied == Applied(5, 7, AT, 3, "2026-11-23T01:00:00Z")
    assert result.applied.awaiting == 2
    shown = sync_json(result)
    assert (shown["pushed"], shown["pending"], shown["applied"], shown["awaiting_head_office"]) == (
        7,
        0,
        5,
        2,
    )
    at = dt.datetime(2026, 11, 23, 2, 6, tzinfo=dt.UTC)
    status = SyncStatus("online", 0, at, "", 0, result.applied)
    assert status.text() == (
        "总部已入账至本机第 5 笔，待入账 2 笔（最早 11-23 10:05）；"
        "总部尚有其他柜台 3 笔业务待入账（最早 11-23 09:00），所示欠费与余额未含这些业务 · 总部在线 · 待上传 0 笔 · 上次同步 11-23 10:06"
    )
    assert "2 to apply" in spoken(status, "en")


def test_caught_up_offline_or_unsaid_keeps_the_plain_sentence():
    at = dt.datetime(2026, 11, 23, 2, 6, tzinfo=dt.UTC)
    for applied, state in ((Applied(7, 7), "online"), (None, "online"), (Applied(5, 7, AT), "offline")):
        status = SyncStatus(state, 0, at, "", 0, applied)
        assert status.code == "sync.status" and "入账" not in status.text()


def test_the_worker_keeps_the_position_between_polls_and_through_a_failure():
    outbox = FakeOutbox(chain(7))
    worker = SyncWorker(lambda: sync_once(outbox, _LaggingCentral(), outbox, "T01", "厅"), outbox.pending)
    worker.attempt()
    assert worker.status().applied == Applied(5, 7, AT, 3, "2026-11-23T01:00:00Z")


def test_the_kept_applied_sequence_never_goes_back():
    from db.local_schema import journal, meta, metadata, sync_state
    from db.pull_position import head_office_position, keep_position, unapplied_from

    engine = create_engine("sqlite://")
    metadata.create_all(engine, tables=[journal, sync_state, meta])
    with engine.begin() as conn:
        conn.execute(
            insert(journal),
            [
                dict(
                    seq=s,
                    entry_id=f"e{s}",
                    terminal_id="T01",
                    kind="payment",
                    created_at=AT,
                    clerk_id="C01",
                    payload="{}",
                    prev_hash="",
                    hash="",
                )
                for s in range(1, 8)
            ],
        )
        conn.execute(insert(sync_state), [{"key": "ack_seq", "value": "7"}])
        assert unapplied_from(conn) == 7  # no position yet: the acknowledgement
        keep_position(conn, LAGGING.rows())
        assert unapplied_from(conn) == 5
        behind = Position((Lagging("T01", 7, 3, AT),))
        assert unapplied_from(conn, [PullPage(POSITION, behind.rows(), 0)]) == 5
        keep_position(conn, behind.rows())  # an edited table at head office: ignored here
        assert head_office_position(conn)[0] == 5
        keep_position(conn, Position().rows())  # caught up: every acknowledged entry applied
        assert unapplied_from(conn) == 7


def test_the_lookup_warns_of_other_counters_unapplied_entries_for_this_customer_only():
    """On the in-memory store: T02 pulled a position naming T01's unapplied entries for 1000000002."""
    import json

    from app.applied import KEPT
    from app.clock import FixedClock
    from app.services.context import Context, Terminal
    from app.services.sync import unapplied_elsewhere
    from tests.fakes import MemoryStore

    store = MemoryStore()
    ctx = Context(
        store.uow, FixedClock(dt.datetime(2026, 11, 23, 2, 6, tzinfo=dt.UTC)), Terminal("T02", "厅")
    )
    assert unapplied_elsewhere(ctx, "1000000002") is None  # never pulled a position: nothing to say
    with ctx.uow() as uow:
        uow.settings.set(KEPT, json.dumps(LAGGING.rows()))
        uow.commit()
    warning = unapplied_elsewhere(ctx, "1000000002")
    assert warning is not None and warning.level == "warn"
    assert warning.text == (
        "柜台 T01 有该户 2 笔业务总部尚未入账（最早 11-23 10:05）：欠费与余额可能已变，收款前请核实"
    )
    assert "check before taking money" in spoken(warning, "en")
    assert unapplied_elsewhere(ctx, "1000000009") is None  # a customer no unapplied entry moves
    t01 = Context(store.uow, ctx.clock, Terminal("T01", "厅"))
    assert [w.params["terminals"] for w in [unapplied_elsewhere(t01, "1000000002")] if w] == ["T02"]
