"""What every act of head office's provisioning shares (issue 17): the ledger's engine, head office's key, the
process's clock, the audit trail (one `central_admin_audit` row per act, naming who did it) and the look-ups
that refuse an unknown hall or terminal with one sentence. The acts are CentralAdmin's (db/central/admin.py).
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import Connection, Engine, select

from app.clock import clock_from_env, utc_text
from app.errors import NotFound, Refused
from app.messages import coded
from app.ports import Clock
from app.signing import Signer
from db.central.engine import guarded
from db.central_schema import central_admin_audit, central_halls
from db.central_schema import terminals as terminals_t


def write_audit(
    conn: Connection, at: str, actor: str, action: str, subject: str, detail: dict[str, Any]
) -> None:
    conn.execute(
        central_admin_audit.insert().values(
            audit_id=str(uuid.uuid4()),
            at=at,
            actor=actor or "?",
            action=action,
            subject=subject,
            detail=json.dumps(detail, ensure_ascii=False, sort_keys=True),
        )
    )


class AdminBase:
    """The engine, head office's key and the clock every provisioning act uses, and its audit trail."""

    def __init__(self, engine: Engine, hq: Signer | None = None, clock: Clock | None = None) -> None:
        """hq: head office's key when this process holds it (db/central/rowsign.py): it signs the clerk rows
        counters pull and certifies each key that becomes active; clock: the process's (app/clock.py)."""
        self.engine = engine
        self.hq = hq
        self.clock: Clock = clock or clock_from_env()

    def _now(self) -> str:
        return utc_text(self.clock.now_utc())

    def _need_hq(self) -> Signer:
        """Head office's key, or one sentence naming HALLPAY_HQ_KEY: rows counters pull are never written
        unsigned (db/central/hq_key.py)."""
        if self.hq is None:
            raise coded(Refused, "central.hq_key_missing", env="HALLPAY_HQ_KEY")
        return self.hq

    def _need_hall(self, conn: Connection, hall_id: str) -> str:
        name = conn.execute(select(central_halls.c.name).where(central_halls.c.hall_id == hall_id)).scalar()
        if name is None:
            raise coded(NotFound, "office.no_hall", hall_id=hall_id)
        return str(name)

    def _terminal(self, conn: Connection, terminal_id: str, *, lock: bool = False) -> Any:
        stmt = select(terminals_t).where(terminals_t.c.terminal_id == terminal_id)
        row = conn.execute(stmt.with_for_update() if lock else stmt).first()
        if row is None:
            raise coded(NotFound, "office.no_terminal", terminal_id=terminal_id)
        return row

    def record(self, actor: str, action: str, subject: str, detail: dict[str, Any]) -> None:
        """An act done through CentralStore (master data), in the same audit trail."""
        with guarded(), self.engine.begin() as conn:
            write_audit(conn, self._now(), actor, action, subject, detail)

    def audit(self, limit: int = 200) -> list[dict[str, Any]]:
        a = central_admin_audit.c
        with guarded(), self.engine.connect() as conn:
            rows = conn.execute(select(central_admin_audit).order_by(a.at.desc()).limit(limit)).all()
        return [
            {
                "at": r.at,
                "actor": r.actor,
                "action": r.action,
                "subject": r.subject,
                "detail": json.loads(r.detail),
            }
            for r in rows
        ]
