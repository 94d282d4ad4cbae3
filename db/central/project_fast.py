"""The common payment, projected in one SQL statement per push (PostgreSQL), beside db/central/project.py.

Most pushed payments settle principal on bills that are not overdue, carry no late fee and still owe
more than the payment: app.settle.settle_payment then adds the principal, leaves the fee at nothing,
moves `fee_accrued_through` to the payment's day, and opens no review case. Computing that in Python
cost one quote per entry (the largest part of a push); here the same result is one statement over the
whole batch:

- a *candidate* entry is a payment that leaves the balance unchanged, whose claims all put principal
  (and no late fee, with none due) on a bill, and whose customer no other entry of the batch touches
  otherwise (no reversal, adjustment, waiver, offset, other kind, or a claim on another customer's bill);
- the statement locks the candidates' bills and customers in key order and takes a customer only when
  *every* one of its claims passes on the central state: the bill is the customer's, carries no fee,
  is not overdue on the latest day that pays it (grace included), and the batch's principal on it fits
  what it still owes; and the customer's central balance is 0 (so head office's offset has nothing to
  do for it);
- for the customers it takes it applies the sum of principal per bill and the latest day, and bumps
  each customer's `txn` as the Python path does (the counters pull the row again).

Everything else (the other kinds, overdue bills, fees, surplus, unknown bills or customers, balances)
goes through the exact per-entry path in db/central/project.py, in sequence order. The two paths touch
disjoint customers and bills, so their order does not matter. tests/integration/test_project_fast.py
pushes the same random batches through both and compares bills, balances and review cases.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import Connection, text

from app.journal import Entry, Kind
from app.moves import EntryMoves, entry_moves
from app.policy import DEFAULTS

_TAKE = text("""
WITH cl AS (
    SELECT * FROM unnest(CAST(:cnos AS text[]), CAST(:bills AS text[]), CAST(:principal AS bigint[]),
                         CAST(:days AS text[])) AS v(cno, bill, p, day)),
agg AS (SELECT cno, bill, sum(p) AS p, max(day) AS day FROM cl GROUP BY cno, bill),
locked_bills AS (
    SELECT b.bill_id, b.customer_no, b.amount_fen, b.principal_paid_fen, b.fee_carried_fen, b.due_date
    FROM central_bills b WHERE b.bill_id = ANY(CAST(:bills AS text[])) ORDER BY b.bill_id FOR UPDATE),
locked_customers AS (  -- after every bill (the count is an InitPlan run before the first customer is read):
                       -- bills, then customers, each in key order, as the per-entry path locks them; the
                       -- planner may otherwise read this CTE first (200 terminals: 41 deadlocks)
    SELECT c.customer_no, c.balance_fen FROM central_customers c
    WHERE c.customer_no = ANY(CAST(:cnos AS text[])) AND (SELECT count(*) FROM locked_bills) >= 0
    ORDER BY c.customer_no FOR UPDATE),
checked AS (
    SELECT a.cno, bool_and(b.bill_id IS NOT NULL AND b.customer_no = a.cno AND b.fee_carried_fen = 0
                           AND b.principal_paid_fen + a.p <= b.amount_fen
                           AND CAST(a.day AS date) - CAST(b.due_date AS date) <= (
                               SELECT coalesce(max(CAST(p.value AS integer)), :grace) FROM central_policy p
                               WHERE p.key = 'late_fee.grace_days')) AS ok
    FROM agg a LEFT JOIN locked_bills b ON b.bill_id = a.bill GROUP BY a.cno),
good AS (
    SELECT k.cno FROM checked k JOIN locked_customers c ON c.customer_no = k.cno
    WHERE k.ok AND c.balance_fen = 0),
bills_done AS (
    UPDATE central_bills b SET principal_paid_fen = b.principal_paid_fen + a.p,
        fee_accrued_through = CASE WHEN b.fee_accrued_through IS NULL OR b.fee_accrued_through < a.day
                                   THEN a.day ELSE b.fee_accrued_through END,
        txn = CAST(CAST(pg_current_xact_id() AS text) AS bigint)
    FROM agg a WHERE b.bill_id = a.bill AND a.cno IN (SELECT cno FROM good) RETURNING 1),
customers_done AS (
    UPDATE central_customers c SET txn = CAST(CAST(pg_current_xact_id() AS text) AS bigint) WHERE c.customer_no IN (SELECT cno FROM good) RETURNING 1)
SELECT cno, (SELECT count(*) FROM bills_done), (SELECT count(*) FROM customers_done) FROM good
""")


_LOCK = text("""
WITH b AS (
    SELECT bill_id FROM central_bills
    WHERE bill_id = ANY(CAST(:bills AS text[]))
       OR (customer_no = ANY(CAST(:cnos AS text[])) AND (principal_paid_fen < amount_fen OR fee_carried_fen > 0))
    ORDER BY bill_id FOR UPDATE),
c AS (
    SELECT customer_no FROM central_customers
    WHERE customer_no = ANY(CAST(:cnos AS text[])) AND (SELECT count(*) FROM b) >= 0
    ORDER BY customer_no FOR UPDATE)
SELECT (SELECT count(*) FROM b), (SELECT count(*) FROM c)
""")


def lock_rows(conn: Connection, bill_ids: list[str], customer_nos: list[str]) -> None:
    """Lock, before either path projects anything, every row the push may change: the bills its entries
    name and every open bill of its customers (sorted), then its customers (sorted; the count is an
    InitPlan that finishes the bills first). The payment statement, the per-entry path and head office's
    offset then only take locks this transaction holds: two pushes can wait for each other, never in a
    circle (with each path locking its own rows, a customer plain in one push and not in the other
    dead-locked tests/integration/test_sync_faults.py's three halls)."""
    conn.execute(_LOCK, {"bills": sorted(set(bill_ids)), "cnos": sorted(set(customer_nos))})


def _candidate(e: Entry, moves: EntryMoves | None) -> EntryMoves | None:
    """The entry's moves when it is a plain principal payment that leaves the balance alone, else None."""
    if e.kind != Kind.PAYMENT or not e.payload.get("business_day"):
        return None
    if moves is None or moves.balance_delta_fen != 0 or not moves.bills:
        return None
    for m in moves.bills:
        if m.principal_fen <= 0 or m.fee_fen != 0 or (m.fee_carried_after_fen or 0) != 0:
            return None
    return moves


def project_fast(
    conn: Connection, entries: Sequence[Entry], moves_by_id: Mapping[str, EntryMoves] | None = None
) -> set[str]:
    """Apply the plain payments of these entries in one statement; returns the customers it took (their
    entries are done; the caller projects every other entry). The grace days are head office's policy
    value (app.policy's default when it has none), read in the statement; `txn` is db.central.sql.next_txn's.
    `moves_by_id`: each entry's moves by entry id, when the caller has read them (else read here)."""
    plain: dict[str, list[tuple[str, int, str]]] = {}  # customer -> (bill, principal, day) of its claims
    slow: set[str] = set()  # customers some entry touches otherwise
    claimed_by: dict[str, str] = {}  # bill -> the customer whose entry claims it
    for e in entries:
        read = moves_by_id[e.entry_id] if moves_by_id is not None else entry_moves(e.kind, e.payload)
        moves = _candidate(e, read)
        if moves is None:
            cno = str(e.payload.get("customer_no", ""))
            slow.add(cno)
            for bill_id in _bills_named(
                e, read
            ):  # a plain customer's bill named here: that customer goes slow too
                slow.add(claimed_by.setdefault(bill_id, cno))
            continue
        day = str(e.payload["business_day"])
        claims = plain.setdefault(moves.customer_no, [])
        for m in moves.bills:
            owner = claimed_by.setdefault(m.bill_id, moves.customer_no)
            if owner != moves.customer_no:
                slow.update((owner, moves.customer_no))
            claims.append((m.bill_id, m.principal_fen, day))
    rows = [(cno, b, p, d) for cno, claims in plain.items() if cno not in slow for b, p, d in claims]
    if not rows:
        return set()
    found = conn.execute(
        _TAKE,
        {
            "cnos": [r[0] for r in rows],
            "bills": [r[1] for r in rows],
            "principal": [r[2] for r in rows],
            "days": [r[3] for r in rows],
            "grace": int(DEFAULTS["late_fee.grace_days"]),
        },
    ).all()
    return {str(r[0]) for r in found}


def _bills_named(e: Entry, moves: EntryMoves | None) -> list[str]:
    if e.kind == Kind.WAIVER:
        return [str(b["bill_id"]) for b in e.payload.get("bills", [])]
    return [m.bill_id for m in moves.bills] if moves is not None else []
