"""app/moves.py: the one function that says how an entry moves a balance and bills (pure)."""

from __future__ import annotations

import datetime as dt

from app.adjustment import bill_adjustment
from app.allocation import allocate, make_quote
from app.ids import CustomerNo
from app.journal import Kind
from app.model import Bill, Category
from app.moves import BillMove, BillState, EntryMoves, apply_moves, entry_moves
from app.policy import Policy

POLICY = Policy.from_values({})
DAY = dt.date(2026, 11, 23)


def test_offset_moves_balance_into_bills_like_a_payment_of_zero():
    p = {
        "customer_no": "1",
        "business_day": "2026-11-23",
        "amount_fen": 0,
        "balance_before_fen": 123_45,
        "balance_after_fen": 21_45,
        "allocations": [
            {"bill_id": "b1", "principal_paid_fen": 100_00, "fee_paid_fen": 2_00, "fee_due_fen": 2_00}
        ],
    }
    assert entry_moves(Kind.OFFSET, p) == EntryMoves(
        "1",
        -102_00,
        (BillMove("b1", 100_00, 2_00, fee_carried_after_fen=0, fee_accrued_through="2026-11-23"),),
    )


def test_adjustment_and_reversal_and_other_kinds():
    adj = {
        "what": "bill",
        "customer_no": "1",
        "bill_id": "b1",
        "old": {"amount_fen": 1000_00},
        "new": {"amount_fen": 50_00, "due_date": "2026-11-30", "kwh": 9},
        "principal_paid_before_fen": 1000_00,
        "principal_paid_after_fen": 50_00,
        "balance_before_fen": 0,
        "balance_after_fen": 950_00,
    }
    assert entry_moves(Kind.ADJUSTMENT, adj) == EntryMoves(
        "1", 950_00, (BillMove("b1", -950_00, amount_fen=50_00, due_date="2026-11-30", kwh=9),)
    )
    cat = {
        "what": "category",
        "customer_no": "1",
        "old": {"category": "commercial"},
        "new": {"category": "residential"},
    }
    assert entry_moves(Kind.ADJUSTMENT, cat) == EntryMoves("1", 0, (), category="residential")
    rev = {
        "customer_no": "1",
        "business_day": "2026-11-24",
        "balance_before_fen": 5,
        "balance_after_fen": 0,
        "allocations": [{"bill_id": "b1", "principal_restored_fen": 10_00, "fee_restored_fen": 1_00}],
    }
    assert entry_moves(Kind.REVERSAL, rev) == EntryMoves(
        "1",
        -5,
        (BillMove("b1", -10_00, -1_00, fee_carried_delta_fen=1_00, accrued_through_default="2026-11-24"),),
    )
    assert (
        entry_moves(Kind.CARD_PURCHASE, {"customer_no": "1", "balance_before_fen": 0, "balance_after_fen": 0})
        is None
    )
    assert entry_moves(Kind.SHIFT_OPEN, {"shift_id": "s"}) is None


def test_lowered_paid_bill_replays_into_balance():
    bill = Bill(
        "b1", CustomerNo("1"), "2026-09", 900, 1000_00, dt.date(2026, 11, 30), principal_paid_fen=1000_00
    )
    effect = bill_adjustment(bill, 50_00, bill.due_date, 900, Category.COMMERCIAL, DAY, POLICY)
    assert (effect.to_balance_fen, effect.principal_paid_after_fen, effect.difference_due_fen) == (
        950_00,
        50_00,
        0,
    )
    states = {"b1": BillState("1", 1000_00, "2026-11-30", 900, 1000_00)}
    balances: dict[str, int] = {}
    payload = {
        "what": "bill",
        "customer_no": "1",
        "bill_id": "b1",
        **effect.payload(),
        "balance_before_fen": 0,
        "balance_after_fen": 950_00,
    }
    moves = entry_moves(Kind.ADJUSTMENT, payload)
    assert moves is not None
    apply_moves(moves, states, balances, {})
    assert (states["b1"].amount_fen, states["b1"].principal_paid_fen, balances["1"]) == (50_00, 50_00, 950_00)


def test_later_due_date_is_the_fee_it_removes_today():
    # DOMAIN.md: commercial 1000.00 due 2025-12-21, paid 2026-11-23 → 1001.00; due 2026-11-20 → 6.00
    bill = Bill("b1", CustomerNo("1"), "2025-11", 1000, 1000_00, dt.date(2025, 12, 21))
    effect = bill_adjustment(bill, 1000_00, dt.date(2026, 11, 20), 1000, Category.COMMERCIAL, DAY, POLICY)
    assert (effect.fee_before_fen, effect.fee_after_fen, effect.fee_waived_fen) == (1001_00, 6_00, 995_00)


def test_minimum_applies_to_the_bills_the_money_reaches():
    bills = [Bill(f"b{m}", CustomerNo("1"), f"2026-0{m}", 8, 10_00, dt.date(2026, 11, 20)) for m in (7, 8, 9)]
    q = make_quote(CustomerNo("1"), Category.COMMERCIAL, bills, 0, DAY, POLICY)
    assert [line.fee_due_fen for line in q.lines] == [88, 6, 6] and q.minimum_topup_fen == 82
    full = allocate(q, q.to_pay_fen, POLICY)
    assert full.fee_paid_fen == 1_00 and full.balance_after_fen == 0 and full.minimum_topup_fen == 82
    part = allocate(q, 11_00, POLICY)
    assert [(a.fee_paid_fen, a.principal_paid_fen) for a in part.allocations] == [(94, 10_00), (6, 0)]
    one = allocate(q, 10_00, POLICY)  # reaches one bill: its 0.06 is topped up to 1.00
    assert [(a.fee_due_fen, a.fee_paid_fen, a.principal_paid_fen) for a in one.allocations] == [
        (1_00, 1_00, 9_00)
    ]
    offset = allocate(q, 0, POLICY)  # no money: nothing reached, nothing charged
    assert offset.allocations == () and offset.minimum_topup_fen == 0
