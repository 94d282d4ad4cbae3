"""The one mapping from a failed HTTP exchange to the Wallet port's answers, shared by both acquirers."""

from __future__ import annotations

import datetime as dt

from app.wallet import UNREACHABLE, TradeState, WalletError
from wallets import alipay, wechat
from wallets.answers import cancel_failed, pay_failed, query_failed, refund_failed, statement_failed
from wallets.transport import NoAnswer, TransportError, Unreachable


def test_a_pay_that_never_left_took_no_money_any_other_failure_is_unknown() -> None:
    never_left = pay_failed("T01X1", Unreachable("connection refused"))
    assert (never_left.state, never_left.reason, never_left.out_trade_no) == (
        TradeState.FAILED,
        UNREACHABLE,
        "T01X1",
    )
    lost = pay_failed("T01X1", NoAnswer("timed out"))
    assert (lost.state, lost.reason, lost.detail) == (TradeState.UNKNOWN, "", "timed out")


def test_query_cancel_refund_are_asked_again_and_a_statement_is_one_sentence() -> None:
    for error in (Unreachable("refused"), NoAnswer("reset")):
        assert query_failed("T01X2", error).state is TradeState.UNKNOWN
        assert (cancel_failed(error).done, cancel_failed(error).retry) == (False, True)
        refund = refund_failed("R1", error)
        assert (refund.done, refund.unknown, refund.refund_no) == (False, True, "R1")
        sentence = statement_failed("微信", dt.date(2026, 11, 23), error)
        assert isinstance(sentence, WalletError) and str(sentence).startswith(
            "无法取得微信 2026-11-23 的对账单"
        )


def test_both_adapters_catch_the_one_transport_error() -> None:
    assert issubclass(Unreachable, TransportError) and issubclass(NoAnswer, TransportError)
    for module in (alipay, wechat):
        assert module.pay_failed is pay_failed and module.TransportError is TransportError


def test_an_answer_with_a_dtd_is_refused_in_any_encoding() -> None:
    """Review F5: the DTD guard was a byte search; the same answer in UTF-16 was parsed and its internal
    entity expanded into return_code."""
    import pytest

    text = (
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE xml [<!ENTITY ok "SUCCESS">]>'
        "<xml><return_code>&ok;</return_code></xml>"
    )
    for raw in (text.encode("utf-16"), text.replace("UTF-16", "UTF-8").encode()):
        with pytest.raises(ValueError):
            wechat.from_xml(raw)
    assert wechat.from_xml(b"<xml><return_code>SUCCESS</return_code></xml>") == {"return_code": "SUCCESS"}
