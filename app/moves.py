"""How one journal entry moves a customer's balance and bills: ONE pure function for every side.

The counter writes its tables from the same figures, the central ledger projects them
(db/central/project.py) and a replay of the journal rebuilds the bills and balances with `replay`
(tests/integration/test_money_properties.py). A rule written twice would disagree (STYLE.md 21).

Payload keys read:
- payment, offset: customer_no, business_day, balance_before_fen, balance_after_fen,
  allocations[] (bill_id, principal_paid_fen, fee_paid_fen, fee_due_fen)
- reversal: customer_no, business_day, balance_before_fen, balance_after_fen,
  allocations[] (bill_id, principal_restored_fen, fee_restored_fen)
- adjustment (what = "bill"): customer_no, bill_id, old{amount_fen,due_date,kwh}, new{...},
  principal_paid_before_fen, principal_paid_after_fen, balance_before_fen, balance_after_fen
- adjustment (what = "category"): customer_no, old{category}, new{category}
- any other entry with customer_no, balance_before_fen and balance_after_fen: the balance only
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from app.journal import Entry, Kind


@dataclass(frozen=True)
class BillMove:
    """What an entry does to one bill. None: the field is left as it was."""

    bill_id: str
    principal_fen: int = 0  # principal paid onto the bill (negative: given back by a reversal or adjustment)
    fee_fen: int = 0  # late fee paid (negative: given back)
    fee_carried_after_fen: int | None = None  # payment/offset: the fee still carried after it
    fee_carried_delta_fen: int = 0  # reversal: the refunded fee is carried again
    fee_accrued_through: str | None = None  # payment/offset: fees fixed up to this business day
    accrued_through_default: str | None = None  # reversal: only when the bill had no accrual date
    amount_fen: int | None = None  # adjustment: the bill's new amount
    due_date: str | None = None  # adjustment: the new due date
    kwh: int | None = None  # adjustment: the new kWh


@dataclass(frozen=True)
class EntryMoves:
    customer_no: str
    balance_delta_fen: int
    bills: tuple[BillMove, ...] = ()
    category: str | None = None  # adjustment of the customer's category: the new one


def balance_delta_fen(p: Mapping[str, Any]) -> int:
    """What an entry did to the customer's balance (after − before; 0 when it names neither): the one
    reader, for the ledgers' fold and for a service that undoes or reports an entry."""
    if "balance_after_fen" in p and "balance_before_fen" in p:
        return int(p["balance_after_fen"]) - int(p["balance_before_fen"])
    return 0


def entry_moves(kind: str, payload: Mapping[str, Any]) -> EntryMoves | None:
    """The balance delta and per-bill moves of one journal entry; None when it moves no account money."""
    p = payload
    cno = p.get("customer_no")
    if not cno:
        return None
    if kind in (Kind.PAYMENT, Kind.OFFSET):
        day = p.get("business_day")
        return EntryMoves(
            cno,
            balance_delta_fen(p),
            tuple(
                BillMove(
                    a["bill_id"],
                    int(a["principal_paid_fen"]),
                    int(a["fee_paid_fen"]),
                    fee_carried_after_fen=int(a.get("fee_due_fen", a["fee_paid_fen"]))
                    - int(a["fee_paid_fen"]),
                    fee_accrued_through=day,
                )
                for a in p.get("allocations", [])
            ),
        )
    if kind == Kind.REVERSAL:
        day = p.get("business_day")
        return EntryMoves(
            cno,
            balance_delta_fen(p),
            tuple(
                BillMove(
                    a["bill_id"],
                    -int(a["principal_restored_fen"]),
                    -int(a["fee_restored_fen"]),
                    fee_carried_delta_fen=int(a["fee_restored_fen"]),
                    accrued_through_default=day,
                )
                for a in p.get("allocations", [])
            ),
        )
    if kind == Kind.ADJUSTMENT:
        if p.get("what") == "category":
            return EntryMoves(cno, 0, (), category=str(p["new"]["category"]))
        new = p["new"]
        move = BillMove(
            p["bill_id"],
            int(p["principal_paid_after_fen"]) - int(p["principal_paid_before_fen"]),
            amount_fen=int(new["amount_fen"]),
            due_date=str(new["due_date"]),
            kwh=int(new["kwh"]),
        )
        return EntryMoves(cno, balance_delta_fen(p), (move,))
    delta = balance_delta_fen(p)
    return EntryMoves(cno, delta) if delta else None


@dataclass
class BillState:
    """A bill's row as replay rebuilds it (the columns money moves)."""

    customer_no: str
    amount_fen: int
    due_date: str
    kwh: int
    principal_paid_fen: int = 0
    fee_carried_fen: int = 0
    fee_accrued_through: str | None = None


def apply_moves(
    moves: EntryMoves, bills: dict[str, BillState], balances: dict[str, int], categories: dict[str, str]
) -> None:
    """Apply one entry's moves to the states in place (replay, and the properties the tests check)."""
    balances[moves.customer_no] = balances.get(moves.customer_no, 0) + moves.balance_delta_fen
    if moves.category is not None:
        categories[moves.customer_no] = moves.category
    for m in moves.bills:
        b = bills[m.bill_id]
        b.principal_paid_fen += m.principal_fen
        if m.amount_fen is not None:
            b.amount_fen = m.amount_fen
        if m.due_date is not None:
            b.due_date = m.due_date
        if m.kwh is not None:
            b.kwh = m.kwh
        if m.fee_carried_after_fen is not None:
            b.fee_carried_fen = m.fee_carried_after_fen
        b.fee_carried_fen += m.fee_carried_delta_fen
        if m.fee_accrued_through is not None:
            b.fee_accrued_through = m.fee_accrued_through
        elif m.accrued_through_default is not None and b.fee_accrued_through is None:
            b.fee_accrued_through = m.accrued_through_default


def replay(
    entries: Iterable[Entry],
    bills: dict[str, BillState],
    balances: dict[str, int],
    categories: dict[str, str],
) -> None:
    """Rebuild bills, balances and categories from the master data as first loaded plus the journal."""
    for entry in entries:
        moves = entry_moves(entry.kind, entry.payload)
        if moves is not None:
            apply_moves(moves, bills, balances, categories)


def unreplay(
    entries: Iterable[Entry],
    bills: dict[str, BillState],
    balances: dict[str, int],
    categories: dict[str, str],
) -> None:
    """The reverse of replay, in place: the master data as first loaded, from the tables as they are now
    and the journal that moved them (principal paid, balance, and what an adjustment changed: amount, due
    date, kWh, category back to their old values). Late-fee state is not rebuilt: a first load has none."""
    for entry in reversed(list(entries)):
        moves = entry_moves(entry.kind, entry.payload)
        if moves is None:
            continue
        old = entry.payload.get("old", {})
        balances[moves.customer_no] = balances.get(moves.customer_no, 0) - moves.balance_delta_fen
        if moves.category is not None:
            categories[moves.customer_no] = str(old["category"])
        for m in moves.bills:
            b = bills.get(m.bill_id)
            if b is None:
                continue
            b.principal_paid_fen -= m.principal_fen
            if m.amount_fen is not None:
                b.amount_fen = int(old["amount_fen"])
            if m.due_date is not None:
                b.due_date = str(old["due_date"])
            if m.kwh is not None:
                b.kwh = int(old["kwh"])
