"""A notice's journal entry, and the cancellation a payment makes inside its own transaction.

Apart from app/services/notices.py so that payments can cancel notices without importing the notice
workflow, which itself reads customers and policy through payments (that was an import cycle).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from app.clock import utc_text
from app.journal import Kind
from app.risk import Notice, is_overdue
from app.services.context import Context, append_entry
from app.store import UnitOfWork


def journal_notice(
    uow: UnitOfWork, ctx: Context, clerk_id: str, action: str, n: Notice, **extra: object
) -> None:
    payload = {
        "action": action,
        "notice_id": n.notice_id,
        "customer_no": n.customer_no,
        "state": n.state,
        "owed_fen": n.owed_fen,
        **extra,
    }
    append_entry(uow, ctx, Kind.NOTICE, clerk_id, payload, ctx.clock.now_utc())


def cancel_if_paid(
    uow: UnitOfWork, ctx: Context, customer_no: str, clerk_id: str, today: dt.date
) -> list[Notice]:
    """Inside a payment's transaction: when no bill is left past due, cancel the open notices."""
    open_ = uow.risk.open_notices(customer_no)
    if not open_:
        return []
    if any(is_overdue(b, today) for b in uow.bills.open_for(customer_no)):
        return []
    out = []
    for n in open_:
        n = replace(n, state="cancelled", closed_at=utc_text(ctx.clock.now_utc()), close_reason="欠费已结清")
        uow.risk.update_notice(n)
        journal_notice(uow, ctx, clerk_id, "cancel", n, why="paid")
        out.append(n)
    return out
