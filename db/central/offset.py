"""Prepaid offset by the central ledger (预收冲抵, issue 14): when head office issues bills and the customer
has a central balance, the balance settles them at once, oldest bill first, late fee first, as one central
record per customer. Done here, in one place, so two terminals never spend one balance twice; the
terminals pull the resulting bills and balance like any other change.

The same runs after a push for every customer the push left with a central balance beside open bills
(a double payment's surplus, a prepayment at a counter that had not pulled a new bill yet): a balance
that arrives later settles open bills at once (DOMAIN.md).

The rule and the record are the counter's own: app.settle.offset_balance and app.settle.offset_payload
(kind Kind.OFFSET), so a counter's offset and head office's read alike (app.moves.entry_moves). The
record is a journal entry of the central ledger's own chain (terminal id HQ), so the money trail stays
in one append-only, hash-chained journal. HQ is no counter: it has no row in `terminals` and never pushes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, select, update

from app.ids import CustomerNo
from app.journal import Entry, Kind
from app.model import Bill, Category
from app.policy import Policy
from app.settle import offset_balance, offset_payload
from db.central.hq import append_hq
from db.central.order import record_entries
from db.central.rowcheck import untrusted_rows
from db.central.sql import bill_of, in_values, next_txn
from db.central_schema import central_bills, central_customers, central_policy


def offset_customers(
    conn: Connection,
    customer_nos: Iterable[str],
    day: dt.date,
    now: str,
    cause: str = "issue",
    verify: bool = True,
) -> list[Entry]:
    """Inside the caller's transaction: settle open bills from the balance of each of these customers.
    cause: issue (bills issued centrally) or balance (a balance credited by a push). verify: leave alone a
    customer whose stored rows do not verify (db/central/rowcheck.py: a hand-edited balance is never spent);
    the push's projection checked its customers' rows before it wrote them, and passes False."""
    cnos = sorted(set(customer_nos))
    if not cnos:
        return []
    cc, cb = central_customers.c, central_bills.c
    customers = conn.execute(
        select(cc.customer_no, cc.category, cc.balance_fen)
        .where(in_values(conn, cc.customer_no, cnos))
        .where(cc.balance_fen > 0)
        .order_by(cc.customer_no)
        .with_for_update()
    ).all()
    if verify and customers:
        held = {u.customer_no for u in untrusted_rows(conn, [c.customer_no for c in customers], [])}
        customers = [c for c in customers if c.customer_no not in held]
    if not customers:
        return []
    bills: dict[str, list[Bill]] = {}
    fee_paid: dict[str, int] = {}
    for r in conn.execute(
        select(
            cb.bill_id,
            cb.customer_no,
            cb.period,
            cb.kwh,
            cb.amount_fen,
            cb.due_date,
            cb.principal_paid_fen,
            cb.fee_paid_fen,
            cb.fee_carried_fen,
            cb.fee_accrued_through,
        )
        .where(in_values(conn, cb.customer_no, [c.customer_no for c in customers]))
        .where((cb.principal_paid_fen < cb.amount_fen) | (cb.fee_carried_fen > 0))
        .order_by(cb.bill_id)
        .with_for_update()
    ):
        bills.setdefault(r.customer_no, []).append(bill_of(r))
        fee_paid[r.bill_id] = int(r.fee_paid_fen)
    policy = Policy.from_values(
        {p.key: p.value for p in conn.execute(select(central_policy.c.key, central_policy.c.value))}
    )
    entries: list[Entry] = []
    txn: int | None = None
    for c in customers:
        s, changed = offset_balance(
            bills.get(c.customer_no, []),
            CustomerNo(c.customer_no),
            Category(c.category),
            int(c.balance_fen),
            day,
            policy,
        )
        if not changed:
            continue
        txn = txn if txn is not None else next_txn(conn)
        payload: dict[str, Any] = offset_payload(c.customer_no, day, s, cause)
        e = append_hq(conn, Kind.OFFSET, payload, now)
        entries.append(e)
        for a in payload["allocations"]:
            if a["bill_id"] not in changed:
                continue
            b = changed[a["bill_id"]]
            conn.execute(
                update(central_bills)
                .where(cb.bill_id == b.bill_id)
                .values(
                    principal_paid_fen=b.principal_paid_fen,
                    fee_paid_fen=fee_paid[b.bill_id] + a["fee_paid_fen"],
                    fee_carried_fen=b.fee_carried_fen,
                    fee_accrued_through=day.isoformat(),
                    txn=txn,
                )
            )
        conn.execute(
            update(central_customers)
            .where(cc.customer_no == c.customer_no)
            .values(balance_fen=s.balance_after_fen, txn=txn)
        )
    record_entries(conn, entries)  # the ledger's order (db/central/order.py)
    return entries
