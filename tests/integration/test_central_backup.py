"""Issue 31: head office's ledger backed up, and the backup proved. `central backup` dumps the central PostgreSQL
(pg_dump, custom format); `central restore-check` restores the file into a scratch database, checks every chain
whole and folds the books there (verify-books), then drops it. A restored copy holds the same journal; a dump
taken after someone edited a balance by hand fails the drill; the scratch database is gone afterwards."""

from __future__ import annotations

import argparse
import json
import stat

import pytest
from sqlalchemy import create_engine, text

from app.services.sync import run_sync
from cli.central import add_parser
from tests.integration.pg_fixtures import link_for, make_terminal, pg_server, seed_central, take_payments  # noqa: F401

pytestmark = [pytest.mark.postgres, pytest.mark.timeout(120)]


def _central(argv: list[str], capsys) -> tuple[int, str]:
    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers())
    args = parser.parse_args(["central", *argv])
    capsys.readouterr()
    rc = args.alone(args)
    return rc, capsys.readouterr().out


def _journal(url: str) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [
                tuple(r)
                for r in conn.execute(
                    text("SELECT terminal_id, seq, hash FROM central_journal ORDER BY 1, 2")
                )
            ]
    finally:
        engine.dispose()


def _scratch_databases(pg_server) -> list[str]:  # noqa: F811
    engine = create_engine(pg_server.admin_url)
    try:
        with engine.connect() as conn:
            return list(
                conn.execute(
                    text("SELECT datname FROM pg_database WHERE datname LIKE 'hallpay_restore_%'")
                ).scalars()
            )
    finally:
        engine.dispose()


def _drop(pg_server, name: str) -> None:  # noqa: F811
    engine = create_engine(pg_server.admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(
                text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            )  # a counter's link still open
    finally:
        engine.dispose()


def test_a_backup_restores_whole_a_counter_gives_back_what_it_lost_and_a_hand_edit_fails_the_drill(
    pg_server,  # noqa: F811
    tmp_path,
    capsys,
    monkeypatch,
):
    from db.central.books import verify_books
    from db.central.chain_checks import check_chains
    from db.central.store import CentralStore

    (tmp_path / "hq").mkdir()
    monkeypatch.setenv("HALLPAY_HQ_KEY", str(tmp_path / "hq" / "hq.key"))  # head office signs what it loads
    url = pg_server.url(pg_server.new_database())
    central = CentralStore.open(url, tmp_path / "hq")
    try:
        seed_central(central)
    finally:
        central.close()
    w = make_terminal(tmp_path, "T61", url)
    take_payments(w, 3)
    assert not run_sync(link_for(w, url)).alarms
    dump = tmp_path / "hq-2026-11-22.dump"

    rc, out = _central(["backup", "--central", url, "--to", str(dump)], capsys)  # the night's dump
    assert rc == 0 and str(dump) in out
    assert dump.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    assert stat.S_IMODE(dump.stat().st_mode) == 0o600  # customers' names and balances: owner only
    assert not list(tmp_path.glob("*.tmp*"))
    take_payments(w, 4, seed=2)  # the morning's payments reach head office, then its disk dies
    assert not run_sync(link_for(w, url)).alarms
    before = _journal(url)

    rc, out = _central(["restore-check", str(dump), "--central", url, "--keep", "--json"], capsys)
    report = json.loads(out)
    assert rc == 0 and report["ok"] and report["problems"] == []
    restored = pg_server.url(report["database"])  # head office on last night's copy
    night = _journal(restored)
    assert night == before[: len(night)] and 0 < len(night) < len(before)  # the same chain, row for row
    assert run_sync(link_for(w, restored)).pushed == len(before) - len(night)  # the counter gives them back
    assert _journal(restored) == before
    assert run_sync(link_for(w, restored)).pushed == 0  # once
    again = CentralStore.open(restored, tmp_path / "hq")
    try:
        assert verify_books(again.engine) == []
        chains = check_chains(again.engine, "2026-11-23T03:00:00.000000Z", full=True)
        assert [(c.terminal_id, c.checked_seq, c.problem) for c in chains] == [("T61", len(before), "")]
    finally:
        again.close()
    _drop(pg_server, report["database"])

    engine = create_engine(url)  # someone changes a balance by hand; the next dump carries it
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "UPDATE central_customers SET balance_fen = balance_fen + 50000 WHERE customer_no = '1000000004'"
                )
            )
    finally:
        engine.dispose()
    assert _central(["backup", "--central", url, "--to", str(dump)], capsys)[0] == 0
    rc, out = _central(["restore-check", str(dump), "--central", url], capsys)
    assert rc == 3
    assert "1000000004" in out and "balance_fen" in out and "恢复演练未通过" in out
    assert _scratch_databases(pg_server) == []  # dropped after the drill, passed or failed


def test_restore_check_refuses_a_missing_file_and_the_embedded_ledger(pg_server, tmp_path, capsys):  # noqa: F811
    from app.errors import InputError

    url = pg_server.url(pg_server.new_database())
    with pytest.raises(InputError, match="不存在"):
        _central(["restore-check", str(tmp_path / "none.dump"), "--central", url], capsys)
    with pytest.raises(InputError, match="PostgreSQL"):
        _central(
            ["backup", "--central", f"sqlite:///{tmp_path / 'central.db'}", "--to", str(tmp_path / "x")],
            capsys,
        )
    assert not (tmp_path / "x").exists()
