"""Finance's decisions on the central ledger: each one an entry on head office's own chain (who and why),
a refund off the customer's central balance and ordered for the counter to pull; nothing decided twice."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.errors import Refused
from app.journal import verify_chain
from db.central.decide import CASE_DECISION, REFUND_ORDER
from db.central.hq import HQ
from db.central_schema import review_cases


def money_cases(central):
    return [c for c in central.review_cases() if c.kind == "double_payment"]


def test_credit_keeps_the_balance_and_journals_who_and_why(central):
    case = money_cases(central)[0]
    balance = central.balances()[case.customer_no]
    entry = central.resolve_case(case.case_id, "cai", "credit", "客户同意留作预存")
    assert central.balances()[case.customer_no] == balance
    hq = central.journal(HQ)
    assert hq[-1] == entry and entry.kind == CASE_DECISION and verify_chain(hq, HQ) is None
    assert entry.payload["decided_by"] == "cai" and entry.payload["reason"] == "客户同意留作预存"
    assert entry.payload["amount_fen"] == case.amount_fen and entry.payload["case_id"] == case.case_id
    assert case.case_id not in [c.case_id for c in central.review_cases()]
    with central.engine.connect() as conn:
        row = conn.execute(select(review_cases).where(review_cases.c.case_id == case.case_id)).one()
    assert (row.resolution, row.resolved_by, row.resolution_entry_id) == ("credit", "cai", entry.entry_id)
    assert central.refunds_to_pay() == []


def test_refund_takes_the_surplus_off_the_balance_and_orders_the_pay_out(central):
    case = money_cases(central)[0]
    balance = central.balances()[case.customer_no]
    entry = central.resolve_case(case.case_id, "cai", "refund", "客户要求退款")
    assert entry.kind == REFUND_ORDER
    assert entry.payload["balance_before_fen"] == balance
    assert (
        central.balances()[case.customer_no]
        == balance - case.amount_fen
        == entry.payload["balance_after_fen"]
    )
    [refund] = central.refunds_to_pay(case.customer_no)
    assert (refund["amount_fen"], refund["case_id"], refund["order_entry_id"]) == (
        case.amount_fen,
        case.case_id,
        entry.entry_id,
    )
    # the customer's new balance is pulled like any change: its txn is at or above the refund's
    assert central.refunds_to_pay(after_txn=refund["txn"]) == [refund]
    assert verify_chain(central.journal(HQ), HQ) is None


def test_a_decided_case_is_never_decided_again(central):
    case = money_cases(central)[0]
    central.resolve_case(case.case_id, "cai", "credit", "留作预存")
    hq = central.journal(HQ)
    with pytest.raises(Refused, match="不能再改"):
        central.resolve_case(case.case_id, "cai", "refund", "改主意")
    assert central.journal(HQ) == hq and central.refunds_to_pay() == []


def test_a_refund_larger_than_the_balance_left_is_refused(central):
    """The surplus was already spent (a prepaid offset settled new bills with it): no refund out of nothing.
    The spending is head office's own signed write here: a hand edit would be a tampered row (issue 29), refused
    for another reason."""
    from sqlalchemy import update

    from db.central.rowsign import sign_written
    from db.central.sql import next_txn
    from db.central_schema import central_customers

    case = money_cases(central)[0]
    with central.engine.begin() as conn:
        mark = next_txn(conn)
        conn.execute(
            update(central_customers)
            .where(central_customers.c.customer_no == case.customer_no)
            .values(balance_fen=case.amount_fen - 1, txn=mark)
        )
        sign_written(conn, mark, HQ, central.hq)
    hq = central.journal(HQ)
    with pytest.raises(Refused, match="不足"):
        central.resolve_case(case.case_id, "cai", "refund", "退款")
    assert central.journal(HQ) == hq and central.refunds_to_pay() == []
    assert central.balances()[case.customer_no] == case.amount_fen - 1
    assert case.case_id in [c.case_id for c in central.review_cases()]


def test_a_refunds_new_balance_reaches_counters_signed_by_head_office(central):
    """Counters refuse a pull with an unsigned or altered row (issue 18): the refund's balance is HQ's write."""
    from app.pulled import HQ as SIGNER
    from app.pulled import row_problem

    assert central.hq is not None
    case = money_cases(central)[0]
    central.resolve_case(case.case_id, "cai", "refund", "客户要求退款")
    trusted = {SIGNER: central.hq.public_key_hex}
    [row] = [
        r
        for page in central.pull({}, 10_000)
        if page.table == "customers"
        for r in page.rows
        if r["customer_no"] == case.customer_no
    ]
    assert row["signer"] == SIGNER and row_problem("customers", row, trusted) is None
    assert int(row["balance_fen"]) == central.balances()[case.customer_no]
