"""A double payment's case names who settled the bill first (review 2026-12-07 P3-3).

The projection (db/central/project.py) knows only that the bill no longer owed what the entry claims; its
sentence said "another hall" even for two counters of one hall. Here, before the cases are stored, each
`double_payment` case names the terminal whose write settled the bill (central_bills.signer: the counter
whose push last changed the row, until this transaction signs it), the entry that did it, and whether that
terminal is of the same hall as the one that paid again. The sentence stays the general one when the bill's
last writer is head office (an offset, an adjustment, or rows head office signed over after a re-key) or a
counter whose own payment of the bill was a double payment too (it touched the row without settling it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from app.journal import Kind
from app.pulled import HQ
from db.central.case_texts import surplus_text
from db.central.sql import in_values
from db.central_schema import central_bills, central_journal, review_cases
from db.central_schema import terminals as terminals_t


@dataclass(frozen=True)
class _At:
    terminal_id: str
    seq: int


def _hall(row: Any) -> str:
    return str(row.hall_id or row.hall_name or "") if row is not None else ""


def _settling_seq(conn: Connection, terminal_id: str, bill_id: str, period: str) -> int | None:
    """The terminal's last payment or offset that names the bill (from the bill's month on: one partition or
    a few), or None."""
    c = central_journal.c
    marker = '%"bill_id":' + json.dumps(bill_id, ensure_ascii=False) + "%"
    for r in conn.execute(
        select(c.seq, c.payload)
        .where(c.terminal_id == terminal_id)
        .where(c.kind.in_((Kind.PAYMENT, Kind.OFFSET)))
        .where(c.day >= f"{period}-01")
        .where(c.payload.like(marker))
        .order_by(c.seq.desc())
        .limit(5)
    ):
        if any(a.get("bill_id") == bill_id for a in json.loads(r.payload).get("allocations", [])):
            return int(r.seq)
    return None


def settled_by(terminal_id: str, settler: str, seq: int | None, same_hall: bool, hall: str) -> str:
    """The phrase that says who settled the bill before `terminal_id` took money for it again."""
    entry = f" 第 {seq} 笔" if seq is not None else ""
    if settler == terminal_id:
        return f"已由终端 {settler}{entry}收取（同一终端号，另一台电脑或旧副本）"
    if same_hall:
        return f"已由同一营业厅的终端 {settler}{entry}收取"
    return f"已由{hall}的终端 {settler}{entry}收取" if hall else f"已由终端 {settler}{entry}收取"


def name_settlers(conn: Connection, cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The cases, each double payment's sentence naming who settled its bill first (same hall or not)."""
    targets = [c for c in cases if c["kind"] == "double_payment" and c.get("bill_id")]
    if not targets:
        return cases
    b = central_bills.c
    bills = {
        r.bill_id: r
        for r in conn.execute(
            select(b.bill_id, b.period, b.signer).where(
                in_values(conn, b.bill_id, sorted({c["bill_id"] for c in targets}))
            )
        )
    }
    t = terminals_t.c
    wanted = {c["terminal_id"] for c in targets} | {str(r.signer) for r in bills.values() if r.signer}
    places = {
        r.terminal_id: r
        for r in conn.execute(
            select(t.terminal_id, t.hall_id, t.hall_name).where(
                in_values(conn, t.terminal_id, sorted(wanted))
            )
        )
    }
    rc = review_cases.c
    paid_again = {  # (terminal, bill): that terminal's own payment of the bill was a double payment
        (r.terminal_id, r.bill_id)
        for r in conn.execute(
            select(rc.terminal_id, rc.bill_id)
            .where(in_values(conn, rc.customer_no, sorted({str(c["customer_no"]) for c in targets})))
            .where(rc.kind == "double_payment")
        )
    }
    out = []
    for c in cases:
        bill = bills.get(c.get("bill_id") or "")
        if (
            c["kind"] != "double_payment"
            or bill is None
            or not bill.signer
            or bill.signer == HQ
            or (bill.signer, bill.bill_id)
            in paid_again  # it only touched the bill: who settled it is unknown
        ):
            out.append(c)
            continue
        settler, payer = str(bill.signer), str(c["terminal_id"])
        here, there = _hall(places.get(payer)), _hall(places.get(settler))
        phrase = settled_by(
            payer,
            settler,
            _settling_seq(conn, settler, bill.bill_id, bill.period),
            bool(here) and here == there,
            str(getattr(places.get(settler), "hall_name", "") or there),
        )
        fee = int(c.get("fee_fen", 0))
        text = surplus_text(
            _At(payer, int(c["seq"])),
            str(c["customer_no"]),
            bill.bill_id,
            bill.period,
            fee,
            int(c["amount_fen"]) - fee,
            phrase,
        )
        out.append({**c, "detail": text})
    return out
