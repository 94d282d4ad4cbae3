"""The console's tests: a central ledger (embedded central.db) where two counters of one hall took the same
bills of two customers while offline, so head office holds two double-payment cases; plus three users."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest

import tests.integration.pg_fixtures as fx
from app.model import Method
from app.services.payments import PayRequest, pay
from app.services.sync import run_sync
from console.users import add_user
from db.central.push import body_hash
from db.central.store import CentralStore
from tests import env_pin

PASSWORD = "correct-horse-42"
DAY = "2026-11-23"
CLOCK = dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC)  # 11:00 in Shanghai, the scenario's business day


def build(base: Path) -> Path:
    """base/hq/central.db with the scenario; returns the file."""
    hq = base / "hq"
    hq.mkdir(parents=True)
    url = f"sqlite:///{hq / 'central.db'}"
    central = CentralStore.open("", hq)
    fx.seed_central(central)
    try:
        with env_pin.scoped():  # make_terminal's clock pin ends with the build
            t1, t2 = fx.make_terminal(base, "T01"), fx.make_terminal(base, "T02")
            for cno in ("1000000001", "1000000002"):
                pay(t1.ctx, PayRequest(cno, Method.CASH, "C01", tendered_fen=None))
                pay(t2.ctx, PayRequest(cno, Method.WECHAT, "C01", reference=f"WX{cno}"))
            for w in (t1, t2):
                run_sync(fx.link_for(w, url))
            # T02 sends its first entry again with another amount: a content-mismatch alarm (the centre keeps its copy)
            first = central.journal("T02")[0]
            changed = dataclasses.replace(first, payload={**first.payload, "note": "edited"})
            central.push("T02", "", [dataclasses.replace(changed, hash=body_hash(changed))])
            for name, role in (("cai", "finance"), ("xin", "it"), ("jing", "manager")):
                add_user(central.engine, name, role, PASSWORD, CLOCK)
            for w in (t1, t2):
                w.store.engine.dispose()
    finally:
        central.close()
    return hq / "central.db"


@pytest.fixture(scope="session")
def scenario_db(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("console-scenario"))


@pytest.fixture
def central(scenario_db, tmp_path):
    (tmp_path / "hq").mkdir()
    for f in [
        *scenario_db.parent.glob("central.db*"),
        scenario_db.parent / "hq.key",
    ]:  # the WAL too; HQ's key
        shutil.copy(f, tmp_path / "hq" / f.name)
    store = CentralStore.open("", tmp_path / "hq")
    yield store
    store.close()


@pytest.fixture
def app(central):
    from console.web import create_app

    return create_app(central.engine, clock=lambda: CLOCK, secret_key=b"test-key-" * 4, hq=central.hq)


def journal_rows(central: CentralStore) -> list[tuple]:
    """Everything a refusal must leave alone: the whole central journal, the cases and the balances."""
    from sqlalchemy import select

    from db.central_schema import central_journal, central_refunds, review_cases

    with central.engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(select(central_journal).order_by(central_journal.c.entry_id))]
        rows += [tuple(r) for r in conn.execute(select(review_cases).order_by(review_cases.c.case_id))]
        rows += [tuple(r) for r in conn.execute(select(central_refunds))]
    return rows + sorted(central.balances().items())
