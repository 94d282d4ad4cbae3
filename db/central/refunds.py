"""Refunds paid out at a counter (issue 21): the central side of a `refund_payout` entry.

Finance orders a refund in the console (db/central/decide.py: the balance comes off at once, a
`central_refunds` row is ordered). The customer's counter pulls the order, pays the cash out and journals a
`refund_payout` entry naming the refund ids; when that entry is accepted centrally, each refund it names is
marked paid here, once: the row's status goes from ordered to paid only in the update that names this entry,
and a later entry naming an already paid refund (two counters paid it while offline) opens a
`refund_paid_twice` case with the amount handed out twice, for finance to recover; a pay-out of another amount
than ordered (the counter's copy altered) opens `refund_mismatch` with the difference. No balance moves here: the
decision already took the amount off the customer's central balance.

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
from app.signing import Signer
from db.central.pull import REFUND_COLUMNS
from db.central.sql import insert_ignore, next_txn
from db.central_schema import central_refunds, review_cases

PAID_TWICE = "refund_paid_twice"
UNKNOWN_REFUND = "unknown_refund"
MISMATCH = "refund_mismatch"  # paid out another amount (or to another customer) than head office ordered


def _case(
    kind: str, entry: Any, refund_id: str, customer_no: str, amount_fen: int, detail: str, now: str
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


def project_payouts(conn: Connection, entries: Sequence[Entry], now: str) -> int:
    """Mark paid the refunds named by the refund_payout entries among `entries`, in the order given (the
    batch's, which the ledger's order records: of two pay-outs of one refund the first there pays it, as the
    recompute folds it, db/central/books_fold.py); returns how many review cases it opened. Inside the
    projector's transaction."""
    cases: list[dict[str, Any]] = []
    r = central_refunds.c
    for e in entries:
        if e.kind != Kind.REFUND_PAYOUT:
            continue
        payload, terminal_id = e.payload, e.terminal_id
        cno = str(payload.get("customer_no", ""))
        for item in payload.get("refunds", []):
            rid, amount = str(item["refund_id"]), int(item["amount_fen"])
            # the update decides, not a read before it: of two pushes paying one refund at once (PostgreSQL), the
            # second waits on the row and then finds it paid
            done = conn.execute(
                update(central_refunds)
                .where(r.refund_id == rid)
                .where(r.status == "ordered")
                .values(status="paid", paid_at=now, paid_entry_id=e.entry_id, txn=next_txn(conn))
            )
            if done.rowcount == 1:
                ordered = conn.execute(select(r.amount_fen, r.customer_no).where(r.refund_id == rid)).one()
                if (int(ordered.amount_fen), str(ordered.customer_no)) != (
                    amount,
                    cno,
                ):  # the counter's copy was altered
                    cases.append(
                        _case(
                            MISMATCH,
                            e,
                            rid,
                            str(ordered.customer_no),
                            amount - int(ordered.amount_fen),
                            f"退款单 {rid} 总部为用户 {ordered.customer_no} 退款 "
                            f"{format_fen(int(ordered.amount_fen))} 元，终端 {terminal_id} 第 {e.seq} 笔流水"
                            f"却向用户 {cno} 支付了 {format_fen(amount)} 元。",
                            now,
                        )
                    )
                continue
            row = conn.execute(
                select(r.paid_entry_id, r.amount_fen, r.customer_no).where(r.refund_id == rid)
            ).first()
            if row is None:
                cases.append(
                    _case(
                        UNKNOWN_REFUND,
                        e,
                        rid,
                        cno,
                        amount,
                        f"终端 {terminal_id} 第 {e.seq} 笔流水支付了总部没有的退款单 {rid}"
                        f"（{format_fen(amount)} 元）。",
                        now,
                    )
                )
            elif (
                row.paid_entry_id != e.entry_id
            ):  # the same entry again (a push that raced this one) is no case
                cases.append(
                    _case(
                        PAID_TWICE,
                        e,
                        rid,
                        str(row.customer_no),
                        amount,
                        f"退款单 {rid}（用户 {row.customer_no}，{format_fen(int(row.amount_fen))} 元）"
                        f"已由流水 {row.paid_entry_id} 支付，终端 {terminal_id} 第 {e.seq} 笔流水又支付了"
                        f" {format_fen(amount)} 元。",
                        now,
                    )
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
