"""The state head office's fold reads and moves (app/central_fold.py): the books of the touched customers and
bills, what a fold did, and the review cases it opens as codes. Plain data; no rule lives here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.model import Category
from app.policy import Policy
from app.settle import LedgerBill


def case_id(kind: str, entry_id: str, bill_id: str | None = None) -> str:
    return f"{kind}:{entry_id}:{bill_id or ''}"


@dataclass(frozen=True)
class FoldCase:
    """A review case the fold opens: its kind, the entry, and the sentence as a code with parameters
    (app/message_table_cases.py) that the edge says."""

    kind: str
    terminal_id: str
    seq: int
    entry_id: str
    customer_no: str | None
    bill_id: str | None
    amount_fen: int
    fee_fen: int
    code: str
    params: Mapping[str, Any]

    @property
    def case_id(self) -> str:
        return case_id(self.kind, self.entry_id, self.bill_id)


@dataclass
class Books:
    """The part of the books a fold reads and moves: bills (with each customer's bill ids in key order),
    balances and categories of the customers known, the (amount, fee) of review cases of earlier entries that
    reversals may undo, and head office's policy (late fees)."""

    bills: dict[str, LedgerBill] = field(default_factory=dict)
    bills_of: dict[str, list[str]] = field(default_factory=dict)
    balances: dict[str, int] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)
    known_cases: dict[str, tuple[int, int]] = field(default_factory=dict)
    policy: Policy = field(default_factory=Policy.from_values)

    def copy(self) -> Books:
        return Books(
            dict(self.bills),
            {k: list(v) for k, v in self.bills_of.items()},
            dict(self.balances),
            dict(self.categories),
            dict(self.known_cases),
            self.policy,
        )

    def add_bill(self, lb: LedgerBill) -> None:
        bill_id, cno = lb.bill.bill_id, str(lb.bill.customer_no)
        if bill_id not in self.bills:
            ids = self.bills_of.setdefault(cno, [])
            ids.append(bill_id)
            ids.sort()
        self.bills[bill_id] = lb


@dataclass
class Folded:
    """What a fold did: the new books, what it touched (to write back), the adjustment record that set each
    adjusted bill's values, the latest business day per customer, and the cases opened."""

    books: Books
    touched_bills: set[str] = field(default_factory=set)
    touched_customers: set[str] = field(default_factory=set)
    touched_categories: set[str] = field(default_factory=set)
    basis: dict[str, str] = field(default_factory=dict)
    days: dict[str, dt.date] = field(default_factory=dict)
    cases: list[FoldCase] = field(default_factory=list)
