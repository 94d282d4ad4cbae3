"""Head office's clerks as a terminal pulls them (issue 17).

A pulled clerk row applies only on a provisioned terminal and only for its own hall (meta `hall_id`);
a demo terminal keeps its demo clerks. A clerk's PIN hash is taken from head office only when head
office issued a new one-time PIN (`pin_issue` above the one applied here): a PIN the clerk changed at
this counter is never overwritten by an older one-time PIN, and the new one must be changed at first
login (meta `clerk.must_change.<id>`).

Issue 27: a clerk's own PIN set at another counter of the hall (pin_kind 'own', pushed as a `pin_set` entry:
db/central/clerk_pins.py) replaces the one held here when it is based on a newer one-time issue, or on the
same issue and newer (meta `clerk.pin_mark.<id>`: app/provisioning.pin_mark); head office's one-time PIN is then dead here too.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from app.provisioning import HALL_ID, must_change_key, pin_issue_key, pin_mark, pin_mark_key
from db.settings_repos import SqlSettings


def apply_clerks(conn: Connection, rows: list[dict[str, Any]]) -> int:
    settings = SqlSettings(conn)
    hall = settings.get(HALL_ID)
    if not hall:
        return 0
    mine = [r for r in rows if r["hall_id"] == hall]
    settings.add_clerks([(r["clerk_id"], r["name"], r["role"]) for r in mine])
    for r in mine:
        cid = r["clerk_id"]
        settings.update_clerk(cid, active=bool(r["active"]))
        issue, held = int(r["pin_issue"] or 0), int(settings.get(pin_issue_key(cid), "0") or 0)
        if not r["pin_hash"]:
            continue
        if r.get("pin_kind") == "own":  # the clerk's own PIN, set at some counter of the hall (issue 27)
            mark = pin_mark(
                int(r.get("pin_version") or 0), str(r.get("pin_set_at") or ""), str(r.get("pin_set_by") or "")
            )
            if issue > held or (issue == held and mark > settings.get(pin_mark_key(cid), "")):
                # newer than the one held here; a lock-out here stays (it is this counter's)
                settings.update_clerk(cid, pin_hash=r["pin_hash"])
                settings.set(pin_issue_key(cid), str(issue))
                settings.set(pin_mark_key(cid), mark)
                settings.set(must_change_key(cid), "0")
        elif issue > held:  # head office's new one-time PIN: changed at first login
            settings.update_clerk(cid, pin_hash=r["pin_hash"], failed_attempts=0, locked_until=None)
            settings.set(pin_issue_key(cid), str(issue))
            settings.set(pin_mark_key(cid), "")
            settings.set(must_change_key(cid), "1")
    return len(mine)
