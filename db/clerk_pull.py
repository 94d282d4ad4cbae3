"""Head office's clerks as a terminal pulls them (issue 17).

A pulled clerk row applies only on a provisioned terminal and only for its own hall (meta `hall_id`);
a demo terminal keeps its demo clerks. A clerk's PIN hash is taken from head office only when head
office issued a new one-time PIN (`pin_issue` above the one applied here): a PIN the clerk changed at
this counter is never overwritten by an older one-time PIN, and the new one must be changed at first
login (meta `clerk.must_change.<id>`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from app.provisioning import HALL_ID, must_change_key, pin_issue_key
from db.settings_repos import SqlSettings


def apply_clerks(conn: Connection, rows: list[dict[str, Any]]) -> int:
    settings = SqlSettings(conn)
    hall = settings.get(HALL_ID)
    if not hall:
        return 0
    mine = [r for r in rows if r["hall_id"] == hall]
    settings.add_clerks([(r["clerk_id"], r["name"], r["role"]) for r in mine])
    for r in mine:
        settings.update_clerk(r["clerk_id"], active=bool(r["active"]))
        issue = int(r["pin_issue"] or 0)
        if issue > int(settings.get(pin_issue_key(r["clerk_id"]), "0") or 0) and r["pin_hash"]:
            settings.update_clerk(r["clerk_id"], pin_hash=r["pin_hash"], failed_attempts=0, locked_until=None)
            settings.set(pin_issue_key(r["clerk_id"]), str(issue))
            settings.set(must_change_key(r["clerk_id"]), "1")
    return len(mine)
