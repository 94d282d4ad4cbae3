"""One home per rule, finished (issue 32, review §1b "Still" rows): each rule below had two copies that had
begun to differ; each test fails on the copy that was removed."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.errors import NotFound
from app.ids import CustomerNo
from app.model import Bill, Category, Customer
from app.moves import balance_delta_fen
from app.policy import DEFAULTS
from app.risk import GRADE_LABELS, RiskRules
from app.services.context import Context, Terminal
from app.services.payments import due, find_customer, load_customer, policy_of
from app.services.risk import grade_in
from app.warnings import customer_warnings
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


def test_the_grade_shown_from_the_quote_alone_is_the_grade_the_store_keeps(ctx) -> None:
    """warnings.py read the facts again from the quote, counting a bill overdue only after the late-fee
    grace: with 5 grace days, three overdue bills were grade II in the store and III on the counter."""
    today = ctx.today()
    customer = Customer(
        CustomerNo("1000000009"),
        "王五",
        "东街 9 号",
        "13800000000",
        Category.RESIDENTIAL,
        "M9",
        False,
        "",
        False,
        0,
    )
    bills = [
        Bill(f"B{i}", customer.customer_no, f"2026-{8 + i:02d}", 100, 20000, today - dt.timedelta(days=days))
        for i, days in enumerate((62, 33, 3))
    ]
    with ctx.uow() as uow:
        uow.settings.set_policy_values({**DEFAULTS, "late_fee.grace_days": "5"})
        uow.customers.upsert([{**asdict(customer), "category": customer.category.value}])
        uow.bills.upsert([asdict(b) for b in bills])
        uow.commit()
    quote = due(ctx, customer.customer_no).quote
    with ctx.read() as uow:
        kept = grade_in(uow, ctx, customer).grade
        policy = policy_of(uow)
    assert kept.grade == "II"
    shown = customer_warnings(customer, quote, policy, rules=RiskRules.from_values({**DEFAULTS}))
    assert [w.params.get("grade") for w in shown if w.code == "warn.grade"] == [GRADE_LABELS[kept.grade]]


def test_risk_facts_are_read_from_bills_in_one_function():
    assert [f for f, s in sources().items() if "RiskFacts(" in s and "class RiskFacts" not in s] == []


def test_the_supervisor_check_lives_in_approvals_only():
    """reversal.py kept a role-only branch (APPROVER_ROLES = ("supervisor",), no PIN) that shift_close.py
    imported: an approver's refusal is written in approvals.py alone, and nothing imports it from reversal."""
    found = sources()
    assert [f for f, s in found.items() if 'coded(Refused, "approve.' in s] == ["app/services/approvals.py"]
    assert [f for f, s in found.items() if "APPROVER_ROLES" in s] == []
    assert "from app.services.reversal import" not in found["app/services/shift_close.py"]


def test_an_entrys_balance_delta_is_read_by_moves_only():
    """reversal, payments and offset subtracted the payload's balance fields by hand, three copies of
    app/moves.py's reader the ledgers fold with."""
    by_hand = re.compile(r'\[\s*"balance_(?:before|after)_fen"\s*\]\)?\s*-')
    found = [f for f, s in sources().items() if f != "app/moves.py" and by_hand.search(s)]
    assert found == []
    assert balance_delta_fen({"balance_before_fen": 500, "balance_after_fen": 200}) == -300
    assert balance_delta_fen({"customer_no": "1000000001"}) == 0
