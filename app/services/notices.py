"""Stop-power notice workflow (停电通知书): propose → supervisor approves → served → reminded;
cancelled automatically when the arrears are paid. Every state change is a Kind.NOTICE journal entry
written in the same transaction as the notice row.

Dates come from policy: a notice may be proposed only when a bill is unpaid more than
``notice.stop_after_days`` after its due date; the earliest stop date is the serving date plus
``notice.days_residential`` (residential) or ``notice.days_other`` days; the customer is told to pay
by the day before. The reminder (second notification) is due from the day before the stop.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from app.adjustment import overdue_since
from app.clock import utc_text
from app.errors import NotFound, Refused
from app.journal import Kind
from app.messages import coded
from app.money import format_fen
from app.policy import Policy
from app.risk import NOTICE_STATE_LABELS, Notice, is_overdue
from app.services.approvals import check_supervisor, require_supervisor
from app.services.context import Context
from app.services.notice_journal import cancel_if_paid  # noqa: F401  (import it from notice_journal: no cycle)
from app.services.notice_journal import journal_notice as _journal
from app.services.payments import load_customer, policy_of
from app.store import ReadUnitOfWork

SERVE_METHODS = {
    "in_person": "当面送达",
    "post": "邮寄送达",
    "posted_on_site": "现场张贴",
    "sms": "短信通知",
    "phone": "电话通知",
}


def _get(uow: ReadUnitOfWork, notice_id: str) -> Notice:
    n = uow.risk.get_notice(notice_id.strip())
    if n is None:
        raise coded(NotFound, "notice.not_found", notice_id=notice_id.strip() or "—")
    return n


def _need(n: Notice, *states: str) -> None:
    if n.state not in states:
        raise coded(Refused, "notice.wrong_state", notice_id=n.notice_id, state=NOTICE_STATE_LABELS[n.state])


def notice_days(policy: Policy, residential: bool) -> int:
    return policy.notice_days_residential if residential else policy.notice_days_other


def propose(ctx: Context, customer_no: str, clerk_id: str, reason: str = "") -> Notice:
    today = ctx.today()
    with ctx.uow() as uow:
        customer = load_customer(uow, customer_no)
        policy = policy_of(uow)
        if uow.risk.open_notices(customer.customer_no):
            raise coded(Refused, "notice.open_already", customer_no=customer.customer_no)
        raised = [e.payload for e in uow.journal.for_customer(customer.customer_no, [Kind.ADJUSTMENT])]
        since = {b.bill_id: overdue_since(b, raised) for b in uow.bills.open_for(customer.customer_no)}
        overdue = [
            b for b in uow.bills.open_for(customer.customer_no) if is_overdue(b, today, since[b.bill_id])
        ]
        # counted from the day what is owed fell due (a raised paid bill: the adjustment day, issue 28)
        oldest = max(((today - since[b.bill_id]).days for b in overdue), default=0)
        if oldest <= policy.notice_stop_after_days:
            raise coded(
                Refused,
                "notice.not_overdue",
                customer_no=customer.customer_no,
                days=policy.notice_stop_after_days,
                oldest=oldest,
            )
        owed = sum(b.unpaid_fen for b in overdue)
        text = reason.strip() or f"欠缴电费 {format_fen(owed)} 元，最长逾期 {oldest} 天，经催缴仍未缴纳"
        # the notice's own journal entry is the next one: terminal + sequence is unique in the province and
        # the same in two runs (6 random hex digits were neither: issue 26's simulation)
        seq, _ = uow.journal.head()
        n = Notice(
            notice_id=f"TZ-{today:%Y%m%d}-{ctx.terminal.terminal_id}-{seq + 1}",
            customer_no=customer.customer_no,
            state="proposed",
            reason=text,
            owed_fen=owed,
            important=customer.important,
            proposed_at=utc_text(ctx.clock.now_utc()),
            proposed_by=clerk_id,
        )
        uow.risk.add_notice(n)
        _journal(
            uow, ctx, clerk_id, "propose", n, reason=text, oldest_days=oldest, important=customer.important
        )
        uow.commit()
    return n


def approve(ctx: Context, notice_id: str, clerk_id: str, approver_id: str, pin: str) -> Notice:
    with ctx.read() as reading:
        n = _get(reading, notice_id)
        _need(n, "proposed")
    approver = check_supervisor(
        ctx,
        approver_id,
        pin,
        "停电审批",
        {"notice_id": n.notice_id, "customer_no": n.customer_no},
        clerk_id=clerk_id,
    )
    with ctx.uow() as uow:
        n = _get(uow, notice_id)
        _need(n, "proposed")
        approval = require_supervisor(uow, ctx, approver)
        n = replace(
            n, state="approved", approved_at=utc_text(ctx.clock.now_utc()), approved_by=approval.approver_id
        )
        uow.risk.update_notice(n)
        _journal(uow, ctx, clerk_id, "approve", n, approver_id=approval.approver_id)
        uow.commit()
    return n


def serve(
    ctx: Context, notice_id: str, clerk_id: str, method: str = "in_person", served_on: dt.date | None = None
) -> Notice:
    if method not in SERVE_METHODS:
        raise coded(
            Refused, "notice.bad_serve_method", method_name=method, choices_list=tuple(SERVE_METHODS.values())
        )
    day = served_on or ctx.today()
    with ctx.uow() as uow:
        n = _get(uow, notice_id)
        _need(n, "approved")
        customer = load_customer(uow, n.customer_no)
        days = notice_days(policy_of(uow), customer.category.is_residential)
        stop = day + dt.timedelta(days=days)
        n = replace(
            n,
            state="served",
            served_on=day.isoformat(),
            served_method=method,
            pay_by=(stop - dt.timedelta(days=1)).isoformat(),
            stop_from=stop.isoformat(),
        )
        uow.risk.update_notice(n)
        _journal(
            uow,
            ctx,
            clerk_id,
            "serve",
            n,
            served_on=n.served_on,
            method=method,
            stop_from=n.stop_from,
            notice_days=days,
        )
        uow.commit()
    return n


def remind(ctx: Context, notice_id: str, clerk_id: str, method: str = "phone") -> Notice:
    """The second notification shortly before the stop (from the day before the earliest stop date)."""
    today = ctx.today()
    with ctx.uow() as uow:
        n = _get(uow, notice_id)
        _need(n, "served")
        assert n.stop_from is not None
        if today < dt.date.fromisoformat(n.stop_from) - dt.timedelta(days=1):
            raise coded(Refused, "notice.remind_early", stop_from=n.stop_from)
        n = replace(n, state="reminded", reminded_at=utc_text(ctx.clock.now_utc()))
        uow.risk.update_notice(n)
        _journal(uow, ctx, clerk_id, "remind", n, method=method)
        uow.commit()
    return n


def reminders_due(ctx: Context) -> list[Notice]:
    today = ctx.today()
    with ctx.read() as uow:
        served = uow.risk.notices("served")
    return [
        n
        for n in served
        if n.stop_from and dt.date.fromisoformat(n.stop_from) - dt.timedelta(days=1) <= today
    ]


def notice_list(ctx: Context, state: str = "") -> list[Notice]:
    with ctx.read() as uow:
        return uow.risk.notices(state)


def notice_list_named(ctx: Context, state: str = "") -> tuple[list[Notice], dict[str, str]]:
    """The notices and their customers' names (户名), in one read: the 停电通知 list names whom it would cut
    (ux P3: it showed only the 户号)."""
    with ctx.read() as uow:
        rows = uow.risk.notices(state)
        names: dict[str, str] = {}
        for no in {n.customer_no for n in rows}:
            customer = uow.customers.get(no)
            names[no] = customer.name if customer is not None else ""
        return rows, names


def get_notice(ctx: Context, notice_id: str) -> Notice:
    with ctx.read() as uow:
        return _get(uow, notice_id)
