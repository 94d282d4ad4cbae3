"""Upgrades (issue 11): a local.db left by each released schema revision opens in today's HallPay with
every payment, receipt and balance intact; a copy is kept first; a newer database is refused."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from app.errors import StoreUnavailable
from app.journal import verify_chain
from db.local_repos import SqlJournal
from db.local_store import open_local_store
from db.migrate import LOCAL_SCRIPTS, _config

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "db"
SCRIPT = ScriptDirectory.from_config(_config(LOCAL_SCRIPTS))
HEAD = SCRIPT.get_current_head()
FILES = sorted(FIXTURES.glob("local-*.db"))


def facts(db: Path) -> dict:
    with closing(sqlite3.connect(db)) as c:
        q = lambda sql: c.execute(sql).fetchall()  # noqa: E731
        return {
            "journal": q("SELECT seq, entry_id, kind, payload, prev_hash, hash FROM journal ORDER BY seq"),
            "receipts": q("SELECT receipt_no, entry_seq, amount_fen, body FROM receipts ORDER BY receipt_no"),
            "balances": q("SELECT customer_no, balance_fen FROM customers ORDER BY customer_no"),
            "bills": q("SELECT bill_id, amount_fen, principal_paid_fen FROM bills ORDER BY bill_id"),
            "counters": q("SELECT business_day, last FROM receipt_counters"),
        }


def revision_of(db: Path) -> str:
    with closing(sqlite3.connect(db)) as c:
        return c.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def test_every_released_revision_has_a_fixture():
    have = {revision_of(f) for f in FILES}
    assert {"l0001", "l0002", "l0003"} <= have
    assert have <= {r.revision for r in SCRIPT.walk_revisions()}  # no fixture of a revision that vanished


@pytest.mark.parametrize("fixture", FILES, ids=[f.stem for f in FILES])
def test_old_local_db_upgrades_to_head_with_data_intact(fixture, tmp_path):
    db = tmp_path / "local.db"
    shutil.copyfile(fixture, db)
    old_rev, before = revision_of(db), facts(db)
    assert len(before["journal"]) >= 9 and len(before["receipts"]) >= 8  # the fixture holds a real day

    store = open_local_store(db)
    try:
        with store.reader() as uow:
            entries = list(SqlJournal(uow.connection).entries(0))
            found = uow.customers.find("王秀英", 5)
        assert verify_chain(entries, "T01") is None
        assert [c.customer_no for c in found] == ["1000000001"]
    finally:
        store.close()
    assert revision_of(db) == HEAD
    assert facts(db) == before  # nothing lost, nothing changed by the upgrade
    if old_rev != HEAD:
        kept = db.with_name(f"local.db.bak-{old_rev}")
        assert kept.exists() and facts(kept) == before  # the copy made before migrating


def test_a_database_from_a_newer_hallpay_is_refused_untouched(tmp_path):
    db = tmp_path / "local.db"
    shutil.copyfile(FILES[-1], db)
    with closing(sqlite3.connect(db)) as c:
        c.execute("UPDATE alembic_version SET version_num = 'l9999'")
        c.commit()
    before = facts(db)
    with pytest.raises(StoreUnavailable, match="l9999"):
        open_local_store(db)
    assert facts(db) == before and revision_of(db) == "l9999"


def test_the_copy_before_migrating_holds_what_a_crash_left_in_the_wal(tmp_path):
    """HallPay was killed with committed payments still in local.db-wal; the upgrade's copy has them."""
    live = tmp_path / "live" / "local.db"
    live.parent.mkdir()
    shutil.copyfile(FILES[0], live)
    conn = sqlite3.connect(live, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("UPDATE customers SET balance_fen = balance_fen + 12345 WHERE customer_no = '1000000004'")
    crashed = tmp_path / "local.db"
    for suffix in ("", "-wal"):  # the files as the crash left them, the WAL not checkpointed
        shutil.copyfile(live.with_name(live.name + suffix), crashed.with_name(crashed.name + suffix))
    conn.close()
    want = facts(live)["balances"]
    open_local_store(crashed).close()
    assert facts(crashed.with_name(f"local.db.bak-{revision_of(FILES[0])}"))["balances"] == want
