"""Refunds paid out at a counter (issue 21): the central side of a `refund_payout` entry.

Finance orders a refund in the console (db/central/decide.py: the balance comes off at once, a
`central_refunds` row is ordered). The customer's counter pulls the order, pays the cash out and journals a
`refund_payout` entry naming the refund ids; when the projector folds that entry, each refund it names is
marked paid here, once, by the pure rule app/refund_fold.py (the first pay-out pays it; a later one opens
`refund_paid_twice`, an altered amount `refund_mismatch`), the rule the recompute proves the rows with. No
balance moves here: the decision already took the amount off the customer's central balance.

Kept apart from the fold of bills and balances (db/central/project.py): the projector (projector.py) hands it
each batch's entries, in the batch's order, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, select, update

from app.journal import Entry, Kind
from app.money import format_fen
from app.pulled import HQ, row_digest
from app.refund_fold import MISMATCH, PayoutCase, Refund, named, pay_out
from app.signing import Signer
from db.central.pull import REFUND_COLUMNS
from db.central.sql import in_values, insert_ignore, next_txn
from db.central_schema import central_refunds, review_cases


def _case(
    kind: str, entry: Entry, refund_id: str, customer_no: str, amount_fen: int, detail: str, now: str
) -> dict[str, Any]:
    return {
        "case_id": f"{kind}:{entry.entry_id}:{refund_id}",
        "kind": kind,
        "terminal_id": entry.terminal_id,
        "seq": int(entry.seq),
        "entry_id": entry.entry_id,
        "customer_no": customer_no,
        "bill_id": None,
        "amount_fen": amount_fen,
        "fee_fen": 0,
        "detail": detail,
        "created_at": now,
    }


def _detail(c: PayoutCase, e: Entry) -> str:
    """The case's sentence (head office's review list reads it as stored)."""
    where = f"终端 {e.terminal_id} 第 {e.seq} 笔流水"
    found, cno = c.found, str(e.payload.get("customer_no", ""))
    if found is None:
        return f"{where}支付了总部没有的退款单 {c.refund_id}（{format_fen(c.amount_fen)} 元）。"
    if c.kind == MISMATCH:
        return (
            f"退款单 {c.refund_id} 总部为用户 {found.customer_no} 退款 {format_fen(found.amount_fen)} 元，"
            f"{where}却向用户 {cno} 支付了 {format_fen(found.amount_fen + c.amount_fen)} 元。"
        )
    return (
        f"退款单 {c.refund_id}（用户 {found.customer_no}，{format_fen(found.amount_fen)} 元）"
        f"已由流水 {found.paid_entry_id} 支付，{where}又支付了 {format_fen(c.amount_fen)} 元。"
    )


def project_payouts(conn: Connection, entries: Sequence[Entry], now: str) -> int:
    """Mark paid the refunds named by the refund_payout entries among `entries`, by app.refund_fold.pay_out in
    the order given (the batch's, which the ledger's order records and the recompute folds in: of two pay-outs
    of one refund the first there pays it); returns how many review cases it opened. Inside the projector's
    transaction, under its lock (db/central/projector.py): no other fold reads these rows meanwhile."""
    payouts = [e for e in entries if e.kind == Kind.REFUND_PAYOUT]
    ids = sorted({rid for e in payouts for rid in named(e)})
    if not ids:
        return 0
    r = central_refunds.c
    rows = {
        str(row.refund_id): Refund(
            str(row.customer_no), int(row.amount_fen), str(row.status), row.paid_entry_id
        )
        for row in conn.execute(
            select(r.refund_id, r.customer_no, r.amount_fen, r.status, r.paid_entry_id)
            .where(in_values(conn, r.refund_id, ids))
            .order_by(r.refund_id)
            .with_for_update()
        )
    }
    before = dict(rows)
    cases: list[dict[str, Any]] = []
    for e in payouts:
        cases += [
            _case(c.kind, e, c.refund_id, c.customer_no, c.amount_fen, _detail(c, e), now)
            for c in pay_out(rows, e)
        ]
    for rid, row in sorted(rows.items()):
        if row != before[rid]:
            conn.execute(
                update(central_refunds)
                .where(r.refund_id == rid)
                .values(status=row.status, paid_at=now, paid_entry_id=row.paid_entry_id, txn=next_txn(conn))
            )
    insert_ignore(conn, review_cases, cases, ["case_id"])
    return len(cases)


def sign_unsigned_refunds(conn: Connection, hq: Signer) -> None:
    """Head office signs refund orders made before c0010 (unsigned: a counter would refuse the whole pull)."""
    r = central_refunds.c
    rows = conn.execute(
        select(*(r[c] for c in REFUND_COLUMNS), r.txn)  # the version is signed too (c0008)
        .where(r.signature.is_(None))
        .where(r.signer.is_(None))
    ).all()
    for row in rows:
        conn.execute(
            update(central_refunds)
            .where(r.refund_id == row.refund_id)
            .values(signer=HQ, signature=hq.sign_hash(row_digest("refunds", dict(row._mapping), HQ)))
        )
