"""The counter's refusal rules on the in-memory store (tests/fakes.py), each asserting the error's code and
parameters (what the window translates) and the exact fen that moved or did not (issue 32 item 5).

The demo clerks get PINs hashed with a tiny scrypt cost (n=2): verify_pin reads the cost from the stored
hash, so approvals run the real check in microseconds. tests/contract/ keeps the fake honest against SQLite.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt

import pytest

from app.auth import LOCK_MINUTES, MAX_FAILURES, hash_pin
from app.cash import parse_count
from app.clock import FixedClock
from app.errors import HallPayError, Refused
from app.model import Method
from app.policy import DEFAULTS
from app.services import notices as nt
from app.services import shift_close as sc
from app.services.approvals import check_pin, check_supervisor
from app.services.context import Context, Terminal
from app.services.offset import offset_from_balance
from app.services.payments import PayRequest, due, pay
from app.services.refund_payout import PayoutRequest, pay_out
from app.services.reversal import ReversalRequest, reverse
from app.services.shifts import open_shift
from app.services.terminal_setup import DEMO_CLERKS, DEMO_FLOAT_FEN, DEMO_PINS, showcase
from app.store import OwedRefund
from tests.fakes import MemoryStore

NOW = dt.datetime.fromisoformat("2026-11-23T10:00:00+08:00")
SHOP = "1000000002"  # commercial: 2025-11 and 2026-10 overdue, 304,100 fen with fees
HOME = "1000000001"  # residential: 2026-09 overdue 10 days, 2026-10 not yet due


@pytest.fixture
def hall() -> tuple[Context, MemoryStore]:
    store = MemoryStore()
    ctx = Context(
        store.uow, FixedClock(NOW), Terminal("T01", "城东营业厅"), reader=store.reader, clerk_id="C01"
    )
    customers, bills = showcase(ctx.today())
    with ctx.uow() as uow:
        uow.settings.set_policy_values(dict(DEFAULTS))
        uow.settings.add_clerks(DEMO_CLERKS)
        for clerk_id, pin in DEMO_PINS.items():
            uow.settings.update_clerk(clerk_id, pin_hash=hash_pin(pin, n=2, r=1, p=1))
        uow.customers.upsert(customers)
        uow.bills.upsert(bills)
        uow.commit()
    open_shift(ctx, "C01", DEMO_FLOAT_FEN)
    return ctx, store


def refused(store: MemoryStore, call, *args, **kw) -> HallPayError:
    """The error `call(*args, **kw)` raises, after checking it changed nothing in the store."""
    before = copy.deepcopy(store.state)
    with pytest.raises(HallPayError) as caught:
        call(*args, **kw)
    assert store.state.journal == before.journal and store.state.bills == before.bills
    assert store.state.customers == before.customers and store.state.receipts == before.receipts
    return caught.value


def cash(cno: str, **kw) -> PayRequest:
    return PayRequest(cno, Method.CASH, "C01", **kw)


# ---- pay ----


def test_cash_short_of_the_amount_is_refused_with_both_figures(hall):
    ctx, store = hall
    e = refused(store, pay, ctx, cash(SHOP, tendered_fen=304099))
    assert isinstance(e, Refused) and e.code == "pay.tender_short"
    assert e.params == {"tendered_fen": 304099, "amount_fen": 304100}


def test_change_above_the_drawer_limit_is_refused_and_at_the_limit_taken(hall):
    ctx, store = hall
    e = refused(store, pay, ctx, cash(SHOP, tendered_fen=304100 + 200001))
    assert e.code == "pay.change_too_large"
    assert e.params == {"tendered_fen": 504101, "change_fen": 200001, "max_fen": 200000}
    result = pay(ctx, cash(SHOP, tendered_fen=304100 + 200000))
    assert result.receipt.change_fen == 200000 and result.settlement.settled_fen == 304100


def test_a_card_payment_takes_no_change(hall):
    ctx, store = hall
    e = refused(
        store, pay, ctx, PayRequest(SHOP, Method.BANKCARD, "C01", tendered_fen=310000, reference="88")
    )
    assert e.code == "pay.no_change_noncash" and e.params == {"method": "bankcard"}


def test_a_household_may_not_pay_part_a_shop_may(hall):
    ctx, store = hall
    owed = due(ctx, HOME).quote.to_pay_fen
    e = refused(store, pay, ctx, cash(HOME, amount_fen=owed - 1))
    assert e.code == "pay.no_partial" and e.params == {"due_fen": owed}
    part = pay(ctx, cash(SHOP, amount_fen=150000))
    assert part.settlement.settled_fen == 150000
    with ctx.read() as r:
        assert sum(b.unpaid_fen for b in r.bills.open_for(SHOP)) > 0


def test_change_to_balance_is_cash_only_and_one_of_three_modes(hall):
    """(Moved from tests/integration/test_money_core.py: a rule, no storage in it.)"""
    ctx, store = hall
    wechat = PayRequest(HOME, Method.WECHAT, "C01", amount_fen=1000, reference="W", change_to_balance="fen")
    e = refused(store, pay, ctx, wechat)
    assert e.code == "pay.change_cash_only" and e.params == {}
    e = refused(store, pay, ctx, cash(HOME, tendered_fen=30000, change_to_balance="some"))
    assert e.code == "pay.change_mode" and e.params == {"mode": "some"}
    kept = pay(ctx, cash(HOME, tendered_fen=30000, change_to_balance="fen")).receipt
    assert (kept.change_to_balance_fen, kept.change_fen) == (90, 30000 - 19110 - 90)  # 108.90: 0.90 kept


def test_nothing_due_refuses_pay_what_is_due_but_a_typed_amount_is_prepaid(hall):
    ctx, store = hall
    pay(ctx, cash(SHOP))
    e = refused(store, pay, ctx, cash(SHOP))
    assert e.code == "pay.nothing_due" and e.params == {"customer_no": SHOP}
    e = refused(store, pay, ctx, cash(SHOP, amount_fen=0))
    assert e.code == "pay.amount_zero" and e.params == {}
    before = store.state.customers[SHOP].balance_fen
    result = pay(ctx, cash(SHOP, amount_fen=5000))
    assert result.settlement.balance_after_fen == before + 5000
    assert store.state.customers[SHOP].balance_fen == before + 5000


def add_bill(ctx: Context, cno: str, bill_id: str, amount_fen: int, days_late: int) -> None:
    due_day = (ctx.today() - dt.timedelta(days=days_late)).isoformat()
    with ctx.uow() as uow:
        uow.bills.upsert(
            [
                dict(
                    bill_id=bill_id,
                    customer_no=cno,
                    period="2026-09",
                    kwh=10,
                    amount_fen=amount_fen,
                    due_date=due_day,
                )
            ]
        )
        uow.commit()


def test_a_late_fee_below_the_minimum_is_topped_up_to_it_once(hall):
    ctx, _ = hall
    add_bill(ctx, "1000000004", "1000000004-b", 1000, 10)  # 10.00 yuan 10 days late at 1 per mille: 0.10
    with ctx.uow() as uow:
        uow.customers.set_balance("1000000004", 0)
        uow.commit()
    (line,) = due(ctx, "1000000004").quote.lines
    assert (line.new_fee_fen, line.topup_fen, line.fee_due_fen, line.principal_due_fen) == (10, 90, 100, 1000)
    result = pay(ctx, cash("1000000004"))
    assert (result.settlement.fee_paid_fen, result.settlement.settled_fen) == (100, 1100)


def test_a_waiver_needs_a_reason_and_a_supervisor_not_the_clerk(hall):
    ctx, store = hall
    fees = due(ctx, SHOP).quote.late_fee_total_fen
    e = refused(store, pay, ctx, cash(SHOP, waiver_fen=100))
    assert e.code == "waiver.reason_needed"
    e = refused(store, pay, ctx, cash(SHOP, waiver_fen=100, waiver_reason="困难户"))
    assert e.code == "approve.missing"
    e = refused(
        store,
        pay,
        ctx,
        cash(SHOP, waiver_fen=100, waiver_reason="困难户", approver_id="C02", approver_pin="222222"),
    )
    assert e.code == "approve.not_supervisor" and e.params["who"] == "C02"
    e = refused(
        store,
        pay,
        ctx,
        cash(SHOP, waiver_fen=fees + 1, waiver_reason="困难户", approver_id="S01", approver_pin="999999"),
    )
    assert e.code == "waiver.too_much" and e.params == {"waiver_fen": fees + 1, "fees_fen": fees}
    result = pay(
        ctx, cash(SHOP, waiver_fen=fees, waiver_reason="困难户", approver_id="S01", approver_pin="999999")
    )
    assert result.settlement.settled_fen == 304100 - fees and result.receipt.waived_fen == fees
    assert [e.kind for e in store.state.journal[-2:]] == ["payment", "waiver"]


def test_no_money_without_an_open_shift_of_today(hall):
    ctx, store = hall
    e = refused(store, pay, ctx, PayRequest(SHOP, Method.CASH, "C02"))
    assert e.code == "shift.none" and e.params == {"clerk_id": "C02"}
    tomorrow = dataclasses.replace(ctx, clock=FixedClock(NOW + dt.timedelta(days=1)))
    e = refused(store, pay, tomorrow, cash(SHOP))
    assert e.code == "shift.earlier_day" and e.params["business_day"] == "2026-11-23"


# ---- reverse ----


def void(
    receipt_no: str, approver: str = "S01", pin: str = "999999", reason: str = "收错户"
) -> ReversalRequest:
    return ReversalRequest(receipt_no, "C01", approver, reason, approver_pin=pin)


def test_a_void_needs_a_reason_and_a_supervisor_with_the_right_pin(hall):
    ctx, store = hall
    paid = pay(ctx, cash(SHOP, tendered_fen=310000)).receipt.receipt_no
    assert refused(store, reverse, ctx, void(paid, reason=" ")).code == "void.reason_needed"
    assert refused(store, reverse, ctx, void(paid, approver="")).code == "approve.missing"
    e = refused(store, reverse, ctx, void(paid, approver="C02", pin="222222"))
    assert e.code == "approve.not_supervisor" and e.params["who"] == "C02"
    e = refused(store, reverse, ctx, void(paid, pin="000001"))
    assert e.code == "pin.wrong" and e.params["remaining"] == MAX_FAILURES - 1
    assert refused(store, reverse, ctx, void("T01-X")).code == "receipt.not_found"
    result = reverse(ctx, void(paid))
    assert result.refund_fen == 304100
    e = refused(store, reverse, ctx, void(paid))
    assert e.code == "void.done_already" and e.params == {"receipt_no": paid, "seq": result.entry.seq}
    with ctx.read() as r:
        assert sum(b.unpaid_fen for b in r.bills.open_for(SHOP)) == 200000


def test_a_void_whose_prepaid_balance_was_spent_is_refused(hall):
    ctx, store = hall
    prepaid = pay(ctx, cash("1000000003", amount_fen=5000)).receipt.receipt_no
    with ctx.uow() as uow:  # the customer spent the balance meanwhile
        uow.customers.set_balance("1000000003", 1000)
        uow.commit()
    e = refused(store, reverse, ctx, void(prepaid))
    assert e.code == "void.balance_spent" and e.params == {"delta_fen": 5000, "balance_fen": 1000}


def test_a_cash_void_takes_no_more_cash_than_the_drawer_holds(hall):
    """Found by the province simulation (issue 26, seed 11, 2027-01-09): a cash payment, then a refund pay-out
    larger than the float, then the payment voided: handed back from a drawer that no longer held it.
    (Moved from tests/integration/test_money_core.py: a rule, no storage in it.)"""
    ctx, store = hall
    taken = pay(ctx, cash(HOME))
    amount = int(taken.entry.payload["amount_fen"])
    assert sc.close_preview(ctx, "C01").expected_cash_fen == DEMO_FLOAT_FEN + amount
    store.state.refunds["r-1"] = OwedRefund(  # head office's refund order, as the pull stores it
        "r-1", SHOP, DEMO_FLOAT_FEN + amount - 100, "c-1", "hq-1", "2026-11-23T01:00:00Z", "ordered", None
    )
    pay_out(ctx, PayoutRequest(SHOP, "C01"))  # the drawer keeps 1.00
    e = refused(store, reverse, ctx, void(taken.receipt.receipt_no))
    assert e.code == "void.drawer_short" and e.params == {"amount_fen": amount, "in_drawer_fen": 100}
    assert sc.close_preview(ctx, "C01").expected_cash_fen == 100
    assert store.state.journal[-1].kind == "refund_payout"
    card = pay(ctx, PayRequest("1000000003", Method.BANKCARD, "C01", amount_fen=20000, reference="88"))
    assert reverse(ctx, void(card.receipt.receipt_no)).refund_fen == 20000  # not cash: no drawer check


def test_a_void_outside_the_clerks_open_shift_is_refused(hall):
    ctx, store = hall
    paid = pay(ctx, cash(SHOP)).receipt.receipt_no
    e = refused(store, reverse, ctx, ReversalRequest(paid, "C02", "S01", "收错户", approver_pin="999999"))
    assert e.code == "void.other_shift" and e.params["clerk_id"] == "C02"


# ---- close ----


def close(ctx, counted_fen: int, **kw) -> sc.CloseResult:
    return sc.close_shift(ctx, sc.CloseRequest("C01", parse_count(f"0.01x{counted_fen}"), **kw))


def test_a_difference_needs_a_reason_and_above_the_threshold_a_supervisor(hall):
    ctx, store = hall
    threshold = sc.close_preview(ctx, "C01").threshold_fen
    short = DEMO_FLOAT_FEN - threshold - 1
    e = refused(store, close, ctx, short)
    assert e.code == "shift.reason_needed"
    e = refused(store, close, ctx, short, reason="少收一张")
    assert e.code == "approve.missing"
    e = refused(store, close, ctx, short, reason="少收一张", approver_id="C01", approver_pin="111111")
    assert e.code == "approve.self"
    result = close(ctx, short, reason="少收一张", approver_id="S01", approver_pin="999999")
    assert result.difference_fen == -(threshold + 1) and result.shift.closed_at is not None
    assert store.state.journal[-1].payload["approver_id"] == "S01"


def test_a_difference_at_the_threshold_needs_only_a_reason(hall):
    ctx, store = hall
    threshold = sc.close_preview(ctx, "C01").threshold_fen
    result = close(ctx, DEMO_FLOAT_FEN + threshold, reason="多一张")
    assert result.difference_fen == threshold
    assert refused(store, close, ctx, DEMO_FLOAT_FEN).code == "shift.none_to_close"


# ---- approvals ----


def test_wrong_pins_count_down_then_lock_and_a_right_pin_resets(hall):
    ctx, store = hall
    for left in range(MAX_FAILURES - 1, 0, -1):
        with pytest.raises(Refused) as caught:
            check_pin(ctx, "C02", "000001", purpose="登录")
        e = caught.value
        assert e.code == "pin.wrong" and e.params == {
            "who": "C02",
            "remaining": left,
            "minutes": LOCK_MINUTES,
        }
    with pytest.raises(Refused) as caught:
        check_pin(ctx, "C02", "000001", purpose="登录")
    assert (caught.value.code, caught.value.params) == ("pin.locked", {"who": "C02", "until": "10:15"})
    with pytest.raises(Refused) as caught:  # locked: even the right PIN is refused
        check_pin(ctx, "C02", "222222", purpose="登录")
    assert caught.value.code == "pin.locked"
    later = dataclasses.replace(ctx, clock=FixedClock(NOW + dt.timedelta(minutes=LOCK_MINUTES, seconds=1)))
    assert check_pin(later, "C02", "222222", purpose="登录") is not None
    failed = [a for a in store.state.audit if a["event"] == "login_failed" and a["subject"] == "C02"]
    assert len(failed) >= MAX_FAILURES


def test_unknown_and_inactive_people_and_self_approval_are_refused(hall):
    ctx, store = hall
    with pytest.raises(Refused) as caught:
        check_pin(ctx, "X99", "123456", purpose="登录")
    assert caught.value.code == "pin.unknown_person" and caught.value.params == {"who": "X99"}
    with ctx.uow() as uow:
        uow.settings.update_clerk("C02", active=False)
        uow.commit()
    with pytest.raises(Refused) as caught:
        check_pin(ctx, "C02", "222222", purpose="登录")
    assert caught.value.code == "pin.inactive"
    with pytest.raises(Refused) as caught:
        check_supervisor(ctx, "S01", "999999", "冲正", {}, clerk_id="S01")
    assert caught.value.code == "approve.self"


# ---- notices ----


def test_only_a_customer_overdue_past_the_policy_may_be_proposed(hall):
    ctx, store = hall
    e = refused(store, nt.propose, ctx, HOME, "C01")  # 10 days overdue, the policy says more than 30
    assert e.code == "notice.not_overdue" and e.params == {"customer_no": HOME, "days": 30, "oldest": 10}
    assert refused(store, nt.propose, ctx, "9999999999", "C01").code == "customer.not_found"
    n = nt.propose(ctx, SHOP, "C01")
    assert n.state == "proposed" and n.owed_fen == 200000
    e = refused(store, nt.propose, ctx, SHOP, "C01")
    assert e.code == "notice.open_already" and e.params == {"customer_no": SHOP}


def test_a_notice_goes_proposed_approved_served_in_order(hall):
    ctx, store = hall
    n = nt.propose(ctx, SHOP, "C01")
    e = refused(store, nt.serve, ctx, n.notice_id, "C01")
    assert e.code == "notice.wrong_state" and e.params["notice_id"] == n.notice_id
    e = refused(store, nt.approve, ctx, n.notice_id, "C01", "C02", "222222")
    assert e.code == "approve.not_supervisor"
    n = nt.approve(ctx, n.notice_id, "C01", "S01", "999999")
    assert n.state == "approved" and n.approved_by == "S01"
    assert refused(store, nt.approve, ctx, n.notice_id, "C01", "S01", "999999").code == "notice.wrong_state"
    assert refused(store, nt.get_notice, ctx, "TZ-none").code == "notice.not_found"


# ---- offsets ----


def test_a_balance_settles_an_overdue_bill_fee_first_in_its_own_entry(hall):
    ctx, store = hall
    with ctx.uow() as uow:
        uow.customers.set_balance(HOME, 5000)  # 50.00 against 100.00 ten days late (1.00 fee)
        entry = offset_from_balance(uow, ctx, HOME, "C01", NOW, "import")
        uow.commit()
    assert entry is not None and entry.kind == "offset" and entry.payload["cause"] == "import"
    assert (entry.payload["balance_before_fen"], entry.payload["balance_after_fen"]) == (5000, 0)
    bill = store.state.bills["1000000001-a"]
    assert (bill.principal_paid_fen, bill.fee_carried_fen) == (4900, 0)  # the fee first, then principal
    with ctx.uow() as uow:  # nothing left to offset with: no entry
        assert offset_from_balance(uow, ctx, HOME, "C01", NOW, "import") is None


def test_a_void_that_gives_balance_back_offsets_the_reopened_bill(hall):
    ctx, store = hall
    paid = pay(ctx, cash(HOME, amount_fen=30000)).receipt  # both bills, 10,910 to balance
    assert store.state.customers[HOME].balance_fen == 30000 - 10100 - 9010
    with ctx.uow() as uow:
        uow.customers.set_balance(HOME, 30000)  # head office credited more meanwhile
        uow.commit()
    reverse(ctx, void(paid.receipt_no))
    kinds = [e.kind for e in store.state.journal[-2:]]
    assert kinds == ["reversal", "offset"]
    assert store.state.bills["1000000001-a"].is_open is False
