"""The streamed fold behind `central verify-books` and `central audit --recompute` (issue 29 step 3).

One pass folds the customers of one scope (a range of customer numbers, or a named set) from the seed
through every journal entry, in the ledger's order (central_applied), and nothing else:

- the entries come from one streamed query (the ledger's order joined to the journal, a page at a time), so
  memory holds the scope's books and one page of entries, never the ledger;
- only an entry that names a customer or a bill of the scope is folded (app/central_fold.py, the
  projection's own rule), with the policy in force when the books applied it;
- head office's refund orders (`refund_order`) and the counters' pay-outs (`refund_payout`) of the scope's
  customers give the refund rows as they must be stored (db/central/decide.py, refunds.py).

A payment may claim another customer's bill (app/central_fold.py). When the two customers fall in different
scopes, neither pass can fold that entry as the whole fold does: the pass names both customers as linked,
their results are not compared, and the caller folds every linked customer again in one joint scope
(db/central/books.py). With one scope for the whole ledger (the default up to BUCKET customers) no entry
links anything.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, and_, literal, select, union

from app.central_fold import Books, Folded, bill_ids_of, fold_entry, moves_of, relevant
from app.ids import CustomerNo
from app.journal import Entry, Kind
from app.model import Bill, Category
from app.policy import Policy
from app.progress import Progress, no_progress
from app.refund_fold import ORDERED, Refund, named, pay_out
from app.settle import LedgerBill
from db.central.order import POLICY
from db.central.project import central_policy_of
from db.central.sql import entry_of, in_values
from db.central_schema import central_applied, central_customers, central_journal, central_seed

REFUND_ORDER = "refund_order"  # head office's journal kind (db/central/decide.py)
PAGE = 2_000  # entries fetched per round trip of the stream


def seed_bill(key: str, v: dict[str, Any]) -> LedgerBill:
    """A bill as its seed row (central_seed stream `bills`) first loaded it."""
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


@dataclass(frozen=True)
class Scope:
    """Customers lo <= n < hi (None: open), or exactly `only` when given."""

    lo: str | None = None
    hi: str | None = None
    only: frozenset[str] | None = None

    def has(self, customer_no: str) -> bool:
        if self.only is not None:
            return customer_no in self.only
        return (self.lo is None or customer_no >= self.lo) and (self.hi is None or customer_no < self.hi)

    def where(self, conn: Connection, column: Any) -> Any:
        if self.only is not None:
            return in_values(conn, column, sorted(self.only))
        parts = [column >= self.lo] if self.lo is not None else []
        parts += [column < self.hi] if self.hi is not None else []
        return and_(literal(True), *parts)


@dataclass
class Pass:
    """What one pass folded: the books of its scope, the refund rows as they must be, the customers whose
    results need a joint pass, and how many entries it folded."""

    folded: Folded
    refunds: dict[str, dict[str, Any]] = field(default_factory=dict)
    linked: set[str] = field(default_factory=set)
    entries: int = 0


def customer_keys(conn: Connection) -> Iterator[str]:
    """Every customer number the store or the seed knows, in order, streamed."""
    cc, s = central_customers.c, central_seed.c
    stmt = union(
        select(cc.customer_no.label("k")), select(s.key.label("k")).where(s.stream == "customers")
    ).order_by("k")
    for r in conn.execute(stmt.execution_options(stream_results=True, yield_per=10_000)):
        yield str(r.k)


def scopes(conn: Connection, bucket: int) -> list[Scope]:
    """The ledger cut into ranges of at most `bucket` customers (kept: one key per range)."""
    bounds: list[str] = []
    for i, key in enumerate(customer_keys(conn)):
        if i % bucket == 0:
            bounds.append(key)
    if len(bounds) <= 1:
        return [Scope()]
    return [
        Scope(None if i == 0 else lo, bounds[i + 1] if i + 1 < len(bounds) else None)
        for i, lo in enumerate(bounds)
    ]


def _seeds(conn: Connection, scope: Scope) -> dict[int, list[tuple[str, str, dict[str, Any]]]]:
    """The scope's seed rows (and every policy record), by the ledger position of their load."""
    s = central_seed.c
    out: dict[int, list[tuple[str, str, dict[str, Any]]]] = {}
    stmt = select(s.stream, s.key, s.pos, s.body).where(
        (s.stream == POLICY) | ((s.stream == "customers") & scope.where(conn, s.key)) | (s.stream == "bills")
    )
    if scope.only is not None and len(scope.only) == 1:  # one customer: its bills by their canonical body
        (cno,) = scope.only
        stmt = stmt.where((s.stream != "bills") | s.body.contains(f'"customer_no":{json.dumps(cno)}'))
    for r in conn.execute(stmt.order_by(s.pos).execution_options(stream_results=True, yield_per=10_000)):
        values = json.loads(r.body)
        if r.stream == "bills" and not scope.has(str(values["customer_no"])):
            continue
        out.setdefault(int(r.pos), []).append((r.stream, r.key, values))
    return out


class _Known:
    """Whether a customer or a bill outside the scope exists at all (a seed names it): cached lookups."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._seen: dict[tuple[str, str], str | None] = {}

    def owner(self, stream: str, key: str) -> str | None:
        """The customer a seeded bill belongs to, or the customer itself; None when no seed has it."""
        if (stream, key) not in self._seen:
            s = central_seed.c
            body = self._conn.execute(select(s.body).where(s.stream == stream).where(s.key == key)).scalar()
            self._seen[(stream, key)] = (
                None
                if body is None
                else (key if stream == "customers" else str(json.loads(body)["customer_no"]))
            )
        return self._seen[(stream, key)]


def fold_scope(conn: Connection, scope: Scope, progress: Progress = no_progress, done: int = 0) -> Pass:
    """Fold the scope's customers from the seed through the ledger's order (progress: applied runs)."""
    seeds = _seeds(conn, scope)
    first = next((v for run in seeds.values() for st, _k, v in run if st == POLICY), None)
    # before the first policy the ledger's order recorded (a ledger older than that record): the earliest one
    # recorded, else today's; the policy in force earlier is stored nowhere
    policy = Policy.from_values(first) if first is not None else central_policy_of(conn)
    out = Pass(Folded(Books(policy=policy)))
    books = out.folded.books
    mine: set[str] = set()  # the scope's bills
    known = _Known(conn)
    a, j = central_applied.c, central_journal.c
    total = conn.execute(select(a.pos).order_by(a.pos.desc()).limit(1)).scalar() or 0
    stmt = (
        select(a.pos, a.what, j.entry_id, j.terminal_id, j.seq, j.kind, j.created_at, j.clerk_id, j.payload)
        .add_columns(j.prev_hash, j.hash, j.signature)
        .select_from(
            central_applied.outerjoin(
                central_journal,
                (a.what == "entries")
                & (j.terminal_id == a.terminal_id)
                & (j.seq >= a.from_seq)
                & (j.seq <= a.to_seq),
            )
        )
        .order_by(a.pos, j.seq)
    )
    last = -1
    for r in conn.execute(stmt.execution_options(stream_results=True, yield_per=PAGE)):
        pos = int(r.pos)
        if pos != last:
            last = pos
            if pos % 500 == 0:
                progress(done + pos, None)
        if r.what == "seed":
            for stream, key, values in seeds.pop(pos, []):
                if stream == POLICY:  # the policy in force from this load on
                    books.policy = Policy.from_values(values)
                elif stream == "customers":
                    books.balances[key] = int(values["balance_fen"])
                    books.categories[key] = Category(values["category"])
                else:
                    books.add_bill(seed_bill(key, values))
                    mine.add(key)
            continue
        if r.entry_id is None:
            continue
        e = entry_of(r)
        if e.kind in (REFUND_ORDER, Kind.REFUND_PAYOUT):
            _refund(out, scope, e)
        if not relevant(e):
            continue
        cno = str(e.payload.get("customer_no", ""))
        moves = moves_of(e)  # read once: for the bills it names and for the fold
        bills = bill_ids_of(e, moves)
        ours, theirs = scope.has(cno), [b for b in bills if b in mine]
        if not ours and not theirs:
            continue
        if ours:  # a claim on a seeded bill of a customer outside the scope
            others = {known.owner("bills", b) for b in bills if b not in mine} - {None}
            if others:
                out.linked |= {cno, *(str(o) for o in others)}
        elif known.owner("customers", cno) is not None:  # another scope's customer claims our bill
            out.linked |= {cno, *(str(known.owner("bills", b)) for b in theirs)}
        fold_entry(out.folded, e, moves)
        out.entries += 1
    progress(done + total, None)
    return out


def _refund(out: Pass, scope: Scope, e: Entry) -> None:
    p = e.payload
    if e.kind == REFUND_ORDER:
        cno = str(p.get("customer_no", ""))
        if scope.has(cno) and p.get("refund_id"):
            out.refunds[str(p["refund_id"])] = {
                "customer_no": cno,
                "amount_fen": int(p.get("amount_fen", 0)),
                "order_entry_id": e.entry_id,
                "status": ORDERED,
                "paid_entry_id": None,
            }
        return
    # the projector's own rule (app/refund_fold.py): the first pay-out of an ordered refund pays it
    mine = {rid: out.refunds[rid] for rid in named(e) if rid in out.refunds}  # the scope's orders it names
    rows = {
        rid: Refund(v["customer_no"], v["amount_fen"], v["status"], v["paid_entry_id"])
        for rid, v in mine.items()
    }
    pay_out(rows, e)
    for rid, row in rows.items():
        mine[rid]["status"], mine[rid]["paid_entry_id"] = row.status, row.paid_entry_id


def applied_runs(conn: Connection) -> int:
    a = central_applied.c
    return int(conn.execute(select(a.pos).order_by(a.pos.desc()).limit(1)).scalar() or 0)
