"""The console's review cases read from the central ledger: the counts on the overview, one page of cases
with the customer, the bill and every payment on it, and the refunds ordered and not yet paid out."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, func, literal_column, select

from app.journal import Kind
from app.moves import entry_moves
from console.case_texts import CASE_KINDS_ZH, WAY_OUT
from console.reading import reading
from db.central.decide import MONEY_CASES
from db.central.quarantine_post import held
from db.central_schema import (
    central_bills,
    central_customers,
    central_journal,
    central_quarantine,
    central_refunds,
    review_cases,
)
from db.central_schema import terminals as terminals_t


def _customer_of(conn: Connection, customer_no: str | None) -> list[Any]:
    """The journal entries of one customer, through c0014's expression index (the same expression as the
    index, or the planner cannot use it); [] (no narrowing) for a case without a customer."""
    if not customer_no:
        return []
    if conn.dialect.name == "postgresql":
        return [literal_column("(central_journal.payload::json ->> 'customer_no')") == customer_no]
    return [func.json_extract(central_journal.c.payload, "$.customer_no") == customer_no]


def _bill_marker(bill_id: str) -> str:
    return '%"bill_id":' + json.dumps(bill_id, ensure_ascii=False) + "%"


@dataclass(frozen=True)
class Payment:
    terminal_id: str
    seq: int
    entry_id: str
    created_at: str
    clerk_id: str
    amount_fen: int  # the whole receipt's money
    hall_name: str
    on_bill_fen: int = 0  # what it paid on the case's bill, principal and late fee (app/moves.py's rule)
    caused: bool = False  # the entry whose payment made the surplus (the case's own entry)


def paid_on_bill(payload: dict[str, Any], bill_id: str) -> int:
    """Principal and late fee a payment put on one bill: its allocations, read by the one rule (app/moves.py)."""
    moves = entry_moves(Kind.PAYMENT, payload)
    return sum(m.principal_fen + m.fee_fen for m in moves.bills if m.bill_id == bill_id) if moves else 0


PER_PAGE = 50


def _case_filter(resolved: bool, money: bool, customer: str) -> list[Any]:
    rc = review_cases.c
    found: list[Any] = [
        rc.kind.in_(MONEY_CASES) if money else rc.kind.not_in(MONEY_CASES),
        rc.resolved_at.is_not(None) if resolved else rc.resolved_at.is_(None),
    ]
    if customer:
        found.append(rc.customer_no == customer)
    return found


def case_count(engine: Engine, *, resolved: bool, money: bool, customer: str = "") -> int:
    """How many cases the list holds (the overview's cards, the pager): a COUNT, never the cases themselves."""
    with reading(engine) as conn:
        return int(
            conn.execute(
                select(func.count()).select_from(review_cases).where(*_case_filter(resolved, money, customer))
            ).scalar_one()
        )


def cases(
    engine: Engine, *, resolved: bool, money: bool, page: int = 1, customer: str = ""
) -> list[dict[str, Any]]:
    """One page (PER_PAGE, oldest open first / newest resolved first) of review cases with their customer, bill
    and every payment of that bill (the two that collided); `customer` keeps one customer number's."""
    rc, cc, cb, cj, t = review_cases.c, central_customers.c, central_bills.c, central_journal.c, terminals_t.c
    out: list[dict[str, Any]] = []
    with reading(engine) as conn:
        rows = conn.execute(
            select(
                review_cases,
                cc.name.label("customer_name"),
                cb.period,
                cb.amount_fen.label("bill_fen"),
                t.hall_name,
            )
            .outerjoin(central_customers, cc.customer_no == rc.customer_no)
            .outerjoin(central_bills, cb.bill_id == rc.bill_id)
            .outerjoin(terminals_t, t.terminal_id == rc.terminal_id)
            .where(*_case_filter(resolved, money, customer))
            .order_by(rc.resolved_at.desc() if resolved else rc.created_at, rc.case_id)
            .limit(PER_PAGE)
            .offset(PER_PAGE * (max(page, 1) - 1))
        ).all()
        for r in rows:
            payments: list[Payment] = []
            if r.bill_id:
                for p in conn.execute(
                    select(
                        cj.terminal_id,
                        cj.seq,
                        cj.entry_id,
                        cj.created_at,
                        cj.clerk_id,
                        cj.payload,
                        t.hall_name,
                    )
                    .outerjoin(terminals_t, t.terminal_id == cj.terminal_id)
                    .where(cj.kind == Kind.PAYMENT)
                    .where(*_customer_of(conn, r.customer_no))
                    .where(cj.payload.like(_bill_marker(r.bill_id)))
                    .order_by(cj.created_at, cj.terminal_id, cj.seq)
                ):
                    payload = json.loads(p.payload)
                    on_bill = paid_on_bill(payload, r.bill_id)
                    if not on_bill and p.entry_id != r.entry_id:
                        continue  # the bill's id is in its payload, but it paid nothing on the bill
                    payments.append(
                        Payment(
                            p.terminal_id,
                            int(p.seq),
                            p.entry_id,
                            p.created_at,
                            p.clerk_id,
                            int(payload.get("amount_fen", 0)),
                            p.hall_name or "",
                            on_bill,
                            p.entry_id == r.entry_id,
                        )
                    )
            decision = None
            if r.resolution_entry_id:
                d = conn.execute(select(cj.payload).where(cj.entry_id == r.resolution_entry_id)).scalar()
                decision = json.loads(d) if d else None
            refund = conn.execute(
                select(central_refunds.c.status, central_refunds.c.paid_at).where(
                    central_refunds.c.case_id == r.case_id
                )
            ).first()
            quarantined = 0
            entries_held: list[Any] = []
            if r.kind == "fork":
                quarantined = int(
                    conn.execute(
                        select(func.count())
                        .select_from(central_quarantine)
                        .where(central_quarantine.c.terminal_id == r.terminal_id)
                    ).scalar_one()
                )
                # each held entry, whether it was posted, and the receipt numbers the copy issued twice
                entries_held = held(conn, r.case_id)
            out.append(
                {
                    **r._mapping,
                    "payments": payments,
                    "decision": decision,
                    "refund_status": refund.status if refund else None,
                    "quarantined": quarantined,
                    "held": entries_held,
                    "twice": [h for h in entries_held if h.twins],
                    "way_out": WAY_OUT.get(r.kind, ""),
                    "kind_zh": CASE_KINDS_ZH.get(r.kind, r.kind),
                }
            )
    return out


def refunds_ordered(engine: Engine) -> tuple[int, int]:
    """Refunds ordered and not yet paid out at a counter: how many, and their sum (fen)."""
    r = central_refunds.c
    with reading(engine) as conn:
        count, total = conn.execute(
            select(func.count(), func.coalesce(func.sum(r.amount_fen), 0)).where(r.status == "ordered")
        ).one()
    return int(count), int(total)


def case_row(engine: Engine, case_id: str) -> Any:
    with reading(engine) as conn:
        return conn.execute(select(review_cases).where(review_cases.c.case_id == case_id)).first()
