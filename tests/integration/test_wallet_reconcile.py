"""A day's wallet payments against the simulator's statements (Alipay's zipped GBK bill, WeChat's downloadbill)."""

from __future__ import annotations

from typing import Any

import pytest

from app.model import Method
from app.services.payments import PayRequest, pay
from app.services.wallet_pay import WalletPayRequest, collect
from app.services.wallet_reconcile import reconcile_day
from app.wallet import WalletKind
from tests.integration.wallet_fixtures import DAY, FAST, _hall_template, _sim_server, hall, sim, wallets_for  # noqa: F401
from wallets.codes import payment_code


def test_statement_matches_and_lists_the_differences(hall: Any, sim: Any) -> None:
    wallets = wallets_for(hall, sim)
    paid = {}
    for kind in WalletKind:
        for amount in (10_00, 20_00):
            r = collect(
                hall.ctx,
                wallets,
                WalletPayRequest(
                    "1000000004", Method(kind.value), payment_code(kind), "C01", amount_fen=amount
                ),
                polling=FAST,
            )
            paid[(kind, amount)] = r
    clean = reconcile_day(hall.ctx, wallets, DAY)
    assert clean.clean and [len(w.matched) for w in clean.wallets] == [2, 2]
    # one missing: a typed reference the acquirer never saw; one differing: the acquirer's amount changed;
    # one extra: a trade the acquirer holds that the journal does not
    pay(hall.ctx, PayRequest("1000000004", Method.WECHAT, "C01", amount_fen=5_00, reference="4200FAKE"))
    sim.trade("wechat", paid[(WalletKind.WECHAT, 10_00)].out_trade_no).amount_fen = 11_00
    sim._pay("alipay", "HPOTHER0000000001", 7_00, payment_code(WalletKind.ALIPAY))
    report = reconcile_day(hall.ctx, wallets, DAY)
    alipay, wechat = report.wallets
    assert [(d.trade_no, d.theirs_fen) for d in alipay.extra_at_acquirer] == [
        (sim.trade("alipay", "HPOTHER0000000001").trade_no, 7_00)
    ]
    assert [(d.trade_no, d.typed) for d in wechat.missing_at_acquirer] == [("4200FAKE", True)]
    assert [(d.ours_fen, d.theirs_fen) for d in wechat.amount_differs] == [(10_00, 11_00)]
    assert not report.clean and "对账有差异" in report.lines()[-1]
    assert report.as_json()["wallets"][1]["missing_at_acquirer"][0]["typed"] is True


def test_a_supervisor_signs_the_differences_off(hall: Any, sim: Any) -> None:
    from app.errors import Refused
    from app.services.wallet_reconcile import sign_off

    wallets = wallets_for(hall, sim)
    assert reconcile_day(hall.ctx, wallets, DAY).clean
    with pytest.raises(Refused):
        sign_off(hall.ctx, reconcile_day(hall.ctx, wallets, DAY), "C01", "S01", "999999", "无差异")
    pay(hall.ctx, PayRequest("1000000004", Method.ALIPAY, "C01", amount_fen=5_00, reference="2026FAKE"))
    report = reconcile_day(hall.ctx, wallets, DAY)
    with pytest.raises(Refused):
        sign_off(hall.ctx, report, "C01", "S01", "000000", "客户手机截图核实")
    seq = sign_off(hall.ctx, report, "C01", "S01", "999999", "客户手机截图核实")
    with hall.store.uow() as uow:
        entry = uow.journal.get(seq)
    assert (
        entry.payload["detail"]["reconciliation"]["wallets"][0]["missing_at_acquirer"][0]["trade_no"]
        == "2026FAKE"
    )


def test_live_reconciliation_queries_each_collected_trade(hall: Any, sim: Any) -> None:
    from app.services.wallet_reconcile import reconcile_live

    wallets = wallets_for(hall, sim)
    done = [
        collect(
            hall.ctx,
            wallets,
            WalletPayRequest("1000000004", Method(k.value), payment_code(k), "C01", amount_fen=4_00),
            polling=FAST,
        )
        for k in WalletKind
    ]
    pay(hall.ctx, PayRequest("1000000004", Method.ALIPAY, "C01", amount_fen=1_00, reference="2026TYPED"))
    live = reconcile_live(hall.ctx, wallets, DAY)
    assert live.clean  # the typed one waits for the statement, listed for checking
    assert [(d.trade_no, d.ours_fen) for d in live.wallets[0].unverified] == [("2026TYPED", 1_00)]
    assert any("待对账单核对：2026TYPED" in line for line in live.lines())
    sim.trade("alipay", done[0].out_trade_no).amount_fen = 4_01
    alipay = reconcile_live(hall.ctx, wallets, DAY).wallets[0]
    assert [(d.ours_fen, d.theirs_fen) for d in alipay.amount_differs] == [(4_00, 4_01)]


def test_a_reversal_reconciles_on_the_day_the_acquirer_reports_its_refund(hall: Any, sim: Any) -> None:
    """Review F10: the refund of a reversal is on the statement of the day it was made. A same-day reversal
    nets to nothing on both sides (its refund_fen was read as amount_fen: it never netted); a reversal on
    the next day (a shift past midnight) leaves the payment's day as it was and is that day's refund line."""
    import datetime as dt

    from app.services.reversal import ReversalRequest
    from app.services.wallet_refund import reverse_payment

    wallets = wallets_for(hall, sim)

    def collected(kind: WalletKind) -> Any:
        request = WalletPayRequest(
            "1000000004", Method(kind.value), payment_code(kind), "C01", amount_fen=6_00
        )
        return collect(hall.ctx, wallets, request, polling=FAST)

    def reverse(receipt_no: str) -> None:
        req = ReversalRequest(receipt_no, "C01", "S01", "客户要求退款", approver_pin="999999")
        reverse_payment(hall.ctx, lambda: wallets, req)

    same_day, kept, next_day = (
        collected(k) for k in (WalletKind.WECHAT, WalletKind.ALIPAY, WalletKind.ALIPAY)
    )
    reverse(same_day.paid.receipt.receipt_no)
    on_day = reconcile_day(hall.ctx, wallets, DAY)
    assert on_day.clean, on_day.lines()
    assert [len(w.matched) for w in on_day.wallets] == [2, 0]

    later = DAY + dt.timedelta(days=1)
    hall.ctx.clock.now = hall.ctx.clock.now + dt.timedelta(
        hours=14, minutes=30
    )  # the shift runs past midnight
    sim.today = lambda: later
    try:
        reverse(next_day.paid.receipt.receipt_no)
        assert reconcile_day(hall.ctx, wallets, DAY).clean
        after = reconcile_day(hall.ctx, wallets, later)
        assert after.clean, after.lines()
        assert [(d.trade_no, d.ours_fen) for d in after.wallets[0].matched] == [(next_day.trade_no, -6_00)]
    finally:
        sim.today = lambda: DAY
