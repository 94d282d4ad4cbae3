"""The central journal by month on PostgreSQL (migration c0011, db/central/partitions.py).

A ledger at c0007 with rows in two months (one of them filed by its Shanghai date across midnight UTC)
upgrades in place: every row kept with its day, the table partitioned, the append-only guard still on.
A query for one day reads one partition (EXPLAIN); a push that brings a month without a partition gets
one, and the same push again changes nothing.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import make_url, text
from sqlalchemy.exc import DatabaseError

from app.journal import GENESIS_HASH, new_entry
from db.central.partitions import journal_day, partition_name
from db.central.store import CentralStore
from tests.integration.pg_fixtures import pg_server  # noqa: F401


def test_journal_day_is_the_business_day_else_the_shanghai_date():
    assert journal_day("2026-11-30T17:00:00.000000Z", {"business_day": "2026-11-30"}) == "2026-11-30"
    assert journal_day("2026-11-30T17:00:00.000000Z", {}) == "2026-12-01"  # 01:00 in Shanghai
    assert journal_day("2026-12-01T01:00:00+08:00", {"business_day": 7}) == "2026-12-01"
    assert journal_day("2026-11-30T15:59:59Z", {}) == "2026-11-30"
    assert journal_day("t", {}) == "t"


def _entries(terminal_id: str, stamps: list[tuple[str, dict]]) -> list:
    out, prev = [], GENESIS_HASH
    for seq, (at, payload) in enumerate(stamps, start=1):
        e = new_entry(
            terminal_id=terminal_id,
            seq=seq,
            kind="receipt_print",
            created_at=at,
            clerk_id="C01",
            payload=payload,
            prev_hash=prev,
        )
        out.append(e)
        prev = e.hash
    return out


@pytest.mark.postgres
def test_a_c0007_ledger_is_partitioned_in_place(pg_server, tmp_path):  # noqa: F811
    from alembic import command

    from db.central.engine import _config, make_engine

    url = pg_server.url(pg_server.new_database())
    engine = make_engine(make_url(url))
    old = _entries(
        "P01",
        [
            ("2026-10-31T15:30:00.000000Z", {}),  # 23:30 in Shanghai: October
            ("2026-10-31T16:30:00.000000Z", {}),  # 00:30 on 1 November in Shanghai
            ("2026-11-01T03:00:00.000000Z", {"business_day": "2026-10-31"}),
        ],
    )
    with engine.begin() as conn:
        cfg = _config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "c0007")
        for e in old:
            conn.execute(
                text(
                    "INSERT INTO central_journal (entry_id, terminal_id, seq, kind, created_at, clerk_id, payload, "
                    "prev_hash, hash, received_at) VALUES (:i, 'P01', :s, :k, :c, 'C01', :p, :ph, :h, 'now')"
                ),
                {
                    "i": e.entry_id,
                    "s": e.seq,
                    "k": e.kind,
                    "c": e.created_at,
                    "p": json.dumps(e.payload, sort_keys=True, separators=(",", ":")),
                    "ph": e.prev_hash,
                    "h": e.hash,
                },
            )
    engine.dispose()
    store = CentralStore.open(url, tmp_path)
    try:
        with store.engine.connect() as conn:
            days = conn.execute(
                text("SELECT seq, day, tableoid::regclass::text FROM central_journal ORDER BY seq")
            ).all()
            assert [(s, d) for s, d, _t in days] == [(1, "2026-10-31"), (2, "2026-11-01"), (3, "2026-10-31")]
            assert [t for _s, _d, t in days] == [
                partition_name("2026-10"),
                partition_name("2026-11"),
                partition_name("2026-10"),
            ]
            assert (
                conn.execute(text("SELECT relkind FROM pg_class WHERE relname = 'central_journal'")).scalar()
                == "p"
            )
            plan = "\n".join(
                conn.execute(
                    text(
                        "EXPLAIN SELECT kind, count(*) FROM central_journal WHERE day = '2026-10-31' GROUP BY kind"
                    )
                ).scalars()
            )
        assert partition_name("2026-10") in plan and "central_journal_y2026m11" not in plan, plan
        assert [e.entry_id for e in store.journal("P01")] == [e.entry_id for e in old]
        with pytest.raises(DatabaseError), store.engine.begin() as conn:
            conn.execute(text("UPDATE central_journal SET payload = '{}' WHERE seq = 1"))
    finally:
        store.close()


@pytest.mark.postgres
def test_a_push_into_a_month_without_a_partition_creates_it(pg_server, tmp_path):  # noqa: F811
    store = CentralStore.open(pg_server.url(pg_server.new_database()), tmp_path)
    entries = _entries(
        "P02",
        [
            ("2019-03-05T02:00:00.000000Z", {}),
            ("2019-04-05T02:00:00.000000Z", {}),
            ("2026-11-23T02:00:00.000000Z", {}),
        ],
    )
    try:
        report = store.push("P02", "测试营业厅", entries)
        assert report.accepted == 3 and not report.alarms
        again = store.push("P02", "测试营业厅", entries)
        assert again.accepted == 0 and again.duplicates == 3
        with store.engine.connect() as conn:
            where = (
                conn.execute(
                    text(
                        "SELECT tableoid::regclass::text FROM central_journal "
                        "WHERE terminal_id = 'P02' ORDER BY seq"
                    )
                )
                .scalars()
                .all()
            )
        assert where == [partition_name("2019-03"), partition_name("2019-04"), partition_name("2026-11")]
    finally:
        store.close()
