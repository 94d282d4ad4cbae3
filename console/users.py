"""Head-office console users: roles, scrypt password hashes (app/auth.py's scheme), login checks.

A login attempt is first counted by the throttle (console/throttle.py, in the database, before the password is
checked): ten per source address and name, so parallel guesses cannot outrun the lock and ten wrong passwords
from someone else never lock the real user out. An unknown name is counted, hashed and answered exactly like a
known one with a wrong password. A counter clerk's PIN opens nothing here: only rows of console_users are
looked at. The password is never stored, logged or put into an error.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, func, select, update

from app.auth import hash_pin, verify_pin
from app.clock import utc_text
from app.errors import InputError
from app.messages import coded
from console import throttle
from console.sessions import end_sessions_of
from db.central.engine import guarded
from db.central.sql import insert_ignore
from db.central_schema import console_sessions, console_users

ROLES = ("finance", "it", "manager")
MAX_FAILURES = throttle.PER_PAIR
PASSWORD_MIN = 10
# Equal work for unknown names: a real hash of the same scrypt cost, made once at import.
_DUMMY_HASH = hash_pin("not-a-password-at-all", salt=b"\0" * 16)


@dataclass(frozen=True)
class User:
    name: str
    role: str


@dataclass(frozen=True)
class UserRow:
    name: str
    role: str
    disabled: bool
    created_at: str
    sessions: int


def _checked_password(password: str) -> str:
    if len(password) < PASSWORD_MIN:
        raise coded(InputError, "console_user.short_password", minimum=PASSWORD_MIN)
    if any(not c.isprintable() for c in password):  # a NUL would hash as the password without it (auth.py)
        raise coded(InputError, "console_user.control_character")
    return hash_pin(password)  # scrypt, before any write transaction


def add_user(engine: Engine, name: str, role: str, password: str, now: dt.datetime) -> User:
    name = name.strip()
    if not name or len(name) > 32:
        raise coded(InputError, "console_user.bad_name")
    if role not in ROLES:
        raise coded(InputError, "console_user.bad_role", roles="、".join(ROLES))
    hashed = _checked_password(password)
    with guarded(), engine.begin() as conn:
        if conn.execute(select(console_users.c.name).where(console_users.c.name == name)).first():
            raise coded(InputError, "console_user.exists", name=name)
        insert_ignore(
            conn,
            console_users,
            [{"name": name, "role": role, "password_hash": hashed, "created_at": utc_text(now)}],
            ["name"],
        )
    return User(name, role)


def set_password(engine: Engine, name: str, password: str) -> int:
    """A new password; every session of the user ends and the name's throttle starts again. Sessions ended."""
    hashed = _checked_password(password)
    with guarded(), engine.begin() as conn:
        done = conn.execute(
            update(console_users).where(console_users.c.name == name).values(password_hash=hashed)
        )
        if not done.rowcount:
            raise coded(InputError, "console_user.unknown", name=name)
        throttle.forget_name(conn, name)
        return end_sessions_of(conn, name)


def set_disabled(engine: Engine, name: str, disabled: bool) -> int:
    """Disable (every session ends at once) or enable a user; the number of sessions ended."""
    with guarded(), engine.begin() as conn:
        done = conn.execute(
            update(console_users).where(console_users.c.name == name).values(disabled=int(disabled))
        )
        if not done.rowcount:
            raise coded(InputError, "console_user.unknown", name=name)
        if not disabled:
            throttle.forget_name(conn, name)
            return 0
        return end_sessions_of(conn, name)


def list_users(engine: Engine) -> list[UserRow]:
    u, s = console_users.c, console_sessions.c
    sessions = (
        select(s.name, func.count().label("n")).group_by(s.name).subquery()
    )  # open sessions per user (ended ones are swept at the next login)
    with guarded(), engine.connect().execution_options(hallpay_write=False) as conn:
        rows = conn.execute(
            select(u.name, u.role, u.disabled, u.created_at, func.coalesce(sessions.c.n, 0))
            .outerjoin(sessions, sessions.c.name == u.name)
            .order_by(u.name)
        ).all()
        conn.rollback()
    return [UserRow(r[0], r[1], bool(r[2]), r[3], int(r[4])) for r in rows]


class LoginRefused(Exception):
    def __init__(self, code: str, until: str = "") -> None:
        super().__init__(code)
        self.code, self.until = code, until


def check_login(engine: Engine, name: str, password: str, now: dt.datetime, address: str = "-") -> User:
    """The user, or LoginRefused("bad") / ("locked", until). The attempt is counted (and the row read) in one
    short transaction before the hash runs; the hash runs outside any transaction."""
    c = console_users.c
    with guarded(), engine.begin() as conn:
        until = throttle.claim(conn, address, name, now)
        row = (
            None
            if until is not None
            else conn.execute(
                select(c.name, c.role, c.password_hash, c.disabled).where(c.name == name)
            ).first()
        )
    if until is not None:
        raise LoginRefused("locked", until)
    matched = verify_pin(password, row.password_hash if row is not None else _DUMMY_HASH)
    if row is None or not matched or row.disabled:
        raise LoginRefused("bad")
    with guarded(), engine.begin() as conn:
        throttle.forgive(conn, address, name)
    return User(row.name, row.role)
