"""History's day (issue 16): every entry of a business day with its type, newest first, and totals that know
reversals; a prepaid offset (预收冲抵) is a row of its own, with the balance it used and no method."""

from __future__ import annotations

import datetime as dt

from app.importing import parse_bills
from app.model import Method
from app.services.history import day_history
from app.services.master_data import import_master_data
from app.services.payments import PayRequest, pay
from app.services.reversal import ReversalRequest, reverse


def test_a_day_lists_payments_reversals_and_offsets_with_exact_totals(terminal):
    ctx = terminal.ctx
    today = ctx.today()
    cash = pay(ctx, PayRequest("1000000001", Method.CASH, "C01", tendered_fen=200_00)).receipt
    wechat = pay(ctx, PayRequest("1000000002", Method.WECHAT, "C01", reference="WX1")).receipt
    reverse(ctx, ReversalRequest(wechat.receipt_no, "C01", "S01", "录错", "999999"))
    with ctx.read() as uow:
        balance = uow.customers.get("1000000004").balance_fen
    assert balance > 10_00  # the demo customer holds a prepaid balance: a new bill is settled from it
    bills = parse_bills(
        f"customer_no,period,kwh,amount,due_date\n1000000004,2026-11,50,10.00,{today + dt.timedelta(days=20)}\n",
        today=today,
    )
    result = import_master_data(ctx, [], bills)
    assert len(result.offsets) == 1

    rows, totals = day_history(ctx, today)
    assert [(r.type, r.receipt_no, r.method, r.amount_fen) for r in rows] == [
        ("offset", "", "", 10_00),
        ("reversal", wechat.receipt_no, "wechat", -304100),
        ("payment", wechat.receipt_no, "wechat", 304100),
        ("payment", cash.receipt_no, "cash", 191_10),
    ]
    assert [r.reversed for r in rows] == [False, False, True, False]
    assert rows[0].customer_no == "1000000004" and rows[0].stored is None and rows[2].stored is not None
    assert (totals.receipts, totals.taken_fen, totals.reversals, totals.refunded_fen, totals.net_fen) == (
        2,
        3232_10,
        1,
        3041_00,
        191_10,
    )
    before_rows, before = day_history(ctx, today - dt.timedelta(days=1))  # the day before: nothing
    assert before_rows == [] and (before.receipts, before.taken_fen, before.net_fen) == (0, 0, 0)
