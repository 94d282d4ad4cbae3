"""What a failed HTTP exchange means for each call of the Wallet port, the same for every acquirer.

The adapters (alipay.py, wechat.py) differ in how they sign and what their answers say; when the exchange
itself fails they must agree, since the collect flow (app/services/wallet_pay.py) decides on it:
- pay: a request that never left this PC took no money (FAILED, unreachable); any other failure may have
  reached the acquirer, so the outcome is UNKNOWN and is queried, then cancelled;
- query: UNKNOWN (ask again);
- cancel: not cancelled, ask again (the same out_trade_no: cancelled at most once);
- refund: unknown, ask again with the same refund number (refunded at most once);
- refund query: unknown (the refund stays open; asking again with the same number is safe);
- statement: no statement, one sentence (the reconciliation is pending).
"""

from __future__ import annotations

import datetime as dt

from app.messages import coded
from app.wallet import (
    UNREACHABLE,
    CancelResult,
    RefundResult,
    TradeResult,
    TradeState,
    WalletError,
)
from wallets.transport import TransportError, Unreachable


def pay_failed(out_trade_no: str, error: TransportError) -> TradeResult:
    if isinstance(error, Unreachable):
        return TradeResult(TradeState.FAILED, out_trade_no, reason=UNREACHABLE, detail=str(error))
    return TradeResult(TradeState.UNKNOWN, out_trade_no, detail=str(error))


def query_failed(out_trade_no: str, error: TransportError) -> TradeResult:
    return TradeResult(TradeState.UNKNOWN, out_trade_no, detail=str(error))


def cancel_failed(error: TransportError) -> CancelResult:
    return CancelResult(False, retry=True, detail=str(error))


def refund_failed(refund_no: str, error: TransportError) -> RefundResult:
    return RefundResult(False, refund_no, unknown=True, detail=str(error))


def not_ours(answer_no: str, asked_no: str) -> bool:
    """A genuine answer that names another order (a replay, a misrouted answer): believed as no answer.
    An answer that names none (an error answer) is not checked here."""
    return bool(answer_no) and answer_no != asked_no


def foreign(out_trade_no: str, detail: str) -> TradeResult:
    return TradeResult(TradeState.UNKNOWN, out_trade_no, detail=f"应答不属于本笔交易（{detail}）")


def statement_failed(wallet_label: str, day: dt.date, error: TransportError) -> WalletError:
    return coded(WalletError, "wallet.statement_failed", acquirer=wallet_label, day=day, error=error)
