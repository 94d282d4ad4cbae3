"""The figures of one shift, and their sum over several (a clerk's day, the hall's day), from journal entries.

Pure: the caller hands in the entries (local journal or, for the whole hall, the central ledger's
copy of every terminal's journal), the shifts and each customer's category; nothing here reads a
store. Expected cash = float + cash taken − change given − cash refunds (DOMAIN.md), the cash refunds being
reversals paid back in cash and refunds head office ordered, paid out (refund_payout).

Entries read (payload keys):
- payment / card_purchase: shift_id, method, amount_fen (money for the account), tendered_fen,
  change_fen, customer_no, receipt_no, allocations[].fee_paid_fen
- reversal: shift_id, method, refund_fen, customer_no, receipt_no (the reversed one)
- waiver: shift_id, waived_fen
- refund_payout: shift_id, amount_fen (cash out of the drawer: a refund head office ordered, issue 21)
- adjustment (no shift): business_day, customer_no, old, new, to_balance_fen, difference_due_fen,
  fee_waived_fen, reason, approver_id — listed on their own, see adjustment_lines
- card_written: receipt_no or purchase_id of the purchase it completes
- cash_count / shift_close: what the clerk counted and the difference
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from app.journal import Entry, Kind
from app.services.day_totals import CASH, MONEY_IN, KindTotal, entry_total
from app.store import Shift


@dataclass(frozen=True)
class MethodTotal:
    """One payment method's takings: for matching against the POS and QR settlement reports."""

    method: str
    count: int = 0  # receipts (payments and card purchases) taken by this method
    amount_fen: int = 0  # money received for the account
    refund_count: int = 0
    refunded_fen: int = 0

    @property
    def net_fen(self) -> int:
        return self.amount_fen - self.refunded_fen

    def plus(self, other: MethodTotal) -> MethodTotal:
        return MethodTotal(
            self.method,
            self.count + other.count,
            self.amount_fen + other.amount_fen,
            self.refund_count + other.refund_count,
            self.refunded_fen + other.refunded_fen,
        )


@dataclass(frozen=True)
class CategoryTotal:
    category: str
    count: int = 0
    amount_fen: int = 0  # received minus refunded

    def plus(self, other: CategoryTotal) -> CategoryTotal:
        return CategoryTotal(self.category, self.count + other.count, self.amount_fen + other.amount_fen)


@dataclass(frozen=True)
class Figures:
    """A shift's (or a sum of shifts') figures. Every amount is in fen."""

    label: str  # shift id, clerk id or the hall
    float_fen: int = 0
    receipts: int = 0
    by_method: tuple[MethodTotal, ...] = ()
    by_category: tuple[CategoryTotal, ...] = ()
    cash_tendered_fen: int = 0
    change_given_fen: int = 0
    cash_refunds_fen: int = 0  # reversals paid back in cash
    refund_payouts: int = 0  # refunds head office ordered, paid out in cash (退款支付)
    refund_payout_fen: int = 0
    late_fees_fen: int = 0
    reversals: int = 0
    reversed_fen: int = 0
    waivers: int = 0
    waived_fen: int = 0
    card_purchases: int = 0
    card_purchase_fen: int = 0
    pending_card_writes: tuple[str, ...] = ()
    shifts: tuple[str, ...] = ()
    closed_shifts: int = 0
    counted_fen: int = 0  # what the clerks counted, for the closed shifts
    difference_fen: int = 0  # counted − expected, for the closed shifts (长款 > 0, 短款 < 0)
    differences: tuple[tuple[str, int, str], ...] = ()  # (shift id, difference, reason) when non-zero
    deposit_pieces: tuple[tuple[int, int], ...] = ()  # (denomination fen, pieces) handed to the bank

    @property
    def deposit_fen(self) -> int:
        return sum(d * n for d, n in self.deposit_pieces)

    @property
    def cash_taken_fen(self) -> int:
        """Cash received for the accounts (tendered − change)."""
        return self.cash_tendered_fen - self.change_given_fen

    @property
    def expected_cash_fen(self) -> int:
        return (
            self.float_fen
            + self.cash_tendered_fen
            - self.change_given_fen
            - self.cash_refunds_fen
            - self.refund_payout_fen
        )

    @property
    def received_fen(self) -> int:
        return sum(m.amount_fen for m in self.by_method)

    @property
    def net_fen(self) -> int:
        return sum(m.net_fen for m in self.by_method)

    def method(self, method: str) -> MethodTotal:
        return next((m for m in self.by_method if m.method == method), MethodTotal(method))

    @property
    def all_closed(self) -> bool:
        return self.closed_shifts == len(self.shifts)


class ShiftAccumulator:
    """Mutable accumulator for one shift; frozen into Figures at the end."""

    def __init__(self, shift: Shift) -> None:
        self.shift = shift
        self.methods: dict[str, list[int]] = {}  # method -> [count, amount, refund_count, refunded]
        self.categories: dict[str, list[int]] = {}
        self.n = dict(
            receipts=0,
            tendered=0,
            change=0,
            cash_refunds=0,
            fees=0,
            reversals=0,
            reversed=0,
            waivers=0,
            waived=0,
            card=0,
            card_fen=0,
            payouts=0,
            payout_fen=0,
        )
        self.purchases: dict[str, str] = {}  # key -> receipt no, for purchases whose card is not written
        self.reversed_purchases: set[str] = set()
        self.written: set[str] = set()
        self.counted: int | None = None
        self.difference = 0
        self.reason = ""
        self.deposit: dict[int, int] = {}
        self.closed = shift.closed_at is not None

    def add(self, entry: Entry, category_of: Mapping[str, str]) -> None:
        total = entry_total(entry, category_of)
        if total is not None:
            self.add_total(total)
        self.add_detail(entry)

    def add_total(self, t: KindTotal) -> None:
        """The money of `t.count` entries of one kind, method and category (one entry, or a SQL group)."""
        if t.kind in MONEY_IN:
            self._taken(t)
            c = self.categories.setdefault(t.category, [0, 0])
            c[0] += t.count
            c[1] += t.amount_fen
            self.n["fees"] += t.fees_fen
            if t.kind == Kind.CARD_PURCHASE:
                self.n["card"] += t.count
                self.n["card_fen"] += t.amount_fen
        elif t.kind == Kind.REVERSAL:
            m = self.methods.setdefault(t.method, [0, 0, 0, 0])
            m[2] += t.count
            m[3] += t.refund_fen
            c = self.categories.setdefault(t.category, [0, 0])
            c[1] -= t.refund_fen
            self.n["reversals"] += t.count
            self.n["reversed"] += t.refund_fen
            self.n["fees"] -= t.fee_reversed_fen
            if t.method == CASH:
                # a void that names its payment's cash takes that tendered and change out of the cash lines
                # (issue 28; t's are negative); what the refund is beyond them is a cash refund: nothing for
                # such a void (its refund is tendered − change), the whole refund for an older one. Written as
                # sums, so a GROUP BY of both kinds (db/central/hall_sql.py) adds up the same as one by one
                self.n["tendered"] += t.tendered_fen
                self.n["change"] += t.change_fen
                self.n["cash_refunds"] += t.refund_fen + t.tendered_fen - t.change_fen
        elif t.kind == Kind.CARD_REPLACED:
            self._taken(t)  # the 补卡 fee is money taken at the counter: the drawer and the method totals
        elif t.kind == Kind.REFUND_PAYOUT:  # a refund head office ordered, paid out of the drawer
            self.n["payouts"] += t.count
            self.n["payout_fen"] += t.amount_fen
        elif t.kind == Kind.WAIVER:
            self.n["waivers"] += t.count
            self.n["waived"] += t.waived_fen

    def _taken(self, t: KindTotal) -> None:
        """Money taken at the counter: its method's count and amount, the receipts, the drawer's cash lines."""
        m = self.methods.setdefault(t.method, [0, 0, 0, 0])
        m[0] += t.count
        m[1] += t.amount_fen
        self.n["receipts"] += t.count
        if t.method == CASH:
            self.n["tendered"] += t.tendered_fen
            self.n["change"] += t.change_fen

    def add_detail(self, entry: Entry) -> None:
        """What is not a sum: card purchases and their writes, the cash counts and the close, in order."""
        p = entry.payload
        kind = entry.kind
        if kind == Kind.CARD_PURCHASE:
            self.purchases[purchase_key(p, entry)] = str(p.get("receipt_no", entry.entry_id))
        elif kind == Kind.REVERSAL and p.get("original_kind") == Kind.CARD_PURCHASE:
            self.reversed_purchases.add(str(p.get("purchase_key", p.get("receipt_no", ""))))
        elif kind == Kind.CARD_WRITTEN:
            self.written.add(str(p.get("purchase_id") or p.get("receipt_no") or ""))
        elif kind == Kind.CASH_COUNT:
            self.counted = int(p.get("counted_fen", 0))
        elif kind == Kind.SHIFT_CLOSE:
            self.counted = int(p.get("counted_fen", self.counted or 0))
            self.difference = int(p.get("difference_fen", 0))
            self.reason = str(p.get("reason", ""))
            self.deposit = {int(k): int(v) for k, v in p.get("deposit_counts", {}).items()}
            self.closed = True

    def figures(self) -> Figures:
        n = self.n
        pending = tuple(
            no
            for key, no in self.purchases.items()
            if key not in self.written and key not in self.reversed_purchases
        )
        closed = self.closed
        return Figures(
            label=self.shift.shift_id,
            float_fen=self.shift.float_fen,
            receipts=n["receipts"],
            by_method=tuple(MethodTotal(k, *v) for k, v in sorted(self.methods.items(), key=_method_order)),
            by_category=tuple(CategoryTotal(k, *v) for k, v in sorted(self.categories.items())),
            cash_tendered_fen=n["tendered"],
            change_given_fen=n["change"],
            cash_refunds_fen=n["cash_refunds"],
            refund_payouts=n["payouts"],
            refund_payout_fen=n["payout_fen"],
            late_fees_fen=n["fees"],
            reversals=n["reversals"],
            reversed_fen=n["reversed"],
            waivers=n["waivers"],
            waived_fen=n["waived"],
            card_purchases=n["card"],
            card_purchase_fen=n["card_fen"],
            pending_card_writes=pending,
            shifts=(self.shift.shift_id,),
            closed_shifts=1 if closed else 0,
            counted_fen=(self.counted or 0) if closed else 0,
            difference_fen=self.difference if closed else 0,
            differences=((self.shift.shift_id, self.difference, self.reason),)
            if closed and self.difference
            else (),
            deposit_pieces=_pieces(self.deposit) if closed else (),
        )


METHOD_ORDER = ("cash", "bankcard", "wechat", "alipay", "unionpay", "cheque")


def _method_order(item: tuple[str, Any]) -> tuple[int, str]:
    key = item[0]
    return (METHOD_ORDER.index(key) if key in METHOD_ORDER else len(METHOD_ORDER), key)


def _pieces(counts: Mapping[int, int]) -> tuple[tuple[int, int], ...]:
    return tuple(sorted(((d, n) for d, n in counts.items() if n), reverse=True))


def purchase_key(payload: Mapping[str, Any], entry: Entry) -> str:
    """What a card_written entry names to complete a card purchase: its purchase id or receipt no."""
    return str(payload.get("purchase_id") or payload.get("receipt_no") or entry.entry_id)


def shift_figures(shift: Shift, entries: Iterable[Entry], category_of: Mapping[str, str]) -> Figures:
    """One shift's figures from the journal entries; entries of other shifts are ignored."""
    acc = ShiftAccumulator(shift)
    for entry in entries:
        if entry.payload.get("shift_id") == shift.shift_id:
            acc.add(entry, category_of)
    return acc.figures()


def combine(label: str, parts: Iterable[Figures]) -> Figures:
    """The sum of several shifts' figures (a clerk's day, the hall's day)."""
    total = Figures(label=label)
    methods: dict[str, MethodTotal] = {}
    categories: dict[str, CategoryTotal] = {}
    deposit: dict[int, int] = {}
    for f in parts:
        for d, n in f.deposit_pieces:
            deposit[d] = deposit.get(d, 0) + n
        for m in f.by_method:
            methods[m.method] = methods.get(m.method, MethodTotal(m.method)).plus(m)
        for c in f.by_category:
            categories[c.category] = categories.get(c.category, CategoryTotal(c.category)).plus(c)
        total = replace(
            total,
            float_fen=total.float_fen + f.float_fen,
            receipts=total.receipts + f.receipts,
            cash_tendered_fen=total.cash_tendered_fen + f.cash_tendered_fen,
            change_given_fen=total.change_given_fen + f.change_given_fen,
            cash_refunds_fen=total.cash_refunds_fen + f.cash_refunds_fen,
            refund_payouts=total.refund_payouts + f.refund_payouts,
            refund_payout_fen=total.refund_payout_fen + f.refund_payout_fen,
            late_fees_fen=total.late_fees_fen + f.late_fees_fen,
            reversals=total.reversals + f.reversals,
            reversed_fen=total.reversed_fen + f.reversed_fen,
            waivers=total.waivers + f.waivers,
            waived_fen=total.waived_fen + f.waived_fen,
            card_purchases=total.card_purchases + f.card_purchases,
            card_purchase_fen=total.card_purchase_fen + f.card_purchase_fen,
            pending_card_writes=total.pending_card_writes + f.pending_card_writes,
            shifts=total.shifts + f.shifts,
            closed_shifts=total.closed_shifts + f.closed_shifts,
            counted_fen=total.counted_fen + f.counted_fen,
            difference_fen=total.difference_fen + f.difference_fen,
            differences=total.differences + f.differences,
        )
    return replace(
        total,
        by_method=tuple(v for _, v in sorted(methods.items(), key=_method_order)),
        by_category=tuple(categories[k] for k in sorted(categories)),
        deposit_pieces=_pieces(deposit),
    )
