"""Collecting a scanned payment code (付款码) through the acquirer, and never charging twice (issue 19).

The flow (DOMAIN.md, "Payment methods"):
1. check the request as a payment would be checked (customer, open shift, amount), then write a
   `wallet_attempt` journal entry: the durable intent, no money. Its sequence makes the merchant's order
   number (out_trade_no), so the number exists on disk before any byte goes to the acquirer;
2. ask the acquirer to collect. SUCCESS → record the payment (app/services/payments.py `pay`, the
   acquirer's trade number as the reference) and close the attempt. USERPAYING or no answer → query
   every few seconds until a final state or the deadline (or the clerk's cancel key), then cancel
   (撤销: closes the trade, or gives the money back if it was taken meanwhile). FAILED → nothing taken;
3. a `wallet_outcome` entry closes the attempt: paid (with the receipt), cancelled or failed.

A crash anywhere leaves an attempt without an outcome: `resolve_open` (app/services/wallet_recovery.py)
settles it. The attempt and outcome entries, and booking a taken trade once, are app/services/wallet_attempts.py.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any

from app.errors import HallPayError, Refused, StoreUnavailable
from app.messages import MESSAGES, Phrase, coded, message, phrase_of
from app.model import Method
from app.money import MAX_AMOUNT_FEN
from app.services.context import Context, append_entry
from app.services.payments import (
    PayRequest,
    PayResult,
    _check_request,
    load_customer,
    open_shift_of,
    policy_of,
    quote_for,
)
from app.services.wallet_attempts import (
    WALLET_ATTEMPT,
    Attempt,
    AttemptLocks,
    NoLocks,
    believed,
    close_attempt,
    no_news_is_unknown,
    record_trade,
)
from app.wallet import (
    UNREACHABLE,
    TradeState,
    Wallet,
    WalletKind,
    detect_wallet,
    masked,
    out_trade_no,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Polling:
    interval_s: float = 3.0  # between two queries while the customer enters the password
    deadline_s: float = 60.0  # then cancel
    cancel_tries: int = 3  # the acquirer may ask for the cancel again (retry_flag / recall)


@dataclass(frozen=True)
class WalletPayRequest:
    customer_no: str
    method: Method  # the key the clerk pressed; the payment code decides
    auth_code: str
    clerk_id: str
    amount_fen: int | None = None  # None: exactly what is due


@dataclass(frozen=True)
class WalletPayResult:
    paid: PayResult
    wallet: WalletKind
    out_trade_no: str
    trade_no: str
    corrected: bool  # the clerk pressed the other wallet's key; the code's digits won


@dataclass
class Hooks:
    """What the counter shows while it waits: seconds left, and the clerk's cancel key."""

    on_wait: Callable[[float, TradeState], None] = field(default=lambda left, state: None)
    stop_requested: Callable[[], bool] = field(default=lambda: False)
    sleep: Callable[[float], None] = time.sleep
    monotonic: Callable[[], float] = time.monotonic


def wallet_for(wallets: Mapping[WalletKind, Wallet], kind: WalletKind) -> Wallet:
    wallet = wallets.get(kind)
    if wallet is None:
        raise coded(Refused, "wallet.not_configured", method=kind.value, section=kind.value)
    return wallet


def _begin(
    ctx: Context, req: WalletPayRequest, kind: WalletKind, locks: AttemptLocks, stack: ExitStack
) -> Attempt:
    """Check the payment as `pay` will, then write the attempt; changes nothing when refused."""
    now = ctx.clock.now_utc()
    with ctx.uow() as uow:
        customer = load_customer(uow, req.customer_no)
        policy = policy_of(uow)
        shift = open_shift_of(uow, req.clerk_id, ctx.today())
        quote = quote_for(uow, customer, ctx.today(), policy)
        probe = PayRequest(
            customer.customer_no,
            Method(kind.value),
            req.clerk_id,
            amount_fen=req.amount_fen,
            reference="(acquirer)",
        )
        amount, _ = _check_request(probe, quote, customer, policy)
        if amount > MAX_AMOUNT_FEN:
            raise coded(Refused, "wallet.over_limit", amount_fen=amount, limit_fen=MAX_AMOUNT_FEN)
        seq, _ = uow.journal.head()
        number = out_trade_no(ctx.terminal.terminal_id, seq + 1)
        stack.enter_context(locks.hold(number))  # held before the attempt is visible to anyone
        entry = append_entry(
            uow,
            ctx,
            WALLET_ATTEMPT,
            req.clerk_id,
            {
                "out_trade_no": number,
                "wallet": kind.value,
                "customer_no": customer.customer_no,
                "amount_fen": amount,
                "shift_id": shift.shift_id,
                "business_day": ctx.today().isoformat(),
                "auth_code": masked(req.auth_code),
            },
            now,
        )
        uow.commit()
    return Attempt(entry)


def cancel_attempt(
    wallet: Wallet, attempt: Attempt, polling: Polling, hooks: Hooks, not_before: float = 0.0
) -> tuple[bool, bool, str]:
    """(cancelled, refunded, detail): closes the trade, or gives back money taken meanwhile. Not before
    `not_before` (hooks.monotonic()): WeChat asks for its reverse no sooner than 15 s after the micropay,
    since a pay still in flight could complete after a reverse that found nothing (review F6)."""
    left = not_before - hooks.monotonic()
    while left > 0:  # the counter's sentence stays the last one shown (still waiting, then cancelled)
        hooks.sleep(min(left, 1.0))
        left = not_before - hooks.monotonic()
    detail = ""
    for i in range(max(1, polling.cancel_tries)):
        if i:
            hooks.sleep(min(polling.interval_s, 1.0))
        result = wallet.cancel(attempt.out_trade_no)
        detail = result.detail
        if result.done:
            return True, result.refunded, detail
        if not result.retry and i:
            break
    return False, False, detail


class WalletFailed(Refused):
    """The collection failed: no money entry, bills still due; str() is the clerk's sentence."""

    def __init__(self, code: str, params: dict[str, Any], out_trade_no: str, outcome: str) -> None:
        super().__init__(message(code, **params))  # coded (app/message_table_wallet.py): each edge says it
        self.code, self.params = code, params
        self.out_trade_no = out_trade_no
        self.outcome = outcome  # failed | cancelled | open


def collect(
    ctx: Context,
    wallets: Mapping[WalletKind, Wallet],
    req: WalletPayRequest,
    *,
    polling: Polling | None = None,
    hooks: Hooks | None = None,
    locks: AttemptLocks | None = None,
) -> WalletPayResult:
    """Collect through the acquirer; the payment exists only when the acquirer says SUCCESS."""
    polling = polling or Polling()
    hooks = hooks or Hooks()
    locks = locks or NoLocks()
    kind = detect_wallet(req.auth_code)
    corrected = req.method.value != kind.value
    wallet = wallet_for(wallets, kind)
    with ExitStack() as stack:
        attempt = _begin(ctx, req, kind, locks, stack)
        number = attempt.out_trade_no
        log.info(
            "wallet attempt %s: %s %s fen for %s, code %s",
            number,
            kind.value,
            attempt.amount_fen,
            attempt.customer_no,
            masked(req.auth_code),
        )
        result = believed(
            ctx,
            attempt,
            wallet.pay(number, req.auth_code.strip(), attempt.amount_fen, f"电费 户号{attempt.customer_no}"),
        )
        # counted from the pay's answer (or its timeout), the first moment the acquirer surely has the pay:
        # counted from before the send, the reverse went out 0.6 ms short of the wait (seen in the F6 test)
        not_before = hooks.monotonic() + wallet.cancel_after_s
        deadline = hooks.monotonic() + polling.deadline_s
        while result.state in (TradeState.USERPAYING, TradeState.UNKNOWN):
            left = deadline - hooks.monotonic()
            if left <= 0 or hooks.stop_requested():
                break
            hooks.on_wait(left, result.state)
            hooks.sleep(min(polling.interval_s, max(left, 0.0)))
            result = believed(ctx, attempt, no_news_is_unknown(wallet.query(number)))
        log.info("wallet attempt %s: %s %s %s", number, result.state.value, result.reason, result.detail)

        def give_back(why: Phrase) -> WalletPayResult:
            """Cancel the trade (the money goes back if it was taken) and refuse, saying why."""
            return _refuse_after_cancel(ctx, wallet, attempt, polling, hooks, req.clerk_id, why, not_before)

        if result.state is TradeState.SUCCESS:
            if result.amount_fen and result.amount_fen != attempt.amount_fen:
                return give_back(
                    Phrase(
                        "wallet.why.amount",
                        {
                            "method": kind.value,
                            "taken_fen": result.amount_fen,
                            "amount_fen": attempt.amount_fen,
                        },
                    )
                )
            try:
                paid = record_trade(ctx, attempt, result, req.clerk_id)
            except StoreUnavailable as error:  # the disk, not the rules: the next start records it
                raise WalletFailed(
                    "wallet.taken_not_booked",
                    {"method": kind.value, "trade_no": result.trade_no, "error": phrase_of(error)},
                    number,
                    "open",
                ) from error
            except HallPayError as error:  # a rule refuses the payment now (the day ended, ...): give it back
                return give_back(Phrase("wallet.why.rule", {"error_clause": phrase_of(error)}))
            if paid is None:  # recorded by a recovery that ran meanwhile
                raise WalletFailed(
                    "wallet.already_booked",
                    {"method": kind.value, "trade_no": result.trade_no},
                    number,
                    "paid",
                )
            return WalletPayResult(paid, kind, number, result.trade_no, corrected)
        if result.state is TradeState.FAILED:
            reason = (
                Phrase(f"wallet.reason.{result.reason}")
                if f"wallet.reason.{result.reason}" in MESSAGES
                else Phrase("plain", {"text": result.reason})
            )
            if result.reason == UNREACHABLE:
                close_attempt(ctx, attempt, "failed", req.clerk_id, reason=result.reason)
                raise WalletFailed("wallet.unreachable", {"method": kind.value}, number, "failed")
            close_attempt(ctx, attempt, "failed", req.clerk_id, reason=result.reason, detail=result.detail)
            raise WalletFailed(
                "wallet.failed",
                {"method": kind.value, "why": reason, "detail": result.detail},
                number,
                "failed",
            )
        why = Phrase(
            "wallet.why.clerk"
            if hooks.stop_requested()
            else "wallet.why.timeout"
            if result.state is TradeState.USERPAYING
            else "wallet.why.silent"
        )
        return give_back(why)
    raise AssertionError("unreachable")  # pragma: no cover


def _refuse_after_cancel(
    ctx: Context,
    wallet: Wallet,
    attempt: Attempt,
    polling: Polling,
    hooks: Hooks,
    clerk_id: str,
    why: Phrase,
    not_before: float = 0.0,
) -> WalletPayResult:
    method = attempt.wallet.value
    cancelled, refunded, detail = cancel_attempt(wallet, attempt, polling, hooks, not_before)
    if cancelled:
        close_attempt(
            ctx, attempt, "cancelled", clerk_id, reason=str(why), refunded=refunded
        )  # stored in Chinese
        raise WalletFailed(
            "wallet.cancelled_refunded" if refunded else "wallet.cancelled",
            {"method": method, "why": why},
            attempt.out_trade_no,
            "cancelled",
        )
    raise WalletFailed("wallet.open", {"method": method, "why": why}, attempt.out_trade_no, "open")
