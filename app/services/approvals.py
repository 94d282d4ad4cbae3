"""Supervisor approvals (审批) and role checks: the one place that decides who may do what.

Every service that needs a supervisor calls `require_supervisor` inside its own unit of work,
before it writes, with the approver's id and the PIN typed at that moment:

    with ctx.uow() as uow:
        approval = require_supervisor(uow, ctx, approver_id, pin, "waiver", {"receipt_no": ...},
                                      clerk_id=req.clerk_id)
        ...  # the waiver itself, naming approval.approver_id / approval.entry.seq
        uow.commit()

It refuses (app.errors.Refused, one sentence) an empty or unknown approver, an approver who is not
a supervisor or admin, the acting clerk approving themself, an inactive or locked approver, and a
wrong PIN. On success it appends a Kind.APPROVAL journal entry in the caller's transaction (so the
approval exists exactly when the approved operation commits) and returns the Approval.

A refusal leaves the money tables untouched: the caller's transaction is rolled back, and only the
audit row (and, for a wrong PIN, the failure count that drives the lock-out) is committed before
the Refused is raised. The PIN is never stored, logged, journaled or put into a message.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from app import auth
from app.clock import utc_text
from app.errors import Refused
from app.journal import Entry, Kind
from app.services.context import Context, append_entry
from app.store import ClerkRecord, UnitOfWork

ROLE_NAMES = {"clerk": "收费员", "supervisor": "主管", "admin": "系统管理员"}


@dataclass(frozen=True)
class Approval:
    approver_id: str
    approver_name: str
    approver_role: str
    action: str
    clerk_id: str  # the acting clerk whose operation was approved
    entry: Entry | None  # the Kind.APPROVAL journal entry (None when record=False)


def _refuse(uow: UnitOfWork, ctx: Context, event: str, who: str, subject: str, detail: dict[str, Any],
            sentence: str, *, update: dict[str, Any] | None = None) -> Refused:
    """Roll the caller's work back, commit only the audit row (and the failure count), return the error."""
    uow.rollback()
    if update:
        uow.settings.update_clerk(subject, **update)
    uow.settings.add_audit(utc_text(ctx.clock.now_utc()), event, who, subject, detail)
    uow.commit()
    return Refused(sentence)


def check_pin(uow: UnitOfWork, ctx: Context, clerk_id: str, pin: str, *, purpose: str,
              actor: str = "") -> ClerkRecord:
    """The clerk's record when `pin` is theirs; else Refused (after recording the failure).

    Counts wrong PINs towards the lock-out (app/auth.py) and resets the count on success.
    `actor` is who typed it, for the audit row (default: the clerk themself).
    """
    cid = (clerk_id or "").strip()
    actor = actor or cid
    rec = uow.settings.clerk(cid) if cid else None
    if rec is None:
        raise _refuse(uow, ctx, "login_failed", actor, cid, {"purpose": purpose, "why": "unknown"},
                      f"本终端没有工号为 {cid or '（空）'} 的人员；请核对工号。")
    if not rec.active:
        raise _refuse(uow, ctx, "login_failed", actor, cid, {"purpose": purpose, "why": "inactive"},
                      f"{cid} 已停用，不能{purpose}；请联系营业厅主管。")
    now = ctx.clock.now_utc()
    until = auth.locked_until(rec.locked_until, now)
    if until is not None:
        raise _refuse(uow, ctx, "login_failed", actor, cid, {"purpose": purpose, "why": "locked"},
                      auth.lock_sentence(cid, until))
    if not rec.pin_hash:
        raise _refuse(uow, ctx, "login_failed", actor, cid, {"purpose": purpose, "why": "no_pin"},
                      f"{cid} 尚未设置密码，不能{purpose}；请由系统管理员设置初始密码。")
    if not auth.verify_pin(pin or "", rec.pin_hash):
        outcome = auth.after_failure(rec.failed_attempts, now)
        if outcome.locked_until is not None:
            raise _refuse(uow, ctx, "locked", actor, cid, {"purpose": purpose},
                          auth.lock_sentence(cid, outcome.locked_until),
                          update={"failed_attempts": 0, "locked_until": utc_text(outcome.locked_until)})
        raise _refuse(uow, ctx, "login_failed", actor, cid, {"purpose": purpose, "why": "wrong_pin"},
                      f"{cid} 的密码不正确；再错 {outcome.remaining} 次将锁定 {auth.LOCK_MINUTES} 分钟。",
                      update={"failed_attempts": outcome.failed_attempts})
    if rec.failed_attempts or rec.locked_until:
        uow.settings.update_clerk(cid, failed_attempts=0, locked_until=None)
    return rec


def require_role(uow: UnitOfWork, ctx: Context, clerk_id: str, pin: str, roles: Iterable[str],
                 action: str) -> ClerkRecord:
    """The clerk's record when they hold one of `roles` and `pin` is theirs; else Refused."""
    allowed = tuple(roles)
    cid = (clerk_id or "").strip()
    rec = uow.settings.clerk(cid) if cid else None
    if rec is not None and rec.role not in allowed:
        names = "或".join(ROLE_NAMES.get(r, r) for r in allowed)
        raise _refuse(uow, ctx, "role_refused", cid, cid, {"action": action, "role": rec.role},
                      f"{cid} 是{ROLE_NAMES.get(rec.role, rec.role)}，不能{action}；需要{names}。")
    return check_pin(uow, ctx, cid, pin, purpose=action)


def require_supervisor(uow: UnitOfWork, ctx: Context, approver_id: str, pin: str, action: str,
                       detail: dict[str, Any], *, clerk_id: str | None = None,
                       record: bool = True) -> Approval:
    """A supervisor's (or admin's) approval of `action`, given now with their PIN; else Refused.

    clerk_id: the acting clerk (default: detail["clerk_id"], then ctx.clerk_id); they may not approve
    their own action. record=False checks without appending the approval entry (for a service whose
    own entry is the approval, such as the day sign-off).
    """
    acting = (clerk_id if clerk_id is not None else str(detail.get("clerk_id") or ctx.clerk_id)).strip()
    approver = (approver_id or "").strip()
    base = {"action": action, "clerk_id": acting}
    if not approver:
        raise _refuse(uow, ctx, "approval_refused", acting, "", {**base, "why": "missing"},
                      f"{action}需要主管审批；请填写主管工号和密码。")
    rec = uow.settings.clerk(approver)
    if rec is None:
        raise _refuse(uow, ctx, "approval_refused", acting, approver, {**base, "why": "unknown"},
                      f"本终端没有工号为 {approver} 的人员；请核对主管工号。")
    if approver == acting:
        raise _refuse(uow, ctx, "approval_refused", acting, approver, {**base, "why": "self"},
                      f"{action}不能由经办人自己审批；请由另一位主管审批。")
    if rec.role not in auth.SUPERVISOR_ROLES:
        raise _refuse(uow, ctx, "approval_refused", acting, approver, {**base, "why": "role"},
                      f"{approver} 不是主管，不能审批{action}；请由班长或营业厅主管审批。")
    check_pin(uow, ctx, approver, pin, purpose=f"审批{action}", actor=acting or approver)
    entry = None
    if record:
        payload = {"what": "approval", "action": action, "approver_id": approver, "approver_role": rec.role,
                   "clerk_id": acting, "detail": detail}
        entry = append_entry(uow, ctx, Kind.APPROVAL, acting or approver, payload, ctx.clock.now_utc())
    return Approval(approver, rec.name, rec.role, action, acting, entry)
