"""A refund pay-out's rules without a database: the shift's cash, the receipt's words, refusals that change
nothing (services on tests/fakes.py's in-memory store)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.errors import HallPayError
from app.journal import Kind
from app.services.context import Context, Terminal
from app.services.refund_payout import PayoutRequest, owed_refunds, pay_out
from app.services.shift_figures import shift_figures
from app.store import OwedRefund, Shift
from printing.layout import layout_receipt
from tests.fakes import MemoryStore
from tests.unit.test_shift_figures import S1, Journal

NOW = dt.datetime(2026, 11, 23, 2, 0, tzinfo=dt.UTC)


class Clock:
    def now_utc(self) -> dt.datetime:
        return NOW


def store_with_refunds() -> MemoryStore:
    from app.ids import CustomerNo
    from app.model import Category, Customer

    store = MemoryStore()
    s = store.state
    s.customers["1000000004"] = Customer(
        CustomerNo("1000000004"),
        "张伟",
        "城西区",
        "13800000004",
        Category.RESIDENTIAL,
        "M4",
        False,
        "",
        False,
        2000,
    )
    s.shifts[S1.shift_id] = S1
    for rid, amount in (("r-1", 10100), ("r-2", 5)):
        s.refunds[rid] = OwedRefund(
            rid,
            "1000000004",
            amount,
            f"double_payment:{rid}:",
            f"hq-{rid}",
            "2026-11-23T01:00:00Z",
            "ordered",
            None,
        )
    s.refunds["r-3"] = OwedRefund(
        "r-3", "1000000004", 700, "c3", "hq-r-3", "2026-11-23T01:00:00Z", "paid", None
    )
    return store


def ctx_of(store: MemoryStore) -> Context:
    return Context(store.uow, Clock(), Terminal("T01", "城东营业厅"), reader=store.reader)


def test_a_payout_is_cash_out_of_the_shift_and_no_account_money():
    journal = Journal()
    journal.pay(S1, "T01-1", "1", "cash", 30000, tendered=30000)
    journal.add(
        Kind.REFUND_PAYOUT,
        shift_id=S1.shift_id,
        customer_no="1",
        amount_fen=10105,
        method="cash",
        refunds=[{"refund_id": "r-1", "amount_fen": 10100}, {"refund_id": "r-2", "amount_fen": 5}],
    )
    f = shift_figures(S1, journal.entries, {"1": "residential"})
    assert (f.refund_payouts, f.refund_payout_fen) == (1, 10105)
    assert f.expected_cash_fen == 50000 + 30000 - 10105  # float + cash taken − paid out
    assert f.received_fen == 30000 and f.cash_refunds_fen == 0  # not a reversal, not takings


def test_pay_out_pays_every_owed_refund_once_and_prints_a_receipt_to_sign():
    store = store_with_refunds()
    ctx = ctx_of(store)
    assert [r.refund_id for r in owed_refunds(ctx, "1000000004")] == ["r-1", "r-2"]  # r-3 paid elsewhere
    result = pay_out(ctx, PayoutRequest("1000000004", "C01"))
    assert result.amount_fen == 10105 and result.entry.payload["refunds"][1] == {
        "refund_id": "r-2",
        "amount_fen": 5,
        "case_id": "double_payment:r-2:",
        "order_entry_id": "hq-r-2",
    }
    assert (
        store.state.customers["1000000004"].balance_fen == 2000
    )  # the balance moved at head office's decision
    texts = [line.text for line in layout_receipt(result.receipt, 32)]
    assert "退款支付凭证" in texts and "客户签字：" in texts and not any("实收金额" in t for t in texts)
    assert any("退款金额" in t and "101.05" in t for t in texts)
    assert result.receipt.qr_text.split("|")[3] == "101.05"  # the receipt code carries the amount paid out
    commits = store.commits
    for req, code in (
        (PayoutRequest("1000000004", "C01"), "refund.none"),
        (PayoutRequest("1000000004", "C01", ("r-1",)), "refund.already_paid"),
        (PayoutRequest("1000000004", "C01", ("r-3",)), "refund.paid_elsewhere"),
        (PayoutRequest("1000000004", "C01", ("r-9",)), "refund.unknown"),
        (PayoutRequest("1000000004", "C02"), "shift.none"),
    ):
        with pytest.raises(HallPayError) as refused:
            pay_out(ctx, req)
        assert refused.value.code == code
    assert store.commits == commits  # every refusal before the commit: nothing changed


def test_a_shift_of_an_earlier_day_pays_nothing_out():
    store = store_with_refunds()
    old = Shift("T01-C01-20261122-1", "C01", "2026-11-22T01:00:00Z", "2026-11-22", 0, None)
    store.state.shifts = {old.shift_id: old}
    with pytest.raises(HallPayError) as refused:
        pay_out(ctx_of(store), PayoutRequest("1000000004", "C01"))
    assert refused.value.code == "shift.earlier_day"
    assert [r.refund_id for r in owed_refunds(ctx_of(store), "1000000004")] == ["r-1", "r-2"]


def test_a_payout_above_the_cash_in_the_drawer_is_refused_and_changes_nothing():
    """Found by the province simulation (issue 26, seed 3, 2026-12-17): 1,283.00 was paid out of a shift
    whose drawer held its 500.00 float, its expected cash went to −8.00 and no count could close it."""
    store = store_with_refunds()
    s = store.state
    s.refunds["r-1"] = OwedRefund(
        "r-1", "1000000004", 50001, "c1", "hq-r-1", "2026-11-23T01:00:00Z", "ordered", None
    )
    ctx = ctx_of(store)
    commits = store.commits
    with pytest.raises(HallPayError) as refused:
        pay_out(ctx, PayoutRequest("1000000004", "C01", ("r-1",)))
    assert refused.value.code == "refund.drawer_short" and "500.01" in str(refused.value)
    assert store.commits == commits
    assert pay_out(ctx, PayoutRequest("1000000004", "C01", ("r-2",))).amount_fen == 5  # what the drawer holds
