"""Reversal (冲正) of a collected wallet payment: the acquirer refunds before the journal records it."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from app.errors import Refused
from app.journal import Kind
from app.model import Method
from app.services.payments import PayRequest, pay
from app.services.reversal import ReversalRequest
from app.services.wallet_pay import WalletPayRequest, collect
from app.services.wallet_refund import WALLET_REFUND, reverse_payment
from app.wallet import WalletKind
from tests.integration.wallet_fixtures import FAST, _hall_template, _sim_server, hall, sim, wallets_for  # noqa: F401
from wallets.codes import payment_code


def kinds(hall: Any) -> list[str]:
    con = sqlite3.connect(hall.data_dir / "local.db")
    try:
        return [k for (k,) in con.execute("SELECT kind FROM journal ORDER BY seq")]
    finally:
        con.close()


def collected(hall: Any, wallets: Any, kind: WalletKind) -> Any:
    return collect(
        hall.ctx,
        wallets,
        WalletPayRequest("1000000004", Method(kind.value), payment_code(kind), "C01", amount_fen=15_00),
        polling=FAST,
    )


@pytest.mark.parametrize("kind", list(WalletKind))
def test_refund_then_reversal(hall: Any, sim: Any, kind: WalletKind) -> None:
    wallets = wallets_for(hall, sim)
    paid = collected(hall, wallets, kind)
    r = reverse_payment(
        hall.ctx,
        lambda: wallets,
        ReversalRequest(paid.paid.receipt.receipt_no, "C01", "S01", "客户要求退款", approver_pin="999999"),
    )
    trade = sim.trade(kind.value, paid.out_trade_no)
    assert sum(trade.refunds.values()) == 15_00 and r.refund_fen == 15_00 and r.balance_after_fen == 2000
    assert kinds(hall).count(Kind.REVERSAL) == 1 and sim.taken() == []


def test_a_refused_reversal_never_reaches_the_acquirer(hall: Any, sim: Any) -> None:
    wallets = wallets_for(hall, sim)
    paid = collected(hall, wallets, WalletKind.ALIPAY)
    before = kinds(hall)
    with pytest.raises(Refused):
        reverse_payment(
            hall.ctx,
            lambda: wallets,
            ReversalRequest(
                paid.paid.receipt.receipt_no, "C01", "S01", "客户要求退款", approver_pin="000001"
            ),
        )
    assert not any(m == "alipay.trade.refund" for _, m, _ in sim.requests)
    assert kinds(hall) == before and len(sim.taken()) == 1
    with hall.store.uow() as uow:  # the dry run still counts the wrong PIN towards the lock-out
        assert uow.settings.clerk("S01").failed_attempts == 1


def test_no_answer_means_no_reversal_and_the_retry_refunds_once(hall: Any, sim: Any) -> None:
    from wallets.wechat import WechatWallet

    wallets = wallets_for(hall, sim)
    paid = collected(hall, wallets, WalletKind.WECHAT)
    real = wallets[WalletKind.WECHAT]
    dead = WechatWallet("http://127.0.0.1:9", real.appid, real.mch_id, real._key, timeout_s=0.3)
    req = ReversalRequest(paid.paid.receipt.receipt_no, "C01", "S01", "客户要求退款", approver_pin="999999")
    with pytest.raises(Refused) as caught:
        reverse_payment(hall.ctx, lambda: {WalletKind.WECHAT: dead}, req)
    assert "结果未知" in str(caught.value) and kinds(hall).count(Kind.REVERSAL) == 0
    for _ in range(2):  # the retry reuses the refund number; a third try is refused as already reversed
        try:
            reverse_payment(hall.ctx, lambda: wallets, req)
        except Refused as error:
            assert "不能重复冲正" in str(error)
    trade = sim.trade("wechat", paid.out_trade_no)
    assert list(trade.refunds.values()) == [15_00] and kinds(hall).count(WALLET_REFUND) == 1
    assert kinds(hall).count(Kind.REVERSAL) == 1


def test_a_typed_reference_payment_is_reversed_as_before(hall: Any, sim: Any) -> None:
    paid = pay(
        hall.ctx, PayRequest("1000000004", Method.ALIPAY, "C01", amount_fen=3_00, reference="2026TYPED")
    )

    def never() -> Any:
        raise AssertionError("no acquirer for a typed reference")

    r = reverse_payment(
        hall.ctx, never, ReversalRequest(paid.receipt.receipt_no, "C01", "S01", "录错", approver_pin="999999")
    )
    assert r.refund_fen == 3_00


@pytest.mark.parametrize("kind", list(WalletKind))
def test_a_refund_made_but_answered_with_a_retryable_error_is_booked_once(
    hall: Any, sim: Any, kind: WalletKind
) -> None:
    """Review F1/F4: the acquirer refunds, then answers Alipay 40004 ACQ.SYSTEM_ERROR / WeChat
    BIZERR_NEED_RETRY. The refund must stay open under its number and be booked from the acquirer's word;
    a new refund number would be refused as an over-refund and the reversal never recorded."""
    wallets = wallets_for(hall, sim)
    sim.script("refund_retryable")
    paid = collected(hall, wallets, kind)
    req = ReversalRequest(paid.paid.receipt.receipt_no, "C01", "S01", "客户要求退款", approver_pin="999999")
    for _ in range(2):  # the clerk tries again after any refusal
        try:
            reverse_payment(hall.ctx, lambda: wallets, req)
            break
        except Refused:
            continue
    trade = sim.trade(kind.value, paid.out_trade_no)
    assert list(trade.refunds.values()) == [15_00]
    assert kinds(hall).count(Kind.REVERSAL) == 1 and kinds(hall).count(WALLET_REFUND) == 1
    refund_calls = [m for _, m, _ in sim.requests if m in ("alipay.trade.refund", "/secapi/pay/refund")]
    assert len(refund_calls) == 1  # booked from the refund query, never a second refund request


def test_a_refund_closed_as_refused_is_queried_before_a_new_number(hall: Any, sim: Any) -> None:
    """A terminal where a made refund was closed 'refused' (dc2d81b's journal after F1, or an acquirer
    whose words lie): the next reversal asks about that refund number first and books it, so the
    customer's money is reversed once and no second refund request leaves."""
    from app.services.wallet_refund import WALLET_REFUND_OUTCOME
    from app.wallet import RefundResult

    wallets = wallets_for(hall, sim)
    paid = collected(hall, wallets, WalletKind.ALIPAY)
    real = wallets[WalletKind.ALIPAY]

    class SaysRefused:  # the acquirer refunds, its answer says a definite no
        kind = WalletKind.ALIPAY

        def refund(self, *args: Any) -> RefundResult:
            done = real.refund(*args)
            return RefundResult(False, done.refund_no, detail="40004 ACQ.TRADE_STATUS_ERROR")

        def __getattr__(self, name: str) -> Any:
            return getattr(real, name)

    req = ReversalRequest(paid.paid.receipt.receipt_no, "C01", "S01", "客户要求退款", approver_pin="999999")
    with pytest.raises(Refused):
        reverse_payment(hall.ctx, lambda: {WalletKind.ALIPAY: SaysRefused()}, req)
    assert kinds(hall).count(WALLET_REFUND_OUTCOME) == 1 and kinds(hall).count(Kind.REVERSAL) == 0
    reverse_payment(hall.ctx, lambda: wallets, req)
    trade = sim.trade("alipay", paid.out_trade_no)
    assert list(trade.refunds.values()) == [15_00]
    assert kinds(hall).count(Kind.REVERSAL) == 1 and kinds(hall).count(WALLET_REFUND) == 1
    assert [m for _, m, _ in sim.requests].count("alipay.trade.refund") == 1
