"""Issue 26, defect 5: a card write owed at one counter is known to the hall's other counters. Head office's
journal gives each pull the writes still owed (db/central/pull_cards.py); a counter that holds one refuses to
sell over it with one sentence, and changes nothing (app/card.with_owed_elsewhere)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, insert, update

from app.errors import Refused
from app.journal import Kind
from app.messages import EN
from app.services.card_view import read_card_view
from app.services.recharge import recharge
from cardreader.simulated import SimulatedCardReader
from cardreader.virtual_card import load_state
from db.card_repos import apply_owed_cards
from db.central.pull_cards import card_pages
from db.central_schema import central_journal
from db.central_schema import terminals as terminals_t
from tests.recharge_helpers import LI, card_key, issue_card, money_rows, req


@pytest.fixture
def key(terminal: Any) -> bytes:
    return card_key(terminal)


@pytest.fixture
def card(tmp_path: Path, key: bytes) -> Path:
    return issue_card(tmp_path / "li.json", key)


@pytest.fixture
def reader(card: Path) -> SimulatedCardReader:
    r = SimulatedCardReader()
    r.insert(card)
    return r


def owed(serial: str, terminal_id: str = "T099", count: int = 1, state: str = "owed") -> dict[str, Any]:
    return {
        "receipt_no": f"{terminal_id}-20261207-0001",
        "terminal_id": terminal_id,
        "entry_id": "e-1",
        "serial": serial,
        "customer_no": LI,
        "purchase_count": count,
        "purchase_fen": 200_00,
        "state": state,
    }


def pulled(terminal: Any, *rows: dict[str, Any]) -> None:
    with terminal.store.uow() as uow:
        apply_owed_cards(uow.connection, list(rows))
        uow.commit()


def test_a_card_another_counter_owes_a_write_is_refused_and_nothing_changes(
    terminal: Any, key: bytes, card: Path, reader: SimulatedCardReader
) -> None:
    serial = load_state(card).serial
    pulled(terminal, owed(serial))
    view = read_card_view(terminal.ctx, reader, key, "C01", LI)
    assert (view.check.ok, view.check.code, view.max_amount_fen) == (False, "owed_elsewhere", 0)
    said = EN.say(view.check.message_code, view.check.params)
    assert said == (
        "Counter T099 still owes this card purchase number 1 (¥200.00, receipt T099-20261207-0001); the "
        "customer inserts the card at T099 first to finish that card write: no purchase can be sold here "
        "until then."
    )
    before = money_rows(terminal)
    with pytest.raises(Refused) as refused:
        recharge(terminal.ctx, reader, key, req(100_00))
    assert refused.value.code == "card.check.owed_elsewhere" and "T099" in str(refused.value)
    assert money_rows(terminal) == before  # no journal entry, no receipt, no write owed here
    assert load_state(card).purchase_count == 0  # nothing written to the card


def test_the_write_done_there_or_already_on_the_card_or_owed_here_sells(
    terminal: Any, key: bytes, card: Path, reader: SimulatedCardReader
) -> None:
    serial = load_state(card).serial
    pulled(terminal, owed(serial, terminal.ctx.terminal.terminal_id))  # this counter's own: 补写卡 here
    pulled(terminal, owed(serial, count=0))  # the card holds that count already: the write landed
    assert read_card_view(terminal.ctx, reader, key, "C01", LI).check.code == "ok"
    pulled(terminal, owed(serial), owed(serial, state="done"))  # owed, then finished at T099: gone
    assert recharge(terminal.ctx, reader, key, req(100_00)).purchase_count == 1


def _entry(tid: str, seq: int, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    return {
        "entry_id": f"{tid}-{seq}",
        "terminal_id": tid,
        "seq": seq,
        "kind": kind,
        "created_at": "2026-12-07T09:00:00Z",
        "clerk_id": "C011",
        "payload": json.dumps(payload),
        "prev_hash": "0" * 64,
        "hash": f"{seq:064d}",
        "received_at": "2026-12-07T09:00:01Z",
    }


def _purchase(tid: str, seq: int, receipt_no: str, count: int) -> dict[str, Any]:
    p = {"receipt_no": receipt_no, "serial": "S1", "customer_no": LI, "purchase_count": count}
    return _entry(tid, seq, Kind.CARD_PURCHASE, {**p, "purchase_fen": 100_00 * count})


def test_head_office_derives_the_writes_owed_from_the_journal_since_the_cursor() -> None:
    engine = create_engine("sqlite://")
    central_journal.create(engine)
    terminals_t.create(engine)
    with engine.begin() as conn:
        conn.execute(insert(terminals_t).values(terminal_id="T011", hall_name="", ack_seq=7))
        conn.execute(
            insert(central_journal),
            [
                _purchase("T011", 1, "R1", 1),  # owed
                _purchase("T011", 2, "R2", 2),  # written at once
                _entry("T011", 3, Kind.CARD_WRITTEN, {"receipt_no": "R2"}),
                _purchase("T011", 4, "R3", 3),  # voided, the card shown without it
                _entry("T011", 5, Kind.REVERSAL, {"receipt_no": "R3", "original_kind": Kind.CARD_PURCHASE}),
                _entry("T011", 6, Kind.REVERSAL, {"receipt_no": "P9", "original_kind": Kind.PAYMENT}),
                _entry("T011", 7, Kind.PAYMENT, {"receipt_no": "P10"}),
                _entry("T011", 8, Kind.CARD_WRITTEN, {"receipt_no": "R1"}),  # above the ack: not yet
            ],
        )
    with engine.connect() as conn:
        [page] = card_pages(conn, {})
        assert (page.table, page.cursor) == ("cards.T011", 7)
        assert [(r["receipt_no"], r["state"], r["purchase_count"]) for r in page.rows] == [("R1", "owed", 1)]
        assert list(card_pages(conn, {"cards.T011": 7})) == []  # nothing appended since: no page
    with engine.begin() as conn:
        conn.execute(update(terminals_t).values(ack_seq=8))
    with engine.connect() as conn:
        [page] = card_pages(conn, {"cards.T011": 7})
        assert [(r["receipt_no"], r["state"]) for r in page.rows] == [("R1", "done")]


def _journal(*terminals: tuple[str, int]) -> Any:
    engine = create_engine("sqlite://")
    central_journal.create(engine)
    terminals_t.create(engine)
    with engine.begin() as conn:
        conn.execute(
            insert(terminals_t), [{"terminal_id": t, "hall_name": "", "ack_seq": a} for t, a in terminals]
        )
    return engine


def _on(day: str, row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "day": day}


def test_a_first_pull_reads_the_last_days_and_a_later_pull_its_whole_range() -> None:
    """A counter's first pull (cursor 0, also after a restore) reads only the days since `since`, so PostgreSQL
    skips a province's older months; its cursor is still the ack, and a later pull reads every entry appended
    since, whatever its day (a backlog pushed late is filed under its own old day)."""
    engine = _journal(("T011", 3))
    with engine.begin() as conn:
        conn.execute(
            insert(central_journal),
            [
                _on("2025-01-10", _purchase("T011", 1, "R1", 1)),  # owed for two years: head office's review
                _on("2026-11-20", _purchase("T011", 2, "R2", 2)),  # owed, in the window
                _on("2026-11-20", _entry("T011", 3, Kind.CARD_WRITTEN, {"receipt_no": "R0"})),  # an old one's
            ],
        )
    with engine.connect() as conn:
        [page] = card_pages(conn, {}, since="2025-10-19")
        assert (page.table, page.cursor) == ("cards.T011", 3)
        assert [(r["receipt_no"], r["state"]) for r in page.rows] == [("R2", "owed"), ("R0", "done")]
    with engine.begin() as conn:
        conn.execute(insert(central_journal), [_on("2025-01-11", _purchase("T011", 4, "R4", 3))])
        conn.execute(update(terminals_t).values(ack_seq=4))
    with engine.connect() as conn:
        [page] = card_pages(conn, {"cards.T011": 3}, since="2025-10-19")
        assert (page.cursor, [(r["receipt_no"], r["state"]) for r in page.rows]) == (4, [("R4", "owed")])


def test_one_pull_pages_each_counter_with_new_entries_in_order() -> None:
    """Each counter's page holds its own rows (a page with none still moves the cursor); a counter the
    puller has caught up with gets no page."""
    engine = _journal(("T013", 1), ("T011", 2), ("T012", 1))
    with engine.begin() as conn:
        conn.execute(
            insert(central_journal),
            [
                _on("2026-11-20", _purchase("T011", 1, "A1", 1)),
                _on("2026-11-20", _purchase("T011", 2, "A2", 4)),
                _on("2026-11-20", _entry("T012", 1, Kind.PAYMENT, {"receipt_no": "P1"})),
                _on("2026-11-20", _purchase("T013", 1, "C1", 2)),
            ],
        )
    with engine.connect() as conn:
        pages = list(card_pages(conn, {"cards.T013": 1}))
    assert [(p.table, p.cursor, [r["receipt_no"] for r in p.rows]) for p in pages] == [
        ("cards.T011", 2, ["A1", "A2"]),
        ("cards.T012", 1, []),
    ]
    assert {r["terminal_id"] for r in pages[0].rows} == {"T011"}
