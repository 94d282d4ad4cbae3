"""Issue 29: who folds a ledger's entries is the ledger's record (c0020, db/central/mode.py), set by head office
with `central projector --mode`, never each counter's config.toml.

- Two counters of one ledger, one configured inline and one service: on a service ledger neither folds (only head
  office's `central project` does, signed HQ); on an inline ledger both fold in their pushes, each signing with
  its own certified key; the one configured otherwise logs one warning per store and follows the ledger.
- On a service ledger a counter's store signs no row with its key by any path: its pushes fold nothing, its
  `project` is refused without head office's key; going back to inline head office folds what is pending first.
- Opening a ledger writes no row, even with head office's one-time signing due: head office's writing commands
  (here `central project`) do it.
"""

from __future__ import annotations

import argparse
import logging
import random
import re
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from app.errors import Refused
from app.model import Method
from app.policy import DEFAULTS
from app.services.payments import PayRequest, pay
from db.central.projector import pending_count
from db.central.store import CentralStore
from db.keys import load_or_create_key
from tests.integration.central_cli import run_central
from tests.integration.pg_fixtures import make_terminal, seed_central
from tests.integration.test_project_fast import _entries, _master

FOLLOWING = "following the ledger"


def _sync(w: Any, capsys: Any) -> int:
    from cli.sync import cmd_sync

    capsys.readouterr()
    return int(cmd_sync(w, argparse.Namespace(once=True, batch=100, json=False)))


def _bill(store: CentralStore, bill_id: str) -> tuple[int, int, str]:
    with store.engine.connect() as conn:
        row = conn.execute(
            text("SELECT principal_paid_fen, fee_paid_fen, signer FROM central_bills WHERE bill_id = :b"),
            {"b": bill_id},
        ).one()
    return int(row[0]), int(row[1]), str(row[2])


def _pending(store: CentralStore) -> int:
    with store.engine.connect() as conn:
        return pending_count(conn)


def _warnings(caplog: Any) -> int:
    return sum(FOLLOWING in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)


def _configured(base: Path, terminal_id: str, url: str, mode: str) -> Any:
    """A demo terminal of the ledger at `url` whose config.toml says [central] projector = mode."""
    make_terminal(base, terminal_id, url)
    config = base / terminal_id / "config.toml"
    body = re.sub(
        r'^projector = "\w+"', f'projector = "{mode}"', config.read_text(encoding="utf-8"), flags=re.M
    )
    assert f'projector = "{mode}"' in body
    config.write_text(body, encoding="utf-8")
    return make_terminal(base, terminal_id, url)  # opened again: the config as written


def test_counters_configured_differently_follow_the_ledgers_mode(tmp_path, capsys, caplog):
    (tmp_path / "hq").mkdir()
    url = f"sqlite:///{tmp_path / 'hq' / 'central.db'}"
    head = CentralStore.open(url, tmp_path / "hq")
    try:
        seed_central(head)
        t1 = _configured(tmp_path, "T51", url, "inline")
        t2 = _configured(tmp_path, "T52", url, "service")
        code, out, _err = run_central(capsys, url, "projector", mode="service")
        assert code == 0 and "service" in out
        assert _sync(t1, capsys) == 0 and _sync(t2, capsys) == 0
        before = {b: _bill(head, b) for b in ("1000000002-a", "1000000001-a")}

        caplog.clear()
        pay(t1.ctx, PayRequest("1000000002", Method.CASH, "C01", amount_fen=1000, tendered_fen=1000))
        pay(t2.ctx, PayRequest("1000000001", Method.CASH, "C01"))  # residential: what is due, whole
        assert _sync(t1, capsys) == 0
        assert _warnings(caplog) == 1  # T51, configured inline, says so once and follows the ledger
        assert _sync(t2, capsys) == 0
        assert _warnings(caplog) == 1  # T52 is configured as the ledger is
        assert {b: _bill(head, b) for b in before} == before  # neither counter folded
        assert _pending(head) >= 2

        code, out, _err = run_central(capsys, url, "project", once=True, interval=None)
        assert code == 0 and _pending(head) == 0
        for b in before:
            assert _bill(head, b)[:2] != before[b][:2] and _bill(head, b)[2] == "HQ", b  # head office signs

        code, out, _err = run_central(capsys, url, "projector", mode="inline")
        assert code == 0 and "inline" in out
        caplog.clear()
        pay(t1.ctx, PayRequest("1000000005", Method.CASH, "C01", amount_fen=1000, tendered_fen=1000))
        pay(t2.ctx, PayRequest("1000000002", Method.CASH, "C01", amount_fen=1000, tendered_fen=1000))
        assert _sync(t1, capsys) == 0 and _warnings(caplog) == 0
        assert _sync(t2, capsys) == 0 and _warnings(caplog) == 1  # T52, configured service, follows inline
        assert _pending(head) == 0  # both folded in their pushes
        assert (
            _bill(head, "1000000005-a")[2] == "T51"
        )  # each push signs what it folded with its counter's key
        assert _bill(head, "1000000002-a")[2] == "T52"
        assert _sync(t1, capsys) == 0 and _sync(t2, capsys) == 0  # and each pulls the other's rows as genuine
    finally:
        head.close()


def test_on_a_service_ledger_no_counter_key_signs_a_row(tmp_path, capsys, caplog):
    head = CentralStore.open("", tmp_path)
    customers, bills = _master()
    head.load_master_data(customers, bills, dict(DEFAULTS))
    counter_key = load_or_create_key(tmp_path / "t61.key")
    # a counter's store of this ledger, configured inline, without head office's key (a PostgreSQL counter)
    counter = CentralStore(head.engine, None, ("T61", counter_key), head.clock, "inline")
    rng = random.Random(61)
    journal = _entries(rng, "T61", 40)
    try:
        assert (
            run_central(capsys, f"sqlite:///{tmp_path / 'central.db'}", "projector", mode="service")[0] == 0
        )
        caplog.clear()
        assert counter.push("T61", "厅", journal[:20]).accepted == 20
        assert counter.push("T61", "厅", journal[20:30]).accepted == 10
        assert _warnings(caplog) == 1  # once per store
        with pytest.raises(Refused) as refused:
            counter.project()
        assert refused.value.code == "central.hq_key_missing"
        assert _pending(head) == 30

        def signers() -> set[str]:
            with head.engine.connect() as conn:
                return {
                    str(s)
                    for t in ("central_customers", "central_bills", "central_clerks", "central_refunds")
                    for s in conn.execute(text(f"SELECT DISTINCT signer FROM {t}")).scalars()
                    if s is not None
                }

        assert "T61" not in signers()
        # back to inline: head office folds what the service mode left pending first, with its key
        code, out, _err = run_central(
            capsys, f"sqlite:///{tmp_path / 'central.db'}", "projector", mode="inline"
        )
        assert code == 0 and _pending(head) == 0 and "30" in out
        assert signers() == {"HQ"}
        # on an inline ledger the push folds, signed with the counter's key (the embedded, small-hall rule)
        assert counter.push("T61", "厅", journal[30:]).accepted == 10
        assert _pending(head) == 0 and "T61" in signers()
    finally:
        head.close()


def test_opening_a_ledger_writes_nothing_head_offices_command_signs_what_is_due(tmp_path, capsys):
    (tmp_path / "hq").mkdir()
    url = f"sqlite:///{tmp_path / 'hq' / 'central.db'}"
    store = CentralStore.open(url, tmp_path / "hq")
    seed_central(store)
    # rows nobody signed yet (a ledger from before c0005) and a revision's re-signing not done
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE central_meta SET value = '2' WHERE key = 'row_signing'"))
        conn.execute(text("UPDATE central_customers SET signer = NULL, signature = NULL"))
    store.close()

    def state() -> tuple[Any, ...]:
        with closing(sqlite3.connect(tmp_path / "hq" / "central.db")) as raw:
            return (
                raw.execute("SELECT value FROM central_meta WHERE key = 'row_signing'").fetchone(),
                raw.execute("SELECT count(*) FROM central_customers WHERE signature IS NULL").fetchone(),
            )

    watch = sqlite3.connect(tmp_path / "hq" / "central.db")
    version = watch.execute("PRAGMA data_version").fetchone()
    due = state()
    assert due == (("2",), (5,))
    for _ in range(2):  # a counter's open, a console's open: each with head office's key beside central.db
        CentralStore.open(url, tmp_path / "hq").close()
    assert watch.execute("PRAGMA data_version").fetchone() == version, "an open committed a write"
    assert run_central(capsys, url, "projector")[0] == 0  # a read of head office: nothing signed
    assert state() == due
    code, _out, _err = run_central(capsys, url, "project", once=True, interval=None)
    assert code == 0 and state() == (("3",), (0,))  # head office's writing command did it, once
    watch.close()
