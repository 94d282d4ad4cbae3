"""The console's reports from the central copies: a hall's day, each clerk's month with the collection rate
of the areas they answer for, and the arrears by risk grade and age."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import Engine, case, func, select, text

from app.clock import local_text
from app.journal import Kind
from app.services.adjustment_lines import adjustment_lines
from app.services.collection import permille_text, rate_permille
from app.services.day_report import DayReport, build_day_report
from app.services.hall_report import shifts_of_day
from console.reading import reading
from db.central.decide import MONEY_CASES
from db.central.hq import HQ
from db.central.sql import entry_of
from db.central_schema import (
    central_bills,
    central_collection_areas,
    central_customers,
    central_journal,
    review_cases,
)
from db.central_schema import terminals as terminals_t

AGE_BUCKETS = (("1-30", 1, 30), ("31-90", 31, 90), ("91-180", 91, 180), ("180+", 181, None))


def halls(engine: Engine) -> list[str]:
    with reading(engine) as conn:
        return [
            h
            for h in conn.execute(
                select(terminals_t.c.hall_name).distinct().order_by(terminals_t.c.hall_name)
            ).scalars()
        ]


def hall_day(engine: Engine, hall_name: str, day: str, now: dt.datetime) -> DayReport:
    """The hall's day report from the central copies (app/services/hall_report.py's rule and figures): the
    hall's terminals and that day's shift entries are selected in SQL, the figures by build_day_report."""
    cj, t = central_journal.c, terminals_t.c
    with reading(engine) as conn:
        tids = list(
            conn.execute(
                select(t.terminal_id).where(t.hall_name == hall_name).order_by(t.terminal_id)
            ).scalars()
        )
        entries = (
            [
                entry_of(r)
                for r in conn.execute(
                    select(central_journal)
                    .where(cj.terminal_id.in_(tids))
                    .where(cj.terminal_id != HQ)
                    .order_by(cj.terminal_id, cj.seq)
                )
            ]
            if tids
            else []
        )
        shifts = shifts_of_day(entries, day)
        ids = {s.shift_id for s in shifts}
        day_entries = [e for e in entries if e.payload.get("shift_id") in ids]
        cnos = sorted({str(e.payload["customer_no"]) for e in day_entries if "customer_no" in e.payload})
        cats = (
            dict(
                conn.execute(
                    select(central_customers.c.customer_no, central_customers.c.category).where(
                        central_customers.c.customer_no.in_(cnos)
                    )
                ).all()
            )
            if cnos
            else {}
        )
    return build_day_report(
        hall_name,
        tids,
        day,
        shifts,
        day_entries,
        cats,
        {s.clerk_id: s.clerk_id for s in shifts},
        generated_at=local_text(now),
        adjustments=adjustment_lines(entries, day),
    )


@dataclass(frozen=True)
class ClerkMonth:
    clerk_id: str
    payments: int = 0
    collected_fen: int = 0
    late_fees_fen: int = 0
    waivers: int = 0
    waived_fen: int = 0
    reversals: int = 0
    reversed_fen: int = 0
    # collection responsibility (收费责任制): the customer areas the clerk answers for, the month's principal of
    # overdue bills their customers paid (at any counter, reversed payments left out), and what they owe now
    areas: tuple[str, ...] = ()
    recovered_fen: int = 0
    arrears_fen: int = 0

    @property
    def rate_permille(self) -> int | None:
        """回收率: recovered ÷ (recovered + arrears held), app/services/collection.py's rule."""
        return rate_permille(self.recovered_fen, self.recovered_fen + self.arrears_fen)

    @property
    def rate_text(self) -> str:
        return permille_text(self.rate_permille) if self.areas else "—"


def clerk_month(engine: Engine, month: str, today: dt.date) -> list[ClerkMonth]:
    """Per clerk, the month's collection figures from every terminal's central copy (by who took the money),
    and the collection rate against the arrears of the areas they answer for (by the customer's area)."""
    cj, cc, cb, ca = central_journal.c, central_customers.c, central_bills.c, central_collection_areas.c
    first = dt.date.fromisoformat(month + "-01")
    nxt = (first + dt.timedelta(days=32)).replace(day=1)
    figures: dict[str, list[int]] = {}
    with reading(engine) as conn:
        rows = conn.execute(
            select(cj.clerk_id, cj.kind, cj.entry_id, cj.payload)
            .where(cj.terminal_id != HQ)
            .where(cj.kind.in_((Kind.PAYMENT, Kind.WAIVER, Kind.REVERSAL)))
            .where(cj.created_at >= first.isoformat())
            .where(cj.created_at < nxt.isoformat())
        ).all()
        area_clerk: dict[str, str] = {str(a): str(c) for a, c in conn.execute(select(ca.area, ca.clerk_id))}
        owed = cb.amount_fen - cb.principal_paid_fen
        held = dict(
            conn.execute(
                select(ca.clerk_id, func.sum(owed))
                .join(central_customers, cc.area == ca.area)
                .join(central_bills, cb.customer_no == cc.customer_no)
                .where(owed > 0)
                .where(cb.due_date < today.isoformat())
                .group_by(ca.clerk_id)
            ).all()
        )
        payers = {json.loads(r.payload).get("customer_no", "") for r in rows if r.kind == Kind.PAYMENT}
        rc = (
            review_cases.c
        )  # principal a payment claimed on a bill another hall had already paid: no arrears recovered
        claimed_twice: dict[tuple[str, str], int] = {}  # (entry, bill) -> principal the bill no longer owed
        for entry_id, bill_id, amount, fee in conn.execute(
            select(rc.entry_id, rc.bill_id, rc.amount_fen, rc.fee_fen)
            .where(rc.kind.in_(MONEY_CASES))
            .where(rc.created_at >= first.isoformat())
        ):
            key = (str(entry_id), str(bill_id or ""))
            claimed_twice[key] = claimed_twice.get(key, 0) + int(amount) - int(fee)
        area_of = (
            dict(
                conn.execute(select(cc.customer_no, cc.area).where(cc.customer_no.in_(sorted(payers)))).all()
            )
            if payers
            else {}
        )
    recovered: dict[str, int] = {}
    payloads = [(r.clerk_id, r.kind, r.entry_id, json.loads(r.payload)) for r in rows]
    reversed_receipts = {str(p.get("receipt_no", "")) for _c, k, _e, p in payloads if k == Kind.REVERSAL}
    for clerk, kind, entry_id, p in payloads:
        f = figures.setdefault(clerk, [0] * 7)
        if kind == Kind.PAYMENT:
            f[0] += 1
            f[1] += int(p.get("amount_fen", 0))
            f[2] += sum(int(a.get("fee_paid_fen", 0)) for a in p.get("allocations", []))
            holder = area_clerk.get(str(area_of.get(p.get("customer_no", ""), "") or ""))
            if holder is not None and str(p.get("receipt_no", "")) not in reversed_receipts:
                recovered[holder] = recovered.get(holder, 0) + sum(
                    max(
                        0,
                        int(a.get("principal_paid_fen", 0))
                        - claimed_twice.get((entry_id, str(a["bill_id"])), 0),
                    )
                    for a in p.get("allocations", [])
                    if int(a.get("days_overdue", 0)) > 0
                )
        elif kind == Kind.WAIVER:
            f[3] += 1
            f[4] += sum(int(b.get("fee_waived_fen", 0)) for b in p.get("bills", []))
        else:
            f[5] += 1
            f[6] += int(p.get("refund_fen", 0))
    clerks = sorted(set(figures) | set(area_clerk.values()))
    out = []
    for k in clerks:
        n = figures.get(k, [0] * 7)
        out.append(
            ClerkMonth(
                k,
                n[0],
                n[1],
                n[2],
                n[3],
                n[4],
                n[5],
                n[6],
                areas=tuple(sorted(a for a, c in area_clerk.items() if c == k)),
                recovered_fen=recovered.get(k, 0),
                arrears_fen=int(held.get(k) or 0),
            )
        )
    return out


def arrears(engine: Engine, today: dt.date) -> dict[str, dict[str, int]]:
    """Unpaid principal past due, by risk grade and age bucket (days overdue), summed in SQL."""
    cb, cc = central_bills.c, central_customers.c
    owed = cb.amount_fen - cb.principal_paid_fen
    whens = []
    for label, low, _high in reversed(AGE_BUCKETS):
        whens.append((cb.due_date <= (today - dt.timedelta(days=max(low, 1))).isoformat(), label))
    bucket = case(*whens, else_="-")
    grade = func.coalesce(func.nullif(cc.risk_grade, ""), "-")
    out: dict[str, dict[str, int]] = {}
    with reading(engine) as conn:
        # grouped by position: on PostgreSQL the CASE's date parameters would otherwise be bound twice (once
        # in SELECT, once in GROUP BY) and no longer count as the same expression
        for g, b, total in conn.execute(
            select(grade, bucket, func.sum(owed))
            .join(central_customers, cc.customer_no == cb.customer_no)
            .where(owed > 0)
            .where(cb.due_date < today.isoformat())
            .group_by(text("1"), text("2"))
        ):
            if b != "-":
                out.setdefault(str(g), {})[str(b)] = int(total)
    return out
