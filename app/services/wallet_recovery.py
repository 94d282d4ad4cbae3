"""Settling the wallet attempts a crash or a silent acquirer left open (issue 19).

`resolve_open` runs before the next wallet payment, at a money command's start and at the counter's start. It
queries each attempt without an outcome: a trade the acquirer took is recorded once (a payment with that trade
number already in the journal is only linked), anything else is cancelled. An attempt whose outcome stays
unknown (acquirer unreachable) stays open and is tried again; one another process still waits on is left alone.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass

from app.errors import HallPayError, StoreUnavailable
from app.services import wallet_attempts as attempts
from app.services.context import Context
from app.services.wallet_pay import Hooks, Polling, cancel_attempt
from app.wallet import CLOSED, TradeState, Wallet, WalletKind

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Resolution:
    out_trade_no: str
    outcome: str  # paid | linked | cancelled | failed | open
    detail: str = ""
    receipt_no: str = ""


def reverse_wait(ctx: Context, attempt: attempts.Attempt, after_s: float) -> float:
    """Seconds a recovered attempt must still wait before its cancel (WeChat: reverse_after_s after the
    micropay, review F6). The process that sent the pay is gone with its monotonic reading, so the attempt's
    journal time (written just before the pay left) tells how long ago it went; a clock that cannot tell
    (pinned, as in training, or behind the attempt's time) waits the whole delay, never less."""
    if after_s <= 0:
        return 0.0
    try:
        sent = dt.datetime.fromisoformat(attempt.entry.created_at)
    except ValueError:
        return after_s
    age = (ctx.clock.now_utc() - sent).total_seconds()
    return min(after_s, max(0.0, after_s - age)) if age > 0 else after_s


def resolve_open(
    ctx: Context,
    wallets: Mapping[WalletKind, Wallet],
    *,
    locks: attempts.AttemptLocks | None = None,
    polling: Polling | None = None,
    hooks: Hooks | None = None,
) -> list[Resolution]:
    """Settle every attempt a crash or a silent acquirer left open: record once, or cancel."""
    locks = locks or attempts.NoLocks()
    polling = polling or Polling()
    hooks = hooks or Hooks()
    done: list[Resolution] = []
    for attempt in attempts.open_attempts(ctx):
        number = attempt.out_trade_no
        wallet = wallets.get(attempt.wallet)
        if wallet is None or locks.is_held(number):
            continue
        with locks.hold(number):
            clerk_id = attempt.entry.clerk_id
            result = attempts.believed(ctx, attempt, attempts.no_news_is_unknown(wallet.query(number)))
            log.info("recovering wallet attempt %s: %s %s", number, result.state.value, result.detail)
            if result.state is TradeState.SUCCESS and result.amount_fen in (0, attempt.amount_fen):
                try:
                    paid = attempts.record_trade(ctx, attempt, result, clerk_id)
                except StoreUnavailable as error:
                    done.append(Resolution(number, "open", f"已扣款未记账：{error}"))
                    continue
                except HallPayError as error:  # cannot be booked any more (shift of another day, ...): refund
                    log.warning("wallet attempt %s cannot be recorded (%s): cancelling", number, error)
                else:
                    receipt = paid.receipt.receipt_no if paid else ""
                    done.append(Resolution(number, "paid" if paid else "linked", result.trade_no, receipt))
                    continue
            if result.state is TradeState.FAILED and result.reason == CLOSED:
                attempts.close_attempt(
                    ctx, attempt, "failed", clerk_id, reason=result.reason, detail=result.detail
                )
                done.append(Resolution(number, "failed", result.detail))
                continue
            if result.state is TradeState.UNKNOWN:
                done.append(Resolution(number, "open", result.detail))
                continue
            wait = reverse_wait(ctx, attempt, wallet.cancel_after_s)
            cancelled, refunded, detail = cancel_attempt(
                wallet, attempt, polling, hooks, hooks.monotonic() + wait
            )
            if cancelled:
                attempts.close_attempt(
                    ctx, attempt, "cancelled", clerk_id, reason="recovered", refunded=refunded
                )
                done.append(Resolution(number, "cancelled", detail))
            else:
                done.append(Resolution(number, "open", detail))
    return done
