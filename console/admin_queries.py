"""What the console's provisioning pages (console/admin_pages.py) read: halls, clerks, terminals with their
key history, and the latest acts of the audit trail."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from console.reading import reading
from db.central_schema import central_admin_audit, central_clerks, central_halls, terminal_keys
from db.central_schema import terminals as terminals_t


def hall_rows(engine: Engine) -> list[Any]:
    with reading(engine) as conn:
        return list(conn.execute(select(central_halls).order_by(central_halls.c.hall_id)).all())


def clerk_rows(engine: Engine) -> list[Any]:
    c = central_clerks.c
    with reading(engine) as conn:
        return list(
            conn.execute(
                select(c.clerk_id, c.name, c.role, c.hall_id, c.active, c.pin_issue).order_by(
                    c.hall_id, c.clerk_id
                )
            ).all()
        )


def provisioned_terminals(engine: Engine) -> list[dict[str, Any]]:
    """Each terminal's hall, approval, and key history (fingerprint, state, first entry it signs)."""
    t, k = terminals_t.c, terminal_keys.c
    with reading(engine) as conn:
        rows = conn.execute(
            select(t.terminal_id, t.hall_id, t.hall_name, t.approved, t.cert, t.public_key).order_by(
                t.terminal_id
            )
        ).all()
        keys = conn.execute(select(terminal_keys).order_by(k.terminal_id, k.from_seq, k.registered_at)).all()
    return [
        {
            "terminal_id": r.terminal_id,
            "hall_id": r.hall_id or "",
            "hall_name": r.hall_name,
            "approved": bool(r.approved),
            "certified": bool(r.cert),
            "key_history": [key for key in keys if key.terminal_id == r.terminal_id],
        }
        for r in rows
    ]


def audit_rows(engine: Engine, limit: int = 20) -> list[Any]:
    a = central_admin_audit.c
    with reading(engine) as conn:
        return list(
            conn.execute(select(a.at, a.actor, a.action, a.subject).order_by(a.at.desc()).limit(limit)).all()
        )
