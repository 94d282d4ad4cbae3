"""The simulated acquirer's book of trades (wallets/sim.py): each payment's scenario played out on its trade,
queries, cancels (撤销) and refunds, and what the day's statement lists. Thread-safe: the HTTP server answers
each request on its own thread, the tests read the book from theirs.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from app.clock import SHANGHAI
from wallets.codes import scenario_of


@dataclass
class Trade:
    wallet: str
    out_trade_no: str
    trade_no: str
    amount_fen: int
    state: str  # PAYING | SUCCESS | CLOSED | NOTPAY
    day: str
    queries_to_success: int | None = None  # PAYING: becomes SUCCESS after this many queries; None: never
    refunds: dict[str, int] = field(default_factory=dict)
    cancel_refunded: bool = False
    refund_trouble: int = 0  # the next refunds made but answered with a retryable error (refund_retryable)
    refund_days: dict[str, str] = field(default_factory=dict)  # refund number -> the day it was made


class TradeBook:
    def __init__(self, *, delay_s: float, paying_queries: int) -> None:
        """delay_s: how long a timeout or slow scenario holds its answer back; paying_queries: how many queries
        a USERPAYING-then-success payment answers PAYING."""
        self.delay_s, self.paying_queries = delay_s, paying_queries
        self.trades: dict[tuple[str, str], Trade] = {}
        self._script: deque[str] = deque()
        self._last_success: dict[str, bytes] = {}  # wallet -> the raw signed answer of its last paid pay
        self._lock = threading.Lock()
        self._seq = 0
        self.today: Callable[[], dt.date] = lambda: dt.datetime.now(SHANGHAI).date()

    def script(self, *scenarios: str) -> None:
        """The scenarios of the next payments, in order (then the payment code decides)."""
        with self._lock:
            self._script.extend(scenarios)

    def trade(self, wallet: str, out_trade_no: str) -> Trade | None:
        with self._lock:
            return self.trades.get((wallet, out_trade_no))

    def taken(self, wallet: str | None = None) -> list[Trade]:
        """Trades whose money the acquirer holds (paid and neither cancelled nor fully refunded)."""
        with self._lock:
            return [
                t
                for t in self.trades.values()
                if t.state == "SUCCESS"
                and (wallet in (None, t.wallet))
                and sum(t.refunds.values()) < t.amount_fen
            ]

    def _next_trade_no(self, wallet: str) -> str:
        self._seq += 1
        stamp = self.today().strftime("%Y%m%d")
        return f"{stamp}22001{self._seq:011d}" if wallet == "alipay" else f"4200{stamp}{self._seq:014d}"

    def _pay(self, wallet: str, number: str, amount: int, code: str) -> tuple[str, Trade | None, float]:
        """(outcome, trade, seconds to hold the answer back). Outcomes: success, paying, systemerror,
        insufficient, duplicate."""
        with self._lock:
            scenario = self._script.popleft() if self._script else scenario_of(code)
            key = (wallet, number)
            if scenario == "duplicate" and key not in self.trades:
                self.trades[key] = Trade(
                    wallet,
                    number,
                    self._next_trade_no(wallet),
                    amount + 100,
                    "SUCCESS",
                    self.today().isoformat(),
                )
            if key in self.trades:
                return "duplicate", self.trades[key], 0.0
            if scenario in ("systemerror", "insufficient"):
                return scenario, None, 0.0
            if scenario == "replayed" and wallet in self._last_success:
                return "replayed", None, 0.0
            trade = Trade(
                wallet, number, self._next_trade_no(wallet), amount, "SUCCESS", self.today().isoformat()
            )
            self.trades[key] = trade
            if scenario == "userpaying_then_success":
                trade.state, trade.queries_to_success = "PAYING", self.paying_queries
                return "paying", trade, 0.0
            if scenario == "userpaying_forever":
                trade.state = "PAYING"
                return "paying", trade, 0.0
            if scenario == "timeout_taken":
                return "success", trade, self.delay_s
            if scenario == "slow":
                trade.state = "PAYING"
                return "slow", trade, self.delay_s
            if scenario == "refund_retryable":
                trade.refund_trouble = 1
            return "success", trade, 0.0

    def _finish_slow(self, trade: Trade) -> str:
        with self._lock:
            if trade.state == "PAYING":
                trade.state = "SUCCESS"
            return "success" if trade.state == "SUCCESS" else "closed"

    def _query(self, wallet: str, number: str) -> Trade | None:
        with self._lock:
            trade = self.trades.get((wallet, number))
            if trade and trade.state == "PAYING" and trade.queries_to_success is not None:
                trade.queries_to_success -= 1
                if trade.queries_to_success <= 0:
                    trade.state = "SUCCESS"
            return trade

    def _cancel(self, wallet: str, number: str) -> tuple[str, Trade]:
        """close | refund: a paid trade's money goes back; an unknown number is closed for good."""
        with self._lock:
            trade = self.trades.get((wallet, number))
            if trade is None:
                trade = Trade(wallet, number, "", 0, "CLOSED", self.today().isoformat())
                self.trades[(wallet, number)] = trade
                return "close", trade
            if trade.state == "SUCCESS":
                trade.state, trade.cancel_refunded = "CLOSED", True
                return "refund", trade
            trade.state = "CLOSED"
            return "refund" if trade.cancel_refunded else "close", trade

    def _refund(self, wallet: str, number: str, refund_no: str, amount: int) -> str:
        """ok | retryable (made, answered with an error to retry) | a refusal: state, mismatch, over."""
        with self._lock:
            trade = self.trades.get((wallet, number))
            if trade is None or trade.state != "SUCCESS":
                return "state"
            if refund_no in trade.refunds:
                return "ok" if trade.refunds[refund_no] == amount else "mismatch"
            if sum(trade.refunds.values()) + amount > trade.amount_fen:
                return "over"
            trade.refunds[refund_no] = amount
            trade.refund_days[refund_no] = self.today().isoformat()
            if trade.refund_trouble > 0:
                trade.refund_trouble -= 1
                return "retryable"
            return "ok"

    def _refund_made(self, wallet: str, number: str, refund_no: str) -> tuple[Trade | None, int | None]:
        """(the trade, the amount refunded under this refund number or None)."""
        with self._lock:
            trade = self.trades.get((wallet, number))
            return trade, (trade.refunds.get(refund_no) if trade else None)

    def _remember(self, wallet: str, answer: bytes) -> bytes:
        with self._lock:
            self._last_success[wallet] = answer
        return answer

    def _replay(self, wallet: str) -> bytes:
        with self._lock:
            return self._last_success[wallet]

    def statement_trades(self, wallet: str, day: str) -> list[Trade]:
        return self.statement_events(wallet, day)[0]

    def statement_events(self, wallet: str, day: str) -> tuple[list[Trade], list[tuple[Trade, str, int]]]:
        """(the trades paid that day, the refunds made that day: trade, refund number, fen). A refund is
        reported on the day it was made, whatever the day of its payment."""
        with self._lock:
            mine = [t for t in self.trades.values() if t.wallet == wallet and t.trade_no]
            pays = [t for t in mine if t.day == day and (t.state == "SUCCESS" or t.cancel_refunded)]
            refunds = [
                (t, no, fen)
                for t in mine
                for no, fen in t.refunds.items()
                if t.refund_days.get(no, t.day) == day
            ]
            return pays, refunds
