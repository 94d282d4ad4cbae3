"""The payment service against the real SQLite store: books agree, refusals change nothing."""

from __future__ import annotations

import pytest

from app.errors import HallPayError, NotFound, Refused
from app.model import Method
from app.services.payments import PayRequest, due, pay
from app.services.verify import verify_local


def books(w, customer_no):
    with w.ctx.uow() as uow:
        c = uow.customers.get(customer_no)
        bills = uow.bills.for_customer(customer_no)
        seq, _ = uow.journal.head()
    return c.balance_fen, [(b.bill_id, b.principal_paid_fen, b.fee_carried_fen) for b in bills], seq


def test_cash_payment_settles_bills_and_chains(terminal):
    r = pay(terminal.ctx, PayRequest("1000000001", Method.CASH, "C01", tendered_fen=20000))
    assert r.receipt.receipt_no == "T01-20261123-0001"
    assert (r.receipt.amount_fen, r.receipt.change_fen, r.receipt.late_fee_total_fen) == (19110, 890, 100)
    assert books(terminal, "1000000001")[1] == [("1000000001-a", 10000, 0), ("1000000001-b", 9010, 0)]
    assert due(terminal.ctx, "1000000001").quote.to_pay_fen == 0
    report = verify_local(terminal.ctx)
    assert report.ok and report.entries == 2  # shift open + payment


def test_surplus_goes_to_balance_and_receipt_numbers_follow(terminal):
    pay(terminal.ctx, PayRequest("1000000001", Method.WECHAT, "C01", amount_fen=20000, reference="WX1"))
    r = pay(terminal.ctx, PayRequest("1000000004", Method.CASH, "C01", amount_fen=5000))
    assert books(terminal, "1000000001")[0] == 890
    assert r.receipt.receipt_no == "T01-20261123-0002"
    assert (r.receipt.balance_before_fen, r.receipt.balance_after_fen) == (2000, 7000)


def test_balance_is_spent_before_cash(terminal):
    # 1000000004 has 20.00 balance and nothing due; give it a bill through import-like upsert
    with terminal.ctx.uow() as uow:
        uow.bills.upsert(
            [
                dict(
                    bill_id="x",
                    customer_no="1000000004",
                    period="2026-10",
                    kwh=10,
                    amount_fen=3000,
                    due_date="2026-12-01",
                )
            ]
        )
        uow.commit()
    q = due(terminal.ctx, "1000000004").quote
    assert (q.total_fen, q.to_pay_fen) == (3000, 1000)
    r = pay(terminal.ctx, PayRequest("1000000004", Method.CASH, "C01"))
    assert (r.receipt.amount_fen, r.receipt.balance_after_fen) == (1000, 0)


@pytest.mark.parametrize(
    "req,error",
    [
        (PayRequest("9999999999", Method.CASH, "C01"), NotFound),
        (PayRequest("1000000001", Method.CASH, "C01", tendered_fen=100), Refused),
        (PayRequest("1000000001", Method.BANKCARD, "C01"), Refused),
        (
            PayRequest("1000000001", Method.CASH, "C01", amount_fen=5000),
            Refused,
        ),  # residential partial: policy off
        (PayRequest("1000000004", Method.CASH, "C01"), Refused),  # nothing due
        (PayRequest("1000000001", Method.CASH, "C02"), Refused),  # C02 has no open shift
    ],
)
def test_refusals_change_nothing(terminal, req, error):
    before = books(terminal, "1000000001"), books(terminal, "1000000004")
    with pytest.raises(error) as info:
        pay(terminal.ctx, req)
    assert isinstance(info.value, HallPayError) and str(info.value).endswith("。")
    assert (books(terminal, "1000000001"), books(terminal, "1000000004")) == before


def test_partial_payment_of_non_residential_carries_fee_date(terminal):
    r = pay(
        terminal.ctx,
        PayRequest("1000000002", Method.CHEQUE, "C01", amount_fen=150000, reference="CHQ 001 工行"),
    )
    # oldest bill first: 1001.00 fee, then 499.00 of its principal
    assert [(a.fee_paid_fen, a.principal_paid_fen) for a in r.settlement.allocations] == [(100100, 49900)]
    q = due(terminal.ctx, "1000000002").quote
    # the rest of the old bill owes no new fee today: fees were charged through today
    assert [(line.principal_due_fen, line.fee_due_fen) for line in q.lines] == [(50100, 0), (100000, 4000)]


def test_journal_rows_cannot_be_updated_through_sql(terminal):
    pay(terminal.ctx, PayRequest("1000000001", Method.CASH, "C01"))
    with pytest.raises(Exception, match="append-only"):
        with terminal.ctx.uow() as uow:
            uow.connection.exec_driver_sql("UPDATE journal SET payload = '{}' WHERE seq = 2")
