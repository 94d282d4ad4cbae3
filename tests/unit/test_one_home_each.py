"""One home per rule, finished (issue 32, review §1b "Still" rows): each rule below had two copies that had
begun to differ; each test fails on the copy that was removed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.errors import NotFound
from app.services.context import Context, Terminal
from app.services.payments import find_customer, load_customer
from tests.fakes import MemoryStore

ROOT = Path(__file__).resolve().parents[2]
NOW = dt.datetime.fromisoformat("2026-11-23T10:00:00+08:00")


def sources(under: str = "app") -> dict[str, str]:
    return {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in (ROOT / under).rglob("*.py")}


@pytest.fixture
def ctx() -> Context:
    store = MemoryStore()
    return Context(
        store.uow, FixedClock(NOW), Terminal("T01", "城东营业厅"), reader=store.reader, clerk_id="C01"
    )


def test_a_wrong_customer_number_is_refused_the_same_way_at_the_counter_and_the_command_line(ctx) -> None:
    """The command line's lookup (card sim) said customer.no_such while the counter said customer.not_found."""
    with pytest.raises(NotFound) as typed:
        find_customer(ctx, " 1999999999 ")
    with ctx.read() as uow, pytest.raises(NotFound) as counter:
        load_customer(uow, "1999999999")
    assert typed.value.code == counter.value.code == "customer.not_found"
    assert typed.value.params == counter.value.params


def test_an_unknown_customer_number_is_refused_in_one_function():
    found = [f for f, s in sources().items() if 'coded(NotFound, "customer.' in s]
    assert found == ["app/services/payments.py"]
