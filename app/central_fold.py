"""Head office's books as a fold of the journals (issue 29, code review 2026-12-07 item 3): one pure function,
(the state of the touched customers and bills, entries) -> (their new state, review cases as codes).

db/central/project.py loads the state of what a push touches, calls `fold`, and writes what it returns;
`central verify-books` (db/central/books.py) folds every journal from the seed with the same function and
compares with the stored rows. Nothing here reads storage, the clock or a sentence.

The rules, per kind (app.moves.entry_moves reads every kind's balance delta and bill moves, the function the
counter's replay uses, STYLE.md 21):

- payment, offset (a counter's or head office's): the allocations are settled with app.settle.settle_payment,
  the counter's own rule on the ledger's state of the customer's bills: each bill's late fee and principal
  are settled at most once; whatever an allocation claims beyond what the bill still owes (another hall
  already took it) goes to the customer's balance with one `double_payment` case per bill and entry (fee part
  in fee_fen); the principal of it that head office took off the bill since the counter saw it (the
  allocation's bill_amount_fen above the ledger's amount) is a `bill_reduced` case instead. For an offset the
  surplus is an `offset_surplus` case (the balance spent on it stays the customer's). The rest of the money
  moves the balance as the terminal recorded. A bill the ledger does not know sends the claim to the balance
  (`unknown_bill`); a customer it does not know parks the whole amount (`unknown_customer`).
- reversal: exactly the original's effect undone (what it put on each bill comes off, the refunded fee is
  carried again, what it put on the balance through a case comes off the balance); a parked original parks
  the refund too.
- adjustment (退补): the bill takes the new amount, due date and kWh and the principal the counter moved off
  it; the bill never holds more principal than its new amount: the rest goes to the balance
  (`adjustment_surplus`, negative when it takes back what a double payment already credited). A category
  adjustment changes the customer's category.
- waiver: late fee waived on each bill; no money.
- any other kind naming a customer: the balance moves by what the entry says (a card purchase: 0).
A balance driven below zero by a debit opens `balance_overdrawn`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from app.central_books import Books, FoldCase, Folded, case_id  # noqa: F401  (re-exported: the fold's types)
from app.ids import CustomerNo
from app.journal import Entry, Kind
from app.model import Category
from app.moves import EntryMoves, entry_moves
from app.settle import claims_of_moves, settle_payment

SETTLING = (Kind.PAYMENT, Kind.OFFSET)  # settled bill by bill with app.settle.settle_payment
# the cases whose amount went to (or came off) the customer's balance instead of onto a bill
SURPLUS_CASES = ("double_payment", "bill_reduced", "unknown_bill", "offset_surplus", "adjustment_surplus")


def moves_of(e: Entry) -> EntryMoves:
    moves = entry_moves(e.kind, e.payload)
    return moves if moves is not None else EntryMoves(str(e.payload.get("customer_no", "")), 0)


def bill_ids_of(e: Entry, moves: EntryMoves | None = None) -> list[str]:
    """The bills an entry names (`moves`: its moves_of, when the caller has read them already)."""
    if e.kind == Kind.WAIVER:
        return [b["bill_id"] for b in e.payload.get("bills", [])]
    return [m.bill_id for m in (moves or moves_of(e)).bills]


def relevant(e: Entry) -> bool:
    """Whether the entry moves bills or balances at all."""
    return e.kind in (*SETTLING, Kind.REVERSAL, Kind.WAIVER, Kind.ADJUSTMENT) or (
        "customer_no" in e.payload and moves_of(e).balance_delta_fen != 0
    )


def ordered(e: Entry) -> bool:
    """Whether the ledger's order (central_applied) must name the entry: it moves bills or balances, or it
    pays out refunds head office ordered. A pay-out moves no balance (the decision took the amount off), but
    the refund rows are a fold of the orders and pay-outs in that order too (db/central/books_fold.py): one
    the order does not name is never seen by a recompute, which then lists every paid refund as ordered."""
    return e.kind == Kind.REFUND_PAYOUT or relevant(e)


def day_of(e: Entry) -> dt.date:
    """The entry's business day (its created_at's date when it has none)."""
    value = e.payload.get("business_day")
    return dt.date.fromisoformat(value) if value else dt.date.fromisoformat(e.created_at[:10])


def fold(books: Books, entries: Iterable[Entry]) -> Folded:
    """Apply the entries, in the order given, to a copy of `books`. Pure: `books` is left as it was."""
    return fold_into(Folded(books.copy()), entries)


def fold_into(out: Folded, entries: Iterable[Entry]) -> Folded:
    """Apply the entries to `out`'s books in place (a recompute of every journal folds batch after batch
    into one Folded, without copying the books each time); returns `out`."""
    f = _Fold(out)
    for e in entries:
        f.apply(e)
    return f.out


def fold_entry(out: Folded, e: Entry, moves: EntryMoves | None = None) -> None:
    """fold_into of one entry, whose moves_of the caller may have read already (the recompute's stream)."""
    _Fold(out).apply(e, moves)


class _Fold:
    def __init__(self, out: Folded) -> None:
        self.out = out
        self.b = out.books

    def apply(self, e: Entry, moves: EntryMoves | None = None) -> None:
        if not relevant(e):
            return
        self.note_day(e)
        if e.kind in SETTLING:
            self.payment(e, moves or moves_of(e))
        elif e.kind == Kind.ADJUSTMENT:
            self.adjustment(e)
        elif e.kind == Kind.REVERSAL:
            self.reversal(e)
        elif e.kind == Kind.WAIVER:
            self.waiver(e)
        else:
            self.other(e)

    def open(
        self,
        kind: str,
        e: Entry,
        code: str,
        customer_no: str | None,
        bill_id: str | None = None,
        amount_fen: int = 0,
        fee_fen: int = 0,
        /,
        **params: Any,
    ) -> None:
        """Open a case; `params` are its sentence's (app/message_table_cases.py), beside the entry's."""
        case = FoldCase(
            kind,
            e.terminal_id,
            e.seq,
            e.entry_id,
            customer_no,
            bill_id,
            amount_fen,
            fee_fen,
            code,
            {"terminal_id": e.terminal_id, "seq": e.seq, **params},
        )
        self.out.cases.append(case)
        self.b.known_cases.setdefault(case.case_id, (amount_fen, fee_fen))

    def note_day(self, e: Entry) -> dt.date:
        day = day_of(e)
        cno = str(e.payload.get("customer_no", ""))
        self.out.days[cno] = max(day, self.out.days.get(cno, day))
        return day

    # ------------------------------------------------------------------ kinds

    def payment(self, e: Entry, moves: EntryMoves) -> None:
        """A payment, or an offset (a payment of amount 0 from the balance)."""
        p = e.payload
        cno = moves.customer_no
        if cno not in self.b.balances:
            amount = int(p["amount_fen"])
            self.open(
                "unknown_customer",
                e,
                "case.unknown_customer_paid",
                cno,
                None,
                amount,
                customer_no=cno,
                amount_fen=amount,
            )
            return
        surplus = 0
        known = []
        for claim in claims_of_moves(moves):
            if claim.bill_id in self.b.bills:
                known.append(claim)
                continue
            amount = claim.principal_fen + claim.fee_fen
            surplus += amount
            self.open(
                "unknown_bill",
                e,
                "case.unknown_bill",
                cno,
                claim.bill_id,
                amount,
                claim.fee_fen,
                customer_no=cno,
                bill_id=claim.bill_id,
                amount_fen=amount,
            )
        day = self.note_day(e)
        mine = {bill_id: self.b.bills[bill_id] for bill_id in self.b.bills_of.get(cno, ())}
        mine.update((c.bill_id, self.b.bills[c.bill_id]) for c in known)  # a claim on another customer's bill
        changed, settled = settle_payment(
            mine, CustomerNo(cno), self.b.categories[cno], known, day, self.b.policy
        )
        self.b.bills.update(changed)
        self.out.touched_bills.update(changed)
        periods = {a["bill_id"]: a.get("period", "") for a in p.get("allocations", [])}
        seen = {a["bill_id"]: int(a.get("bill_amount_fen", 0)) for a in p.get("allocations", [])}
        for s in settled:
            if not s.surplus_fen:
                continue
            surplus += s.surplus_fen
            where = {"customer_no": cno, "bill_id": s.bill_id, "period": periods[s.bill_id]}
            if e.kind == Kind.OFFSET:
                self.open(
                    "offset_surplus",
                    e,
                    "case.offset_surplus",
                    cno,
                    s.bill_id,
                    s.surplus_fen,
                    s.surplus_fee_fen,
                    **where,
                    amount_fen=s.surplus_fen,
                )
                continue
            # principal head office took off the bill since the counter saw it is its own case
            amount_now = self.b.bills[s.bill_id].bill.amount_fen
            reduced = min(s.surplus_principal_fen, max(0, seen.get(s.bill_id, 0) - amount_now))
            if reduced:
                self.open(
                    "bill_reduced",
                    e,
                    "case.bill_reduced",
                    cno,
                    s.bill_id,
                    reduced,
                    **where,
                    seen_fen=seen[s.bill_id],
                    reduced_fen=reduced,
                    amount_fen=amount_now,
                )
            if s.surplus_fen > reduced:
                fee, principal = s.surplus_fee_fen, s.surplus_principal_fen - reduced
                code = (
                    "case.double_payment_both"
                    if fee and principal
                    else ("case.double_payment_fee" if fee else "case.double_payment_principal")
                )
                self.open(
                    "double_payment",
                    e,
                    code,
                    cno,
                    s.bill_id,
                    s.surplus_fen - reduced,
                    fee,
                    **where,
                    fee_fen=fee,
                    principal_fen=principal,
                    total_fen=fee + principal,
                )
        self.move_balance(e, cno, moves.balance_delta_fen + surplus)

    def adjustment(self, e: Entry) -> None:
        """A bill's new amount, due date and kWh (and the principal moved off it), or a new category."""
        moves = moves_of(e)
        cno = moves.customer_no
        if cno not in self.b.balances:
            delta = moves.balance_delta_fen
            self.open(
                "unknown_customer",
                e,
                "case.unknown_customer_adjusted",
                cno,
                None,
                delta,
                customer_no=cno,
                delta_fen=delta,
            )
            return
        if moves.category is not None:
            self.b.categories[cno] = Category(moves.category)
            self.out.touched_categories.add(cno)
        extra = 0
        for m in moves.bills:
            lb = self.b.bills.get(m.bill_id)
            b = lb.bill if lb is not None else None
            target = (b.principal_paid_fen if b is not None else 0) + m.principal_fen
            paid = 0
            if lb is not None and b is not None:
                amount = b.amount_fen if m.amount_fen is None else m.amount_fen
                paid = max(0, min(target, amount))
                self.b.bills[m.bill_id] = replace(
                    lb,
                    bill=replace(
                        b,
                        amount_fen=amount,
                        principal_paid_fen=paid,
                        kwh=b.kwh if m.kwh is None else m.kwh,
                        due_date=b.due_date if m.due_date is None else dt.date.fromisoformat(m.due_date),
                    ),
                )
                self.out.touched_bills.add(m.bill_id)
                self.out.basis[m.bill_id] = e.entry_id
            if (
                target != paid
            ):  # the ledger's bill held other principal than the counter's: to/from the balance
                extra += target - paid
                code = "case.adjustment_surplus" if target > paid else "case.adjustment_credited"
                self.open(
                    "adjustment_surplus",
                    e,
                    code,
                    cno,
                    m.bill_id,
                    target - paid,
                    customer_no=cno,
                    bill_id=m.bill_id,
                    amount_fen=abs(target - paid),
                )
        self.move_balance(e, cno, moves.balance_delta_fen + extra)

    def reversal(self, e: Entry) -> None:
        p = e.payload
        cno, original = p["customer_no"], p.get("original_entry_id", "")
        refund = int(p.get("refund_fen", 0))
        if cno not in self.b.balances or case_id("unknown_customer", original) in self.b.known_cases:
            parked = -refund if p.get("original_kind", Kind.PAYMENT) == Kind.PAYMENT else 0
            self.open(
                "unknown_customer",
                e,
                "case.unknown_customer_reversed",
                cno,
                None,
                parked,
                customer_no=cno,
                refund_fen=refund,
            )
            return
        back = 0  # what the original moved to the balance instead of onto a bill
        moves = moves_of(e)
        known = self.b.known_cases
        for m in moves.bills:
            principal, fee, bill_id = -m.principal_fen, -m.fee_fen, m.bill_id
            moved, moved_fee = known.get(case_id("double_payment", original, bill_id), (0, 0))
            moved += known.get(case_id("bill_reduced", original, bill_id), (0, 0))[0]
            unknown = known.get(case_id("unknown_bill", original, bill_id), (0, 0))[0]
            lb = self.b.bills.get(bill_id)
            if lb is None or unknown or moved >= principal + fee:  # the original never reached this bill
                back += principal + fee
                continue
            applied_fee = fee - moved_fee
            applied_principal = principal - (moved - moved_fee)
            b = lb.bill
            self.b.bills[bill_id] = replace(
                lb,
                bill=replace(
                    b,
                    principal_paid_fen=b.principal_paid_fen - applied_principal,
                    fee_carried_fen=b.fee_carried_fen + applied_fee,
                ),
                fee_paid_fen=lb.fee_paid_fen - applied_fee,
            )
            back += moved
            self.out.touched_bills.add(bill_id)
        self.move_balance(e, cno, moves.balance_delta_fen - back)

    def waiver(self, e: Entry) -> None:
        for w in e.payload.get("bills", []):
            lb = self.b.bills.get(w["bill_id"])
            if lb is not None:
                self.b.bills[w["bill_id"]] = replace(
                    lb, fee_waived_fen=lb.fee_waived_fen + int(w["fee_waived_fen"])
                )
                self.out.touched_bills.add(w["bill_id"])

    def other(self, e: Entry) -> None:
        cno = e.payload["customer_no"]
        delta = moves_of(e).balance_delta_fen
        if cno not in self.b.balances:
            self.open(
                "unknown_customer",
                e,
                "case.unknown_customer_moved",
                cno,
                None,
                delta,
                customer_no=cno,
                delta_fen=delta,
            )
            return
        self.move_balance(e, cno, delta)

    def move_balance(self, e: Entry, cno: str, delta: int) -> None:
        self.b.balances[cno] += delta
        self.out.touched_customers.add(cno)
        balance = self.b.balances[cno]
        if delta < 0 and balance < 0:
            self.open(
                "balance_overdrawn",
                e,
                "case.balance_overdrawn",
                cno,
                None,
                -balance,
                customer_no=cno,
                balance_fen=balance,
            )
