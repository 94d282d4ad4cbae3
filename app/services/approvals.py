"""Supervisor approvals (审批) and PIN checks: the one place that decides who may do what.

A PIN check costs one scrypt (~150 ms), so it never runs inside a write transaction (issue 15):
a service checks first, outside, then opens its short write unit of work and confirms there:

    approver = check_supervisor(ctx, approver_id, pin, "waiver", {"receipt_no": ...}, clerk_id=req.clerk_id)
    with ctx.uow() as uow:
        approval = require_supervisor(uow, ctx, approver)  # cheap: re-reads the record, journals the approval
        ...  # the waiver itself, naming approval.approver_id / approval.entry.seq
        uow.commit()

`check_pin` / `check_role` / `check_supervisor` read the record in a read unit of work and hash
outside any transaction. They refuse (app.errors.Refused, one sentence) an empty or unknown
approver, an approver who is not a supervisor or admin, the acting clerk approving themself, an
inactive or locked approver, and a wrong PIN. A refusal is recorded (the audit row and, for a
wrong PIN, the failure count that drives the lock-out) in its own short write unit of work, before
the caller has opened one: no caller's transaction is ever committed or rolled back by a refusal.

`confirm_pin` / `require_supervisor`, inside the caller's write transaction, refuse when the record
changed since the check (PIN changed, locked, deactivated meanwhile), reset the failure count, and
append the Kind.APPROVAL journal entry (so the approval exists exactly when the approved operation
commits). The PIN is never stored, logged, journaled or put into a message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from app import auth
from app.clock import utc_text
from app.errors import Refused
from app.journal import Entry, Kind
from app.messages import coded
from app.provisioning import OneTimePin, must_change_key
from app.services.context import Context, append_entry
from app.store import ClerkRecord, UnitOfWork

CHANGE_OWN_PIN = "修改密码"  # the one purpose a one-time PIN is good for (app/services/clerks.change_pin)
ROLE_NAMES = {"clerk": "收费员", "supervisor": "主管", "admin": "系统管理员"}


@dataclass(frozen=True)
class Approval:
    approver_id: str
    approver_name: str
    approver_role: str
    action: str
    clerk_id: str  # the acting clerk whose operation was approved
    entry: Entry | None  # the Kind.APPROVAL journal entry (None when record=False)


@dataclass(frozen=True)
class CheckedPin:
    """A PIN found right outside any write transaction: the clerk's record as it was then."""

    record: ClerkRecord
    purpose: str


@dataclass(frozen=True)
class Approver:
    """A supervisor whose PIN was checked for `action`; require_supervisor turns it into an Approval."""

    checked: CheckedPin
    action: str
    clerk_id: str  # the acting clerk
    detail: dict[str, Any]

    @property
    def approver_id(self) -> str:
        return self.checked.record.clerk_id


def _refuse(
    ctx: Context, event: str, who: str, subject: str, detail: dict[str, Any], error: Refused
) -> Refused:
    """Record a refusal (audit row) in its own short write unit of work; return the error to raise."""
    with ctx.uow() as uow:
        uow.settings.add_audit(utc_text(ctx.clock.now_utc()), event, who, subject, detail)
        uow.commit()
    return error


def _wrong_pin(ctx: Context, actor: str, cid: str, purpose: str) -> Refused:
    """Count a wrong PIN towards the lock-out, from the count as it is now (another counter may have
    counted one meanwhile), with its audit row: one short write."""
    now = ctx.clock.now_utc()
    with ctx.uow() as uow:
        rec = uow.settings.clerk(cid)
        outcome = auth.after_failure(rec.failed_attempts if rec is not None else 0, now)
        if outcome.locked_until is not None:
            uow.settings.update_clerk(cid, failed_attempts=0, locked_until=utc_text(outcome.locked_until))
            uow.settings.add_audit(utc_text(now), "locked", actor, cid, {"purpose": purpose})
            refusal = auth.locked_refusal(cid, outcome.locked_until)
        else:
            uow.settings.update_clerk(cid, failed_attempts=outcome.failed_attempts)
            uow.settings.add_audit(
                utc_text(now), "login_failed", actor, cid, {"purpose": purpose, "why": "wrong_pin"}
            )
            refusal = coded(
                Refused, "pin.wrong", who=cid, remaining=outcome.remaining, minutes=auth.LOCK_MINUTES
            )
        uow.commit()
    return refusal


def _usable(rec: ClerkRecord | None, cid: str, purpose: str, now: dt.datetime) -> tuple[str, Refused] | None:
    """(why, refusal) when this record cannot be logged into now; None when its PIN may be checked."""
    if rec is None:
        return "unknown", coded(Refused, "pin.unknown_person", who=cid or "—")
    if not rec.active:
        return "inactive", coded(Refused, "pin.inactive", who=cid, purpose=purpose)
    until = auth.locked_until(rec.locked_until, now)
    if until is not None:
        return "locked", auth.locked_refusal(cid, until)
    if not rec.pin_hash:
        return "no_pin", coded(Refused, "pin.none_set", who=cid, purpose=purpose)
    return None


def _read_clerk(ctx: Context, cid: str) -> ClerkRecord | None:
    if not cid:
        return None
    with ctx.read() as uow:
        return uow.settings.clerk(cid)


def check_pin(
    ctx: Context, clerk_id: str, pin: str, *, purpose: str, actor: str = "", record: ClerkRecord | None = None
) -> CheckedPin:
    """The clerk's PIN checked, outside any write transaction; else Refused (after recording the failure).

    `actor` is who typed it, for the audit row (default: the clerk themself). Confirm it inside the
    write transaction with confirm_pin, which also resets the failure count.
    """
    cid = (clerk_id or "").strip()
    actor = actor or cid
    rec = record if record is not None else _read_clerk(ctx, cid)
    bad = _usable(rec, cid, purpose, ctx.clock.now_utc())
    if bad is not None:
        raise _refuse(ctx, "login_failed", actor, cid, {"purpose": purpose, "why": bad[0]}, bad[1])
    assert rec is not None
    if not auth.verify_pin(pin or "", rec.pin_hash):  # the scrypt: no transaction is open here
        raise _wrong_pin(ctx, actor, cid, purpose)
    if purpose != CHANGE_OWN_PIN and _one_time(ctx, cid):
        # head office's one-time PIN opens nothing but setting one's own: no login, no approval (issue 17)
        raise _refuse(
            ctx,
            "login_failed",
            actor,
            cid,
            {"purpose": purpose, "why": "one_time_pin"},
            coded(OneTimePin, "pin.one_time", who=cid),
        )
    return CheckedPin(rec, purpose)


def _one_time(ctx: Context, cid: str) -> bool:
    with ctx.read() as uow:
        return uow.settings.get(must_change_key(cid)) == "1"


def confirm_pin(uow: UnitOfWork, ctx: Context, checked: CheckedPin) -> ClerkRecord:
    """Inside the write transaction: the record is still the one whose PIN was checked; failures reset."""
    cid = checked.record.clerk_id
    rec = uow.settings.clerk(cid)
    bad = _usable(rec, cid, checked.purpose, ctx.clock.now_utc())
    if bad is not None:
        raise bad[1]
    assert rec is not None
    if rec.pin_hash != checked.record.pin_hash:
        raise coded(Refused, "pin.just_changed", who=cid)
    if rec.failed_attempts or rec.locked_until:
        uow.settings.update_clerk(cid, failed_attempts=0, locked_until=None)
    return rec


def check_role(ctx: Context, clerk_id: str, pin: str, roles: Iterable[str], action: str) -> CheckedPin:
    """The clerk's PIN checked when they hold one of `roles`; else Refused. Outside any write transaction."""
    allowed = tuple(roles)
    cid = (clerk_id or "").strip()
    rec = _read_clerk(ctx, cid)
    if rec is not None and rec.role not in allowed:
        raise _refuse(
            ctx,
            "role_refused",
            cid,
            cid,
            {"action": action, "role": rec.role},
            coded(
                Refused,
                "pin.role",
                who=cid,
                role=ROLE_NAMES.get(rec.role, rec.role),
                action=action,
                needed_labels=tuple(ROLE_NAMES.get(r, r) for r in allowed),
            ),
        )
    return check_pin(ctx, cid, pin, purpose=action, record=rec)


def check_supervisor(
    ctx: Context,
    approver_id: str,
    pin: str,
    action: str,
    detail: dict[str, Any],
    *,
    clerk_id: str | None = None,
) -> Approver:
    """A supervisor's (or admin's) PIN checked for `action`, outside any write transaction; else Refused.

    clerk_id: the acting clerk (default: detail["clerk_id"], then ctx.clerk_id); they may not approve
    their own action.
    """
    acting = (clerk_id if clerk_id is not None else str(detail.get("clerk_id") or ctx.clerk_id)).strip()
    approver = (approver_id or "").strip()
    base = {"action": action, "clerk_id": acting}
    if not approver:
        raise _refuse(
            ctx,
            "approval_refused",
            acting,
            "",
            {**base, "why": "missing"},
            coded(Refused, "approve.missing", action=action),
        )
    rec = _read_clerk(ctx, approver)
    if rec is None:
        raise _refuse(
            ctx,
            "approval_refused",
            acting,
            approver,
            {**base, "why": "unknown"},
            coded(Refused, "approve.unknown", who=approver),
        )
    if approver == acting:
        raise _refuse(
            ctx,
            "approval_refused",
            acting,
            approver,
            {**base, "why": "self"},
            coded(Refused, "approve.self", action=action),
        )
    if rec.role not in auth.SUPERVISOR_ROLES:
        raise _refuse(
            ctx,
            "approval_refused",
            acting,
            approver,
            {**base, "why": "role"},
            coded(Refused, "approve.not_supervisor", who=approver, action=action),
        )
    checked = check_pin(ctx, approver, pin, purpose=f"审批{action}", actor=acting or approver, record=rec)
    return Approver(checked, action, acting, dict(detail))


def require_supervisor(
    uow: UnitOfWork,
    ctx: Context,
    approver: Approver,
    detail: dict[str, Any] | None = None,
    *,
    record: bool = True,
) -> Approval:
    """Inside the write transaction: confirm the checked approver and journal the approval of `approver.action`.

    detail: what was approved (default: the detail given to check_supervisor). record=False confirms
    without appending the approval entry (for a service whose own entry is the approval, such as the
    day sign-off).
    """
    rec = confirm_pin(uow, ctx, approver.checked)
    if rec.role not in auth.SUPERVISOR_ROLES:
        raise coded(Refused, "approve.not_supervisor", who=rec.clerk_id, action=approver.action)
    entry = None
    acting = approver.clerk_id
    if record:
        payload = {
            "what": "approval",
            "action": approver.action,
            "approver_id": rec.clerk_id,
            "approver_role": rec.role,
            "clerk_id": acting,
            "detail": approver.detail if detail is None else detail,
        }
        entry = append_entry(uow, ctx, Kind.APPROVAL, acting or rec.clerk_id, payload, ctx.clock.now_utc())
    return Approval(rec.clerk_id, rec.name, rec.role, approver.action, acting, entry)
