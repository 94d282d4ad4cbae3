"""Head office's refund rows as a fold of its refund orders and the counters' pay-outs (issues 21, 29): the one
rule the projector (db/central/refunds.py) writes by and the recompute (db/central/books_fold.py) proves the
stored rows with. Pure: no storage, no clock, no sentence.

A `refund_payout` entry names refunds; in the ledger's order (app.central_fold.ordered names every pay-out):
- the first pay-out of an ordered refund pays it (the cash left the drawer), even when it paid another amount
  or another customer than ordered: that opens `refund_mismatch` with the difference;
- a later pay-out of a refund already paid (two counters paid it while offline) opens `refund_paid_twice`
  with the amount handed out again, for finance to recover; the same entry again is nothing;
- a pay-out of a refund head office never ordered opens `unknown_refund`.
No balance moves: the decision took the amount off the customer's balance when it ordered the refund.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass, replace

from app.journal import Entry

ORDERED, PAID = "ordered", "paid"
PAID_TWICE = "refund_paid_twice"
UNKNOWN_REFUND = "unknown_refund"
MISMATCH = "refund_mismatch"  # paid out another amount (or to another customer) than head office ordered


@dataclass(frozen=True)
class Refund:
    """A refund row's money and state."""

    customer_no: str
    amount_fen: int
    status: str = ORDERED
    paid_entry_id: str | None = None


@dataclass(frozen=True)
class PayoutCase:
    """A case a pay-out opens: its kind, the refund, the customer head office ordered it for (the entry's for
    an unknown refund), the amount (the difference for a mismatch) and the row as the pay-out found it."""

    kind: str
    refund_id: str
    customer_no: str
    amount_fen: int
    found: Refund | None


def named(e: Entry) -> list[str]:
    """The refund ids a pay-out names."""
    return [str(item.get("refund_id", "")) for item in e.payload.get("refunds", [])]


def pay_out(refunds: MutableMapping[str, Refund], e: Entry) -> list[PayoutCase]:
    """Apply one refund_payout entry to `refunds` (at least the rows it names, as they stand before it), in
    place; returns the cases it opens."""
    cno = str(e.payload.get("customer_no", ""))
    cases: list[PayoutCase] = []
    for item in e.payload.get("refunds", []):
        rid, amount = str(item.get("refund_id", "")), int(item.get("amount_fen", 0))
        row = refunds.get(rid)
        if row is None:
            cases.append(PayoutCase(UNKNOWN_REFUND, rid, cno, amount, None))
        elif row.status == ORDERED:
            refunds[rid] = replace(row, status=PAID, paid_entry_id=e.entry_id)
            if (row.amount_fen, row.customer_no) != (amount, cno):  # the counter's copy was altered
                cases.append(PayoutCase(MISMATCH, rid, row.customer_no, amount - row.amount_fen, row))
        elif row.paid_entry_id != e.entry_id:  # the same entry again (pushed twice) is no case
            cases.append(PayoutCase(PAID_TWICE, rid, row.customer_no, amount, row))
    return cases
