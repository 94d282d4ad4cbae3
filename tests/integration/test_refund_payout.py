"""A refund head office ordered reaches the customer's counter by its next sync and is paid out there once
(issue 21), on the embedded central ledger and on a real PostgreSQL.

Two counters of one hall took customer 1000000001's bill (100.00 due 2026-11-13, 10 days late: 1.00 fee)
while offline: head office holds a double_payment case of 101.00. Finance decides it as a refund; T01 pulls the
order (signed by head office), shows 退款待领 101.00 and pays it out in cash; the shift's expected cash drops by
exactly 101.00, the refund is marked paid centrally when the entry arrives, and nothing pays it twice.
"""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select, update

import tests.integration.pg_fixtures as fx
from app.errors import HallPayError
from app.journal import Kind
from app.model import Method
from app.services.payments import PayRequest, pay
from app.services.refund_payout import PayoutRequest, owed_refunds, pay_out
from app.services.shift_close import close_preview
from app.services.sync import run_sync
from db.central_schema import central_refunds, review_cases
from db.local_schema import refunds_owed
from tests.integration.pg_fixtures import (  # noqa: F401
    central,
    central_url,
    pg_server,  # noqa: F401
)

CNO = "1000000001"
SURPLUS = 10100  # the second payment of 100.00 + 1.00 late fee


def _refund_ordered(central, url, tmp_path):  # noqa: F811
    t1, t2 = fx.make_terminal(tmp_path, "T01", url), fx.make_terminal(tmp_path, "T02", url)
    pay(t1.ctx, PayRequest(CNO, Method.CASH, "C01"))
    pay(t2.ctx, PayRequest(CNO, Method.WECHAT, "C01", reference="WX1"))
    for w in (t1, t2):
        run_sync(fx.link_for(w, url))
    case = next(c for c in central.review_cases() if c.kind == "double_payment" and c.customer_no == CNO)
    assert case.amount_fen == SURPLUS
    balance = central.balances()[CNO]
    central.resolve_case(case.case_id, "cai", "refund", "客户要求退款")
    assert central.balances()[CNO] == balance - SURPLUS
    return t1, t2, case


def _journal(w) -> list:
    with w.ctx.read() as uow:
        return list(uow.journal.entries(0))


def test_refund_reaches_the_counter_and_is_paid_out_once(central, central_url, tmp_path):  # noqa: F811
    t1, t2, case = _refund_ordered(central, central_url, tmp_path)
    assert owed_refunds(t1.ctx, CNO) == []  # not before the next sync
    run_sync(fx.link_for(t1, central_url))
    run_sync(fx.link_for(t2, central_url))
    owed = owed_refunds(t1.ctx, CNO)
    assert [(r.amount_fen, r.case_id) for r in owed] == [(SURPLUS, case.case_id)]
    with t1.ctx.read() as uow:
        assert (
            uow.customers.get(CNO).balance_fen == central.balances()[CNO]
        )  # the decision's balance came too

    before = close_preview(t1.ctx, "C01").figures
    result = pay_out(t1.ctx, PayoutRequest(CNO, "C01"))
    after = close_preview(t1.ctx, "C01").figures
    assert result.amount_fen == SURPLUS and result.entry.kind == Kind.REFUND_PAYOUT
    assert after.expected_cash_fen == before.expected_cash_fen - SURPLUS
    assert (after.refund_payouts, after.refund_payout_fen) == (1, SURPLUS)
    assert result.receipt.amount_fen == SURPLUS and result.receipt.kind == Kind.REFUND_PAYOUT
    with t1.ctx.read() as uow:
        assert uow.receipts.get(result.receipt.receipt_no).entry_seq == result.entry.seq
        assert uow.refunds.get(owed[0].refund_id).paid_seq == result.entry.seq
        balance_here = uow.customers.get(CNO).balance_fen
    assert owed_refunds(t1.ctx, CNO) == []

    journal = _journal(t1)
    for refund_ids, code in (((), "refund.none"), ((owed[0].refund_id,), "refund.already_paid")):
        with pytest.raises(HallPayError) as refused:
            pay_out(t1.ctx, PayoutRequest(CNO, "C01", refund_ids))
        assert refused.value.code == code
    assert _journal(t1) == journal  # a refusal changes nothing

    run_sync(fx.link_for(t1, central_url))
    with central.engine.connect() as conn:
        row = conn.execute(
            select(central_refunds).where(central_refunds.c.refund_id == owed[0].refund_id)
        ).one()
    assert (row.status, row.paid_entry_id) == ("paid", result.entry.entry_id)
    assert central.balances()[CNO] == balance_here  # the pay-out moves no account money
    assert central.refunds_to_pay(CNO) == []
    run_sync(fx.link_for(t1, central_url))  # pushing again projects nothing twice
    assert [c for c in central.review_cases() if c.kind == "refund_paid_twice"] == []

    # T02 pulled the order before T01's pay-out arrived, and pays it too while offline: head office keeps the
    # first pay-out and opens a case for finance with the cash handed out twice
    second = pay_out(t2.ctx, PayoutRequest(CNO, "C01"))
    run_sync(fx.link_for(t2, central_url))
    twice = [c for c in central.review_cases() if c.kind == "refund_paid_twice"]
    assert [(c.terminal_id, c.entry_id, c.amount_fen) for c in twice] == [
        ("T02", second.entry.entry_id, SURPLUS)
    ]
    with central.engine.connect() as conn:
        assert (
            conn.execute(
                select(central_refunds.c.paid_entry_id).where(
                    central_refunds.c.refund_id == owed[0].refund_id
                )
            ).scalar()
            == result.entry.entry_id
        )

    t3 = fx.make_terminal(
        tmp_path, "T03", central_url
    )  # a counter that pulls after the pay-out: nothing owed
    run_sync(fx.link_for(t3, central_url))
    assert owed_refunds(t3.ctx, CNO) == []


def test_an_altered_refund_order_is_refused_with_the_whole_pull(central, central_url, tmp_path):  # noqa: F811
    t1, _t2, _case = _refund_ordered(central, central_url, tmp_path)
    with central.engine.begin() as conn:  # someone raises the amount in the central database, not head office
        conn.execute(update(central_refunds).values(amount_fen=SURPLUS * 10))
    result = run_sync(fx.link_for(t1, central_url))
    assert any(p.kind == "pull_refused" and "退款单" in p.reason for p in result.alarms)
    assert owed_refunds(t1.ctx, CNO) == []


def test_the_payout_needs_an_open_shift_and_changes_nothing_without_one(central, central_url, tmp_path):  # noqa: F811
    t1, _t2, _case = _refund_ordered(central, central_url, tmp_path)
    run_sync(fx.link_for(t1, central_url))
    journal = _journal(t1)
    with pytest.raises(HallPayError) as refused:
        pay_out(t1.ctx, PayoutRequest(CNO, "C02"))  # C02 has no open shift: no drawer to pay from
    assert refused.value.code == "shift.none"
    assert _journal(t1) == journal and [r.amount_fen for r in owed_refunds(t1.ctx, CNO)] == [SURPLUS]
    with t1.ctx.read() as uow:
        assert dataclasses.asdict(uow.refunds.owed_to(CNO)[0])["paid_seq"] is None
    with central.engine.connect() as conn:
        assert (
            conn.execute(select(review_cases.c.kind).where(review_cases.c.kind == "refund_paid_twice")).all()
            == []
        )


def test_a_payout_of_an_altered_local_order_is_flagged_with_the_difference(central, central_url, tmp_path):  # noqa: F811
    t1, _t2, case = _refund_ordered(central, central_url, tmp_path)
    run_sync(fx.link_for(t1, central_url))
    with t1.store.engine.begin() as conn:  # someone edits the counter's copy to hand out more cash
        conn.execute(update(refunds_owed).values(amount_fen=SURPLUS + 50000))
    paid = pay_out(t1.ctx, PayoutRequest(CNO, "C01"))
    run_sync(fx.link_for(t1, central_url))
    [flag] = [c for c in central.review_cases() if c.kind == "refund_mismatch"]
    assert (flag.entry_id, flag.amount_fen, flag.customer_no) == (paid.entry.entry_id, 50000, CNO)
    with central.engine.connect() as conn:  # paid is paid (the cash left): once, by this entry
        assert conn.execute(
            select(central_refunds.c.status, central_refunds.c.paid_entry_id).where(
                central_refunds.c.case_id == case.case_id
            )
        ).one() == ("paid", paid.entry.entry_id)
