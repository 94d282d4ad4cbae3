"""Server-side console sessions: the signed cookie carries a random token, console_sessions its SHA-256.

Why not Flask's cookie alone: a cookie copied before logout kept opening /cases, and its sliding 8 hours kept
a stolen one alive for ever (review P2-2). Here logout deletes the row, so the copy opens nothing; a session
ends IDLE after its last request and LIFETIME after its login whatever it does; disabling a user or setting a
password deletes every session of the name. A database dump holds hashes, never a usable token.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, delete, select, update

from app.clock import utc_text
from db.central.engine import guarded
from db.central_schema import console_sessions, console_users

IDLE = dt.timedelta(minutes=30)
LIFETIME = dt.timedelta(hours=8)  # a working day from the login, then log in again
TOUCH_EVERY = dt.timedelta(minutes=1)  # seen_at is written at most this often (a read page stays a read)


@dataclass(frozen=True)
class SessionUser:
    name: str
    role: str


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def _instant(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def open_session(engine: Engine, name: str, now: dt.datetime) -> str:
    """A new session of `name`; the token for the cookie (never stored)."""
    token = secrets.token_urlsafe(32)
    s = console_sessions.c
    with guarded(), engine.begin() as conn:
        conn.execute(  # the ended sessions nobody logged out of
            delete(console_sessions).where(
                (s.seen_at < utc_text(now - IDLE)) | (s.created_at < utc_text(now - LIFETIME))
            )
        )
        conn.execute(
            console_sessions.insert().values(
                token_hash=_hash(token), name=name, created_at=utc_text(now), seen_at=utc_text(now)
            )
        )
    return token


def session_user(engine: Engine, token: str, now: dt.datetime) -> SessionUser | None:
    """The user of a live session (an enabled user, within IDLE and LIFETIME), else None (and an ended
    session's row is deleted). One read per request; a write at most every TOUCH_EVERY."""
    s, u = console_sessions.c, console_users.c
    digest = _hash(token)
    with guarded(), engine.connect().execution_options(hallpay_write=False) as conn:
        row = conn.execute(
            select(s.created_at, s.seen_at, u.name, u.role, u.disabled)
            .join(console_users, u.name == s.name)
            .where(s.token_hash == digest)
        ).first()
        conn.rollback()
    if row is None:
        return None
    seen, created = _instant(row.seen_at), _instant(row.created_at)
    if row.disabled or now - seen > IDLE or now - created > LIFETIME:
        end_session(engine, token)
        return None
    if now - seen >= TOUCH_EVERY:
        with guarded(), engine.begin() as conn:
            conn.execute(update(console_sessions).where(s.token_hash == digest).values(seen_at=utc_text(now)))
    return SessionUser(row.name, row.role)


def end_session(engine: Engine, token: str) -> None:
    with guarded(), engine.begin() as conn:
        conn.execute(delete(console_sessions).where(console_sessions.c.token_hash == _hash(token)))


def end_sessions_of(conn: Connection, name: str) -> int:
    """Every session of `name` (a disabled user, a new password): the number ended."""
    return conn.execute(delete(console_sessions).where(console_sessions.c.name == name)).rowcount or 0
