"""Money is an integer number of fen (分). Text appears only at the edges.

Every conversion between yuan text and fen, and the one rounding rule (half-up to the fen),
live here so that nothing else in the code base ever divides money.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import NewType

from app.errors import InputError
from app.message_table import TABLE

Fen = NewType("Fen", int)

# plain digits, or grouped by thousands as yuan_text writes them ("68,274.40"): a field shows what it reads
_AMOUNT = re.compile(r"^\s*([0-9]{1,12}|[0-9]{1,3}(?:,[0-9]{3}){1,3})(?:\.([0-9]{1,2}))?\s*$", re.ASCII)

# Anything above this is a typing mistake at a counter (100 million yuan).
MAX_AMOUNT_FEN = 100_000_000_00


class AmountError(InputError, ValueError):
    """Text that is not an amount of money in yuan with at most two decimals."""


def _refusal(code: str, **params: object) -> AmountError:
    """A coded AmountError. app/messages.coded would do, but app/messages formats money with this module:
    these templates hold no money parameter, so str.format of the Chinese template is the same sentence."""
    error = AmountError(TABLE[code][0].format(**params))
    error.code, error.params = code, dict(params)
    return error


def parse_yuan(text: str, *, allow_zero: bool = False) -> Fen:
    """'123.45' -> 12345. Refuses negatives, more than two decimals, exponents, junk."""
    match = _AMOUNT.match(text or "")
    if not match:
        raise _refusal("amount.invalid", text=text)
    whole, frac = match.group(1).replace(",", ""), (match.group(2) or "").ljust(2, "0")
    fen = int(whole) * 100 + int(frac)
    if fen > MAX_AMOUNT_FEN:
        raise _refusal("amount.over_cap", text=text)
    if fen == 0 and not allow_zero:
        raise _refusal("pay.amount_zero")
    return Fen(fen)


def format_fen(fen: int, *, grouped: bool = False) -> str:
    """12345 -> '123.45'; -5 -> '-0.05': the machine form (JSON, config.toml, journal payloads, the receipt's
    QR, CSV), which parse_yuan and other programs read back. grouped: see yuan_text."""
    sign = "-" if fen < 0 else ""
    whole, frac = divmod(abs(int(fen)), 100)
    return f"{sign}{whole:,}.{frac:02d}" if grouped else f"{sign}{whole}.{frac:02d}"


def yuan_text(fen: int) -> str:
    """Money as a person reads it, thousands grouped: 6827440 -> '68,274.40'. The one formatter of every
    amount shown or printed: the window and its entry fields, the receipts, the PDF reports, the sentences
    (ux review #13 found fields, receipts and the day report ungrouped beside grouped tables).
    parse_yuan reads it back."""
    return format_fen(fen, grouped=True)


def fen_to_decimal(fen: int) -> Decimal:
    """12345 -> Decimal('123.45'), exact: for spreadsheets that store amounts as numbers (XLSX exports)."""
    return Decimal(format_fen(fen))


def round_half_up(value: Fraction) -> Fen:
    """The single rounding rule of HallPay: an exact fraction of fen, half-up to the fen."""
    if value < 0:
        return Fen(-round_half_up(-value))
    return Fen(int((value.numerator * 2 + value.denominator) // (value.denominator * 2)))
