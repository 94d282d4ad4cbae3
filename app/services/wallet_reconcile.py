"""Reconciliation (对账) of a day's wallet payments with the acquirer's statement, trade by trade.

Our side: the day's payments by WeChat / Alipay with their reference (the acquirer's trade number), net of
reversals. Their side: the statement's trades net of refunds and cancels (a cancelled trade nets to 0 and
is not listed). Matched by trade number: missing at the acquirer (we recorded money it does not have: a
typed reference that is wrong, made up, or a trade refunded behind the counter's back), extra at the
acquirer (money it took that the journal does not hold), and amounts that differ. A payment whose reference
was typed by hand (no collected attempt carries its trade number) is marked as such whatever the outcome.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.errors import HallPayError
from app.journal import Entry, Kind
from app.money import format_fen
from app.services.context import Context, append_entry
from app.services.wallet_day import SIGN_OFF_ACTION, WALLET_RECONCILIATION, day_reconciliation
from app.store import UnitOfWork
from app.wallet import WALLET_LABELS, StatementLine, Wallet, WalletError, WalletKind


@dataclass(frozen=True)
class Difference:
    trade_no: str
    ours_fen: int  # 0: not in the journal
    theirs_fen: int  # 0: not in the statement
    receipt_no: str = ""
    typed: bool = False  # the reference was typed by hand, not collected by the counter


@dataclass(frozen=True)
class WalletMatch:
    wallet: WalletKind
    matched: list[Difference] = field(default_factory=list)
    missing_at_acquirer: list[Difference] = field(default_factory=list)
    extra_at_acquirer: list[Difference] = field(default_factory=list)
    amount_differs: list[Difference] = field(default_factory=list)
    error: str = ""  # the statement could not be had
    unverified: list[Difference] = field(
        default_factory=list
    )  # live check: typed references, for the statement

    @property
    def clean(self) -> bool:
        return not (self.missing_at_acquirer or self.extra_at_acquirer or self.amount_differs or self.error)

    @property
    def ours_total_fen(self) -> int:
        return sum(d.ours_fen for d in self.matched + self.missing_at_acquirer + self.amount_differs)

    @property
    def theirs_total_fen(self) -> int:
        return sum(d.theirs_fen for d in self.matched + self.extra_at_acquirer + self.amount_differs)


@dataclass(frozen=True)
class OurPayment:
    trade_no: str
    amount_fen: int  # net: a reversed payment is 0
    receipt_no: str
    typed: bool


def match(wallet: WalletKind, ours: Iterable[OurPayment], theirs: Iterable[StatementLine]) -> WalletMatch:
    """The pure matching rule: by trade number, net amounts, zero on both sides is no trade."""
    mine: dict[str, OurPayment] = {}
    for pay in ours:
        old = mine.get(pay.trade_no)
        if old is not None:  # one trade recorded twice is money counted twice: its sum must differ
            pay = OurPayment(
                pay.trade_no, old.amount_fen + pay.amount_fen, old.receipt_no, old.typed or pay.typed
            )
        mine[pay.trade_no] = pay
    net: dict[str, int] = defaultdict(int)
    for line in theirs:
        net[line.trade_no] += line.amount_fen
    result = WalletMatch(wallet)
    for trade_no in sorted(set(mine) | set(net)):
        p = mine.get(trade_no)
        ours_fen, theirs_fen = (p.amount_fen if p else 0), net.get(trade_no, 0)
        if ours_fen == 0 and theirs_fen == 0:
            continue
        d = Difference(trade_no, ours_fen, theirs_fen, p.receipt_no if p else "", p.typed if p else False)
        if ours_fen == theirs_fen:
            result.matched.append(d)
        elif theirs_fen == 0:
            result.missing_at_acquirer.append(d)
        elif ours_fen == 0:
            result.extra_at_acquirer.append(d)
        else:
            result.amount_differs.append(d)
    return result


def our_payments(ctx: Context, wallet: WalletKind, day: dt.date) -> list[OurPayment]:
    """The day's wallet money as the journal holds it, the way the acquirer's statement reports it: each
    payment on its business day, each reversal (the refund) as a negative line on the day it was made
    (review 2026-12-07 F10: a refund on D+1 of a D payment was taken off D, and never showed on D+1).
    A reversal's amount is its refund_fen (it was read as amount_fen, absent: reversals never netted)."""
    from app.services.wallet_attempts import WALLET_OUTCOME

    with ctx.read() as uow:
        collected = {
            str(e.payload.get("trade_no"))
            for e in uow.journal.of_kind(WALLET_OUTCOME)
            if e.payload.get("outcome") == "paid"
        }
        out = []
        for e in uow.journal.of_kind(Kind.PAYMENT):
            p = e.payload
            if p.get("method") != wallet.value or p.get("business_day") != day.isoformat():
                continue
            receipt_no, ref = str(p["receipt_no"]), str(p.get("reference", "")).strip()
            out.append(OurPayment(ref, int(p["amount_fen"]), receipt_no, ref not in collected))
        for e in uow.journal.of_kind(Kind.REVERSAL):
            p = e.payload
            if p.get("method") != wallet.value or p.get("business_day") != day.isoformat():
                continue
            receipt_no, ref = str(p["receipt_no"]), str(p.get("reference", "")).strip()
            out.append(OurPayment(ref, -abs(int(p.get("refund_fen", 0))), receipt_no, ref not in collected))
    return out


@dataclass(frozen=True)
class Reconciliation:
    day: dt.date
    wallets: list[WalletMatch]

    @property
    def clean(self) -> bool:
        return all(w.clean for w in self.wallets)

    @property
    def has_differences(self) -> bool:
        """Trades that do not match (a wallet that could not be asked is pending, not a difference)."""
        return any(w.missing_at_acquirer or w.extra_at_acquirer or w.amount_differs for w in self.wallets)

    def lines(self) -> list[str]:
        out = [f"{self.day} 扫码收款对账"]
        for w in self.wallets:
            label = WALLET_LABELS[w.wallet]
            if w.error:
                out.append(f"{label}：{w.error}")
                continue
            out.append(
                f"{label}：本机 {format_fen(w.ours_total_fen)} 元，收单机构 {format_fen(w.theirs_total_fen)} 元，"
                f"相符 {len(w.matched)} 笔"
            )
            for d in w.missing_at_acquirer:
                out.append(
                    f"  收单机构无此交易：{d.trade_no or '（无交易号）'} 凭证 {d.receipt_no} {format_fen(d.ours_fen)} 元"
                    + ("（手工登记交易号）" if d.typed else "")
                )
            for d in w.extra_at_acquirer:
                out.append(f"  本机未入账：{d.trade_no} {format_fen(d.theirs_fen)} 元")
            for d in w.amount_differs:
                out.append(
                    f"  金额不符：{d.trade_no} 凭证 {d.receipt_no} 本机 {format_fen(d.ours_fen)} 元，"
                    f"收单机构 {format_fen(d.theirs_fen)} 元"
                )
            typed = [d for d in w.matched if d.typed]
            for d in typed:
                out.append(f"  手工登记、已核实：{d.trade_no} 凭证 {d.receipt_no}")
            for d in w.unverified:
                out.append(
                    f"  手工登记、待对账单核对：{d.trade_no} 凭证 {d.receipt_no} {format_fen(d.ours_fen)} 元"
                )
        out.append("对账相符。" if self.clean else "对账有差异，请主管核实签字。")
        return out

    def as_json(self) -> dict[str, Any]:
        def rows(ds: list[Difference]) -> list[dict[str, Any]]:
            return [
                {
                    "trade_no": d.trade_no,
                    "receipt_no": d.receipt_no,
                    "ours": format_fen(d.ours_fen),
                    "theirs": format_fen(d.theirs_fen),
                    "typed": d.typed,
                }
                for d in ds
            ]

        return {
            "day": self.day.isoformat(),
            "clean": self.clean,
            "wallets": [
                {
                    "wallet": w.wallet.value,
                    "error": w.error,
                    "ours_total": format_fen(w.ours_total_fen),
                    "theirs_total": format_fen(w.theirs_total_fen),
                    "matched": rows(w.matched),
                    "missing_at_acquirer": rows(w.missing_at_acquirer),
                    "extra_at_acquirer": rows(w.extra_at_acquirer),
                    "amount_differs": rows(w.amount_differs),
                    "unverified": rows(w.unverified),
                }
                for w in self.wallets
            ],
        }


def awaiting(ours: Iterable[OurPayment]) -> list[Difference]:
    """Our payments a statement could not check (yet): listed, so the pending wallet shows what it holds."""
    return [Difference(p.trade_no, p.amount_fen, 0, p.receipt_no, p.typed) for p in ours if p.amount_fen]


def reconcile_day(ctx: Context, wallets: Mapping[WalletKind, Wallet], day: dt.date) -> Reconciliation:
    """Every configured wallet's day against its statement (a wallet without one is listed as such)."""
    out = []
    for kind in WalletKind:
        ours = our_payments(ctx, kind, day)
        wallet = wallets.get(kind)
        if wallet is None:
            # no acquirer here: the references were typed from the hall's own QR terminal, whose settlement
            # report is matched by hand as the bank card's is. Listed as unchecked, never "pending" (a
            # statement that will never come must not hold the day's sign-off)
            if ours:
                out.append(WalletMatch(kind, unverified=awaiting(ours)))
            continue
        try:
            theirs = wallet.statement(day)
        except WalletError as error:
            out.append(WalletMatch(kind, error=str(error), unverified=awaiting(ours)))
            continue
        out.append(match(kind, ours, theirs))
    return Reconciliation(day, out)


def reconcile_for_close(
    ctx: Context, get_wallets: Callable[[], Mapping[WalletKind, Wallet]], day: dt.date
) -> Reconciliation | None:
    """The day's reconciliation a shift close records, made before the close's write transaction (the
    acquirer is on the network). An acquirer that cannot be asked, or wallets that cannot even be built
    from the configuration, leave the wallets with payments pending, and the close goes on; None: no
    wallet is configured and none was used that day."""
    try:
        wallets = get_wallets()
    except HallPayError as error:
        paid = {kind: our_payments(ctx, kind, day) for kind in WalletKind}
        out = [
            WalletMatch(kind, error=str(error).rstrip("。"), unverified=awaiting(ours))
            for kind, ours in paid.items()
            if ours
        ]
        return Reconciliation(day, out) if out else None
    report = reconcile_day(ctx, wallets, day)
    return report if report.wallets else None


def record(uow: UnitOfWork, ctx: Context, report: Reconciliation, clerk_id: str, shift_id: str) -> Entry:
    """The reconciliation as a journal entry (no money), in the caller's transaction (the shift close's)."""
    state = "pending" if any(w.error for w in report.wallets) else "clean" if report.clean else "differences"
    return append_entry(
        uow,
        ctx,
        WALLET_RECONCILIATION,
        clerk_id,
        {**report.as_json(), "shift_id": shift_id, "state": state},
        ctx.clock.now_utc(),
    )


def record_if_pending(ctx: Context, report: Reconciliation, clerk_id: str) -> bool:
    """A day whose shift close left the reconciliation pending (the acquirer could not be asked) takes a
    complete one made later, so the day report follows; True when recorded. Any other day: nothing."""
    if not report.wallets or any(w.error for w in report.wallets):
        return False
    with ctx.uow() as uow:
        entries = [*uow.journal.of_kind(WALLET_RECONCILIATION), *uow.journal.of_kind(Kind.APPROVAL)]
        latest = day_reconciliation(entries, report.day.isoformat())
        if latest is None or latest.state != "pending":
            return False
        record(uow, ctx, report, clerk_id, "")
        uow.commit()
    return True


def sign_off(
    ctx: Context, report: Reconciliation, clerk_id: str, approver_id: str, pin: str, reason: str
) -> int:
    """A supervisor signs the day's differences off (their PIN, an approval entry naming every difference).
    Returns the approval entry's sequence; refuses when there is nothing to sign or no reason."""
    from app.errors import Refused
    from app.messages import coded
    from app.services.approvals import check_supervisor, require_supervisor

    if not report.has_differences:
        raise coded(Refused, "wallet.nothing_to_sign", business_day=report.day.isoformat())
    if not reason.strip():
        raise coded(Refused, "wallet.reason_needed")
    approver = check_supervisor(
        ctx,
        approver_id,
        pin,
        SIGN_OFF_ACTION,
        {  # the PIN, before the write lock
            "business_day": report.day.isoformat(),
            "reason": reason.strip(),
            "reconciliation": report.as_json(),
        },
        clerk_id=clerk_id,
    )
    with ctx.uow() as uow:
        approval = require_supervisor(uow, ctx, approver)
        uow.commit()
    assert approval.entry is not None
    return approval.entry.seq


def reconcile_live(ctx: Context, wallets: Mapping[WalletKind, Wallet], day: dt.date) -> Reconciliation:
    """The same match before the acquirer's statement exists (statements come the next day): each trade the
    counter collected today is queried one by one. Typed references cannot be queried by order number and
    are left out here (the next day's statement checks them)."""
    from app.services.wallet_attempts import WALLET_OUTCOME
    from app.wallet import TradeState

    with ctx.read() as uow:
        numbers = {
            str(e.payload.get("trade_no")): str(e.payload.get("out_trade_no"))
            for e in uow.journal.of_kind(WALLET_OUTCOME)
            if e.payload.get("outcome") == "paid"
        }
    out = []
    for kind in WalletKind:
        everything = our_payments(ctx, kind, day)
        ours = [p for p in everything if not p.typed]
        typed = [
            Difference(p.trade_no, p.amount_fen, 0, p.receipt_no, True)
            for p in everything
            if p.typed and p.amount_fen
        ]
        wallet = wallets.get(kind)
        if wallet is None:
            if everything:
                out.append(WalletMatch(kind, error="未配置收单，无法核对", unverified=typed))
            continue
        theirs: list[StatementLine] = []
        unknown = []
        for p in {p.trade_no: p for p in ours}.values():  # a trade paid and reversed is asked once
            result = wallet.query(numbers[p.trade_no])
            if result.state is TradeState.SUCCESS:
                theirs.append(
                    StatementLine(result.out_trade_no, result.trade_no or p.trade_no, result.amount_fen)
                )
            elif result.state is TradeState.UNKNOWN:
                unknown.append(p.trade_no)
        m = match(kind, ours, theirs)
        out.append(
            WalletMatch(
                kind,
                m.matched,
                m.missing_at_acquirer,
                m.extra_at_acquirer,
                m.amount_differs,
                error=f"{len(unknown)} 笔查询无应答，稍后重试" if unknown else "",
                unverified=typed,
            )
        )
    return Reconciliation(day, out)
