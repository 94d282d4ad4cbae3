"""Bounded waits on head office's PostgreSQL (issue 25, app/link_limits.py says why each bound is where it is).

Two halves, because each side can only end what it sees:
- the server's: every session the product opens sets its own `statement_timeout`, `lock_timeout`,
  `idle_in_transaction_session_timeout`, TCP keepalives and `client_connection_check_interval` at connect
  (libpq `options`), never left to the server's defaults (all 0: wait forever). A counter that goes silent
  mid-push leaves an idle transaction the server ends, releasing the rows other halls need.
- the client's: libpq's keepalives and `tcp_user_timeout` notice a link whose packets vanish, but not one
  whose TCP stays up while nothing answers (a proxy or NAT that hangs with the flow open). Every network
  wait of a connection (a statement, a fetch, a commit, the pool's ping) goes through psycopg's
  `Connection.wait`; `BoundedConnection` gives each one a deadline. A wait that passes it closes the
  connection (it is mid-protocol, unusable) and raises a disconnect, which the engine reads as "offline".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import errors
from psycopg.connection import _WAIT_INTERVAL
from sqlalchemy import Connection, Engine, event, text

from app.link_limits import LinkLimits

# a wait that is allowed to be long (a migration of a whole ledger, billing's import of a province) is still
# not endless: an hour without an answer is a dead link whatever it was doing
RELAXED_ANSWER_S = 3600.0


class BoundedConnection(psycopg.Connection[Any]):
    """A psycopg connection whose every network wait ends after `answer_s` seconds without completing."""

    answer_s: float | None = None

    def wait(self, gen: Any, interval: float = _WAIT_INTERVAL, timeout: float | None = None) -> Any:
        try:
            return super().wait(
                gen, interval=interval, timeout=timeout if timeout is not None else self.answer_s
            )
        except errors._WaitTimeout:  # noqa: SLF001 - psycopg's own signal that the deadline passed
            self.close()  # mid-protocol: nothing more can be said on it; the server ends its session
            raise psycopg.OperationalError(
                f"no answer from the central ledger within {self.answer_s:g} s: the link is silent"
            ) from None


def session_options(limits: LinkLimits) -> str:
    """libpq `options`: the server-side bounds this session sets for itself (milliseconds / seconds)."""
    settings = {
        "statement_timeout": limits.statement_s * 1000,
        "lock_timeout": limits.lock_s * 1000,
        "idle_in_transaction_session_timeout": limits.idle_in_transaction_s * 1000,
        # the server notices a client whose packets vanish (keepalives) or go unacknowledged (user timeout),
        # and a client gone while a long statement runs
        "tcp_keepalives_idle": 10,
        "tcp_keepalives_interval": 5,
        "tcp_keepalives_count": 3,
        "tcp_user_timeout": 30000,
        "client_connection_check_interval": 5000,
    }
    return " ".join(f"-c {key}={value}" for key, value in settings.items())


def bound(engine: Engine, limits: LinkLimits) -> None:
    """Every connection `engine` makes is a BoundedConnection with `limits.answer_s`."""

    @event.listens_for(engine, "do_connect")
    def _connect(dialect: Any, conn_rec: Any, cargs: Any, cparams: dict[str, Any]) -> Any:
        conn = BoundedConnection.connect(*cargs, **cparams)
        conn.answer_s = limits.answer_s
        return conn


@contextmanager
def relaxed(conn: Connection) -> Iterator[None]:
    """Inside the caller's transaction on PostgreSQL: no statement or lock timeout, and an hour before the
    client gives up (a migration, billing's import); the session's bounds come back with the transaction's end
    (SET LOCAL) and at the context's end (the client's)."""
    if conn.dialect.name != "postgresql":
        yield
        return
    conn.execute(text("SET LOCAL statement_timeout = 0"))
    conn.execute(text("SET LOCAL lock_timeout = 0"))
    raw = conn.connection.dbapi_connection
    before = getattr(raw, "answer_s", None)
    if isinstance(raw, BoundedConnection):
        raw.answer_s = RELAXED_ANSWER_S
    try:
        yield
    finally:
        if isinstance(raw, BoundedConnection):
            raw.answer_s = before
