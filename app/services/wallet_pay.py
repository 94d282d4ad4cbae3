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

A crash anywhere leaves an attempt without an outcome. `resolve_open` (run before the next wallet payment,
at a money command's start and at the counter's start) queries each one: a trade the acquirer took is
recorded once (a payment with that trade number already in the journal is only linked), anything else is
cancelled. An attempt whose outcome stays unknown (acquirer unreachable) stays open and is tried again.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, ExitStack, nullcontext
from dataclasses import dataclass, field
from typing import Any, Protocol

from app.allocation import make_quote
from app.errors import HallPayError, Refused, StoreUnavailable
from app.journal import Entry, Kind
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
    pay,
    policy_of,
)
from app.wallet import (
    CLOSED,
    UNREACHABLE,
    TradeResult,
    TradeState,
    Wallet,
    WalletKind,
    detect_wallet,
    masked,
    out_trade_no,
)

log = logging.getLogger(__name__)

# journal entry kinds of this module (no money: the central ledger keeps them, projects nothing)
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


@dataclass(frozen=True)
class Resolution:
    out_trade_no: str
    outcome: str  # paid | linked | cancelled | failed | open
    detail: str = ""
    receipt_no: str = ""


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


# ------------------------------------------------------------------ the journal side


def open_attempts(ctx: Context) -> list[Attempt]:
    with ctx.read() as uow:
        closed = {str(e.payload.get("out_trade_no")) for e in uow.journal.of_kind(WALLET_OUTCOME)}
        return [
            Attempt(e)
            for e in uow.journal.of_kind(WALLET_ATTEMPT)
            if str(e.payload.get("out_trade_no")) not in closed
        ]


def _close(ctx: Context, attempt: Attempt, outcome: str, clerk_id: str, **extra: Any) -> None:
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


def _recorded(ctx: Context, attempt: Attempt, trade_no: str) -> str | None:
    """The receipt of a payment already recorded with this trade number (after the attempt), or None."""
    with ctx.read() as uow:
        for e in uow.journal.of_kind(Kind.PAYMENT, after_seq=attempt.entry.seq):
            if e.payload.get("method") == attempt.wallet.value and e.payload.get("reference") == trade_no:
                return str(e.payload["receipt_no"])
    return None


def _begin(
    ctx: Context, req: WalletPayRequest, kind: WalletKind, locks: AttemptLocks, stack: ExitStack
) -> Attempt:
    """Check the payment as `pay` will, then write the attempt; changes nothing when refused."""
    now = ctx.clock.now_utc()
    with ctx.uow() as uow:
        customer = load_customer(uow, req.customer_no)
        policy = policy_of(uow)
        shift = open_shift_of(uow, req.clerk_id, ctx.today())
        quote = make_quote(
            customer.customer_no,
            customer.category,
            uow.bills.open_for(customer.customer_no),
            customer.balance_fen,
            ctx.today(),
            policy,
        )
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


def _record(ctx: Context, attempt: Attempt, result: TradeResult, clerk_id: str) -> PayResult | None:
    """Book a trade the acquirer took: one payment with its trade number, then the attempt's outcome.
    Returns None when the payment was booked already (a crash after the payment, before the outcome)."""
    done = _recorded(ctx, attempt, result.trade_no)
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
    _close(
        ctx,
        attempt,
        "paid",
        clerk_id,
        trade_no=result.trade_no,
        receipt_no=done,
        amount_fen=attempt.amount_fen,
    )
    return paid


def _believed(ctx: Context, attempt: Attempt, result: TradeResult) -> TradeResult:
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


def _no_news_is_unknown(result: TradeResult) -> TradeResult:
    """A query that could not connect says nothing about a trade already sent: UNKNOWN, not FAILED."""
    if result.state is TradeState.FAILED and result.reason == UNREACHABLE:
        return TradeResult(TradeState.UNKNOWN, result.out_trade_no, detail=result.detail)
    return result


def _cancel(
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
        result = _believed(
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
            result = _believed(ctx, attempt, _no_news_is_unknown(wallet.query(number)))
        log.info("wallet attempt %s: %s %s %s", number, result.state.value, result.reason, result.detail)
        if result.state is TradeState.SUCCESS:
            if result.amount_fen and result.amount_fen != attempt.amount_fen:
                return _refuse_after_cancel(
                    ctx,
                    wallet,
                    attempt,
                    polling,
                    hooks,
                    req.clerk_id,
                    Phrase(
                        "wallet.why.amount",
                        {
                            "method": kind.value,
                            "taken_fen": result.amount_fen,
                            "amount_fen": attempt.amount_fen,
                        },
                    ),
                    not_before,
                )
            try:
                paid = _record(ctx, attempt, result, req.clerk_id)
            except StoreUnavailable as error:  # the disk, not the rules: the next start records it
                raise WalletFailed(
                    "wallet.taken_not_booked",
                    {"method": kind.value, "trade_no": result.trade_no, "error": phrase_of(error)},
                    number,
                    "open",
                ) from error
            except HallPayError as error:  # a rule refuses the payment now (the day ended, ...): give it back
                return _refuse_after_cancel(
                    ctx,
                    wallet,
                    attempt,
                    polling,
                    hooks,
                    req.clerk_id,
                    Phrase("wallet.why.rule", {"error_clause": phrase_of(error)}),
                    not_before,
                )
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
                _close(ctx, attempt, "failed", req.clerk_id, reason=result.reason)
                raise WalletFailed("wallet.unreachable", {"method": kind.value}, number, "failed")
            _close(ctx, attempt, "failed", req.clerk_id, reason=result.reason, detail=result.detail)
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
        return _refuse_after_cancel(ctx, wallet, attempt, polling, hooks, req.clerk_id, why, not_before)
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
    cancelled, refunded, detail = _cancel(wallet, attempt, polling, hooks, not_before)
    if cancelled:
        _close(ctx, attempt, "cancelled", clerk_id, reason=str(why), refunded=refunded)  # stored in Chinese
        raise WalletFailed(
            "wallet.cancelled_refunded" if refunded else "wallet.cancelled",
            {"method": method, "why": why},
            attempt.out_trade_no,
            "cancelled",
        )
    raise WalletFailed("wallet.open", {"method": method, "why": why}, attempt.out_trade_no, "open")


# ------------------------------------------------------------------ recovery


def _reverse_wait(ctx: Context, attempt: Attempt, after_s: float) -> float:
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
    locks: AttemptLocks | None = None,
    polling: Polling | None = None,
    hooks: Hooks | None = None,
) -> list[Resolution]:
    """Settle every attempt a crash or a silent acquirer left open: record once, or cancel."""
    locks = locks or NoLocks()
    polling = polling or Polling()
    hooks = hooks or Hooks()
    done: list[Resolution] = []
    for attempt in open_attempts(ctx):
        number = attempt.out_trade_no
        wallet = wallets.get(attempt.wallet)
        if wallet is None or locks.is_held(number):
            continue
        with locks.hold(number):
            clerk_id = attempt.entry.clerk_id
            result = _believed(ctx, attempt, _no_news_is_unknown(wallet.query(number)))
            log.info("recovering wallet attempt %s: %s %s", number, result.state.value, result.detail)
            if result.state is TradeState.SUCCESS and result.amount_fen in (0, attempt.amount_fen):
                try:
                    paid = _record(ctx, attempt, result, clerk_id)
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
                _close(ctx, attempt, "failed", clerk_id, reason=result.reason, detail=result.detail)
                done.append(Resolution(number, "failed", result.detail))
                continue
            if result.state is TradeState.UNKNOWN:
                done.append(Resolution(number, "open", result.detail))
                continue
            wait = _reverse_wait(ctx, attempt, wallet.cancel_after_s)
            cancelled, refunded, detail = _cancel(wallet, attempt, polling, hooks, hooks.monotonic() + wait)
            if cancelled:
                _close(ctx, attempt, "cancelled", clerk_id, reason="recovered", refunded=refunded)
                done.append(Resolution(number, "cancelled", detail))
            else:
                done.append(Resolution(number, "open", detail))
    return done
