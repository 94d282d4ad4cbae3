"""Cash in the drawer: denominations, the clerk's count, and the split into float and deposit.

Pure: no storage, no clock. A count is a number of pieces per denomination; its value is in fen.
The clerk types a count as "100x5,50x2,0.5x3,0.05x1" (value in yuan × pieces) on the command line; the
close form fills the same value from one field per denomination.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.errors import InputError
from app.messages import coded
from app.money import AmountError, format_fen, parse_yuan

# Renminbi in a business-hall drawer: 100, 50, 20, 10, 5, 1 yuan; 5 and 1 jiao; 5, 2 and 1 fen (DOMAIN.md).
# Fen coins are legal tender and change is given to the fen (72.55), so the drawer balances to the fen.
DENOMINATIONS_FEN: tuple[int, ...] = (10000, 5000, 2000, 1000, 500, 100, 50, 10, 5, 2, 1)

DENOMINATION_LABELS: dict[int, str] = {
    10000: "100元",
    5000: "50元",
    2000: "20元",
    1000: "10元",
    500: "5元",
    100: "1元",
    50: "5角",
    10: "1角",
    5: "5分",
    2: "2分",
    1: "1分",
}

MAX_PIECES = 100_000  # more pieces of one denomination than a drawer holds is a typing mistake

_ITEM = re.compile(r"^\s*([0-9]+(?:\.[0-9]{1,2})?)\s*[x×X*]\s*([0-9]+)\s*$", re.ASCII)


class CountError(InputError, ValueError):
    """A cash count the clerk typed that is not denomination×pieces."""


@dataclass(frozen=True)
class CashCount:
    """Pieces per denomination (fen → pieces); denominations absent from the mapping are zero."""

    pieces: tuple[tuple[int, int], ...]  # (denomination_fen, pieces), largest denomination first

    @classmethod
    def of(cls, pieces: Mapping[int, int]) -> CashCount:
        for denomination, n in pieces.items():
            if denomination not in DENOMINATIONS_FEN:
                raise coded(
                    CountError, "count.bad_denomination", denomination_fen=denomination, all_list=_labels()
                )
            if n < 0 or n > MAX_PIECES:
                raise coded(CountError, "count.bad_pieces", denomination_fen=denomination, pieces=n)
        return cls(tuple((d, int(pieces.get(d, 0))) for d in DENOMINATIONS_FEN))

    @classmethod
    def empty(cls) -> CashCount:
        return cls.of({})

    def count_of(self, denomination_fen: int) -> int:
        return dict(self.pieces).get(denomination_fen, 0)

    @property
    def total_fen(self) -> int:
        return sum(d * n for d, n in self.pieces)

    def as_payload(self) -> dict[str, int]:
        """For the journal: {"10000": 5, ...}, every denomination present, keys as text."""
        return {str(d): n for d, n in self.pieces}

    @classmethod
    def from_payload(cls, payload: Mapping[str, int]) -> CashCount:
        return cls.of({int(k): int(v) for k, v in payload.items()})

    def lines(self) -> list[tuple[str, int, int]]:
        """(label, pieces, amount in fen) per denomination, largest first: what a slip lists."""
        return [(DENOMINATION_LABELS[d], n, d * n) for d, n in self.pieces]

    def text(self) -> str:
        """Back to the typed form: '100x5,50x2,0.5x3' (zero denominations left out)."""
        parts = [f"{_yuan_text(d)}x{n}" for d, n in self.pieces if n]
        return ",".join(parts)


def _yuan_text(fen: int) -> str:
    text = format_fen(fen)
    return text[:-3] if text.endswith(".00") else text.rstrip("0")


def _labels() -> tuple[str, ...]:
    return tuple(DENOMINATION_LABELS[d] for d in DENOMINATIONS_FEN)


def parse_count(text: str) -> CashCount:
    """'100x5,50x2,0.5x3' → a CashCount. A denomination may appear more than once (pieces add up).

    An empty text is refused: a drawer with no cash at all is typed as '100x0'.
    """
    items = [part for part in re.split(r"[,，;；\s]+", text or "") if part.strip()]
    if not items:
        raise coded(CountError, "count.empty")
    pieces: dict[int, int] = {}
    for item in items:
        match = _ITEM.match(item)
        if not match:
            raise coded(CountError, "count.bad_item", item=item)
        try:
            denomination = parse_yuan(match.group(1))
        except AmountError:
            raise coded(CountError, "count.bad_item_denomination", item=item, all_list=_labels()) from None
        if denomination not in DENOMINATIONS_FEN:
            raise coded(
                CountError, "count.not_denomination", item=item, yuan=match.group(1), all_list=_labels()
            )
        pieces[denomination] = pieces.get(denomination, 0) + int(match.group(2))
    return CashCount.of(pieces)


def _reachable(pieces: Iterable[tuple[int, int]], limit: int) -> int:
    """Bitset (as an int) of the amounts ≤ limit that these pieces can make exactly."""
    mask = (1 << (limit + 1)) - 1
    reach = 1
    for d, n in pieces:
        chunk = 1
        while n > 0:  # binary splitting: 1, 2, 4, ... pieces at a time
            take = min(chunk, n)
            reach = (reach | (reach << (d * take))) & mask
            n -= take
            chunk *= 2
    return reach


def split_float(count: CashCount, float_fen: int) -> tuple[CashCount, CashCount]:
    """Split the counted cash into (kept as tomorrow's float, deposited at the bank).

    The float is kept in the smallest pieces that make it exactly, so coins and small notes stay in
    the drawer and the large notes go to the bank. When no combination makes the float exactly,
    the smallest pieces up to it are kept and everything else is deposited; when the drawer holds
    less than the float, all of it is kept.
    """
    if count.total_fen <= float_fen:
        return count, CashCount.empty()
    ascending = sorted(count.pieces)
    keep: dict[int, int] = {}
    remaining = float_fen
    for i, (d, n) in enumerate(ascending):
        larger = _reachable(ascending[i + 1 :], remaining)
        k = min(n, remaining // d)
        while k > 0 and not (larger >> (remaining - k * d)) & 1:
            k -= 1
        if not (larger >> (remaining - k * d)) & 1:
            return _greedy_split(count, float_fen)
        keep[d] = k
        remaining -= k * d
    kept = CashCount.of(keep)
    return kept, CashCount.of({d: n - kept.count_of(d) for d, n in count.pieces})


def _greedy_split(count: CashCount, float_fen: int) -> tuple[CashCount, CashCount]:
    keep: dict[int, int] = {}
    remaining = float_fen
    for d, n in sorted(count.pieces):
        k = min(n, remaining // d)
        keep[d] = k
        remaining -= k * d
    kept = CashCount.of(keep)
    return kept, CashCount.of({d: n - kept.count_of(d) for d, n in count.pieces})


def over_short(difference_fen: int) -> tuple[str, int]:
    """A cash difference (counted minus expected) read as "over" (长款), "short" (短款) or "even", with its
    size: the one rule of the shift close's sentence and the day report's column."""
    if difference_fen > 0:
        return "over", difference_fen
    if difference_fen < 0:
        return "short", -difference_fen
    return "even", 0
