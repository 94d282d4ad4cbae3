"""How the console reads the central ledger: a deferred read on the embedded central.db (never its write
lock), a plain transaction on PostgreSQL, rolled back. Every console query opens its connection here."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine

from db.central.engine import guarded


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    with guarded(), engine.connect().execution_options(hallpay_write=False) as conn:
        try:
            yield conn
        finally:
            conn.rollback()
