"""Reversal (冲正) of a collected wallet payment: the acquirer refunds first, then the journal records it.

A payment the counter collected through the acquirer (a `wallet_outcome` paid entry names its receipt) is
reversed in four steps: every check of app/services/reversal.py runs first with nothing written (a dry run:
the same rules, a wrong supervisor PIN still counts); a `wallet_refund` entry records the refund number
before the request (durable, no money); the acquirer refunds (alipay.trade.refund / WeChat refund); only
then does `reverse` record the reversal, and a `wallet_refund_outcome` entry closes the refund.

No answer from the acquirer, or any answer that is not a definite refusal (Alipay 40004 ACQ.SYSTEM_ERROR,
WeChat BIZERR_NEED_RETRY: review 2026-12-07 F1): the refund stays open, nothing is reversed yet. An open
refund is queried first (alipay.trade.fastpay.refund.query / WeChat refundquery) and booked when the
acquirer says it made it; otherwise it is sent again under the same number, which the acquirer refunds at
most once. Before a new refund number is ever used, every earlier refund of the receipt closed as refused is
queried too: a refund the acquirer made is booked, never refunded again under a new number. A crash between
the refund and the reversal is finished the same way.
Payments with a typed reference (the fallback) are reversed as before: the clerk refunds by hand.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import replace
from types import TracebackType
from typing import Any

from app.errors import Refused
from app.journal import Entry
from app.messages import coded
from app.services.context import Context, append_entry
from app.services.reversal import ReversalRequest, ReversalResult, reverse
from app.services.wallet_attempts import WALLET_OUTCOME
from app.services.wallet_pay import wallet_for
from app.store import UnitOfWork
from app.wallet import RefundResult, Wallet, WalletKind

log = logging.getLogger(__name__)

WALLET_REFUND = "wallet_refund"
WALLET_REFUND_OUTCOME = "wallet_refund_outcome"


class _Journal:
    """The journal of a dry-run unit of work: appends are counted, so its commit can tell the reversal's own
    transaction (it appends) from the short ones that record a refusal or a wrong PIN (they must stay)."""

    def __init__(self, journal: Any, owner: _DryRun) -> None:
        self._journal, self._owner = journal, owner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._journal, name)

    def append(self, entry: Entry) -> None:
        self._owner.appended = True
        self._journal.append(entry)


class _DryRun:
    """A unit of work whose commit is dropped when it journalled something (the reversal itself); a unit of
    work that only records a refusal, an audit row or a wrong-PIN count commits as usual."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow
        self.appended = False

    def __getattr__(self, name: str) -> Any:
        if name == "journal":
            return _Journal(self._uow.journal, self)
        return getattr(self._uow, name)

    def __enter__(self) -> _DryRun:
        self._uow.__enter__()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._uow.__exit__(exc_type, exc, tb)

    def rollback(self) -> None:
        self._uow.rollback()

    def commit(self) -> None:
        if not self.appended:
            self._uow.commit()


def _collected(ctx: Context, receipt_no: str) -> Entry | None:
    with ctx.read() as uow:
        for e in uow.journal.of_kind(WALLET_OUTCOME):
            if e.payload.get("outcome") == "paid" and e.payload.get("receipt_no") == receipt_no:
                return e
    return None


def _refunds(ctx: Context, receipt_no: str) -> tuple[Entry | None, list[Entry]]:
    """(the receipt's open refund, its refunds closed as refused): an outcome written later for the same
    refund number (a refused one the acquirer had made after all) supersedes the earlier."""
    with ctx.read() as uow:
        last: dict[str, str] = {}
        for e in uow.journal.of_kind(WALLET_REFUND_OUTCOME):
            last[str(e.payload.get("refund_no"))] = str(e.payload.get("outcome"))
        mine = [e for e in uow.journal.of_kind(WALLET_REFUND) if e.payload.get("receipt_no") == receipt_no]
    open_ = next((e for e in mine if str(e.payload["refund_no"]) not in last), None)
    refused = [e for e in mine if last.get(str(e.payload["refund_no"])) == "refused"]
    return open_, refused


def _query(wallet: Wallet, refund: Entry) -> RefundResult:
    p = refund.payload
    result = wallet.refund_query(str(p["out_trade_no"]), str(p["refund_no"]))
    log.info(
        "wallet refund query %s of %s: done=%s unknown=%s %s",
        p["refund_no"],
        p["out_trade_no"],
        result.done,
        result.unknown,
        result.detail,
    )
    if result.done and result.amount_fen != int(p["amount_fen"]):  # the acquirer's word on another amount
        return RefundResult(False, result.refund_no, unknown=True, detail=f"退款金额不符：{result.detail}")
    return result


def _close(ctx: Context, refund: Entry, clerk_id: str, outcome: str, **extra: Any) -> None:
    with ctx.uow() as uow:
        append_entry(
            uow,
            ctx,
            WALLET_REFUND_OUTCOME,
            clerk_id,
            {
                "refund_no": refund.payload["refund_no"],
                "receipt_no": refund.payload["receipt_no"],
                "out_trade_no": refund.payload["out_trade_no"],
                "outcome": outcome,
                "shift_id": refund.payload.get("shift_id", ""),
                **extra,
            },
            ctx.clock.now_utc(),
        )
        uow.commit()


def reverse_payment(
    ctx: Context, wallets: Callable[[], Mapping[WalletKind, Wallet]], req: ReversalRequest
) -> ReversalResult:
    """Reverse a receipt; a collected wallet payment is refunded through its acquirer before it is recorded.
    `wallets` is called only for such a payment (a cash reversal never needs the acquirers' keys)."""
    receipt_no = req.receipt_no.strip()
    paid = _collected(ctx, receipt_no)
    if paid is None:
        return reverse(ctx, req)
    kind = WalletKind(paid.payload["wallet"])
    wallet = wallet_for(wallets(), kind)
    reverse(replace(ctx, uow=lambda: _DryRun(ctx.uow())), req)
    refund, refused = _refunds(ctx, receipt_no)
    result: RefundResult | None = None
    if refund is not None:  # asked before: the acquirer's word first, then the same number again
        known = _query(wallet, refund)
        result = known if known.done else None
    else:  # before a new number: did the acquirer make one it refused in words?
        for earlier in refused:
            known = _query(wallet, earlier)
            if known.done:
                refund, result = earlier, known
                break
            if known.unknown:
                amount = int(earlier.payload["amount_fen"])
                raise coded(
                    Refused,
                    "wallet.refund_unknown",
                    method=kind.value,
                    amount_fen=amount,
                    receipt_no=receipt_no,
                )
    if refund is None:
        with ctx.uow() as uow:
            seq, _ = uow.journal.head()
            tid = "".join(ch for ch in ctx.terminal.terminal_id if ch.isascii() and ch.isalnum())[:20]
            refund = append_entry(
                uow,
                ctx,
                WALLET_REFUND,
                req.clerk_id,
                {
                    "receipt_no": receipt_no,
                    "out_trade_no": paid.payload["out_trade_no"],
                    "trade_no": paid.payload.get("trade_no", ""),
                    "wallet": kind.value,
                    "refund_no": f"HPR{tid}{seq + 1:010d}",
                    "amount_fen": int(paid.payload["amount_fen"]),
                    "reason": req.reason.strip(),
                    "shift_id": paid.payload.get("shift_id", ""),
                },
                ctx.clock.now_utc(),
            )
            uow.commit()
    p = refund.payload
    amount = int(p["amount_fen"])
    if result is None:
        result = wallet.refund(
            str(p["out_trade_no"]), str(p["refund_no"]), amount, amount, req.reason.strip()
        )
        log.info(
            "wallet refund %s of %s: done=%s unknown=%s %s",
            p["refund_no"],
            p["out_trade_no"],
            result.done,
            result.unknown,
            result.detail,
        )
        if result.unknown:  # an error answer may hide a refund made: the acquirer's word decides
            known = _query(wallet, refund)
            result = known if known.done else result
    if result.done:
        done = reverse(ctx, req)
        _close(ctx, refund, req.clerk_id, "refunded", reversal_seq=done.entry.seq)
        return done
    if result.unknown:
        raise coded(
            Refused, "wallet.refund_unknown", method=kind.value, amount_fen=amount, receipt_no=receipt_no
        )
    _close(ctx, refund, req.clerk_id, "refused", detail=result.detail)
    raise coded(
        Refused, "wallet.refund_refused", method=kind.value, detail=result.detail, receipt_no=receipt_no
    )
