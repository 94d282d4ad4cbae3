"""SQLite repositories of the terminal's own records: shifts, settings and policy values, clerks and audit."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, func, insert, select, text, update

from app.store import ClerkRecord, Shift
from db.local_schema import audit, clerks, meta, shifts
from db.raw_sql import raw, raw_rows

_POLICY_VALUES = "SELECT key, value FROM policy_values"
_OPEN_SHIFT = "SELECT * FROM shifts WHERE clerk_id = :clerk AND closed_at IS NULL"


class SqlShifts:
    def __init__(self, conn: Connection) -> None:
        self._c = conn

    def open_for(self, clerk_id: str) -> Shift | None:
        rows = raw_rows(self._c, _OPEN_SHIFT, {"clerk": clerk_id})
        return Shift(**vars(rows[0])) if rows else None

    def get(self, shift_id: str) -> Shift | None:
        row = self._c.execute(select(shifts).where(shifts.c.shift_id == shift_id)).first()
        return Shift(**row._mapping) if row else None

    def add(self, shift: Shift) -> None:
        self._c.execute(insert(shifts).values(**shift.__dict__))

    def close(self, shift_id: str, closed_at: str) -> None:
        self._c.execute(update(shifts).where(shifts.c.shift_id == shift_id).values(closed_at=closed_at))

    def count_for_day(self, clerk_id: str, business_day: str) -> int:
        return int(
            self._c.execute(
                select(func.count())
                .select_from(shifts)
                .where(shifts.c.clerk_id == clerk_id)
                .where(shifts.c.business_day == business_day)
            ).scalar_one()
        )

    def for_day(self, business_day: str) -> list[Shift]:
        rows = self._c.execute(
            select(shifts).where(shifts.c.business_day == business_day).order_by(shifts.c.opened_at)
        ).all()
        return [Shift(**r._mapping) for r in rows]


class SqlSettings:
    def __init__(self, conn: Connection) -> None:
        self._c = conn

    def get(self, key: str, default: str = "") -> str:
        value = self._c.execute(select(meta.c.value).where(meta.c.key == key)).scalar()
        return default if value is None else str(value)

    def set(self, key: str, value: str) -> None:
        self._c.execute(
            text("INSERT INTO meta (key, value) VALUES (:k, :v) ON CONFLICT(key) DO UPDATE SET value = :v"),
            {"k": key, "v": value},
        )

    def policy_values(self) -> dict[str, str]:
        return dict(raw(self._c).execute(_POLICY_VALUES).fetchall())

    def set_policy_values(self, values: dict[str, str]) -> None:
        for key, value in values.items():
            self._c.execute(
                text(
                    "INSERT INTO policy_values (key, value) VALUES (:k, :v) "
                    "ON CONFLICT(key) DO UPDATE SET value = :v"
                ),
                {"k": key, "v": value},
            )

    def clerk_name(self, clerk_id: str) -> str | None:
        return self._c.execute(select(clerks.c.name).where(clerks.c.clerk_id == clerk_id)).scalar()

    def clerk_role(self, clerk_id: str) -> str | None:
        return self._c.execute(select(clerks.c.role).where(clerks.c.clerk_id == clerk_id)).scalar()

    def add_clerks(self, rows: Iterable[tuple[str, str, str]]) -> None:
        for clerk_id, name, role in rows:
            self._c.execute(
                text(
                    "INSERT INTO clerks (clerk_id, name, role) VALUES (:i, :n, :r) "
                    "ON CONFLICT(clerk_id) DO UPDATE SET name = :n, role = :r"
                ),
                {"i": clerk_id, "n": name, "r": role},
            )

    # credentials and audit (issue 8)
    _CLERK_FIELDS = ("pin_hash", "failed_attempts", "locked_until", "active", "name", "role")

    def clerk(self, clerk_id: str) -> ClerkRecord | None:
        row = self._c.execute(select(clerks).where(clerks.c.clerk_id == clerk_id)).first()
        return _clerk(row) if row else None

    def all_clerks(self) -> list[ClerkRecord]:
        return [_clerk(r) for r in self._c.execute(select(clerks).order_by(clerks.c.clerk_id))]

    def update_clerk(self, clerk_id: str, **fields: Any) -> None:
        unknown = set(fields) - set(self._CLERK_FIELDS)
        if unknown:
            raise ValueError(f"unknown clerk fields {sorted(unknown)}")
        if "active" in fields:
            fields["active"] = int(bool(fields["active"]))
        self._c.execute(update(clerks).where(clerks.c.clerk_id == clerk_id).values(**fields))

    def add_audit(self, at: str, event: str, clerk_id: str, subject: str, detail: dict[str, Any]) -> None:
        self._c.execute(
            insert(audit).values(
                at=at,
                event=event,
                clerk_id=clerk_id,
                subject=subject,
                detail=json.dumps(detail, ensure_ascii=False, sort_keys=True),
            )
        )

    def audit_events(self, limit: int = 500) -> list[dict[str, Any]]:
        rows = self._c.execute(select(audit).order_by(audit.c.audit_id.desc()).limit(limit))
        return [
            {
                "at": r.at,
                "event": r.event,
                "clerk_id": r.clerk_id,
                "subject": r.subject,
                "detail": json.loads(r.detail or "{}"),
            }
            for r in rows
        ]


def _clerk(row: Any) -> ClerkRecord:
    return ClerkRecord(
        row.clerk_id,
        row.name,
        row.role,
        row.pin_hash or "",
        int(row.failed_attempts or 0),
        row.locked_until,
        bool(row.active),
    )


__all__ = ["SqlShifts", "SqlSettings"]
