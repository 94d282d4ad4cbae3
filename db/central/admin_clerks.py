"""Head office's clerks (issue 17): adding one with a one-time PIN, disabling one, resetting a PIN, and who
answers for a customer area's arrears. The clerk rows counters pull are signed by head office's key
(db/central/rowsign.py); each act is one transaction with its audit row.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select, update

from app import auth
from app.errors import InputError, NotFound, Refused
from app.messages import coded
from app.provisioning import check_id, check_name, check_role, new_one_time_pin
from app.pulled import HQ
from db.central.admin_base import AdminBase, write_audit
from db.central.engine import guarded
from db.central.rowsign import sign_written
from db.central.sql import insert_ignore, next_txn
from db.central_schema import central_clerks


class ClerkAdmin(AdminBase):
    def add_clerk(self, actor: str, clerk_id: str, name: str, role: str, hall_id: str) -> str:
        """A new clerk with a one-time PIN, returned once (only its hash is kept)."""
        clerk_id, name = check_id(clerk_id, "工号"), check_name(name, "姓名")
        role, hall_id = check_role(role), check_id(hall_id, "营业厅编号")
        hq, pin = self._need_hq(), new_one_time_pin()
        with guarded(), self.engine.begin() as conn:
            self._need_hall(conn, hall_id)
            if conn.execute(
                select(central_clerks.c.clerk_id).where(central_clerks.c.clerk_id == clerk_id)
            ).first():
                raise coded(Refused, "office.clerk_exists", clerk_id=clerk_id)
            mark = next_txn(conn)
            insert_ignore(
                conn,
                central_clerks,
                [
                    {
                        "clerk_id": clerk_id,
                        "name": name,
                        "role": role,
                        "hall_id": hall_id,
                        "active": 1,
                        "pin_hash": auth.hash_pin(pin),
                        "pin_issue": 1,
                        "txn": mark,
                    }
                ],
                ["clerk_id"],
            )
            sign_written(conn, mark, HQ, hq)
            write_audit(
                conn,
                self._now(),
                actor,
                "clerk_add",
                clerk_id,
                {"name": name, "role": role, "hall_id": hall_id},
            )
        return pin

    def _clerk(self, conn: Connection, clerk_id: str) -> Any:
        row = conn.execute(select(central_clerks).where(central_clerks.c.clerk_id == clerk_id)).first()
        if row is None:
            raise coded(NotFound, "office.no_clerk", clerk_id=clerk_id)
        return row

    def disable_clerk(self, actor: str, clerk_id: str) -> None:
        hq = self._need_hq()
        with guarded(), self.engine.begin() as conn:
            self._clerk(conn, clerk_id)
            mark = next_txn(conn)
            conn.execute(
                update(central_clerks).where(central_clerks.c.clerk_id == clerk_id).values(active=0, txn=mark)
            )
            sign_written(conn, mark, HQ, hq)
            write_audit(conn, self._now(), actor, "clerk_disable", clerk_id, {})

    def reset_pin(self, actor: str, clerk_id: str) -> str:
        hq, pin = self._need_hq(), new_one_time_pin()
        with guarded(), self.engine.begin() as conn:
            row = self._clerk(conn, clerk_id)
            mark = next_txn(conn)
            conn.execute(
                update(central_clerks)
                .where(central_clerks.c.clerk_id == clerk_id)
                .values(
                    pin_hash=auth.hash_pin(pin),
                    pin_issue=int(row.pin_issue) + 1,
                    # head office's one-time PIN again: a PIN set on the previous issue no longer applies
                    # (db/central/clerk_pins.py orders by issue first, then by when it was set)
                    pin_kind=None,
                    pin_version=None,
                    pin_set_at=None,
                    pin_set_by=None,
                    txn=mark,
                )
            )
            sign_written(conn, mark, HQ, hq)
            write_audit(
                conn, self._now(), actor, "clerk_reset_pin", clerk_id, {"pin_issue": int(row.pin_issue) + 1}
            )
        return pin

    def assign_area(self, actor: str, area: str, clerk_id: str) -> None:
        """The clerk who answers for a customer area's arrears (收费责任制, the console's clerk report); an
        empty clerk id leaves the area unassigned."""
        from db.central_schema import central_collection_areas as areas

        area = (area or "").strip()
        if not area or len(area) > 64:
            raise coded(InputError, "office.region_bad")
        with guarded(), self.engine.begin() as conn:
            if clerk_id.strip() and not self._known_clerk(conn, clerk_id.strip()):
                raise coded(NotFound, "office.no_clerk_nor_takings", clerk_id=clerk_id.strip())
            conn.execute(areas.delete().where(areas.c.area == area))
            if clerk_id.strip():
                conn.execute(
                    areas.insert().values(
                        area=area, clerk_id=clerk_id.strip(), assigned_by=actor[:64], assigned_at=self._now()
                    )
                )
            write_audit(conn, self._now(), actor, "area_assign", area, {"clerk_id": clerk_id.strip()})

    @staticmethod
    def _known_clerk(conn: Connection, clerk_id: str) -> bool:
        """Provisioned by head office, or seen in a counter's journal (a terminal whose clerks are its own)."""
        from db.central_schema import central_journal

        if conn.execute(
            select(central_clerks.c.clerk_id).where(central_clerks.c.clerk_id == clerk_id)
        ).first():
            return True
        return (
            conn.execute(
                select(central_journal.c.entry_id).where(central_journal.c.clerk_id == clerk_id).limit(1)
            ).first()
            is not None
        )
