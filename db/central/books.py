"""Anyone can recompute head office's books (issue 29 step 3): `python main.py central verify-books`.

The stored customers and bills are a cache of a fold: the master data as first loaded (central_seed) and every
journal's entries (each terminal's chain and head office's HQ chain), in the order the books applied them
(central_applied, db/central/order.py), folded with the projection's own pure rule (app/central_fold.py).
This folds them all again and lists every stored value that differs from the recomputed one: a balance or a
bill edited by hand, entries held from the books (db/central/rowcheck.py), a row no seed explains. A relevant
journal entry the ledger's order does not name (stored before c0016, or slipped into the journal) cannot be
proven and is listed too.

Each entry is folded with head office's policy (late fees) in force when the books applied it: every load of
master data that changed the policy records the whole of it in the ledger's order (db/central/order.py,
central_seed stream `policy`). Limit: a ledger whose policy changed before that record existed folds the
entries before its first recorded policy with that first one (the values in force earlier were overwritten
in central_policy and are stored nowhere).

Read only, in one read snapshot. Memory: the books of every customer and bill (the console's province of a
million customers holds them in a few hundred MB); the entries are read one applied run at a time.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, select

from app.central_fold import Books, Folded, bill_ids_of, fold_into, relevant
from app.ids import CustomerNo
from app.journal import Entry
from app.model import Bill, Category
from app.policy import Policy
from app.settle import LedgerBill
from db.central.order import POLICY
from db.central.project import central_policy_of
from db.central.projector import pending_from
from db.central.sql import entry_of
from db.central_schema import central_applied, central_bills, central_customers, central_journal, central_seed

CUSTOMER_FIELDS = ("balance_fen", "category")
BILL_FIELDS = (
    "amount_fen",
    "due_date",
    "kwh",
    "principal_paid_fen",
    "fee_paid_fen",
    "fee_carried_fen",
    "fee_accrued_through",
    "fee_waived_fen",
)


@dataclass(frozen=True)
class Difference:
    """One stored value that the fold of the journals does not give (None: no such row on that side)."""

    stream: str  # customers | bills | journal
    key: str
    field: str
    stored: Any
    recomputed: Any


def _seed_bill(key: str, v: dict[str, Any]) -> LedgerBill:
    through = v.get("fee_accrued_through")
    bill = Bill(
        key,
        CustomerNo(str(v["customer_no"])),
        str(v["period"]),
        int(v["kwh"]),
        int(v["amount_fen"]),
        dt.date.fromisoformat(str(v["due_date"])),
        int(v["principal_paid_fen"]),
        int(v["fee_carried_fen"]),
        dt.date.fromisoformat(through) if through else None,
    )
    return LedgerBill(bill, int(v["fee_paid_fen"]), int(v["fee_waived_fen"]))


def _entries(conn: Connection, terminal_id: str, from_seq: int, to_seq: int) -> list[Entry]:
    j = central_journal.c
    return [
        entry_of(r)
        for r in conn.execute(
            select(central_journal)
            .where(j.terminal_id == terminal_id)
            .where(j.seq >= from_seq)
            .where(j.seq <= to_seq)
            .order_by(j.seq)
        )
    ]


def recompute(conn: Connection, customer_no: str | None = None) -> tuple[Folded, list[Difference]]:
    """The books as the fold of the seed and the journals gives them, and the journal entries that the
    ledger's order does not name (each a Difference of stream `journal`; of those, only the ones that name
    `customer_no` or one of its bills when a customer is named)."""
    seeds: dict[int, list[Any]] = {}
    for r in conn.execute(select(central_seed).order_by(central_seed.c.pos)):
        seeds.setdefault(int(r.pos), []).append(r)
    # before the first policy the ledger's order recorded (a ledger older than that record): the earliest
    # one recorded, else today's; the policy in force earlier is not stored anywhere
    first = next((s for run in seeds.values() for s in run if s.stream == POLICY), None)
    policy = Policy.from_values(json.loads(first.body)) if first is not None else central_policy_of(conn)
    out = Folded(Books(policy=policy))
    folded: set[tuple[str, int]] = set()
    a = central_applied.c
    for run in conn.execute(select(central_applied).order_by(a.pos)).all():
        if run.what == "seed":
            for s in seeds.get(int(run.pos), []):
                values = json.loads(s.body)
                if s.stream == POLICY:  # the policy in force from this load on
                    out.books.policy = Policy.from_values(values)
                elif s.stream == "customers":
                    out.books.balances[s.key] = int(values["balance_fen"])
                    out.books.categories[s.key] = Category(values["category"])
                else:
                    out.books.add_bill(_seed_bill(s.key, values))
            continue
        entries = _entries(conn, run.terminal_id, int(run.from_seq), int(run.to_seq))
        folded.update((e.terminal_id, e.seq) for e in entries)
        fold_into(out, entries)
    if customer_no is None:
        return out, list(_unordered(conn, folded))
    bills = set(out.books.bills_of.get(customer_no, []))
    return out, list(_unordered(conn, folded, lambda e: _names(e, customer_no, bills)))


def _names(e: Entry, customer_no: str, bills: set[str]) -> bool:
    return str(e.payload.get("customer_no", "")) == customer_no or bool(bills & set(bill_ids_of(e)))


def _unordered(
    conn: Connection, folded: set[tuple[str, int]], naming: Callable[[Entry], bool] = lambda _e: True
) -> Iterator[Difference]:
    j = central_journal.c
    pending = pending_from(conn)  # appended, not yet folded by the projector: its, not a difference
    for r in conn.execute(
        select(j.entry_id, j.terminal_id, j.seq, j.kind, j.created_at, j.clerk_id, j.payload).order_by(
            j.terminal_id, j.seq
        )
    ):
        if (r.terminal_id, int(r.seq)) in folded or int(r.seq) >= pending.get(r.terminal_id, 1 << 62):
            continue
        e = Entry(
            r.entry_id,
            r.terminal_id,
            int(r.seq),
            r.kind,
            r.created_at,
            r.clerk_id,
            json.loads(r.payload),
            "",
            "",
        )
        if relevant(e) and naming(e):
            yield Difference("journal", f"{r.terminal_id}#{int(r.seq)}", "applied", None, r.kind)


def differences(conn: Connection) -> list[Difference]:
    """Every stored customer and bill value that differs from the fold of the journals, then the journal
    entries the ledger's order does not name."""
    out, unordered = recompute(conn)
    return compare(conn, out.books) + unordered


def compare(conn: Connection, books: Books, customer_no: str | None = None) -> list[Difference]:
    """The stored customer and bill values that differ from `books` (of one customer when named)."""
    found: list[Difference] = []
    cc = central_customers.c
    stored_customers = set()
    stmt = select(cc.customer_no, *(cc[f] for f in CUSTOMER_FIELDS)).order_by(cc.customer_no)
    if customer_no is not None:
        stmt = stmt.where(cc.customer_no == customer_no)
    for r in conn.execute(stmt):
        stored_customers.add(r.customer_no)
        if r.customer_no not in books.balances:
            found.append(Difference("customers", r.customer_no, "seed", None, None))
            continue
        mine = {
            "balance_fen": books.balances[r.customer_no],
            "category": books.categories[r.customer_no].value,
        }
        found += [
            Difference("customers", r.customer_no, f, getattr(r, f), mine[f])
            for f in CUSTOMER_FIELDS
            if _plain(getattr(r, f)) != mine[f]
        ]
    folded = set(books.balances) if customer_no is None else {customer_no} & set(books.balances)
    found += [
        Difference("customers", k, "row", None, books.balances[k]) for k in sorted(folded - stored_customers)
    ]
    cb = central_bills.c
    stored_bills = set()
    stmt = select(cb.bill_id, *(cb[f] for f in BILL_FIELDS)).order_by(cb.bill_id)
    if customer_no is not None:
        stmt = stmt.where(cb.customer_no == customer_no)
    for r in conn.execute(stmt):
        stored_bills.add(r.bill_id)
        lb = books.bills.get(r.bill_id)
        if lb is None:
            found.append(Difference("bills", r.bill_id, "seed", None, None))
            continue
        mine = bill_values(lb)
        found += [
            Difference("bills", r.bill_id, f, getattr(r, f), mine[f])
            for f in BILL_FIELDS
            if _plain(getattr(r, f)) != mine[f]
        ]
    ids = set(books.bills) if customer_no is None else set(books.bills_of.get(customer_no, []))
    found += [Difference("bills", k, "row", None, "") for k in sorted(ids - stored_bills)]
    return found


def _plain(value: Any) -> Any:
    return int(value) if isinstance(value, int) else value


def bill_values(lb: LedgerBill) -> dict[str, Any]:
    b = lb.bill
    return {
        "amount_fen": b.amount_fen,
        "due_date": b.due_date.isoformat(),
        "kwh": b.kwh,
        "principal_paid_fen": b.principal_paid_fen,
        "fee_paid_fen": lb.fee_paid_fen,
        "fee_carried_fen": b.fee_carried_fen,
        "fee_accrued_through": b.fee_accrued_through.isoformat() if b.fee_accrued_through else None,
        "fee_waived_fen": lb.fee_waived_fen,
    }


def verify_books(engine: Engine) -> list[Difference]:
    """differences() in one read snapshot (REPEATABLE READ on PostgreSQL; a read transaction on SQLite,
    never the embedded ledger's write lock)."""
    conn = engine.connect()
    try:
        if engine.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        else:
            conn = conn.execution_options(hallpay_write=False)
        with conn.begin():
            return differences(conn)
    finally:
        conn.close()
