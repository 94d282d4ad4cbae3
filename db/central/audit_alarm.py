"""The nightly audit's alarm (issue 29): a stored row that differs from the fold of the journals holds its customer.

The push's row check (db/central/rowcheck.py) reads the rows a fold builds on: the customer, its refund orders, its
open bills and the bills its entries name. A bill already fully paid is none of these, so a hand edit of it with its
change cursor left alone (its late fee paid, say) reaches no counter and no fold, and no push sees it. Checking the
signature of every bill of each customer a fold touches was measured (embedded ledger, head office's projector,
1,000 customers, 4,000 payments, a fresh process): 535 µs an entry with the open bills checked, 1,102 µs with every
bill checked at 12 paid bills a customer, 1,470 µs at 36, against a projector goal of 50 µs an entry. So the alarm
for such an edit is the nightly `central audit --recompute` (docs/install.md): each customer it finds a difference
for gets one `tampered_row` review case (head office's, no entry held by it), unless one is open already. The case
is on the console's list, and it holds the customer as the push's own cases do: the customer's next entry from any
counter is held and that counter told, until IT repairs the customer from the fold (`central verify-books
--repair`, which closes the case).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Engine, select

from app.messages import message
from app.pulled import HQ
from db.central.books import Difference
from db.central.engine import guarded
from db.central.rowcheck import TAMPERED
from db.central.sql import in_values, insert_ignore
from db.central_schema import central_bills, central_refunds, review_cases

ROW_STREAMS = ("customers", "bills", "refunds")  # a stored row; a journal difference is an order, not a row


def _customers_of(conn: Connection, found: list[Difference]) -> dict[str, list[Difference]]:
    """customer number -> the differences of its rows."""
    owner: dict[tuple[str, str], str] = {}
    for stream, table, key in (
        ("bills", central_bills, "bill_id"),
        ("refunds", central_refunds, "refund_id"),
    ):
        keys = sorted({d.key for d in found if d.stream == stream})
        if keys:
            for k, cno in conn.execute(
                select(table.c[key], table.c.customer_no).where(in_values(conn, table.c[key], keys))
            ):
                owner[(stream, str(k))] = str(cno)
    by: dict[str, list[Difference]] = {}
    for d in found:
        cno = d.key if d.stream == "customers" else owner.get((d.stream, d.key))
        if cno:
            by.setdefault(cno, []).append(d)
    return by


def raise_alarms(engine: Engine, differences: Iterable[Difference], now: str) -> list[str]:
    """One open `tampered_row` case for each customer whose stored rows differ from the fold and who has none
    open yet; the same differences found again open nothing new. Returns the customers alarmed now."""
    found = [d for d in differences if d.stream in ROW_STREAMS]
    if not found:
        return []
    rc = review_cases.c
    with guarded(), engine.begin() as conn:
        by = _customers_of(conn, found)
        held = {
            str(c)
            for c in conn.execute(
                select(rc.customer_no)
                .where(in_values(conn, rc.customer_no, sorted(by)))
                .where(rc.kind == TAMPERED)
                .where(rc.resolved_at.is_(None))
            ).scalars()
        }
        cases: list[dict[str, Any]] = []
        for cno, diffs in sorted(by.items()):
            if cno in held:
                continue
            said = sorted({f"{d.stream}/{d.key}: {d.field}" for d in diffs})
            body = json.dumps(
                sorted([d.stream, d.key, d.field, str(d.stored), str(d.recomputed)] for d in diffs)
            )
            digest = hashlib.sha256(body.encode()).hexdigest()[:32]
            cases.append(
                {
                    "case_id": f"{TAMPERED}:audit:{cno}:{digest}",
                    "kind": TAMPERED,
                    "terminal_id": HQ,
                    "seq": 0,
                    "entry_id": "",
                    "customer_no": cno,
                    "bill_id": None,
                    "amount_fen": 0,
                    "fee_fen": 0,
                    "detail": message("case.audit_difference", customer_no=cno, rows="; ".join(said)),
                    "created_at": now,
                }
            )
        insert_ignore(conn, review_cases, cases, ["case_id"])
    return [str(c["customer_no"]) for c in cases]
