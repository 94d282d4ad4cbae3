"""Head office decides a review case (issue 21): keep the surplus as the customer's credit, refund it, or
(for an alarm) acknowledge it after the documented way out was taken.

Every decision is one entry on head office's own chain (terminal id HQ, db/central/hq.py; who decided is the
payload's decided_by), in the same
transaction as the case's resolution, so who decided what and why is append-only and hash-chained like
every other money record. A resolved case is never changed again: the update only touches an open case,
and a second decision is refused. A refund takes the amount off the customer's central balance (so no
prepaid offset and no counter spends it) and orders it paid out: a `central_refunds` row with the pull
cursor `txn`, which the customer's counter pulls and pays out at the next visit.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Connection, select, update

from app.clock import business_day
from app.errors import InputError, NotFound, Refused
from app.journal import Entry
from app.messages import coded
from db.central.hq import append_hq
from db.central.order import record_entries
from db.central.rowcheck import untrusted_rows
from db.central.sql import next_txn
from db.central_schema import central_customers, central_refunds, review_cases

CASE_DECISION = "case_decision"  # the HQ journal kinds the console writes
REFUND_ORDER = "refund_order"
MONEY_CASES = (
    "double_payment",
    "bill_reduced",
    "unknown_bill",
)  # a surplus on the customer's balance: credit or refund
DECISIONS = ("credit", "refund", "acknowledged")


def decide_case(conn: Connection, case_id: str, decision: str, actor: str, reason: str, now: str) -> Entry:
    """Inside the caller's transaction; raises (and the caller rolls back) on anything it refuses."""
    if decision not in DECISIONS:
        raise coded(InputError, "case.unknown_decision", decision=decision)
    if not reason.strip():
        raise coded(InputError, "case.reason_needed")
    rc = review_cases.c
    case = conn.execute(select(review_cases).where(rc.case_id == case_id).with_for_update()).first()
    if case is None:
        raise coded(NotFound, "case.not_found", case_id=case_id)
    if case.resolved_at is not None:
        raise coded(
            Refused,
            "case.already_decided",
            case_id=case_id,
            resolved_at=case.resolved_at,
            resolved_by=case.resolved_by,
        )
    money = case.kind in MONEY_CASES and case.customer_no is not None and int(case.amount_fen) > 0
    if decision in ("credit", "refund") and not money:
        raise coded(Refused, "case.only_overpaid")
    if decision == "acknowledged" and money:
        raise coded(Refused, "case.overpaid_needs_choice")
    amount = int(case.amount_fen)
    base = {
        "case_id": case_id,
        "case_kind": case.kind,
        "decision": decision,
        "decided_by": actor,
        "reason": reason.strip(),
        "terminal_id": case.terminal_id,
        "entry_id": case.entry_id,
        # the business day in Shanghai (as every day a customer sees), not now's UTC date: a decision before
        # 08:00 belongs to today, not yesterday
        "business_day": business_day(dt.datetime.fromisoformat(now.replace("Z", "+00:00"))).isoformat(),
    }
    if decision == "refund":
        if untrusted_rows(conn, [case.customer_no], []):  # never pay out of a balance edited by hand
            raise coded(Refused, "case.refund_held", customer_no=case.customer_no)
        cc = central_customers.c
        balance = conn.execute(
            select(cc.balance_fen).where(cc.customer_no == case.customer_no).with_for_update()
        ).scalar()
        if balance is None or int(balance) < amount:
            raise coded(
                Refused, "case.balance_short", customer_no=case.customer_no, balance_fen=int(balance or 0)
            )
        refund_id = str(uuid.uuid4())
        entry = append_hq(
            conn,
            REFUND_ORDER,
            {
                **base,
                "customer_no": case.customer_no,
                "amount_fen": amount,
                "refund_id": refund_id,
                "balance_before_fen": int(balance),
                "balance_after_fen": int(balance) - amount,
            },
            now,
        )
        txn = next_txn(conn)
        conn.execute(
            update(central_customers)
            .where(cc.customer_no == case.customer_no)
            .values(balance_fen=int(balance) - amount, txn=txn)
        )
        record_entries(conn, [entry])  # the ledger's order: a refund order moves the balance
        conn.execute(
            central_refunds.insert().values(
                refund_id=refund_id,
                customer_no=case.customer_no,
                amount_fen=amount,
                case_id=case_id,
                order_entry_id=entry.entry_id,
                status="ordered",
                ordered_at=now,
                txn=txn,
            )
        )
    else:
        entry = append_hq(
            conn,
            CASE_DECISION,
            {**base, "customer_no": case.customer_no, "amount_fen": amount if money else 0},
            now,
        )
    done = conn.execute(
        update(review_cases)
        .where(rc.case_id == case_id)
        .where(rc.resolved_at.is_(None))
        .values(
            resolved_at=now, resolved_by=actor[:32], resolution=decision, resolution_entry_id=entry.entry_id
        )
    )
    if done.rowcount != 1:
        raise coded(Refused, "case.decided_meanwhile", case_id=case_id)
    return entry


def refunds_to_pay(
    conn: Connection, customer_no: str | None = None, after_txn: int = 0
) -> list[dict[str, Any]]:
    """The pull of ordered refunds (by `txn`, like bills): what a counter pays out at the customer's visit."""
    r = central_refunds.c
    stmt = (
        select(
            r.refund_id,
            r.customer_no,
            r.amount_fen,
            r.case_id,
            r.order_entry_id,
            r.ordered_at,
            r.status,
            r.txn,
        )
        .where(r.txn >= after_txn)
        .where(r.status == "ordered")
    )
    if customer_no is not None:
        stmt = stmt.where(r.customer_no == customer_no)
    return [dict(row._mapping) for row in conn.execute(stmt.order_by(r.txn, r.refund_id))]
