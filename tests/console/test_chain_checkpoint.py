"""The terminals page verifies each central copy from a stored checkpoint (issue 31, c0017): a view reads only
what arrived since the last one; an edit below a checkpoint is what `central verify` (the whole check) finds,
and it moves the checkpoint back so the page shows the damage from then on."""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy import select, text, update

from cli.central import add_parser
from db.central.chain_checks import check_chains
from db.central_schema import central_chain_checks, central_journal
from tests.console.test_security import login

NOW = "2026-11-23T03:00:00.000000Z"


def _chains(central) -> dict:
    return {s.terminal_id: s for s in check_chains(central.engine, NOW)}


def _move_checkpoint(central, tid: str, seq: int) -> None:
    cj, c = central_journal.c, central_chain_checks.c
    with central.engine.begin() as conn:
        hash_ = conn.execute(select(cj.hash).where(cj.terminal_id == tid, cj.seq == seq)).scalar_one()
        conn.execute(update(central_chain_checks).where(c.terminal_id == tid).values(seq=seq, hash=hash_))


def _edit(central, tid: str, seq: int) -> None:
    """An edit in the database by hand (the append-only trigger dropped first, as an intruder would)."""
    cj = central_journal.c
    with central.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER IF EXISTS central_journal_no_update"))
        payload = conn.execute(select(cj.payload).where(cj.terminal_id == tid, cj.seq == seq)).scalar_one()
        conn.execute(
            update(central_journal)
            .where(cj.terminal_id == tid, cj.seq == seq)
            .values(payload=payload[:-1] + ',"note":"edited"}')
        )


def _central_verify(central, capsys) -> tuple[int, str]:
    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers())
    args = parser.parse_args(
        ["central", "verify", "--central", "", "--data-dir", str(Path(central.engine.url.database).parent)]
    )
    rc = args.alone(args)
    return rc, capsys.readouterr().out


def test_a_view_verifies_only_the_entries_after_its_checkpoint(central):
    first = _chains(central)
    assert {"T01", "T02"} <= set(first)
    for s in first.values():  # nothing was checked before: every entry, each chain to its head
        assert (s.checked_now, s.checked_seq, s.problem) == (s.head, s.head, ""), s
    assert all(s.checked_now == 0 for s in _chains(central).values())  # the next view: nothing new
    head = first["T01"].head
    _move_checkpoint(central, "T01", head - 2)  # as if two entries had arrived since
    again = _chains(central)
    assert (again["T01"].checked_now, again["T01"].checked_seq) == (2, head)
    assert all(s.checked_now == 0 for tid, s in again.items() if tid != "T01")
    assert _chains(central)["T01"].checked_now == 0  # the moved checkpoint was stored


def test_a_new_key_history_checks_the_chain_again_from_genesis(central):
    from db.central_schema import terminals

    assert _chains(central)["T02"].checked_now > 0
    assert _chains(central)["T02"].checked_now == 0
    # a re-key approved, a key retired: a checkpoint made with the old keys proves nothing
    with central.engine.begin() as conn:
        conn.execute(update(terminals).where(terminals.c.terminal_id == "T02").values(public_key="ab" * 32))
    t02 = _chains(central)["T02"]
    assert (t02.checked_now, t02.checked_seq, t02.problem) == (t02.head, t02.head, "")  # whole again, intact


def test_an_edit_after_the_checkpoint_shows_on_the_next_view(central):
    head = _chains(central)["T01"].head
    _move_checkpoint(central, "T01", head - 1)
    _edit(central, "T01", head)
    t01 = _chains(central)["T01"]
    assert "content does not match its hash" in t01.problem
    assert t01.checked_seq == head - 1  # never past the damage: the next view finds it again
    assert "content does not match its hash" in _chains(central)["T01"].problem


def test_an_edit_below_the_checkpoint_is_found_by_central_verify_and_then_shown(central, app, capsys):
    _chains(central)
    _edit(central, "T01", 1)
    assert (
        _chains(central)["T01"].problem == ""
    )  # below the checkpoint: the view does not read it (documented)
    rc, out = _central_verify(central, capsys)
    assert rc == 3
    assert "T01" in out and "content does not match its hash" in out
    assert "T02" not in out
    client = app.test_client()
    login(client, "xin")
    page = client.get("/terminals").get_data(as_text=True)
    assert "content does not match its hash" in page  # the checkpoint went back before the damage


def test_central_verify_on_intact_chains_says_so_and_sets_the_checkpoints(central, capsys):
    rc, out = _central_verify(central, capsys)
    assert rc == 0 and "全部核验完好" in out
    with central.engine.connect() as conn:
        rows = conn.execute(select(central_chain_checks)).all()
    assert {r.terminal_id for r in rows} >= {"T01", "T02"}
    assert all(r.full_at == r.checked_at for r in rows)
    assert all(s.checked_now == 0 for s in _chains(central).values())
