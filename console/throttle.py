"""The console's login throttle: every attempt is counted in the database *before* its password is checked.

Three counters, each a row of console_throttle, each a fixed window of WINDOW from its first attempt:
- `addr:<address>` — one source address, any names (a sprayer of names);
- `pair:<address>|<name>` — one address, one name: the classic ten-tries lock, but only for that address, so
  ten wrong passwords from anyone else never lock the real user out (review P3-2);
- `name:<name>` — one name from every address: a ceiling for guessing spread over many addresses. Reaching it
  does lock the user out everywhere until the window ends: the price of stopping a botnet; it takes
  PER_NAME attempts that passed the two narrower counters.
A counter is raised by one statement (INSERT … ON CONFLICT DO UPDATE … RETURNING): the row lock orders parallel
requests, so of any number of concurrent attempts at most the limit are let through to the password check
(the read-then-write it replaces let 236 of 300 parallel guesses through, review P1-1). The counters are raised
in one order (address, pair, name) and a narrower refusal stops before the wider counters, so an address that
is refused never uses up the name's ceiling. Unknown names are counted exactly like known ones.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, case, delete
from sqlalchemy.dialects import postgresql, sqlite

from app.clock import utc_text
from db.central.sql import is_pg
from db.central_schema import console_throttle

WINDOW = dt.timedelta(minutes=15)
PER_PAIR = 10  # one address, one name: the lock a user sees after ten wrong passwords
PER_ADDRESS = 50  # one address, any names (an office behind one NAT address still has room for typos)
PER_NAME = 100  # one name, all addresses

_NAME_MAX = 64  # longer typed names share their first 64 characters' counter: no user name is longer


def keys(address: str, name: str) -> list[tuple[str, int]]:
    """The counters of one attempt, narrowest refusal first (see the module's docstring), with their limits."""
    name = name[:_NAME_MAX]
    return [
        (f"addr:{address}", PER_ADDRESS),
        (f"pair:{address}|{name}", PER_PAIR),
        (f"name:{name}", PER_NAME),
    ]


def _count(conn: Connection, key: str, now: dt.datetime) -> tuple[int, str]:
    """Add this attempt to `key`'s window (a new window when the old one ended): (attempts, window start)."""
    t = console_throttle.c
    stamp, cutoff = utc_text(now), utc_text(now - WINDOW)
    expired = t.since <= cutoff
    dialect = postgresql if is_pg(conn) else sqlite
    stmt = (
        dialect.insert(console_throttle)
        .values(key=key, tries=1, since=stamp)
        .on_conflict_do_update(
            index_elements=["key"],
            set_={
                "tries": case((expired, 1), else_=t.tries + 1),
                "since": case((expired, stamp), else_=t.since),
            },
        )
        .returning(t.tries, t.since)
    )
    row = conn.execute(stmt).one()
    return int(row.tries), str(row.since)


def claim(conn: Connection, address: str, name: str, now: dt.datetime) -> str | None:
    """Count one attempt; None when its password may be checked, else the instant (UTC text) it may be
    tried again. Runs inside the caller's transaction (with the user's row read)."""
    for key, limit in keys(address, name):
        tries, since = _count(conn, key, now)
        if key.startswith("addr:") and tries == 1:  # a new window for this address: sweep the ended ones
            conn.execute(delete(console_throttle).where(console_throttle.c.since <= utc_text(now - WINDOW)))
        if tries > limit:
            start = dt.datetime.fromisoformat(since.replace("Z", "+00:00"))
            return utc_text(start + WINDOW)
    return None


def forgive(conn: Connection, address: str, name: str) -> None:
    """A correct password from this address: its pair counter starts again (the address's and the name's
    do not: an attacker's own account must not reset them)."""
    pair = keys(address, name)[1][0]
    conn.execute(delete(console_throttle).where(console_throttle.c.key == pair))


def forget_name(conn: Connection, name: str) -> None:
    """IT set a new password or enabled the user again: the name's counters start again everywhere."""
    name = name[:_NAME_MAX]
    conn.execute(
        delete(console_throttle).where(
            (console_throttle.c.key == f"name:{name}")
            | (
                console_throttle.c.key.startswith("pair:")
                & console_throttle.c.key.endswith(f"|{name}", autoescape=True)
            )
        )
    )
