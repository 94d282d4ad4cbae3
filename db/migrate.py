"""Alembic migrations of the local store, run at start-up.

Before an upgrade the SQLite file is copied aside (`local.db.bak-<revision>`); a database made by a
newer HallPay is refused rather than opened (Vorta's and Electrum's habit).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from app.errors import StoreUnavailable

LOCAL_SCRIPTS = Path(__file__).parent / "migrations" / "local"


def _config(scripts: Path) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(scripts))
    return cfg


def upgrade_local(engine: Engine, db_path: Path) -> None:
    """Bring the store to the newest schema this program knows; no-op when already there."""
    cfg = _config(LOCAL_SCRIPTS)
    script = ScriptDirectory.from_config(cfg)
    head = script.get_current_head()
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    if current == head:
        return
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise StoreUnavailable(
            f"{db_path.name} was written by a newer HallPay (schema {current}); "
            "install that version or newer before opening it."
        )
    if current is not None and db_path.exists():
        shutil.copy2(db_path, db_path.with_name(f"{db_path.name}.bak-{current}"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
