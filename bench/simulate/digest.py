"""A fingerprint of head office's final state that two runs of one seed must share byte for byte.

What a run cannot make equal is left out or renamed, and only that: entry ids and refund ids (uuid4),
hashes and signatures (they cover the ids and each PC's random key), PIN hashes (random salts). Times are in: head office runs on
the simulation's clock (CentralStore/CentralAdmin clock=), so every record it dates, the audit trail's
too, is the same in two runs. Each id or hash is replaced by the order in which the digest first meets
it, so two entries that point at the same one still do.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from sqlalchemy import select

from bench.simulate.world import Province

TOKEN = re.compile(
    r"^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{64}|[0-9a-f]{128})$"
)
INNER_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
DROPPED = {
    "signature",
    "signer",
    "txn",
    "hash",
    "prev_hash",
    "cert",
    "public_key",
    "fingerprint",
    "pin_hash",  # a pin_set entry's scrypt hash: a random salt (app/auth.py)
}


class Tokens:
    def __init__(self) -> None:
        self.seen: dict[str, str] = {}

    def __call__(self, value: Any) -> Any:
        if isinstance(value, str) and TOKEN.match(value):
            return self.seen.setdefault(value, f"#{len(self.seen)}")
        if isinstance(value, str) and INNER_UUID.search(value):  # a case id: double_payment:<entry id>:<bill>
            return INNER_UUID.sub(lambda m: str(self(m.group(0))), value)
        if isinstance(value, dict):
            return {k: self(v) for k, v in sorted(value.items()) if k not in DROPPED}
        if isinstance(value, list):
            return [self(v) for v in value]
        return value


def central_state(p: Province) -> dict[str, Any]:
    from db.central_schema import (
        central_admin_audit,
        central_bills,
        central_customers,
        central_journal,
        review_cases,
    )

    tokens = Tokens()
    with p.central.engine.connect() as conn:
        customers = [
            [r.customer_no, int(r.balance_fen)]
            for r in conn.execute(
                select(central_customers.c.customer_no, central_customers.c.balance_fen).order_by(
                    central_customers.c.customer_no
                )
            )
        ]
        b = central_bills.c
        bills = [
            [
                r.bill_id,
                int(r.amount_fen),
                r.due_date,
                int(r.principal_paid_fen),
                int(r.fee_paid_fen),
                int(r.fee_carried_fen),
                r.fee_accrued_through,
                int(r.fee_waived_fen),
            ]
            for r in conn.execute(select(central_bills).order_by(b.bill_id))
        ]
        rc = review_cases.c
        cases = [
            [
                r.kind,
                r.terminal_id,
                int(r.seq),
                r.customer_no,
                r.bill_id,
                int(r.amount_fen),
                r.resolution,
                r.created_at,
                r.resolved_at,
            ]
            for r in conn.execute(select(review_cases).order_by(rc.terminal_id, rc.seq, rc.kind, rc.bill_id))
        ]
        j = central_journal.c
        received = [
            [r.terminal_id, int(r.seq), r.received_at]
            for r in conn.execute(select(j.terminal_id, j.seq, j.received_at).order_by(j.terminal_id, j.seq))
        ]
        a = central_admin_audit.c
        audit = [
            [r.at, r.actor, r.action, r.subject, tokens(json.loads(r.detail))]
            for r in conn.execute(select(central_admin_audit).order_by(a.at, a.action, a.subject, a.actor))
        ]
    journals = {}
    for tid in [*p.central.terminal_ids(), "HQ"]:
        journals[tid] = [
            [e.seq, e.kind, e.clerk_id, e.created_at, tokens(e.payload)] for e in p.central.journal(tid)
        ]
    return {
        "customers": customers,
        "bills": bills,
        "cases": cases,
        "journals": journals,
        "received": received,
        "audit": audit,
    }


def digest(p: Province) -> str:
    text = json.dumps(central_state(p), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
