"""Head-office console users: roles, scrypt password hashes (app/auth.py's scheme), login throttling.

Ten wrong passwords in a row lock the account for LOCK_MINUTES; a correct one resets the count. A counter
clerk's PIN opens nothing here: only rows of console_users are looked at. The password is never stored,
logged or put into an error.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, select, update

from app.auth import hash_pin, verify_pin
from app.clock import utc_text
from app.errors import InputError
from db.central.engine import guarded
from db.central.sql import insert_ignore
from db.central_schema import console_users

ROLES = ("finance", "it", "manager")
MAX_FAILURES = 10
LOCK_MINUTES = 15
PASSWORD_MIN = 10
_DUMMY_HASH = hash_pin("not-a-password-at-all", salt=b"\0" * 16)  # equal work for unknown names


@dataclass(frozen=True)
class User:
    name: str
    role: str


def add_user(engine: Engine, name: str, role: str, password: str, now: dt.datetime) -> User:
    name = name.strip()
    if not name or len(name) > 32:
        raise InputError("用户名须为 1–32 个字符。")
    if role not in ROLES:
        raise InputError(f"角色须为 {'、'.join(ROLES)} 之一。")
    if len(password) < PASSWORD_MIN:
        raise InputError(f"密码至少 {PASSWORD_MIN} 个字符。")
    hashed = hash_pin(password)  # scrypt, before the write transaction
    with guarded(), engine.begin() as conn:
        if conn.execute(select(console_users.c.name).where(console_users.c.name == name)).first():
            raise InputError(f"用户 {name} 已存在。")
        insert_ignore(
            conn,
            console_users,
            [{"name": name, "role": role, "password_hash": hashed, "created_at": utc_text(now)}],
            ["name"],
        )
    return User(name, role)


class LoginRefused(Exception):
    def __init__(self, code: str, until: str = "") -> None:
        super().__init__(code)
        self.code, self.until = code, until


def check_login(engine: Engine, name: str, password: str, now: dt.datetime) -> User:
    """The user, or LoginRefused("bad") / ("locked", until). The hash runs outside any write transaction."""
    c = console_users.c
    with guarded(), engine.connect().execution_options(hallpay_write=False) as conn:
        row = conn.execute(
            select(c.name, c.role, c.password_hash, c.failed_logins, c.locked_until, c.disabled).where(
                c.name == name
            )
        ).first()
        conn.rollback()
    if row is None:
        verify_pin(password, _DUMMY_HASH)
        raise LoginRefused("bad")
    if row.locked_until and dt.datetime.fromisoformat(row.locked_until.replace("Z", "+00:00")) > now:
        raise LoginRefused("locked", row.locked_until)
    ok = verify_pin(password, row.password_hash) and not row.disabled
    until: str | None = None
    with guarded(), engine.begin() as conn:
        if ok:
            conn.execute(
                update(console_users).where(c.name == name).values(failed_logins=0, locked_until=None)
            )
        else:
            failed = int(conn.execute(select(c.failed_logins).where(c.name == name)).scalar_one()) + 1
            until = utc_text(now + dt.timedelta(minutes=LOCK_MINUTES)) if failed >= MAX_FAILURES else None
            conn.execute(
                update(console_users)
                .where(c.name == name)
                .values(failed_logins=0 if until else failed, locked_until=until)
            )
    if until:
        raise LoginRefused("locked", until)
    if not ok:
        raise LoginRefused("bad")
    return User(row.name, row.role)


def get_user(engine: Engine, name: str) -> User | None:
    c = console_users.c
    with guarded(), engine.connect().execution_options(hallpay_write=False) as conn:
        row = conn.execute(select(c.name, c.role, c.disabled).where(c.name == name)).first()
        conn.rollback()
    return User(row.name, row.role) if row is not None and not row.disabled else None
