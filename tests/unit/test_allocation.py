"""Oldest bill first, fee before principal, surplus to the prepaid balance, with exact fen."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from app.allocation import allocate, make_quote
from app.model import Bill, Category
from app.policy import Policy

PAY = dt.date(2026, 11, 23)
POLICY = Policy.from_values()


def bills():
    return [
        Bill("new", "1", "2026-10", 170, 9010, dt.date(2026, 12, 13)),
        Bill("old", "1", "2026-09", 189, 10000, dt.date(2026, 11, 13)),
    ]


def test_quote_orders_oldest_first_and_totals():
    q = make_quote("1", Category.RESIDENTIAL, bills(), 0, PAY, POLICY)
    assert [line.bill.bill_id for line in q.lines] == ["old", "new"]
    assert (q.principal_total_fen, q.late_fee_total_fen, q.total_fen, q.to_pay_fen) == (
        19010,
        100,
        19110,
        19110,
    )


def test_exact_payment_settles_everything():
    q = make_quote("1", Category.RESIDENTIAL, bills(), 0, PAY, POLICY)
    s = allocate(q, 19110, POLICY)
    assert [(a.bill_id, a.fee_paid_fen, a.principal_paid_fen) for a in s.allocations] == [
        ("old", 100, 10000),
        ("new", 0, 9010),
    ]
    assert s.balance_after_fen == 0


def test_surplus_becomes_balance():
    q = make_quote("1", Category.RESIDENTIAL, bills(), 0, PAY, POLICY)
    assert allocate(q, 20000, POLICY).balance_after_fen == 890


def test_existing_balance_is_spent_first():
    q = make_quote("1", Category.RESIDENTIAL, bills(), 5000, PAY, POLICY)
    assert q.to_pay_fen == 14110
    s = allocate(q, 14110, POLICY)
    assert s.balance_after_fen == 0 and s.settled_fen == 19110


def test_partial_payment_pays_fee_first_and_carries_nothing_when_fee_covered():
    q = make_quote("1", Category.COMMERCIAL, bills(), 0, PAY, POLICY)
    s = allocate(q, 5000, POLICY)
    first = s.allocations[0]
    assert (first.fee_paid_fen, first.principal_paid_fen, first.fee_carried_after_fen) == (200, 4800, 0)
    assert len(s.allocations) == 1


def test_partial_payment_smaller_than_the_fee_carries_the_rest():
    q = make_quote("1", Category.COMMERCIAL, bills(), 0, PAY, POLICY)
    s = allocate(q, 150, POLICY)
    assert (s.allocations[0].fee_paid_fen, s.allocations[0].fee_carried_after_fen) == (150, 50)


def test_principal_before_fee_is_a_policy_switch():
    policy = Policy.from_values({"allocation.fee_before_principal": "0"})
    q = make_quote("1", Category.COMMERCIAL, bills(), 0, PAY, policy)
    s = allocate(q, 5000, policy)
    assert (s.allocations[0].principal_paid_fen, s.allocations[0].fee_paid_fen) == (5000, 0)


@given(amount=st.integers(0, 10**7), balance=st.integers(0, 10**5))
def test_money_is_conserved(amount, balance):
    q = make_quote("1", Category.COMMERCIAL, bills(), balance, PAY, POLICY)
    s = allocate(q, amount, POLICY)
    assert s.settled_fen + s.balance_after_fen == amount + balance
    assert s.settled_fen <= q.total_fen
    for a in s.allocations:
        assert 0 <= a.fee_paid_fen <= a.fee_due_fen and 0 <= a.principal_paid_fen <= a.principal_due_fen
