"""Alembic migrations of the local store, run at start-up.

Before an upgrade the SQLite file is copied aside (`local.db.bak-<revision>`); a database made by a
newer HallPay is refused rather than opened (Vorta's and Electrum's habit).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text

from app.errors import StoreUnavailable

if TYPE_CHECKING:
    from alembic.config import Config

LOCAL_SCRIPTS = Path(__file__).parent / "migrations" / "local"
_REVISION = re.compile(r"^(down_revision|revision)\s*(?::[^=\n]*)?=\s*['\"]?([\w]+|None)['\"]?", re.M)


def _head_from_files(scripts: Path) -> str | None:
    """The head revision read straight from the version files: importing Alembic costs ~200 ms of
    every start-up, and on nearly every start the store is already at the head."""
    revisions, parents = set(), set()
    for path in (scripts / "versions").glob("*.py"):
        found = dict((k, v) for k, v in _REVISION.findall(path.read_text(encoding="utf-8")))
        if "revision" in found:
            revisions.add(found["revision"])
            parents.add(found.get("down_revision", "None"))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        exists = conn.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'alembic_version'")).first()
        if not exists:
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _config(scripts: Path) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(scripts))
    return cfg


def upgrade_local(engine: Engine, db_path: Path) -> None:
    """Bring the store to the newest schema this program knows; no-op when already there."""
    if db_path.exists() and _current_revision(engine) == _head_from_files(LOCAL_SCRIPTS) is not None:
        return
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

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
    if current is not None and db_path.exists():  # SQLite's online backup: a WAL not yet checkpointed too
        from db.backup import copy_database

        copy_database(db_path, db_path.with_name(f"{db_path.name}.bak-{current}"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
