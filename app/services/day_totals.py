"""The money of a shift's journal entries as sums: what one entry adds (entry_total), in the shape a GROUP BY
of the central journal returns too (db/central/hall_sql.py), so app/services/shift_figures.py adds both the
same way."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.journal import Entry, Kind

MONEY_IN = (Kind.PAYMENT, Kind.CARD_PURCHASE)
CASH = "cash"


@dataclass(frozen=True)
class KindTotal:
    """The money of `count` entries of one shift, kind, method and customer category: what one entry adds
    to a shift's figures (entry_total), or a GROUP BY of the central journal (db/central/hall_sql.py)."""

    shift_id: str
    kind: str
    method: str
    category: str
    count: int
    amount_fen: int = 0  # money for the account (payment, card purchase), the 补卡 fee, or a refund paid out
    tendered_fen: int = 0
    change_fen: int = 0
    fees_fen: int = 0  # late fees in the allocations
    refund_fen: int = 0
    fee_reversed_fen: int = 0
    waived_fen: int = 0


def entry_total(entry: Entry, category_of: Mapping[str, str]) -> KindTotal | None:
    """One entry's money as a KindTotal of count 1; None for an entry that moves no money of the shift."""
    p = entry.payload
    kind, method, sid = entry.kind, p.get("method", CASH), str(p.get("shift_id", ""))
    if kind in MONEY_IN:
        amount = int(p.get("amount_fen", 0))
        return KindTotal(
            sid,
            kind,
            method,
            category_of.get(p.get("customer_no", ""), "unknown"),
            1,
            amount,
            int(p.get("tendered_fen", amount)),
            int(p.get("change_fen", 0)),
            sum(int(a.get("fee_paid_fen", 0)) for a in p.get("allocations", ())),
        )
    if kind == Kind.REVERSAL:
        # a void that names its payment's cash takes it back out of the cash lines (negative tendered and
        # change); an older one without them stays a cash refund (the drawer's expected cash is the same)
        return KindTotal(
            sid,
            kind,
            method,
            category_of.get(p.get("customer_no", ""), "unknown"),
            1,
            tendered_fen=-int(p.get("voided_tendered_fen", 0)),
            change_fen=-int(p.get("voided_change_fen", 0)),
            refund_fen=int(p.get("refund_fen", 0)),
            fee_reversed_fen=int(p.get("fee_reversed_fen", 0)),
        )
    if kind == Kind.CARD_REPLACED and int(p.get("fee_fen", 0)) > 0:
        fee = int(p["fee_fen"])
        return KindTotal(
            sid, kind, method, "", 1, fee, int(p.get("tendered_fen", fee)), int(p.get("change_fen", 0))
        )
    if kind == Kind.REFUND_PAYOUT:  # a refund head office ordered, paid out of the drawer (issue 21)
        return KindTotal(sid, kind, method, "", 1, int(p.get("amount_fen", 0)))
    if kind == Kind.WAIVER:
        return KindTotal(
            sid, kind, method, "", 1, waived_fen=int(p.get("waived_fen", p.get("amount_fen", 0)))
        )
    return None
