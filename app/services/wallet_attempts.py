"""The journal side of a wallet payment (issue 19): the attempt written before any byte goes to the acquirer,
its outcome, and booking a trade the acquirer took exactly once.

A `wallet_attempt` entry is the durable intent (no money); its sequence makes the merchant's order number.
A `wallet_outcome` entry closes it: paid (with the receipt), cancelled or failed. Both the collect flow
(app/services/wallet_pay.py) and the recovery of a crash (app/services/wallet_recovery.py) book and close
through here, so a trade is recorded once whichever of them sees it first.
"""

from __future__ import annotations

import logging
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any, Protocol

from app.journal import Entry, Kind
from app.model import Method
from app.services.context import Context, append_entry
from app.services.payments import PayRequest, PayResult, pay
from app.wallet import UNREACHABLE, TradeResult, TradeState, WalletKind

log = logging.getLogger(__name__)

# journal entry kinds of a wallet payment (no money: the central ledger keeps them, projects nothing)
WALLET_ATTEMPT = "wallet_attempt"
WALLET_OUTCOME = "wallet_outcome"


class AttemptLocks(Protocol):
    """Tells a live attempt (this or another process is still waiting for its answer) from a dead one."""

    def hold(self, out_trade_no: str) -> AbstractContextManager[object]: ...

    def is_held(self, out_trade_no: str) -> bool: ...


class NoLocks:
    """One process at a counter: an attempt without an outcome is a dead one."""

    def hold(self, out_trade_no: str) -> AbstractContextManager[object]:
        return nullcontext()

    def is_held(self, out_trade_no: str) -> bool:
        return False


@dataclass(frozen=True)
class Attempt:
    entry: Entry

    @property
    def out_trade_no(self) -> str:
        return str(self.entry.payload["out_trade_no"])

    @property
    def wallet(self) -> WalletKind:
        return WalletKind(self.entry.payload["wallet"])

    @property
    def customer_no(self) -> str:
        return str(self.entry.payload["customer_no"])

    @property
    def amount_fen(self) -> int:
        return int(self.entry.payload["amount_fen"])


def open_attempts(ctx: Context) -> list[Attempt]:
    with ctx.read() as uow:
        closed = {str(e.payload.get("out_trade_no")) for e in uow.journal.of_kind(WALLET_OUTCOME)}
        return [
            Attempt(e)
            for e in uow.journal.of_kind(WALLET_ATTEMPT)
            if str(e.payload.get("out_trade_no")) not in closed
        ]


def close_attempt(ctx: Context, attempt: Attempt, outcome: str, clerk_id: str, **extra: Any) -> None:
    with ctx.uow() as uow:
        if any(
            str(e.payload.get("out_trade_no")) == attempt.out_trade_no
            for e in uow.journal.of_kind(WALLET_OUTCOME, after_seq=attempt.entry.seq)
        ):
            return  # closed already (by another process's recovery)
        append_entry(
            uow,
            ctx,
            WALLET_OUTCOME,
            clerk_id,
            {
                "out_trade_no": attempt.out_trade_no,
                "wallet": attempt.wallet.value,
                "customer_no": attempt.customer_no,
                "attempt_seq": attempt.entry.seq,
                "outcome": outcome,
                "shift_id": attempt.entry.payload.get("shift_id", ""),
                **extra,
            },
            ctx.clock.now_utc(),
        )
        uow.commit()


def recorded_receipt(ctx: Context, attempt: Attempt, trade_no: str) -> str | None:
    """The receipt of a payment already recorded with this trade number (after the attempt), or None."""
    with ctx.read() as uow:
        for e in uow.journal.of_kind(Kind.PAYMENT, after_seq=attempt.entry.seq):
            if e.payload.get("method") == attempt.wallet.value and e.payload.get("reference") == trade_no:
                return str(e.payload["receipt_no"])
    return None


def record_trade(ctx: Context, attempt: Attempt, result: TradeResult, clerk_id: str) -> PayResult | None:
    """Book a trade the acquirer took: one payment with its trade number, then the attempt's outcome.
    Returns None when the payment was booked already (a crash after the payment, before the outcome)."""
    done = recorded_receipt(ctx, attempt, result.trade_no)
    paid: PayResult | None = None
    if done is None:
        paid = pay(
            ctx,
            PayRequest(
                attempt.customer_no,
                Method(attempt.wallet.value),
                clerk_id,
                amount_fen=attempt.amount_fen,
                reference=result.trade_no,
            ),
        )
        done = paid.receipt.receipt_no
    close_attempt(
        ctx,
        attempt,
        "paid",
        clerk_id,
        trade_no=result.trade_no,
        receipt_no=done,
        amount_fen=attempt.amount_fen,
    )
    return paid


def believed(ctx: Context, attempt: Attempt, result: TradeResult) -> TradeResult:
    """A SUCCESS is believed only when it is this attempt's (the adapters check the answer names its
    out_trade_no, app id / merchant id) and its trade number is no other attempt's: a genuine answer of an
    earlier trade, replayed, would otherwise book money the acquirer never took (review 2026-12-07 F2).
    Anything else is no answer: the attempt is queried, then cancelled."""
    if result.state is not TradeState.SUCCESS:
        return result
    why = ""
    if result.out_trade_no != attempt.out_trade_no or not result.trade_no:
        why = "应答不属于本笔交易"
    else:
        with ctx.read() as uow:
            for e in uow.journal.of_kind(WALLET_OUTCOME):
                p = e.payload
                if (
                    p.get("outcome") == "paid"
                    and str(p.get("trade_no")) == result.trade_no
                    and str(p.get("out_trade_no")) != attempt.out_trade_no
                ):
                    why = f"交易号 {result.trade_no} 已属于 {p.get('out_trade_no')}"
    if not why:
        return result
    log.warning("wallet attempt %s: a success not believed (%s)", attempt.out_trade_no, why)
    return TradeResult(TradeState.UNKNOWN, attempt.out_trade_no, detail=why)


def no_news_is_unknown(result: TradeResult) -> TradeResult:
    """A query that could not connect says nothing about a trade already sent: UNKNOWN, not FAILED."""
    if result.state is TradeState.FAILED and result.reason == UNREACHABLE:
        return TradeResult(TradeState.UNKNOWN, result.out_trade_no, detail=result.detail)
    return result
