"""Clerks at the counter: login, clerk switch, screen unlock, PIN change, unlock, head office's clerk list.

Every check of a PIN goes through app.services.approvals.check_pin (one lock-out rule). Audit rows
name who did what; the PIN itself is never stored, logged or shown.

The demo terminal's clerks have demo PINs (app/services/terminal_setup.DEMO_PINS, named in the
README as demo-only). A real terminal gets its clerks from head office (`parse_clerks` +
`import_clerks`) with no PINs, or with the scrypt hashes head office issued; never plaintext.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from app import auth
from app.clock import utc_text
from app.errors import InputError, Refused
from app.messages import Phrase, coded
from app.provisioning import must_change_key
from app.services.approvals import (
    ROLE_NAMES,
    check_pin,
    check_role,
    check_supervisor,
    confirm_pin,
    require_supervisor,
)
from app.services.context import Context
from app.services.pin_roaming import journal_pin
from app.store import ClerkRecord

CLERK_HEADER = ["clerk_id", "name", "role", "active"]


@dataclass(frozen=True)
class Session:
    """Who is at the counter now."""

    clerk_id: str
    name: str
    role: str

    @property
    def role_name(self) -> str:
        return ROLE_NAMES.get(self.role, self.role)

    @property
    def is_supervisor(self) -> bool:
        return self.role in auth.SUPERVISOR_ROLES


def is_demo(ctx: Context) -> bool:
    with ctx.read() as uow:
        return uow.settings.get("demo") == "1"


def demo_pin(ctx: Context, clerk_id: str) -> str | None:
    """The demo PIN of a demo terminal's clerk; None on a real terminal or for an unknown clerk."""
    from app.services.terminal_setup import DEMO_PINS

    return DEMO_PINS.get(clerk_id.strip()) if is_demo(ctx) else None


def login(ctx: Context, clerk_id: str, pin: str, *, event: str = "login", record: bool = True) -> Session:
    """Check the clerk's PIN (lock-out counted) and return the session; Refused otherwise.

    event: "login", "switch" (clerk switch at the counter) or "unlock" (screen lock); record=False
    for the command line, which logs in for every command (only failures are recorded then).
    """
    checked = check_pin(ctx, clerk_id, pin, purpose="登录")  # the scrypt, before any write lock
    if record or checked.record.failed_attempts or checked.record.locked_until:
        with ctx.uow() as uow:
            rec = confirm_pin(uow, ctx, checked)
            if record:
                uow.settings.add_audit(utc_text(ctx.clock.now_utc()), event, rec.clerk_id, rec.clerk_id, {})
            uow.commit()
    rec = checked.record
    return Session(rec.clerk_id, rec.name, rec.role)


def session_of(ctx: Context, clerk_id: str) -> Session:
    """The clerk as a session without a PIN check: a window opened without the login (tests,
    HALLPAY_AUTOLOGIN on a demo terminal) or a screenshot. An unknown id becomes a plain clerk. Reads only."""
    cid = clerk_id.strip()
    with ctx.read() as uow:
        rec = uow.settings.clerk(cid)
    if rec is None:
        return Session(cid, "", "clerk")
    return Session(rec.clerk_id, rec.name, rec.role)


def is_supervisor(ctx: Context, clerk_id: str) -> bool:
    """Whether this clerk may approve (and unlock another clerk's screen). Reads only."""
    with ctx.read() as uow:
        rec = uow.settings.clerk(clerk_id)
    return rec is not None and rec.role in auth.SUPERVISOR_ROLES


def unlock_screen(ctx: Context, session: Session, clerk_id: str, pin: str) -> Session:
    """The locked screen opens for the same clerk, or for another one (that is a clerk switch)."""
    event = "unlock" if clerk_id.strip() == session.clerk_id else "switch"
    return login(ctx, clerk_id, pin, event=event)


def change_pin(ctx: Context, clerk_id: str, old_pin: str, new_pin: str, *, one_time: bool = False) -> None:
    """The clerk's own new PIN; one_time: it replaces head office's one-time PIN (used up here, and at every
    counter of the hall once this one synced: app/services/pin_roaming.py)."""
    auth.check_new_pin(new_pin)
    if old_pin == new_pin:
        raise coded(InputError, "pin.same")
    checked = check_pin(ctx, clerk_id, old_pin, purpose="修改密码")
    new_hash = auth.hash_pin(new_pin)  # both scrypts before the write lock
    with ctx.uow() as uow:
        confirm_pin(uow, ctx, checked)
        uow.settings.update_clerk(clerk_id.strip(), pin_hash=new_hash, failed_attempts=0, locked_until=None)
        if one_time:
            uow.settings.set(must_change_key(clerk_id.strip()), "0")
        journal_pin(uow, ctx, clerk_id.strip(), new_hash, one_time=one_time)
        uow.settings.add_audit(
            utc_text(ctx.clock.now_utc()), "pin_changed", clerk_id.strip(), clerk_id.strip(), {}
        )
        uow.commit()


def set_pin(ctx: Context, admin_id: str, admin_pin: str, clerk_id: str, new_pin: str) -> None:
    """An admin sets (or resets) another clerk's PIN, e.g. the first PIN of an imported clerk."""
    auth.check_new_pin(new_pin)
    target = clerk_id.strip()
    _need_clerk(ctx, target)
    checked = check_role(ctx, admin_id, admin_pin, ("admin",), "设置他人密码")
    new_hash = auth.hash_pin(new_pin)  # both scrypts before the write lock
    with ctx.uow() as uow:
        if uow.settings.clerk(target) is None:
            raise coded(InputError, "pin.unknown_person", who=target)
        confirm_pin(uow, ctx, checked)
        uow.settings.update_clerk(target, pin_hash=new_hash, failed_attempts=0, locked_until=None)
        journal_pin(uow, ctx, target, new_hash, one_time=False)
        uow.settings.add_audit(utc_text(ctx.clock.now_utc()), "pin_set", admin_id.strip(), target, {})
        uow.commit()


def unlock_clerk(ctx: Context, supervisor_id: str, supervisor_pin: str, clerk_id: str) -> None:
    """A supervisor lifts a lock-out before it runs out (journaled as an approval)."""
    target = clerk_id.strip()
    _need_clerk(ctx, target)
    approver = check_supervisor(
        ctx, supervisor_id, supervisor_pin, "解除锁定", {"clerk_id": target}, clerk_id=target
    )
    with ctx.uow() as uow:
        if uow.settings.clerk(target) is None:
            raise coded(InputError, "pin.unknown_person", who=target)
        require_supervisor(uow, ctx, approver)
        uow.settings.update_clerk(target, failed_attempts=0, locked_until=None)
        uow.settings.add_audit(utc_text(ctx.clock.now_utc()), "unlocked", supervisor_id.strip(), target, {})
        uow.commit()


def _need_clerk(ctx: Context, clerk_id: str) -> None:
    with ctx.read() as uow:
        if uow.settings.clerk(clerk_id) is None:
            raise coded(InputError, "pin.unknown_person", who=clerk_id)


def clerks(ctx: Context) -> list[ClerkRecord]:
    with ctx.read() as uow:
        return uow.settings.all_clerks()


def parse_clerks(text: str) -> list[dict]:
    """Head office's clerk list: `clerk_id,name,role,active[,pin_hash]`; a bad row names its line."""
    reader = csv.reader(io.StringIO(text))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise coded(InputError, "clerks.empty") from None
    except csv.Error:
        raise coded(InputError, "clerks.bad_line", line=1) from None
    if header[:4] != CLERK_HEADER or len(header) > 5 or (len(header) == 5 and header[4] != "pin_hash"):
        raise coded(InputError, "clerks.header", header=",".join(CLERK_HEADER))
    rows: list[dict] = []
    seen: set[str] = set()
    line = 1
    try:
        for line, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            where = Phrase("import.where", {"what": "人员", "line": line})
            if len(cells) != len(header):
                raise coded(InputError, "import.columns", where=where, wanted=len(header), found=len(cells))
            row = dict(zip(header, (c.strip() for c in cells), strict=True))
            cid = row["clerk_id"]
            if not (1 <= len(cid) <= 16 and cid.isascii() and cid.isalnum()):
                raise coded(InputError, "clerks.bad_id", where=where, cid=cid)
            if cid in seen:
                raise coded(InputError, "clerks.duplicate", where=where, cid=cid)
            if not row["name"] or len(row["name"]) > 40:
                raise coded(InputError, "clerks.name", where=where)
            if row["role"] not in auth.ROLES:
                raise coded(InputError, "clerks.role", where=where)
            if row["active"] not in ("0", "1"):
                raise coded(InputError, "clerks.active", where=where)
            pin_hash = row.get("pin_hash", "")
            if pin_hash and not pin_hash.startswith("scrypt$"):
                raise coded(InputError, "clerks.pin_hash", where=where)
            seen.add(cid)
            rows.append(
                {
                    "clerk_id": cid,
                    "name": row["name"],
                    "role": row["role"],
                    "active": row["active"] == "1",
                    "pin_hash": pin_hash,
                    "line": line,
                }
            )
    except csv.Error:
        raise coded(InputError, "clerks.bad_line", line=line) from None
    if not rows:
        raise coded(InputError, "clerks.no_rows")
    return rows


def import_clerks(ctx: Context, rows: list[dict]) -> int:
    """Add or update head office's clerks, all or none. A PIN already set here is kept unless head office
    sends a new hash; a demo terminal's demo PINs are not touched by this."""
    if not rows:
        raise coded(Refused, "clerks.none")
    with ctx.uow() as uow:
        uow.settings.add_clerks([(r["clerk_id"], r["name"], r["role"]) for r in rows])
        for r in rows:
            fields: dict = {"active": r["active"]}
            if r.get("pin_hash"):
                fields.update(pin_hash=r["pin_hash"], failed_attempts=0, locked_until=None)
            uow.settings.update_clerk(r["clerk_id"], **fields)
        uow.settings.add_audit(
            utc_text(ctx.clock.now_utc()),
            "clerks_imported",
            "",
            "",
            {"count": len(rows), "ids": [r["clerk_id"] for r in rows]},
        )
        uow.commit()
    return len(rows)


def audit_trail(ctx: Context, limit: int = 500) -> list[dict]:
    """The supervisor's audit view: approvals, reprints and settings changes from the journal, failed
    logins, lock-outs, PIN changes from the audit table; newest first. Each row: at, event, clerk_id,
    subject, detail (dict)."""
    from app.journal import Kind

    with ctx.read() as uow:
        rows = uow.settings.audit_events(limit)
        for e in uow.journal.of_kind(Kind.APPROVAL):
            p = e.payload
            what = str(p.get("what", "approval"))
            event = "settings" if what == "settings" else ("signoff" if what == "day_report" else "approval")
            rows.append(
                {
                    "at": e.created_at,
                    "event": event,
                    "clerk_id": e.clerk_id,
                    "subject": str(p.get("approver_id", "")),
                    "detail": {
                        "action": p.get("action", what),
                        "seq": e.seq,
                        **({"detail": p["detail"]} if "detail" in p else {}),
                    },
                }
            )
        for e in uow.journal.of_kind(Kind.ADJUSTMENT):  # 退补/调整: head office changed a bill or a category
            p = e.payload
            rows.append(
                {
                    "at": e.created_at,
                    "event": "adjustment",
                    "clerk_id": e.clerk_id,
                    "subject": str(p.get("approver_id", "")),
                    "detail": {
                        "action": f"{p.get('customer_no', '')} {p.get('period', '用电类别')}",
                        "seq": e.seq,
                        "detail": {"old": p.get("old"), "new": p.get("new"), "reason": p.get("reason", "")},
                    },
                }
            )
        for e in uow.journal.of_kind(Kind.RECEIPT_PRINT):
            rows.append(
                {
                    "at": e.created_at,
                    "event": "reprint",
                    "clerk_id": e.clerk_id,
                    "subject": str(e.payload.get("receipt_no", "")),
                    "detail": {"printed": e.payload.get("printed"), "seq": e.seq},
                }
            )
    rows.sort(key=lambda r: r["at"], reverse=True)
    return rows[:limit]
