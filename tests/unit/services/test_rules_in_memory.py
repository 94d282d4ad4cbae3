"""Service rules on the in-memory store (tests/fakes.py): the same services the counter runs, without SQLite,
migrations or PIN hashing, in milliseconds. tests/contract/ keeps the fake honest against the SQLite store."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from app.cash import parse_count
from app.clock import FixedClock
from app.errors import HallPayError
from app.journal import verify_chain
from app.model import Method
from app.policy import DEFAULTS
from app.services import shift_close as sc
from app.services.context import Context, Terminal
from app.services.payments import PayRequest, due, pay
from app.services.shifts import open_shift
from app.services.terminal_setup import DEMO_CLERKS, DEMO_FLOAT_FEN, showcase
from tests.fakes import MemoryStore

NOW = dt.datetime.fromisoformat("2026-11-23T10:00:00+08:00")


@pytest.fixture
def hall() -> tuple[Context, MemoryStore]:
    """The demo terminal's customers, bills, policy and clerks (no PINs: nothing here approves), C01's shift."""
    store = MemoryStore()
    ctx = Context(
        store.uow, FixedClock(NOW), Terminal("T01", "城东营业厅"), reader=store.reader, clerk_id="C01"
    )
    customers, bills = showcase(ctx.today())
    with ctx.uow() as uow:
        uow.settings.set_policy_values(dict(DEFAULTS))
        uow.settings.add_clerks(DEMO_CLERKS)
        uow.customers.upsert(customers)
        uow.bills.upsert(bills)
        uow.commit()
    open_shift(ctx, "C01", DEMO_FLOAT_FEN)
    return ctx, store


def test_a_payment_settles_the_oldest_bill_first_with_its_late_fee_in_one_commit(hall) -> None:
    ctx, store = hall
    commits = store.commits
    quote = due(ctx, "1000000002").quote
    result = pay(ctx, PayRequest("1000000002", Method.CASH, "C01", tendered_fen=310000))
    assert store.commits == commits + 1  # the entry, the bills, the balance and the receipt together
    assert result.settlement.settled_fen == quote.total_fen == 304100
    assert [a.period for a in result.settlement.allocations] == ["2025-11", "2026-10"]
    assert result.receipt.change_fen == 310000 - 304100
    with ctx.read() as r:
        assert r.bills.open_for("1000000002") == []
        entries = list(r.journal.entries())
        assert entries[-1].kind == "payment" and verify_chain(entries, "T01") is None


def test_a_refused_payment_changes_nothing(hall) -> None:
    ctx, store = hall
    before = copy.deepcopy(store.state)
    with pytest.raises(HallPayError):
        pay(ctx, PayRequest("1000000002", Method.CASH, "C01", tendered_fen=100))  # less than what is due
    with pytest.raises(HallPayError):
        pay(ctx, PayRequest("9999999999", Method.CASH, "C01", tendered_fen=100))  # no such customer
    assert store.state == before


def test_closing_with_the_exact_cash_leaves_no_difference(hall) -> None:
    ctx, _store = hall
    pay(ctx, PayRequest("1000000002", Method.CASH, "C01", tendered_fen=310000))
    expected = sc.close_preview(ctx, "C01").figures.expected_cash_fen
    assert expected == DEMO_FLOAT_FEN + 304100
    result = sc.close_shift(
        ctx, sc.CloseRequest("C01", parse_count(f"100x{expected // 10000},0.01x{expected % 10000}"))
    )
    assert result.difference_fen == 0 and result.shift.closed_at is not None
    with ctx.read() as r:
        assert r.shifts.open_for("C01") is None
