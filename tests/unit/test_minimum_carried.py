"""Issue 28 (domain review P1-1, D044): the 1-yuan minimum looks at the late fee a payment collects, the fee
carried from an earlier partial payment included, never at the newly accrued part alone.

Exact figures from DOMAIN.md's rates; the property compares the product with a calculator written here from
the rule's words (fees of the bills the money reaches, carried + new; more than 0 and less than 1.00 → 1.00).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from app.allocation import allocate, make_quote
from app.model import Bill, Category
from app.policy import Policy
from app.settle import LedgerBill, settle_payment

POLICY = Policy.from_values()
D23 = dt.date(2026, 11, 23)


def _paid(bill: Bill, settlement, day: dt.date) -> Bill:
    """The bill as the counter books it after a payment (app/moves.py's rule, inlined for a pure test)."""
    for a in settlement.allocations:
        if a.bill_id == bill.bill_id:
            return replace(
                bill,
                principal_paid_fen=bill.principal_paid_fen + a.principal_paid_fen,
                fee_carried_fen=a.fee_carried_after_fen,
                fee_accrued_through=day,
            )
    return bill


def test_a_fee_carried_from_a_partial_payment_counts_towards_the_minimum():
    # commercial 100.00 due 2025-12-21: on 11-23 fee = 10 d × 2‰ + 327 d × 3‰ = 100.10; 50.00 pays fee only
    b = Bill("b", "1", "2025-11", 1, 100_00, dt.date(2025, 12, 21))
    q = make_quote("1", Category.COMMERCIAL, [b], 0, D23, POLICY)
    s = allocate(q, 50_00, POLICY)
    assert [(a.fee_due_fen, a.fee_paid_fen, a.principal_paid_fen) for a in s.allocations] == [
        (100_10, 50_00, 0)
    ]
    b = _paid(b, s, D23)
    assert b.fee_carried_fen == 50_10
    # 11-24: 50.10 carried + 0.30 new = 50.40, far above 1.00: no top-up (the product said 51.10)
    q24 = make_quote("1", Category.COMMERCIAL, [b], 0, dt.date(2026, 11, 24), POLICY)
    assert (q24.late_fee_total_fen, q24.minimum_topup_fen, q24.total_fen) == (50_40, 0, 150_40)
    assert allocate(q24, q24.to_pay_fen, POLICY).minimum_topup_fen == 0
    # 11-26: 50.10 + 0.90 = 51.00 (the product said 51.10)
    q26 = make_quote("1", Category.COMMERCIAL, [b], 0, dt.date(2026, 11, 26), POLICY)
    assert (q26.late_fee_total_fen, q26.minimum_topup_fen) == (51_00, 0)


def test_a_payment_below_the_minimum_is_not_charged_the_minimum_twice():
    # D044: commercial 2 × 100.00 due 11-20, 0.60 fee each on 11-23; 0.50 reaches the first bill only: 1.00 due
    bills = [
        Bill("a", "1", "2026-09", 1, 100_00, dt.date(2026, 11, 20)),
        Bill("b", "1", "2026-10", 1, 100_00, dt.date(2026, 11, 20)),
    ]
    q = make_quote("1", Category.COMMERCIAL, bills, 0, D23, POLICY)
    s = allocate(q, 50, POLICY)
    assert [(a.fee_due_fen, a.fee_paid_fen) for a in s.allocations] == [(1_00, 50)]
    after = [_paid(x, s, D23) for x in bills]
    # 0.50 carried + 0.60 new = 1.10 ≥ 1.00: no second top-up (the product said 1.50)
    q2 = make_quote("1", Category.COMMERCIAL, after, 0, D23, POLICY)
    assert (q2.late_fee_total_fen, q2.minimum_topup_fen) == (1_10, 0)


def test_the_central_ledger_applies_the_same_minimum_to_carried_fees():
    from app.settle import Claim

    b = Bill("b", "1", "2025-11", 1, 100_00, dt.date(2025, 12, 21), 0, 50_10, D23)
    day = dt.date(2026, 11, 24)
    q = make_quote("1", Category.COMMERCIAL, [b], 0, day, POLICY)
    s = allocate(q, q.to_pay_fen, POLICY)
    claims = [Claim(a.bill_id, a.principal_paid_fen, a.fee_paid_fen, a.fee_due_fen) for a in s.allocations]
    _, settled = settle_payment({"b": LedgerBill(b)}, "1", Category.COMMERCIAL, claims, day, POLICY)
    assert [(x.fee_fen, x.principal_fen, x.surplus_fen) for x in settled] == [(50_40, 100_00, 0)]


def _oracle_fee(lines, reached: int) -> int:
    """The rule in DOMAIN's words: the late fees of one payment (the bills it reaches, carried + new) between
    0 and 1.00 are charged 1.00; a payment collecting only fees an earlier payment fixed is not topped again."""
    total = sum(line.bill.fee_carried_fen + line.new_fee_fen for line in lines[:reached])
    fresh = sum(line.new_fee_fen for line in lines[:reached])
    return 1_00 if 0 < total < 1_00 and fresh > 0 else total


bill_st = st.tuples(
    st.integers(1, 500_00),  # amount
    st.integers(0, 400),  # days between due date and the earlier payment
    st.integers(0, 150_00),  # fee carried from that payment
    st.integers(0, 5),  # days since that payment
    st.sampled_from(list(Category)),
)


@settings(max_examples=300, deadline=None)
@given(
    specs=st.lists(bill_st, min_size=1, max_size=3),
    amount=st.integers(1, 2_000_00),
    cat=st.sampled_from(list(Category)),
)
def test_the_minimum_follows_the_fees_the_payment_collects(specs, amount, cat):
    day = dt.date(2026, 11, 24)
    bills = []
    for i, (amt, late, carried, since, _) in enumerate(specs):
        paid_on = day - dt.timedelta(days=since)
        due = paid_on - dt.timedelta(days=late)
        bills.append(
            Bill(f"b{i}", "1", f"2026-0{i + 1}", 1, amt, due, 0, carried, paid_on if carried else None)
        )
    q = make_quote("1", cat, bills, 0, day, POLICY)
    s = allocate(q, amount, POLICY)
    reached = len(s.allocations)
    lines = q.lines
    want = _oracle_fee(lines, reached)
    got = sum(a.fee_due_fen for a in s.allocations)
    # the fee due on the bills the money reached: the oracle's, to the fen
    assert got == want
    assert s.minimum_topup_fen == want - sum(
        line.bill.fee_carried_fen + line.new_fee_fen for line in lines[:reached]
    )
    # a full payment's quote shows the same
    qfee = _oracle_fee(lines, len(lines))
    assert q.late_fee_total_fen == qfee
