"""Wallet payments (付款码: WeChat Pay and Alipay) through the province's acquirer simulator (wallets/sim.py,
over HTTP, the counters' real wallet clients from their config.toml) and the clerk's follow-up.

The customer's phone shows a payment code whose last two digits choose the acquirer's scenario (wallets/
codes.py): paid at once, paying while the customer types the password, never paid, a system error, a balance
too low, an answer lost while the money was taken, a duplicate order number, a replayed answer. Now and
then the acquirer's link goes down while the counter waits: the attempt's outcome is unknown and stays open
until a clerk settles it (`wallet resolve`: the query books it once, or the cancel gives the money back),
always before the next wallet payment on that counter and before its shift closes, as the command line does.
The counters' waits (query every 3 s, cancel after 60 s, WeChat's 15 s before a reverse) run on a clock of
their own that a sleep advances, so a run waits for nothing but the HTTP round trips.

`check_wallets` is the exactly-once rule at day end: a trade whose money the acquirer holds is one payment
in the journals, unless its attempt is still open; a payment the journals hold is money the acquirer holds.
"""

from __future__ import annotations

import random
from collections import Counter

from app.errors import HallPayError
from app.journal import Kind
from app.model import Method
from app.wallet import TradeState, WalletKind
from bench.simulate.act_common import entries_of, printed
from bench.simulate.day import Day
from bench.simulate.world import Province, SimTerminal

# scenario -> weight (wallets/codes.py SCENARIOS); "refund_retryable" pays like "success". Not "slow": its trade
# turns paid after a wall-clock delay, so whether a later query finds it paid would depend on the machine's load
SCENARIOS = {
    "success": 50,
    "userpaying_then_success": 14,
    "userpaying_forever": 6,
    "systemerror": 5,
    "insufficient": 7,
    "timeout_taken": 6,
    "duplicate": 2,
    "refund_retryable": 3,
    "replayed": 2,
}
OUTAGE = 0.25  # the chance the acquirer's link goes down while a counter waits for an answer


class WaitClock:
    """The counter's monotonic clock while it waits for the acquirer: a sleep moves it on at once."""

    def __init__(self) -> None:
        self.now = 0.0

    def sleep(self, seconds: float) -> None:
        self.now += max(seconds, 0.0)

    def monotonic(self) -> float:
        return self.now


def hooks(p: Province, day: Day, outage: bool) -> object:
    from app.services.wallet_pay import Hooks

    clock = WaitClock()

    def on_wait(left: float, state: TradeState) -> None:
        if outage and acquirer_up(p):
            acquirer_down(p, day)

    return Hooks(on_wait=on_wait, sleep=clock.sleep, monotonic=clock.monotonic)


def acquirer_up(p: Province) -> bool:
    return p.acquirer is not None and p.acquirer._server is not None


def acquirer_down(p: Province, day: Day) -> None:
    p.acquirer_port = p.acquirer.port
    p.acquirer.stop()
    day.note("the acquirer's link went down", "wallet_outage")


def acquirer_back(p: Province, day: Day) -> None:
    """The link is back on the same address (the counters' config.toml names it)."""
    if p.acquirer is not None and not acquirer_up(p):
        p.acquirer.start(p.acquirer_port)
        day.note("the acquirer's link is back", "wallet_outage_ended")


WIRING: dict[tuple[str, str, int], tuple[object, object, object]] = {}


def wallets_of(t: SimTerminal) -> tuple[object, object, object]:
    """The counter's wiring of its acquirers (bootstrap's: config.toml's sections, keys, attempt locks),
    made once per opened terminal: loading the RSA keys again for each payment took a tenth of a second."""
    key = (t.tid, str(t.data_dir), id(t.services))
    if key not in WIRING:
        WIRING[key] = t.services.wallets()
    return WIRING[key]


def wallet_payment(p: Province, t: SimTerminal, clerk: str, cno: str, rng: random.Random, day: Day) -> None:
    """The customer shows a payment code; the clerk scans it (and pressed WeChat or Alipay, maybe the
    other one: the code's digits decide)."""
    from app.services.payments import due
    from app.services.wallet_pay import WalletFailed, WalletPayRequest, collect
    from wallets.codes import payment_code

    if p.acquirer is None:
        return
    resolve(p, t, day, before="payment")  # the command line settles open attempts before a wallet payment
    kind = rng.choice([WalletKind.WECHAT, WalletKind.ALIPAY])
    scenario = rng.choices(list(SCENARIOS), weights=list(SCENARIOS.values()))[0]
    code = payment_code(kind, scenario, rng)
    pressed = Method(kind.value) if rng.random() < 0.9 else Method(other(kind).value)
    outage = rng.random() < OUTAGE
    to_pay = due(t.ctx, cno).quote.to_pay_fen
    amount = rng.randint(1, 300) * 100 if to_pay == 0 else None  # a prepayment, or what is due
    wallets, locks, polling = wallets_of(t)
    try:
        done = collect(
            t.ctx,
            wallets,  # type: ignore[arg-type]
            WalletPayRequest(cno, pressed, code, clerk, amount_fen=amount),
            polling=polling,  # type: ignore[arg-type]
            locks=locks,  # type: ignore[arg-type]
            hooks=hooks(p, day, outage),  # type: ignore[arg-type]
        )
    except WalletFailed as failed:
        if failed.outcome == "open":
            p.wallet_open[failed.out_trade_no] = t.tid
        day.note(
            f"{t.tid} {clerk} wallet {kind.value} {scenario} {cno}: {failed.outcome} {failed.out_trade_no}",
            f"wallet_{failed.outcome}",
        )
        return
    except HallPayError as refused:
        day.note(f"{t.tid} {clerk} wallet {kind.value} {scenario} {cno}: refused ({refused})", "refused")
        return
    if t not in p.terminals():  # a copy of a counter's disk (faults.fork): its payments are no genuine PC's
        p.forked_trades.add((done.wallet.value, done.trade_no))
    printed(p, t, clerk, done.paid.receipt, voidable=False)
    day.note(
        f"{t.tid} {clerk} wallet {done.wallet.value} {scenario} {cno} {done.paid.entry.payload['amount_fen']} "
        f"{done.out_trade_no} {done.trade_no} {done.paid.receipt.receipt_no}",
        "wallet_paid",
    )


def other(kind: WalletKind) -> WalletKind:
    return WalletKind.ALIPAY if kind is WalletKind.WECHAT else WalletKind.WECHAT


def resolve(p: Province, t: SimTerminal, day: Day, before: str = "") -> None:
    """`wallet resolve` on this counter: each open attempt is queried, then booked once or cancelled; one
    whose outcome is still unknown (the acquirer unreachable) stays open."""
    from app.services.receipts import load_receipt
    from app.services.wallet_attempts import open_attempts
    from app.services.wallet_recovery import resolve_open

    if not open_attempts(t.ctx):
        return
    wallets, locks, polling = wallets_of(t)
    for r in resolve_open(t.ctx, wallets, locks=locks, polling=polling, hooks=hooks(p, day, False)):  # type: ignore[arg-type]
        if r.outcome != "open":
            p.wallet_open.pop(r.out_trade_no, None)
        if r.outcome in ("paid", "linked") and t not in p.terminals():  # booked on a disk's copy (a fork)
            p.forked_trades |= {(kind.value, r.detail) for kind in WalletKind}
        if r.receipt_no:
            receipt, _state = load_receipt(t.ctx, r.receipt_no)
            p.printed.setdefault(t.tid, {})[r.receipt_no] = receipt.qr_text
            p.to_verify.add((t.tid, r.receipt_no))
        day.note(
            f"{t.tid} wallet resolve{' before ' + before if before else ''} {r.out_trade_no}: {r.outcome} "
            f"{r.detail} {r.receipt_no}",
            f"wallet_resolved_{r.outcome}",
        )


def follow_up(p: Province, t: SimTerminal, rng: random.Random, day: Day) -> None:
    """In a quiet moment: the link may be back; the clerk settles what is open on the counter."""
    if not acquirer_up(p) and rng.random() < 0.3:
        acquirer_back(p, day)
    if any(tid == t.tid for tid in p.wallet_open.values()):
        resolve(p, t, day)


def before_close(p: Province, t: SimTerminal, day: Day) -> object:
    """The close settles open attempts and reconciles the day with the acquirer's statement (cli/shift.py):
    the link is back by the evening, so no attempt stays open overnight in a run without faults."""
    from app.services.wallet_reconcile import reconcile_for_close

    if p.acquirer is None:
        return None
    acquirer_back(p, day)
    resolve(p, t, day, before="close")
    report = reconcile_for_close(t.ctx, lambda: wallets_of(t)[0], day.day)  # type: ignore[arg-type,return-value]
    if report is not None:
        w = report.wallets
        missing = sum(len(m.missing_at_acquirer) for m in w)
        extra = sum(len(m.extra_at_acquirer) for m in w)
        differ = sum(len(m.amount_differs) for m in w)
        day.note(
            f"{t.tid} wallet reconciliation: {'clean' if report.clean else 'differences'} (missing at the "
            f"acquirer {missing}, extra there {extra}, amounts differ {differ})",
            "wallet_reconciled" if report.clean else "wallet_reconciled_differences",
        )
    return report


# ------------------------------------------------------------------------------ exactly once


def check_wallets(p: Province) -> list[str]:
    """Every trade whose money the acquirer holds is one wallet payment in the journals (none while its
    attempt is open); every wallet payment in the journals, not reversed, is a trade the acquirer holds."""
    if p.acquirer is None:
        return []
    booked: Counter[tuple[str, str]] = Counter()
    asked: dict[str, int] = {}  # out_trade_no -> the amount its attempt asked the acquirer for
    for t in p.terminals():
        read = entries_of(t)
        asked |= {
            str(e.payload["out_trade_no"]): int(e.payload["amount_fen"]) for e in read["wallet_attempt"]
        }
        reversed_ = {str(e.payload.get("receipt_no")) for e in read[Kind.REVERSAL]}
        for e in read[Kind.PAYMENT]:
            method = str(e.payload.get("method"))
            if method in ("wechat", "alipay") and str(e.payload.get("receipt_no")) not in reversed_:
                booked[(method, str(e.payload.get("reference")))] += 1
    with p.acquirer._lock:
        held = {  # a trade of another amount under our number is not this attempt's (the duplicate scenario)
            (x.wallet, x.trade_no): x.out_trade_no
            for x in p.acquirer.trades.values()
            if x.state == "SUCCESS"
            and sum(x.refunds.values()) < x.amount_fen
            and asked.get(x.out_trade_no) in (None, x.amount_fen)
        }
    problems = []
    for key, number in sorted(held.items()):
        if key in p.forked_trades:
            continue
        if booked[key] != 1 and not (booked[key] == 0 and number in p.wallet_open):
            problems.append(
                f"W: {key[0]} trade {key[1]} ({number}) is held by the acquirer, booked {booked[key]}x"
            )
    for key, n in sorted(booked.items()):
        if key not in held:
            problems.append(f"W: {key[0]} payment {key[1]} booked {n}x but the acquirer holds no such money")
    return problems
