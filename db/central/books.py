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

Head office's refund rows are compared too: each is what head office's refund order and the first pay-out
of it in the journals make it (db/central/books_fold.py).

The fold is db/central/books_fold.py, streamed: one pass per range of at most BUCKET customers, each holding
only its range's books and a page of entries; `central audit --recompute` (cli/central_audit.py), the
console's audit page and `central verify-books --repair` (db/central/repair.py, one customer's pass) all
call `audit` or `recompute` here. Read only, in one read snapshot.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from typing import Any

from sqlalchemy import Connection, Engine, select

from app.central_fold import Books, Folded, bill_ids_of, ordered
from app.journal import Entry
from app.progress import Progress, no_progress
from app.settle import LedgerBill
from db.central.books_fold import PAGE, Pass, Scope, applied_runs, fold_scope, scopes
from db.central.projector import pending_from
from db.central.sql import is_pg
from db.central_schema import (
    central_applied,
    central_bills,
    central_customers,
    central_journal,
    central_refunds,
)

BUCKET = 100_000  # customers folded per pass (measured: ~2.4 KB each with a bill, so ~240 MB a pass)
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


def recompute(
    conn: Connection, customer_no: str
) -> tuple[Folded, list[Difference], dict[str, dict[str, Any]]]:
    """One customer's books as the fold of the seed and the journals gives them (with every customer an entry
    links it to: db/central/books_fold.py), the journal entries naming it or one of its bills that the
    ledger's order does not name (each a Difference of stream `journal`), and its refund rows as head office's
    orders and the pay-outs make them (refund id -> values)."""
    done = _joint(conn, {customer_no})
    bills = set(done.folded.books.bills_of.get(customer_no, []))
    refunds = {k: v for k, v in done.refunds.items() if v["customer_no"] == customer_no}
    return done.folded, list(_unordered(conn, lambda e: _names(e, customer_no, bills))), refunds


def _joint(conn: Connection, customers: set[str], progress: Progress = no_progress) -> Pass:
    """Fold exactly these customers together, adding each customer an entry links them to until none is
    left outside (a payment on another customer's bill)."""
    scope = set(customers)
    while True:
        done = fold_scope(conn, Scope(only=frozenset(scope)), progress)
        if done.linked <= scope:
            return done
        scope |= done.linked


def _names(e: Entry, customer_no: str, bills: set[str]) -> bool:
    return str(e.payload.get("customer_no", "")) == customer_no or bool(bills & set(bill_ids_of(e)))


def _unordered(conn: Connection, naming: Callable[[Entry], bool] = lambda _e: True) -> Iterator[Difference]:
    """The journal entries the ledger's order must name (app.central_fold.ordered) that no run of it covers.
    The journal and the runs are both streamed in (terminal, seq) order and walked side by side: an anti-join
    on ranges cost PostgreSQL a scan of the runs per entry (13 of 20 s of an audit of 20,000 entries)."""
    j, a = central_journal.c, central_applied.c

    def codepoints(column: Any) -> Any:  # the order Python compares strings in (PostgreSQL's "C" collation)
        return column.collate("C") if is_pg(conn) else column

    runs = iter(
        conn.execute(
            select(a.terminal_id, a.from_seq, a.to_seq)
            .where(a.what == "entries")
            .order_by(codepoints(a.terminal_id), a.from_seq)
            .execution_options(stream_results=True, yield_per=PAGE)
        )
    )
    run = next(runs, None)
    entries = select(j.entry_id, j.terminal_id, j.seq, j.kind, j.created_at, j.clerk_id, j.payload).order_by(
        codepoints(j.terminal_id), j.seq
    )
    pending = pending_from(conn)  # appended, not yet folded by the projector: its, not a difference
    for r in conn.execute(entries.execution_options(stream_results=True, yield_per=PAGE)):
        tid, seq = str(r.terminal_id), int(r.seq)
        if seq >= pending.get(tid, 1 << 62):
            continue
        while run is not None and (str(run.terminal_id), int(run.to_seq)) < (tid, seq):
            run = next(runs, None)
        if run is not None and str(run.terminal_id) == tid and int(run.from_seq) <= seq:
            continue
        e = Entry(r.entry_id, tid, seq, r.kind, r.created_at, r.clerk_id, json.loads(r.payload), "", "")
        if ordered(e) and naming(e):
            yield Difference("journal", f"{tid}#{seq}", "applied", None, r.kind)


@dataclass
class Audit:
    """How far an audit got (read while or after iterating `audit`)."""

    passes: int = 0
    customers: int = 0
    entries: int = 0
    differences: int = 0


def audit(
    conn: Connection,
    customer_no: str | None = None,
    *,
    bucket: int = BUCKET,
    progress: Progress = no_progress,
    tally: Audit | None = None,
) -> Iterator[Difference]:
    """Every stored customer, bill and refund value that differs from the fold of the journals (of one
    customer when named), then the relevant journal entries the ledger's order does not name. Streamed: a
    pass per range of at most `bucket` customers, each holding only its own books (books_fold.py)."""
    count = tally if tally is not None else Audit()
    runs = applied_runs(conn)
    if customer_no is not None:
        done = _joint(conn, {customer_no}, lambda n, _t: progress(n, runs))
        count.passes, count.customers, count.entries = 1, 1, done.entries
        progress(runs, runs)
        bills = set(done.folded.books.bills_of.get(customer_no, []))
        for d in chain(
            compare(conn, done.folded.books, customer_no),
            compare_refunds(conn, done.refunds, Scope(only=frozenset({customer_no}))),
            _unordered(conn, lambda e: _names(e, customer_no, bills)),
        ):
            count.differences += 1
            yield d
        return
    parts = scopes(conn, bucket)
    deferred: set[str] = set()
    total = runs * len(parts)

    def shown(done: int, _total: int | None) -> None:
        progress(done, total)

    for i, scope in enumerate(parts):
        done = fold_scope(conn, scope, shown, i * runs)
        deferred |= done.linked
        count.passes += 1
        count.entries += done.entries
        count.customers += len(done.folded.books.balances)
        for d in chain(  # streamed: a ledger where every row differs lists them without holding them
            compare_scope(conn, done.folded.books, scope, skip=deferred),
            compare_refunds(conn, done.refunds, scope, skip=deferred),
        ):
            count.differences += 1
            yield d
    if deferred:  # customers an entry links across two ranges: folded together once more
        done = _joint(conn, deferred)
        count.passes += 1
        joint = Scope(only=frozenset(deferred))
        for d in chain(
            compare_scope(conn, done.folded.books, joint), compare_refunds(conn, done.refunds, joint)
        ):
            count.differences += 1
            yield d
    progress(total, total)
    for d in _unordered(conn):
        count.differences += 1
        yield d


def differences(conn: Connection) -> list[Difference]:
    """Every stored customer, bill and refund value that differs from the fold of the journals, then the
    journal entries the ledger's order does not name."""
    return list(audit(conn))


def compare(conn: Connection, books: Books, customer_no: str | None = None) -> list[Difference]:
    """The stored customer and bill values that differ from `books` (of one customer when named)."""
    scope = Scope() if customer_no is None else Scope(only=frozenset({customer_no}))
    return list(compare_scope(conn, books, scope))


def _stream(conn: Connection, stmt: Any) -> Any:
    return conn.execute(stmt.execution_options(stream_results=True, yield_per=PAGE))


def compare_scope(
    conn: Connection, books: Books, scope: Scope, skip: Iterable[str] = ()
) -> Iterator[Difference]:
    """The stored customer and bill values of the scope that differ from `books` (`skip`: customers folded
    again later), streamed."""
    skipped = set(skip)
    cc = central_customers.c
    stored_customers = set()
    stmt = select(cc.customer_no, *(cc[f] for f in CUSTOMER_FIELDS)).where(scope.where(conn, cc.customer_no))
    for r in _stream(conn, stmt.order_by(cc.customer_no)):
        stored_customers.add(r.customer_no)
        if r.customer_no in skipped:
            continue
        if r.customer_no not in books.balances:
            yield Difference("customers", r.customer_no, "seed", None, None)
            continue
        mine = {
            "balance_fen": books.balances[r.customer_no],
            "category": books.categories[r.customer_no].value,
        }
        for f in CUSTOMER_FIELDS:
            if _plain(getattr(r, f)) != mine[f]:
                yield Difference("customers", r.customer_no, f, getattr(r, f), mine[f])
    folded = {k for k in books.balances if scope.has(k) and k not in skipped}
    for k in sorted(folded - stored_customers):
        yield Difference("customers", k, "row", None, books.balances[k])
    cb = central_bills.c
    stored_bills = set()
    stmt = select(cb.bill_id, cb.customer_no, *(cb[f] for f in BILL_FIELDS)).where(
        scope.where(conn, cb.customer_no)
    )
    for r in _stream(conn, stmt.order_by(cb.bill_id)):
        stored_bills.add(r.bill_id)
        lb = books.bills.get(r.bill_id)
        if r.customer_no in skipped or (lb is not None and str(lb.bill.customer_no) in skipped):
            continue
        if lb is None:
            yield Difference("bills", r.bill_id, "seed", None, None)
            continue
        mine = bill_values(lb)
        for f in BILL_FIELDS:
            if _plain(getattr(r, f)) != mine[f]:
                yield Difference("bills", r.bill_id, f, getattr(r, f), mine[f])
    ids = {k for c, ks in books.bills_of.items() if scope.has(c) and c not in skipped for k in ks}
    for k in sorted(ids - stored_bills):
        yield Difference("bills", k, "row", None, "")


REFUND_FIELDS = ("customer_no", "amount_fen", "order_entry_id", "status", "paid_entry_id")


def compare_refunds(
    conn: Connection, refunds: dict[str, dict[str, Any]], scope: Scope, skip: Iterable[str] = ()
) -> Iterator[Difference]:
    """The stored refund rows of the scope's customers that differ from head office's refund orders and
    the counters' pay-outs in the journals (a row no order explains: field `order`; an order with no row:
    field `row`)."""
    skipped = set(skip)
    r = central_refunds.c
    seen = set()
    stmt = select(r.refund_id, *(r[f] for f in REFUND_FIELDS if f != "customer_no"), r.customer_no).where(
        scope.where(conn, r.customer_no)
    )
    for row in _stream(conn, stmt.order_by(r.refund_id)):
        seen.add(row.refund_id)
        if row.customer_no in skipped:
            continue
        mine = refunds.get(row.refund_id)
        if mine is None:
            yield Difference("refunds", row.refund_id, "order", row.amount_fen, None)
            continue
        for f in REFUND_FIELDS:
            if _plain(getattr(row, f)) != mine[f]:
                yield Difference("refunds", row.refund_id, f, getattr(row, f), mine[f])
    for rid in sorted(set(refunds) - seen):
        if refunds[rid]["customer_no"] not in skipped:
            yield Difference("refunds", rid, "row", None, refunds[rid]["amount_fen"])


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


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """One read snapshot (REPEATABLE READ on PostgreSQL; a read transaction on SQLite, never the embedded
    ledger's write lock)."""
    conn = engine.connect()
    try:
        if engine.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        else:
            conn = conn.execution_options(hallpay_write=False)
        with conn.begin():
            yield conn
    finally:
        conn.close()


def verify_books(engine: Engine) -> list[Difference]:
    """differences() in one read snapshot."""
    with snapshot(engine) as conn:
        return differences(conn)
