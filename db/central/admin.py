"""Head office's provisioning on the central ledger (issue 17): halls, terminals, clerks, keys.

Every act is one transaction that also writes a `central_admin_audit` row naming who did it. The
rules (ids, roles, one-time PINs, the re-key message) are app/provisioning.py's; this module and
its parts store: terminal keys (admin_keys.py), clerks (admin_clerks.py), the audit trail (admin_base.py).
A refusal raises InputError / Refused with one sentence and changes nothing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.errors import Refused
from app.messages import coded
from app.provisioning import check_id, check_name, fingerprint
from db.central.admin_base import write_audit
from db.central.admin_clerks import ClerkAdmin
from db.central.admin_keys import TerminalKeys
from db.central.engine import guarded
from db.central_schema import central_halls, terminal_keys
from db.central_schema import terminals as terminals_t


class CentralAdmin(TerminalKeys, ClerkAdmin):
    """Head office's provisioning: halls and terminals here; keys, clerks and the audit trail from its parts."""

    # ------------------------------------------------------------------ halls and terminals

    def add_hall(self, actor: str, hall_id: str, name: str) -> None:
        hall_id, name = check_id(hall_id, "营业厅编号"), check_name(name, "营业厅名称")
        with guarded(), self.engine.begin() as conn:
            if conn.execute(
                select(central_halls.c.hall_id).where(central_halls.c.hall_id == hall_id)
            ).first():
                raise coded(Refused, "office.hall_exists", hall_id=hall_id)
            conn.execute(central_halls.insert().values(hall_id=hall_id, name=name, created_at=self._now()))
            write_audit(conn, self._now(), actor, "hall_add", hall_id, {"name": name})

    def hall(self, hall_id: str) -> tuple[str, str] | None:
        with guarded(), self.engine.connect() as conn:
            row = conn.execute(select(central_halls).where(central_halls.c.hall_id == hall_id)).first()
        return (row.hall_id, row.name) if row else None

    def add_terminal(self, actor: str, terminal_id: str, hall_id: str) -> None:
        terminal_id, hall_id = check_id(terminal_id, "终端号"), check_id(hall_id, "营业厅编号")
        with guarded(), self.engine.begin() as conn:
            name = self._need_hall(conn, hall_id)
            if conn.execute(
                select(terminals_t.c.terminal_id).where(terminals_t.c.terminal_id == terminal_id)
            ).first():
                raise coded(Refused, "office.terminal_taken", terminal_id=terminal_id)
            conn.execute(
                terminals_t.insert().values(
                    terminal_id=terminal_id, hall_name=name, hall_id=hall_id, approved=0
                )
            )
            write_audit(conn, self._now(), actor, "terminal_add", terminal_id, {"hall_id": hall_id})

    def terminal_info(self, terminal_id: str) -> dict[str, Any]:
        with guarded(), self.engine.connect() as conn:
            row = self._terminal(conn, terminal_id)
            hall = conn.execute(
                select(central_halls.c.name).where(central_halls.c.hall_id == row.hall_id)
            ).scalar()
        return {
            "terminal_id": row.terminal_id,
            "hall_id": row.hall_id or "",
            "hall_name": hall or row.hall_name,
            "approved": bool(row.approved),
            "public_key": row.public_key or "",
        }

    def terminals(self) -> list[dict[str, Any]]:
        with guarded(), self.engine.connect() as conn:
            rows = conn.execute(select(terminals_t).order_by(terminals_t.c.terminal_id)).all()
            keys = conn.execute(
                select(terminal_keys).order_by(terminal_keys.c.terminal_id, terminal_keys.c.from_seq)
            ).all()
        out = []
        for r in rows:
            mine = [k for k in keys if k.terminal_id == r.terminal_id]
            out.append(
                {
                    "terminal_id": r.terminal_id,
                    "hall_id": r.hall_id or "",
                    "hall_name": r.hall_name,
                    "approved": bool(r.approved),
                    "certified": bool(r.cert),
                    "last_sync": r.last_push_at,
                    "ack_seq": int(r.ack_seq),
                    "key_fingerprint": fingerprint(r.public_key) if r.public_key else None,
                    "keys": [
                        {
                            "fingerprint": k.fingerprint,
                            "state": k.state,
                            "from_seq": int(k.from_seq),
                            "registered_at": k.registered_at,
                        }
                        for k in mine
                    ],
                }
            )
        return out

    def has_policy(self) -> bool:
        from db.central_schema import central_policy

        with guarded(), self.engine.connect() as conn:
            return conn.execute(select(central_policy.c.key).limit(1)).first() is not None
