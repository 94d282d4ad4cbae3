"""The arrears list (欠费清单) for customer managers: filter, sort, totals, ageing buckets, late fees to date.

Filtering reads the store's arrears summary (kept by triggers), so it stays fast at a million
customers; late fees to date are computed only for the page shown, with the same rules as the counter.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.allocation import make_quote
from app.progress import Progress, no_progress
from app.risk import ArrearsFilter, ArrearsRow, ArrearsTotals
from app.services.context import Context
from app.services.payments import policy_of


@dataclass(frozen=True)
class ArrearsList:
    filter: ArrearsFilter
    rows: list[ArrearsRow]
    totals: ArrearsTotals
    business_day: str


def arrears_list(
    ctx: Context, f: ArrearsFilter, *, with_fees: bool = True, progress: Progress = no_progress
) -> ArrearsList:
    """progress: rows whose late fee is worked out so far (a whole terminal's list: hundreds of thousands)."""
    today = ctx.today()
    with ctx.read() as uow:
        rows = uow.risk.arrears_page(f, today)
        totals = uow.risk.arrears_totals(f, today)
        if with_fees:
            policy = policy_of(uow)
            filled = []
            for done, r in enumerate(rows):
                if done % 1000 == 0:
                    progress(done, len(rows))
                c = uow.customers.get(r.customer_no)
                if c is None:
                    filled.append(r)
                    continue
                q = make_quote(c.customer_no, c.category, uow.bills.open_for(c.customer_no), 0, today, policy)
                filled.append(replace(r, late_fee_fen=q.late_fee_total_fen))
            rows = filled
            progress(len(rows), len(rows))
    return ArrearsList(f, rows, totals, today.isoformat())


def areas(ctx: Context) -> list[str]:
    with ctx.read() as uow:
        return uow.risk.areas()
