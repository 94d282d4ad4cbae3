"""A clerk's own PIN on a provisioned terminal: the one-time PIN head office issued must be replaced
at first login (`clerk pin`, or the window's dialog); until then app.services.approvals.check_pin
refuses it for anything else (login, approvals).

PIN checks go through app.services.clerks (one lock-out rule); this module only clears the one-time
flag (local.db meta, set when a new one-time PIN is pulled: db/provision_local.py).
"""

from __future__ import annotations

from app.clock import utc_text
from app.provisioning import must_change_key
from app.services.clerks import Session, change_pin, login
from app.services.context import Context


def must_change(ctx: Context, clerk_id: str) -> bool:
    with ctx.read() as uow:
        return uow.settings.get(must_change_key(clerk_id.strip())) == "1"


def set_own_pin(ctx: Context, clerk_id: str, old_pin: str, new_pin: str) -> Session:
    """Check the old (or one-time) PIN, set the new one, clear the one-time flag; returns the session."""
    cid = clerk_id.strip()
    change_pin(ctx, clerk_id, old_pin, new_pin, one_time=must_change(ctx, cid))
    with ctx.uow() as uow:
        uow.settings.set(must_change_key(cid), "0")
        uow.settings.add_audit(utc_text(ctx.clock.now_utc()), "one_time_pin_replaced", cid, cid, {})
        uow.commit()
    return login(ctx, cid, new_pin, record=False)
