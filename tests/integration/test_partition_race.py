"""Month partitions that cannot race (issue 25 part 1, sync review P2-1).

`CREATE TABLE IF NOT EXISTS … PARTITION OF` is not race-free: two sessions both pass the check before either
commits and the second fails with DuplicateTable (42P07). On the first syncs of every month, and when counters
push a backlog from a month without a partition, that refused 2 of 3 pushes and 1 of 4 ledger opens. Here
processes start together behind a barrier on the suite's real PostgreSQL, through the product's three paths:
- the partition creator itself, N processes × M months, all wanting the same months at the same instant;
- opening the ledger on the first day of a month whose partitions do not exist yet (the 4th month ahead);
- pushes of an old month's backlog from several terminals at once.
Every process must succeed (0 refusals) and every month exist exactly once.
"""

from __future__ import annotations

import multiprocessing
import traceback
from pathlib import Path

import pytest
from sqlalchemy import make_url, text

from db.central.partitions import partition_name
from tests.integration.pg_fixtures import pg_server  # noqa: F401

PROCESSES = 6
MONTHS = [f"2031-{m:02d}" for m in range(1, 9)]  # 8 months no ledger of the suite has


def _ensure(url: str, months: list[str], barrier, results) -> None:  # type: ignore[no-untyped-def]
    from db.central.engine import make_engine
    from db.central.partitions import MonthPartitions

    engine = make_engine(make_url(url))
    try:
        with engine.connect() as conn:  # connected before the barrier: only the creation races
            conn.execute(text("SELECT 1"))
        barrier.wait(timeout=60)
        MonthPartitions(engine).ensure(months)
        results.put("ok")
    except Exception:  # noqa: BLE001 - the test counts refusals; each one's traceback is its evidence
        results.put(traceback.format_exc())
    finally:
        engine.dispose()


def _open(url: str, data_dir: str, now: str, barrier, results) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from app.clock import FixedClock
    from db.central.store import CentralStore

    try:
        barrier.wait(timeout=60)
        store = CentralStore.open(url, Path(data_dir), clock=FixedClock(dt.datetime.fromisoformat(now)))
        store.close()
        results.put("ok")
    except Exception:  # noqa: BLE001
        results.put(traceback.format_exc())


def _push(url: str, data_dir: str, terminal_id: str, barrier, results) -> None:  # type: ignore[no-untyped-def]
    from app.journal import GENESIS_HASH, new_entry
    from db.central.store import CentralStore

    try:
        store = CentralStore.open(url, Path(data_dir))
        entries, prev = [], GENESIS_HASH
        for seq in range(1, 6):  # a backlog filed in August 2026 (business_day), as a counter offline then
            e = new_entry(
                terminal_id=terminal_id,
                seq=seq,
                kind="receipt_print",
                created_at=f"2026-08-1{seq}T02:00:00.000000Z",
                clerk_id="C01",
                payload={"business_day": f"2026-08-1{seq}"},
                prev_hash=prev,
            )
            entries.append(e)
            prev = e.hash
        barrier.wait(timeout=60)
        report = store.push(terminal_id, "测试营业厅", entries)
        store.close()
        results.put("ok" if report.accepted == 5 and not report.alarms else f"pushed {report}")
    except Exception:  # noqa: BLE001
        results.put(traceback.format_exc())


def _run(target, argsets: list[tuple]) -> list[str]:  # type: ignore[no-untyped-def]
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(len(argsets)), ctx.Queue()
    procs = [ctx.Process(target=target, args=(*args, barrier, results)) for args in argsets]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    return outcomes


def _months(url: str) -> list[str]:
    from db.central.engine import make_engine

    engine = make_engine(make_url(url))
    try:
        with engine.connect() as conn:
            return sorted(
                conn.execute(
                    text(
                        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                        "WHERE i.inhparent = 'central_journal'::regclass"
                    )
                ).scalars()
            )
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_processes_creating_the_same_months_at_once_are_all_served(pg_server, tmp_path):  # noqa: F811
    from db.central.store import CentralStore

    url = pg_server.url(pg_server.new_database())
    CentralStore.open(url, tmp_path).close()  # the schema at head
    outcomes = _run(_ensure, [(url, MONTHS)] * PROCESSES)
    refused = [o for o in outcomes if o != "ok"]
    assert refused == [], f"{len(refused)} of {PROCESSES} refused:\n" + "\n".join(refused)
    names = _months(url)
    assert all(names.count(partition_name(m)) == 1 for m in MONTHS)


@pytest.mark.postgres
def test_ledger_opens_on_the_first_of_a_new_month_are_all_served(pg_server, tmp_path):  # noqa: F811
    """The 1st of a month: every opening store wants the new 4th month ahead at once."""
    from db.central.store import CentralStore

    url = pg_server.url(pg_server.new_database())
    CentralStore.open(url, tmp_path).close()
    now = "2032-03-01T00:00:01+08:00"
    outcomes = _run(_open, [(url, str(tmp_path), now)] * 4)
    assert [o for o in outcomes if o != "ok"] == []
    names = _months(url)
    for month in ("2032-03", "2032-04", "2032-05", "2032-06"):
        assert names.count(partition_name(month)) == 1


@pytest.mark.postgres
def test_terminals_pushing_an_old_months_backlog_at_once_are_all_accepted(pg_server, tmp_path):  # noqa: F811
    from db.central.store import CentralStore

    url = pg_server.url(pg_server.new_database())
    CentralStore.open(url, tmp_path).close()
    assert partition_name("2026-08") not in _months(url)
    outcomes = _run(_push, [(url, str(tmp_path), f"R{i:02d}") for i in range(1, 4)])
    assert [o for o in outcomes if o != "ok"] == []
    assert _months(url).count(partition_name("2026-08")) == 1
