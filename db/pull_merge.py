"""Pulled customers and bills merged with what this counter did that head office's books do not hold yet.

A pulled row holds this counter's entries up to head office's applied position of it (db/pull_position.py:
with a projector service an entry is acknowledged before it is applied; inline, the two are the same), so
"not yet acknowledged" below means not yet applied: entries above that position, acknowledged or not.
A pulled customer's balance is the central balance plus what this terminal's not yet acknowledged entries
moved it by; a pulled bill's paid principal likewise (a bill paid at this counter but not yet acknowledged
stays paid; one reversed here stays unpaid), and its late-fee state follows head office's once no
unacknowledged entry here touched it. A bill adjusted here and not yet acknowledged keeps its local values.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

from sqlalchemy import select, text

from app.journal import Kind
from app.moves import EntryMoves, entry_moves
from db.local_repos import SqlBills, SqlCustomers, SqlJournal
from db.local_schema import bills, customers
from db.pull_position import unapplied_from

log = logging.getLogger("hallpay.sync")


def balance_moves(entries: Any) -> dict[str, int]:
    """customer_no -> how much these entries moved the customer's balance (app.moves.entry_moves)."""
    moves: dict[str, int] = defaultdict(int)
    for e in entries:
        m = entry_moves(e.kind, e.payload)
        if m is not None:
            moves[m.customer_no] += m.balance_delta_fen
    return moves


def principal_moves(entries: Any) -> dict[str, int]:
    """bill_id -> principal these entries put on the bill (payments, offsets) or took off it (reversals,
    adjustments), as app.moves.entry_moves reads them."""
    moves: dict[str, int] = defaultdict(int)
    for e in entries:
        m = entry_moves(e.kind, e.payload)
        for b in m.bills if m is not None else ():
            moves[b.bill_id] += b.principal_fen
    return moves


# what a pulled bill row stores here: the columns of the counter's bills table, no more
BILL_FIELDS = tuple(bills.c.keys())


def adjusted_here(entries: Any) -> set[str]:
    """The bills these (not yet acknowledged) entries of this counter adjusted."""
    return {
        m.bill_id
        for e in entries
        if e.kind == Kind.ADJUSTMENT
        for m in (entry_moves(e.kind, e.payload) or EntryMoves("", 0)).bills
    }


def _settle_pulled_bills(conn: Any, rows: list[dict[str, Any]], unacked: Any) -> None:
    """A pulled bill's paid principal is head office's plus what this terminal's not yet acknowledged
    entries moved it by (a payment here stays paid, a reversal here stays reversed), within 0..amount.
    Its late-fee state (carried, accrued through) is head office's when head office recorded one and
    no unacknowledged entry here touched the bill (a partial payment at another hall carries its fee)."""
    if not rows:
        return
    moves = principal_moves(unacked)
    local = {
        r.bill_id: r
        for r in conn.execute(
            select(
                bills.c.bill_id,
                bills.c.principal_paid_fen,
                bills.c.fee_carried_fen,
                bills.c.fee_accrued_through,
            ).where(bills.c.bill_id.in_([r["bill_id"] for r in rows]))
        )
    }
    updates = []
    for r in rows:
        mine = local.get(r["bill_id"])
        if mine is None:
            continue
        paid = min(
            int(r["amount_fen"]), max(0, int(r.get("principal_paid_fen", 0)) + moves.get(r["bill_id"], 0))
        )
        carried, through = mine.fee_carried_fen, mine.fee_accrued_through
        if r["bill_id"] not in moves and r.get("fee_accrued_through"):
            carried, through = int(r.get("fee_carried_fen", 0)), r["fee_accrued_through"]
        if (paid, carried, through) != (
            mine.principal_paid_fen,
            mine.fee_carried_fen,
            mine.fee_accrued_through,
        ):
            updates.append({"id": r["bill_id"], "paid": paid, "carried": carried, "through": through})
    if updates:
        conn.execute(
            text(
                "UPDATE bills SET principal_paid_fen = :paid, fee_carried_fen = :carried, "
                "fee_accrued_through = :through WHERE bill_id = :id"
            ),
            updates,
        )


def merge_customers(conn: Any, rows: list[dict[str, Any]]) -> None:
    """Store pulled customers, each balance moved by this counter's unacknowledged entries."""
    repo = SqlCustomers(conn)
    repo.upsert(rows)
    moves = balance_moves(SqlJournal(conn).entries(unapplied_from(conn)))
    for r in rows:
        repo.set_balance(r["customer_no"], int(r["balance_fen"]) + moves.get(r["customer_no"], 0))


def merge_bills(conn: Any, pulled: list[dict[str, Any]]) -> None:
    """Store pulled bills of customers this counter knows, merged with its unacknowledged entries."""
    known = set(
        conn.execute(
            select(customers.c.customer_no).where(
                customers.c.customer_no.in_({r["customer_no"] for r in pulled})
            )
        ).scalars()
    )
    rows = [{k: v for k, v in r.items() if k in BILL_FIELDS} for r in pulled if r["customer_no"] in known]
    if len(rows) < len(pulled):
        log.warning("pulled %d bills of unknown customers; skipped", len(pulled) - len(rows))
    unacked = list(SqlJournal(conn).entries(unapplied_from(conn)))
    mine = adjusted_here(unacked)
    if mine:  # an adjustment here head office has not acknowledged yet: the local values stand
        local = {
            r.bill_id: r._mapping
            for r in conn.execute(
                select(bills.c.bill_id, bills.c.amount_fen, bills.c.due_date, bills.c.kwh).where(
                    bills.c.bill_id.in_(sorted(mine))
                )
            )
        }
        rows = [
            {**r, **{k: local[r["bill_id"]][k] for k in ("amount_fen", "due_date", "kwh")}}
            if r["bill_id"] in local
            else r
            for r in rows
        ]
    SqlBills(conn).upsert(rows)
    _settle_pulled_bills(conn, rows, unacked)
