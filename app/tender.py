"""Is the cash a clerk typed as tendered (实收) plausible? (issue 28, ux N3)

An extra zero is the everyday slip: "500" for a 50-yuan note made the counter tell the clerk to hand out
466.61, and 99,999,999 on a 33.39 bill was booked, printed and kept in the day report. Two rules, pure:

- the change is at least one 100-yuan note more than needed: the customer rarely hands over a note they do
  not need, so the counter asks once (Y) before booking;
- the change is above [counter] max_change_yuan: no drawer gives that much change, so it is refused.
"""

from __future__ import annotations

from app.errors import Refused
from app.messages import coded
from app.model import Method

EXTRA_NOTE_FEN = 100_00  # one 100-yuan note, the largest, more than the amount needs
MAX_CHANGE_FEN = 2_000_00  # default of [counter] max_change_yuan


def change_needs_a_look(amount_fen: int, tendered_fen: int) -> bool:
    """True when the change is at least one 100-yuan note: ask the clerk before booking."""
    return tendered_fen - amount_fen >= EXTRA_NOTE_FEN


def change_too_large(amount_fen: int, tendered_fen: int, max_change_fen: int) -> bool:
    """True when no drawer could give the change (above the configured limit): refuse."""
    return tendered_fen - amount_fen > max_change_fen


def check_tender(method: Method, amount_fen: int, tendered_fen: int | None, max_change_fen: int) -> int:
    """What the customer handed over, or a refusal in one sentence: cash covers the amount and its change is
    one a drawer can give; any other method takes exactly the amount. The counter's payment and the IC card
    purchase both take money through this check. None: exact money."""
    if method is Method.CASH:
        tendered = amount_fen if tendered_fen is None else tendered_fen
        if tendered < amount_fen:
            raise coded(Refused, "pay.tender_short", tendered_fen=tendered, amount_fen=amount_fen)
        if change_too_large(amount_fen, tendered, max_change_fen):  # an extra zero (issue 28)
            raise coded(
                Refused,
                "pay.change_too_large",
                tendered_fen=tendered,
                change_fen=tendered - amount_fen,
                max_fen=max_change_fen,
            )
        return tendered
    if tendered_fen is not None and tendered_fen != amount_fen:
        raise coded(Refused, "pay.no_change_noncash", method=method.value)
    return amount_fen
