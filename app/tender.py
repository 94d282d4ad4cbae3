"""Is the cash a clerk typed as tendered (实收) plausible? (issue 28, ux N3)

An extra zero is the everyday slip: "500" for a 50-yuan note made the counter tell the clerk to hand out
466.61, and 99,999,999 on a 33.39 bill was booked, printed and kept in the day report. Two rules, pure:

- the change is at least one 100-yuan note more than needed: the customer rarely hands over a note they do
  not need, so the counter asks once (Y) before booking;
- the change is above [counter] max_change_yuan: no drawer gives that much change, so it is refused.
"""

from __future__ import annotations

EXTRA_NOTE_FEN = 100_00  # one 100-yuan note, the largest, more than the amount needs
MAX_CHANGE_FEN = 2_000_00  # default of [counter] max_change_yuan


def change_needs_a_look(amount_fen: int, tendered_fen: int) -> bool:
    """True when the change is at least one 100-yuan note: ask the clerk before booking."""
    return tendered_fen - amount_fen >= EXTRA_NOTE_FEN


def change_too_large(amount_fen: int, tendered_fen: int, max_change_fen: int) -> bool:
    """True when no drawer could give the change (above the configured limit): refuse."""
    return tendered_fen - amount_fen > max_change_fen
