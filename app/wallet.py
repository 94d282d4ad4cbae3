"""The wallet port: collecting a customer-presented payment code (付款码) through an acquirer.

Alipay 当面付 条码支付 and WeChat Pay 付款码支付 speak different protocols (wallets/ holds the adapters);
the counter sees one shape: pay, query, cancel (撤销/冲正), refund, the day's statement. No HTTP here.

Amounts are fen. A result's state is one of SUCCESS (the money is taken), USERPAYING (the customer is
entering a password: query again), FAILED (final, nothing taken; `reason` says why), NOT_FOUND (the
acquirer has no trade under that number, or one nobody is paying: cancel it) and UNKNOWN (no answer, a system error: query, then cancel).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from app.errors import HallPayError, InputError
from app.messages import coded


class WalletKind(str, Enum):
    ALIPAY = "alipay"
    WECHAT = "wechat"


WALLET_LABELS = {WalletKind.ALIPAY: "支付宝", WalletKind.WECHAT: "微信"}


class TradeState(str, Enum):
    SUCCESS = "SUCCESS"
    USERPAYING = "USERPAYING"
    FAILED = "FAILED"
    NOT_FOUND = "NOT_FOUND"
    UNKNOWN = "UNKNOWN"


# Reasons of a FAILED result the counter words for the clerk (wallets map the acquirers' codes onto them).
INSUFFICIENT = "INSUFFICIENT"  # 余额不足 / NOTENOUGH / ACQ.BUYER_BALANCE_NOT_ENOUGH
CODE_INVALID = "CODE_INVALID"  # expired or used payment code / AUTHCODEEXPIRE / ACQ.PAYMENT_AUTH_CODE_INVALID
DUPLICATE = "DUPLICATE"  # the out_trade_no is used already / OUT_TRADE_NO_USED / ACQ.TRADE_HAS_SUCCESS
CLOSED = "CLOSED"  # the trade was closed or cancelled
UNREACHABLE = "UNREACHABLE"  # the connection was refused: the request never left this PC
REFUSED = "REFUSED"  # any other business refusal of the acquirer


@dataclass(frozen=True)
class TradeResult:
    state: TradeState
    out_trade_no: str
    trade_no: str = ""  # the acquirer's trade number: the reference on the receipt
    amount_fen: int = 0  # what the acquirer says it took (SUCCESS) or was asked (query)
    reason: str = ""  # FAILED: one of the reasons above
    detail: str = ""  # the acquirer's own code and message, for the log and the clerk's sentence


@dataclass(frozen=True)
class CancelResult:
    done: bool  # the trade is closed (nothing taken) or its money is on its way back
    refunded: bool = False  # the acquirer had taken the money and gives it back (Alipay action=refund)
    retry: bool = False  # the acquirer asks for the cancel to be sent again
    detail: str = ""


@dataclass(frozen=True)
class RefundResult:
    """A refund request's answer, or a refund query's. done: the acquirer made the refund (a query: it
    holds a refund under that number). unknown: no answer, or any answer that is not a definite refusal
    (Alipay ACQ.SYSTEM_ERROR, WeChat SYSTEMERROR / BIZERR_NEED_RETRY, an answer for another request):
    the refund stays open under the same number and is queried before anything else. Neither: a definite
    refusal (a query: the acquirer has no refund under that number)."""

    done: bool
    refund_no: str
    amount_fen: int = 0
    unknown: bool = False
    detail: str = ""


@dataclass(frozen=True)
class StatementLine:
    """One trade of the acquirer's statement (对账单) for a day."""

    out_trade_no: str
    trade_no: str
    amount_fen: int  # positive: payment; negative: refund
    kind: str = "pay"  # pay | refund


class WalletError(HallPayError):
    """The statement could not be had (no answer, bad signature); the sentence says so."""


class Wallet(Protocol):
    """One acquirer account. Must not raise for network trouble on pay/query/cancel/refund: the result
    says UNKNOWN (or FAILED/UNREACHABLE when the connection was refused). Answers whose signature does
    not verify are UNKNOWN too: nothing unverified is believed. Nor is a genuine answer that belongs to
    another request (its out_trade_no, refund number, app id / merchant id are not this request's): a
    replayed answer is no answer."""

    kind: WalletKind
    cancel_after_s: float  # no cancel sooner after the pay was sent (WeChat's reverse: 15 s)

    def pay(self, out_trade_no: str, auth_code: str, amount_fen: int, subject: str) -> TradeResult: ...

    def query(self, out_trade_no: str) -> TradeResult: ...

    def cancel(self, out_trade_no: str) -> CancelResult: ...

    def refund(
        self, out_trade_no: str, refund_no: str, amount_fen: int, total_fen: int, reason: str
    ) -> RefundResult: ...

    def refund_query(self, out_trade_no: str, refund_no: str) -> RefundResult: ...

    def statement(self, day: dt.date) -> list[StatementLine]: ...


# ------------------------------------------------------------------ the payment code

_CODE = re.compile(r"^[0-9]{16,24}$", re.ASCII)


def detect_wallet(auth_code: str) -> WalletKind:
    """Which wallet a scanned payment code belongs to: Alipay 25–30, WeChat 10–15, 16–24 digits."""
    code = (auth_code or "").strip()
    if not _CODE.match(code):
        raise (
            coded(InputError, "wallet.code_invalid", auth_code=code)
            if code
            else coded(InputError, "wallet.code_empty")
        )
    prefix = int(code[:2])
    if 25 <= prefix <= 30:
        return WalletKind.ALIPAY
    if 10 <= prefix <= 15:
        return WalletKind.WECHAT
    raise coded(InputError, "wallet.code_unknown", prefix=code[:2])


def looks_like_payment_code(text: str) -> bool:
    """A scanned payment code rather than a typed trade number (the counter's reference field takes both)."""
    try:
        detect_wallet(text)
    except InputError:
        return False
    return True


def masked(auth_code: str) -> str:
    """What the journal and the log may keep of a payment code: its wallet prefix and last four digits."""
    code = auth_code.strip()
    return f"{code[:2]}{'*' * max(0, len(code) - 6)}{code[-4:]}"


def out_trade_no(terminal_id: str, seq: int) -> str:
    """The merchant's order number of an attempt: 'HP', the terminal (letters and digits), the journal
    sequence of the attempt's entry. Unique because a terminal never reuses a sequence; ≤ 32 characters
    (WeChat's limit) for any terminal id up to 20 characters."""
    tid = re.sub(r"[^0-9A-Za-z]", "", terminal_id)[:20]
    return f"HP{tid}{seq:010d}"
