"""app/settle.py: a bill's late fee and principal are settled once, whatever order the halls' payments
arrive in; everything beyond is surplus with its exact amount."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from app.ids import CustomerNo
from app.model import Category
from app.settle import Claim, LedgerBill, claims_of, settle_payment
from tests.settle_sim import (
    DAY,
    POLICY,
    Ledger,
    SimTerminal,
    check_invariants,
    offline_day,
    seed_bills,
    sync_order,
)


def test_review_scenario_partial_then_full_exact_fen():
    """Review 2026-11-28, D1: T01 took 1,500.00 (fee 1,016.00 + principal 484.00 on bill -a), T02 offline
    took the full 3,056.00. The bill's fee is paid once; the whole 1,500.00 is surplus, one case."""
    t1, t2 = SimTerminal("T01"), SimTerminal("T02")
    e1 = t1.pay("1000000002", "partial", _FixedAmount(150000))  # type: ignore[arg-type]
    assert [
        (a["bill_id"], a["fee_paid_fen"], a["principal_paid_fen"]) for a in e1.payload["allocations"]
    ] == [("1000000002-a", 101600, 48400)]
    e2 = t2.pay("1000000002", "full", random.Random(1))
    assert e2.payload["amount_fen"] == 305600
    for order in ([e1, e2], [e2, e1]):
        ledger = Ledger()
        for e in order:
            ledger.apply(e)
        bills, balances, surplus = ledger.state()
        assert bills["1000000002-a"] == (100000, 101600, 0)
        assert bills["1000000002-b"] == (100000, 4000, 0)
        assert balances["1000000002"] == 150000
        assert surplus == 150000
        assert list(ledger.surplus.values()) == [
            (150000, 101600)
        ]  # one case: 1,016.00 fee + 484.00 principal
        assert list(ledger.surplus)[0][0] == order[1].entry_id


class _FixedAmount:
    def __init__(self, amount: int) -> None:
        self.amount = amount

    def randint(self, a: int, b: int) -> int:
        assert a <= self.amount <= b
        return self.amount


def test_a_counters_own_payments_settle_exactly_as_it_recorded_them():
    """On a ledger that saw only this counter, the rule is the identity: no surplus, same fee carried."""
    rng = random.Random(7)
    t = SimTerminal("T01")
    for how in ("partial", "partial", "full", "over", "partial"):
        t.pay("1000000005", how, rng)
    ledger = Ledger()
    for e in t.entries:
        ledger.apply(e)
    assert not ledger.surplus
    for bill_id, lb in ledger.bills.items():
        mine = t.bills[bill_id]
        assert (lb.bill.principal_paid_fen, lb.bill.fee_carried_fen) == (
            mine.principal_paid_fen,
            mine.fee_carried_fen,
        )


def test_fee_only_payment_elsewhere_leaves_no_fee_for_the_next():
    """Another hall took exactly the fee (principal untouched): a full payment's fee is all surplus."""
    bills = {k: LedgerBill(b) for k, b in seed_bills().items()}
    cno, cat = CustomerNo("1000000002"), Category.COMMERCIAL
    bills2, s1 = settle_payment(bills, cno, cat, [Claim("1000000002-a", 0, 101600, 101600)], DAY, POLICY)
    bills.update(bills2)
    _b, s2 = settle_payment(bills, cno, cat, [Claim("1000000002-a", 100000, 101600, 101600)], DAY, POLICY)
    assert (s1[0].fee_fen, s1[0].surplus_fen) == (101600, 0)
    assert (s2[0].principal_fen, s2[0].fee_fen, s2[0].surplus_fee_fen, s2[0].surplus_principal_fen) == (
        100000,
        0,
        101600,
        0,
    )


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), terminals=st.integers(2, 4), payments=st.integers(2, 9))
def test_any_interleaving_any_sync_order_same_result_fee_once(seed, terminals, payments):
    rng = random.Random(seed)
    sims = offline_day(rng, terminals, payments)
    results = []
    for _ in range(3):
        ledger = Ledger()
        for push in sync_order(rng, sims):
            for e in push:
                ledger.apply(e)
        bills, balances, _total = ledger.state()
        check_invariants(sims, bills, balances, ledger.surplus)
        results.append(ledger.state())
    assert results[0] == results[1] == results[2]


def test_claims_of_reads_a_payment_payload():
    claims = claims_of([{"bill_id": "x", "principal_paid_fen": 5, "fee_paid_fen": 2, "fee_due_fen": 3}])
    assert claims == [Claim("x", 5, 2, 3)]


def test_offset_balance_pays_oldest_first_fee_first_exact_fen():
    """A 1,500.00 central balance and customer 1000000002's two bills on 2026-11-28: bill -a's 1,016.00 fee,
    then 484.00 of its principal; nothing reaches bill -b; the balance is spent to 0."""
    from app.settle import offset_balance

    bills = [b for b in seed_bills().values() if b.customer_no == "1000000002"]
    s, changed = offset_balance(bills, CustomerNo("1000000002"), Category.COMMERCIAL, 150000, DAY, POLICY)
    assert (s.balance_before_fen, s.balance_after_fen, s.amount_fen) == (150000, 0, 0)
    assert [(a.bill_id, a.fee_paid_fen, a.principal_paid_fen) for a in s.allocations] == [
        ("1000000002-a", 101600, 48400)
    ]
    assert (
        changed["1000000002-a"].principal_paid_fen == 48400 and changed["1000000002-a"].fee_carried_fen == 0
    )
    assert "1000000002-b" not in changed
    none, nothing = offset_balance(bills, CustomerNo("1000000002"), Category.COMMERCIAL, 0, DAY, POLICY)
    assert not nothing and none.balance_after_fen == 0


def test_a_payment_carries_every_field_of_the_bill_over():
    """settle_payment builds the changed bill field by field (app.settle.moved_bill, issue 29's projector
    speed) instead of dataclasses.replace: a field Bill gains would silently fall back to its default there.
    Every field not moved by the payment must come through with a value unlike its default."""
    import dataclasses
    import datetime as dt

    from app.model import Bill
    from app.settle import moved_bill

    values = {
        "bill_id": "B1",
        "customer_no": CustomerNo("1000000001"),
        "period": "2026-09",
        "kwh": 321,
        "amount_fen": 12_345,
        "due_date": dt.date(2026, 10, 20),
        "principal_paid_fen": 11,
        "fee_carried_fen": 22,
        "fee_accrued_through": dt.date(2026, 10, 30),
    }
    assert {f.name for f in dataclasses.fields(Bill)} == set(values)  # a new field: give it a value here
    bill = Bill(**values)
    moved = moved_bill(bill, 500, 7, dt.date(2026, 11, 2))
    assert moved == dataclasses.replace(
        bill, principal_paid_fen=500, fee_carried_fen=7, fee_accrued_through=dt.date(2026, 11, 2)
    )
