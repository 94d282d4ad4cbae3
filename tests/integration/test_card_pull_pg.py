"""The card pull pages on PostgreSQL at more than a hall's scale (issue 26): every counter's range in one
statement, and a counter's first pull reads only the journal's last FIRST_PULL_DAYS, so the monthly partitions
before them are pruned (db/central/pull_cards.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, insert, update

from app.journal import Kind
from db.central.partitions import create_partitions
from db.central.pull import _read_connection
from db.central.pull_cards import card_pages
from db.central_schema import central_journal
from db.central_schema import terminals as terminals_t
from tests.integration.pg_fixtures import pg_server  # noqa: F401

pytestmark = pytest.mark.postgres
COUNTERS = 30


def _row(tid: str, seq: int, day: str, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    return {
        "entry_id": f"{tid}-{seq}",
        "terminal_id": tid,
        "seq": seq,
        "kind": kind,
        "created_at": f"{day}T01:00:00Z",
        "clerk_id": "C011",
        "payload": json.dumps(payload),
        "prev_hash": "0" * 64,
        "hash": f"{seq:064d}",
        "received_at": f"{day}T01:00:01Z",
        "day": day,
    }


def _purchase(tid: str, seq: int, day: str) -> dict[str, Any]:
    p = {"receipt_no": f"{tid}-R{seq}", "serial": "S1", "customer_no": "0100000001", "purchase_count": seq}
    return _row(tid, seq, day, Kind.CARD_PURCHASE, {**p, "purchase_fen": 100_00})


def test_one_statement_reads_every_counter_and_a_first_pull_skips_the_old_months(
    pg_server: Any,  # noqa: F811
    tmp_path: Path,
    fixed_now: Any,  # HALLPAY_NOW 2026-11-23: a first pull reads the days from 2025-10-19
) -> None:
    from db.central.store import CentralStore

    central = CentralStore.open(pg_server.url(pg_server.new_database()), tmp_path)
    try:
        engine = central.engine
        tids = [f"T{i:03d}" for i in range(COUNTERS)]
        with engine.begin() as conn:
            create_partitions(conn, [f"{y}-{m:02d}" for y in (2025, 2026) for m in range(1, 13)])
            conn.execute(
                insert(terminals_t), [{"terminal_id": t, "hall_name": "", "ack_seq": 3} for t in tids]
            )
            conn.execute(
                insert(central_journal),
                [
                    r
                    for t in tids
                    for r in (
                        _purchase(t, 1, "2025-02-10"),  # owed for two years: head office's review
                        _purchase(t, 2, "2026-11-20"),
                        _row(t, 3, "2026-11-21", Kind.PAYMENT, {"receipt_no": f"{t}-P3"}),
                    )
                ],
            )
        statements: list[str] = []
        event.listen(engine, "before_cursor_execute", lambda c, cur, st, *a: statements.append(st))

        def pull(cursors: dict[str, int]) -> list[tuple[str, int, list[str]]]:
            statements.clear()
            with _read_connection(engine) as conn, conn.begin():
                pages = list(card_pages(conn, cursors))
            return [(p.table, p.cursor, [r["receipt_no"] for r in p.rows]) for p in pages]

        assert pull({}) == [(f"cards.{t}", 3, [f"{t}-R2"]) for t in tids]
        reads = [s for s in statements if "central_journal" in s]
        assert len(reads) == 1, f"{len(reads)} journal statements for {COUNTERS} counters"
        first = reads[0]
        with engine.begin() as conn:  # a backlog pushed late, filed under its old day
            conn.execute(insert(central_journal), [_purchase(t, 4, "2025-02-11") for t in tids])
            conn.execute(update(terminals_t).values(ack_seq=4))
        later = pull({f"cards.{t}": 3 for t in tids})
        assert later == [(f"cards.{t}", 4, [f"{t}-R4"]) for t in tids]
        assert len([s for s in statements if "central_journal" in s]) == 1
        raw = engine.raw_connection()
        try:
            cur = raw.cursor()
            params = {"nf": list(range(COUNTERS)), "tidf": tids, "afterf": [0] * COUNTERS}
            params |= {"uptof": [3] * COUNTERS, "kinds": ["card_purchase", "card_written", "reversal"]}
            cur.execute("EXPLAIN " + first, {**params, "since": "2025-10-19"})  # as the pull sent it
            plan = "\n".join(r[0] for r in cur.fetchall())
        finally:
            raw.close()
        assert "central_journal_y2025m10" in plan and "central_journal_y2025m09" not in plan, plan
    finally:
        central.close()
