"""Opening the central ledger: engine, password from the environment, migrations, error sentences.

Connection details never reach a log or a message: errors are reduced to their type and one
Chinese sentence; SQL parameters are hidden from SQLAlchemy's exception text.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError, SQLAlchemyError

from app.link_limits import LinkLimits
from app.messages import coded
from app.sync import CentralRefused, CentralUnavailable
from db.central.link import bound, relaxed, session_options
from db.engine import sqlite_engine

log = logging.getLogger("hallpay.central")

CENTRAL_SCRIPTS = Path(__file__).parent.parent / "migrations" / "central"
PASSWORD_ENV = "HALLPAY_CENTRAL_PASSWORD"

# libpq options: give up connecting after connect_s (once: see upgrade_central), notice a link whose packets
# vanish within ~30 s (keepalives, unacknowledged data); a link that stays up but silent is db/central/link.py's.
# Only the sync worker, `sync` and head office's commands connect; a counter's start-up never does.
PG_CONNECT_ARGS = {
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
    "tcp_user_timeout": 30000,
    "application_name": "hallpay-sync",
}


def central_url(url: str, data_dir: Path) -> URL:
    """The URL to connect to: the embedded central.db when empty; the password may come from env."""
    if not url.strip():
        return make_url(f"sqlite:///{data_dir / 'central.db'}")
    parsed = make_url(url.strip())
    if parsed.password is None and os.environ.get(PASSWORD_ENV):
        parsed = parsed.set(password=os.environ[PASSWORD_ENV])
    return parsed


def make_engine(url: URL, limits: LinkLimits | None = None) -> Engine:
    """The central ledger's engine; on PostgreSQL every wait bounded by `limits` (db/central/link.py)."""
    if url.get_backend_name() == "sqlite":
        assert url.database, "an embedded central ledger needs a file"
        return sqlite_engine(Path(url.database))
    limits = limits or LinkLimits()
    options = session_options(limits)
    if url.query.get("options"):  # the URL's own server options come first; ours are the product's bounds
        options = f"{url.query['options']} {options}"
        url = url.difference_update_query(["options"])
    connect_args = {**PG_CONNECT_ARGS, "connect_timeout": limits.connect_s, "options": options}
    engine = create_engine(url, pool_pre_ping=True, hide_parameters=True, connect_args=connect_args)
    bound(engine, limits)
    return engine


def describe(engine: Engine) -> str:
    """What the status page may say about the central ledger: its kind, never host or user."""
    return "内置总账（central.db）" if engine.dialect.name == "sqlite" else "总部账务中心（PostgreSQL）"


def _config() -> Any:
    from alembic.config import Config  # imported on use: ~180 ms that a counter start should not pay

    cfg = Config()
    cfg.set_main_option("script_location", str(CENTRAL_SCRIPTS))
    return cfg


def upgrade_central(engine: Engine) -> bool:
    """Bring the central schema to head; on PostgreSQL one terminal at a time (advisory lock). True when this
    call ran migrations (what they ask of head office's key follows: db/central/upkeep.py).

    Connects once: a centre that cannot be reached fails here with its own error (one connect timeout),
    never read as "no version table yet" and tried a second time."""
    from sqlalchemy import inspect

    from db.migrate import _head_from_files

    head_now = _head_from_files(CENTRAL_SCRIPTS)
    # an unreachable centre raises here, once; the check is a read (no write lock on the embedded ledger)
    with engine.connect().execution_options(hallpay_write=False) as conn:
        current = None
        if inspect(conn).has_table("central_alembic_version"):
            current = conn.execute(text("SELECT version_num FROM central_alembic_version")).scalar()
        conn.rollback()
    if head_now is not None and current == head_now:
        return False
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    cfg = _config()
    head = ScriptDirectory.from_config(cfg).get_current_head()
    # relaxed: a migration rewrites whole tables, and another process's may hold the lock meanwhile
    with engine.begin() as conn, relaxed(conn):
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(72010005)"))
        ctx = MigrationContext.configure(conn, opts={"version_table": "central_alembic_version"})
        if ctx.get_current_revision() == head:
            return False
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return True


def translate(error: BaseException) -> Exception:
    """A database error as the sentence a clerk may see; logs only the error's type."""
    if isinstance(error, (OperationalError, InterfaceError, DisconnectionError)) or (
        isinstance(error, DBAPIError) and error.connection_invalidated
    ):
        log.warning("central ledger unreachable: %s", type(getattr(error, "orig", error)).__name__)
        return coded(CentralUnavailable, "central.offline")
    kind = type(getattr(error, "orig", error)).__name__
    log.error("central ledger refused a request: %s", kind)
    return coded(CentralRefused, "central.refused", error=kind)


@contextmanager
def guarded() -> Iterator[None]:
    try:
        yield
    except SQLAlchemyError as error:
        raise translate(error) from None
    except OSError as error:
        log.warning("central ledger unreachable: %s", type(error).__name__)
        raise coded(CentralUnavailable, "central.offline") from None
