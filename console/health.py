"""`GET /healthz` (issue 31): what systemd, nginx and IT's monitoring ask of the console, without a login.

It says whether the central ledger answers and whether its schema is at this program's head revision (a console
started before `central` commands migrated the ledger, or a ledger restored from an older dump, is "behind").
It names no host, user, path, key or error text: only states and the two revision ids (which are in the source).
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Engine, text

from db.central.engine import CENTRAL_SCRIPTS
from db.migrate import _head_from_files

log = logging.getLogger("hallpay.console")


def health(engine: Engine) -> tuple[bool, dict[str, Any]]:
    """(healthy, the JSON body)."""
    head = _head_from_files(CENTRAL_SCRIPTS)
    try:
        with engine.connect().execution_options(hallpay_write=False) as conn:
            current = conn.execute(text("SELECT version_num FROM central_alembic_version")).scalar()
            conn.rollback()
    except Exception as error:  # a health check reports the failure; it changes nothing and moves no money
        log.warning("healthz: the central ledger did not answer (%s)", type(error).__name__)
        return False, {"status": "fail", "database": "unreachable", "migrations": "unknown", "head": head}
    migrations = "head" if current == head else "behind"
    ok = migrations == "head"
    return ok, {
        "status": "ok" if ok else "fail",
        "database": "ok",
        "migrations": migrations,
        "revision": current,
        "head": head,
    }
