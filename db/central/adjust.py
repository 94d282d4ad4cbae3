"""Billing corrects a bill it already issued (退补 from head office, DOMAIN.md "Bills are never silently
changed"): each changed bill is one adjustment record on head office's HQ chain with the old and new values
and their money effect (app.adjustment.bill_adjustment, the rule a counter's `import --adjust` uses), and the
record is applied by the central projection like a counter's (db/central/project.py), which names it as the
bill's basis. A counter then pulls the new values together with the record that explains them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, select

from app.adjustment import bill_adjustment
from app.journal import Entry, Kind
from app.model import Category
from app.policy import Policy
from db.central.hq import HQ, append_hq
from db.central.project import project
from db.central.sql import bill_of, in_values
from db.central_schema import central_bills, central_customers, central_policy

REASON = "总部核算更正"


def correct_issued(
    conn: Connection, bills: list[dict[str, Any]], day: dt.date, now: str
) -> tuple[list[Entry], list[dict[str, Any]]]:
    """Inside the caller's transaction: the adjustment records of the bills whose amount, due date or kWh
    differ from what the central ledger holds, applied; returns them and the review cases they opened."""
    cb, cc = central_bills.c, central_customers.c
    ids = sorted({b["bill_id"] for b in bills})
    if not ids:
        return [], []
    held = {
        r.bill_id: r
        for r in conn.execute(
            select(
                cb.bill_id,
                cb.customer_no,
                cb.period,
                cb.kwh,
                cb.amount_fen,
                cb.due_date,
                cb.principal_paid_fen,
                cb.fee_carried_fen,
                cb.fee_accrued_through,
            )
            .where(in_values(conn, cb.bill_id, ids))
            .order_by(cb.bill_id)
            .with_for_update()
        )
    }
    changed = [
        b
        for b in bills
        if b["bill_id"] in held
        and (int(b["amount_fen"]), str(b["due_date"]), int(b["kwh"]))
        != (int(held[b["bill_id"]].amount_fen), held[b["bill_id"]].due_date, int(held[b["bill_id"]].kwh))
    ]
    if not changed:
        return [], []
    customers = {
        r.customer_no: r
        for r in conn.execute(
            select(cc.customer_no, cc.category, cc.balance_fen).where(
                in_values(conn, cc.customer_no, sorted({b["customer_no"] for b in changed}))
            )
        )
    }
    policy = Policy.from_values(
        {p.key: p.value for p in conn.execute(select(central_policy.c.key, central_policy.c.value))}
    )
    balances = {k: int(r.balance_fen) for k, r in customers.items()}
    entries = []
    for b in changed:
        r = held[b["bill_id"]]
        old = bill_of(r)
        effect = bill_adjustment(
            old,
            int(b["amount_fen"]),
            dt.date.fromisoformat(str(b["due_date"])),
            int(b["kwh"]),
            Category(customers[r.customer_no].category),
            day,
            policy,
        )
        before = balances[r.customer_no]
        balances[r.customer_no] = before + effect.to_balance_fen
        payload = {
            "what": "bill",
            "customer_no": r.customer_no,
            "bill_id": r.bill_id,
            "period": r.period,
            **effect.payload(),
            "balance_before_fen": before,
            "balance_after_fen": balances[r.customer_no],
            "reason": REASON,
            "approver_id": HQ,
            "business_day": day.isoformat(),
        }
        entries.append(append_hq(conn, Kind.ADJUSTMENT, payload, now))
    return entries, project(conn, entries, now)
