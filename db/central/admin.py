"""Head office's provisioning on the central ledger (issue 17): halls, terminals, clerks, keys.

Every act is one transaction that also writes a `central_admin_audit` row naming who did it. The
rules (ids, roles, one-time PINs, the re-key message) are app/provisioning.py's; this module stores.
A refusal raises InputError / Refused with one sentence and changes nothing.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, select, update

from app import auth
from app.clock import clock_from_env, utc_text
from app.errors import InputError, NotFound, Refused
from app.messages import coded
from app.ports import Clock
from app.provisioning import (
    KEY_STATE_RANK,
    KeyHistory,
    check_id,
    check_name,
    check_role,
    fingerprint,
    new_one_time_pin,
    rekey_message,
)
from app.pulled import HQ
from app.signing import Signer, verify_hash_signature
from db.central.certify import certify_due, sign_approval
from db.central.engine import guarded
from db.central.rowsign import certify, sign_written
from db.central.sql import insert_ignore, next_txn
from db.central_schema import central_admin_audit, central_clerks, central_halls, terminal_keys
from db.central_schema import terminals as terminals_t


@dataclass(frozen=True)
class KeyRegistration:
    terminal_id: str
    fingerprint: str
    state: str  # active | pending
    from_seq: int


def _audit(conn: Connection, at: str, actor: str, action: str, subject: str, detail: dict[str, Any]) -> None:
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


class CentralAdmin:
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

    def certify_due(self) -> list[str]:
        """Certify the keys head office can vouch for (db/central/certify.py); [] without head office's key."""
        if self.hq is None:
            return []
        with guarded(), self.engine.begin() as conn:
            done = certify_due(conn, self.hq)
            for tid in done:
                _audit(conn, self._now(), "HQ", "key_certify", tid, {})
        return done

    # ------------------------------------------------------------------ halls and terminals

    def add_hall(self, actor: str, hall_id: str, name: str) -> None:
        hall_id, name = check_id(hall_id, "营业厅编号"), check_name(name, "营业厅名称")
        with guarded(), self.engine.begin() as conn:
            if conn.execute(
                select(central_halls.c.hall_id).where(central_halls.c.hall_id == hall_id)
            ).first():
                raise Refused(f"营业厅 {hall_id} 已存在；不能重复创建。")
            conn.execute(central_halls.insert().values(hall_id=hall_id, name=name, created_at=self._now()))
            _audit(conn, self._now(), actor, "hall_add", hall_id, {"name": name})

    def hall(self, hall_id: str) -> tuple[str, str] | None:
        with guarded(), self.engine.connect() as conn:
            row = conn.execute(select(central_halls).where(central_halls.c.hall_id == hall_id)).first()
        return (row.hall_id, row.name) if row else None

    def _need_hall(self, conn: Connection, hall_id: str) -> str:
        name = conn.execute(select(central_halls.c.name).where(central_halls.c.hall_id == hall_id)).scalar()
        if name is None:
            raise NotFound(
                f"没有编号为 {hall_id} 的营业厅；请先执行 central hall add {hall_id} --name 名称。"
            )
        return str(name)

    def _terminal(self, conn: Connection, terminal_id: str, *, lock: bool = False) -> Any:
        stmt = select(terminals_t).where(terminals_t.c.terminal_id == terminal_id)
        row = conn.execute(stmt.with_for_update() if lock else stmt).first()
        if row is None:
            raise NotFound(
                f"总部没有终端 {terminal_id}；请先执行 central terminal add {terminal_id} --hall 营业厅编号。"
            )
        return row

    def add_terminal(self, actor: str, terminal_id: str, hall_id: str) -> None:
        terminal_id, hall_id = check_id(terminal_id, "终端号"), check_id(hall_id, "营业厅编号")
        with guarded(), self.engine.begin() as conn:
            name = self._need_hall(conn, hall_id)
            if conn.execute(
                select(terminals_t.c.terminal_id).where(terminals_t.c.terminal_id == terminal_id)
            ).first():
                raise Refused(f"终端号 {terminal_id} 已被使用；一个终端号只能属于一台电脑，请换一个终端号。")
            conn.execute(
                terminals_t.insert().values(
                    terminal_id=terminal_id, hall_name=name, hall_id=hall_id, approved=0
                )
            )
            _audit(conn, self._now(), actor, "terminal_add", terminal_id, {"hall_id": hall_id})

    def approve_terminal(self, actor: str, terminal_id: str, key_fingerprint: str = "") -> str:
        """Approve a terminal (it may register its first key), or with a fingerprint a pending key (a
        re-key head office vouches for: a new PC after a restore). Returns what was approved."""
        terminal_id = check_id(terminal_id, "终端号")
        with guarded(), self.engine.begin() as conn:
            self._terminal(conn, terminal_id, lock=True)
            hq = self._need_hq()
            if not key_fingerprint:
                conn.execute(
                    update(terminals_t).where(terminals_t.c.terminal_id == terminal_id).values(approved=1)
                )
                sign_approval(conn, terminal_id, hq)  # its first key, registered later, is certified then
                certify(conn, terminal_id, hq)  # a key registered where head office's key was not at hand
                _audit(conn, self._now(), actor, "terminal_approve", terminal_id, {})
                return "terminal"
            k = terminal_keys.c
            row = conn.execute(
                select(terminal_keys)
                .where(k.terminal_id == terminal_id)
                .where(k.fingerprint == key_fingerprint.strip())
            ).first()
            if row is None or row.state != "pending":
                raise NotFound(
                    f"终端 {terminal_id} 没有待批准的密钥 {key_fingerprint}；"
                    "请用 central terminals 核对指纹。"
                )
            self._activate(conn, terminal_id, row.public_key, int(row.from_seq), actor)
            _audit(
                conn,
                self._now(),
                actor,
                "key_approve",
                terminal_id,
                {"fingerprint": row.fingerprint, "from_seq": int(row.from_seq)},
            )
            return "key"

    def _activate(
        self, conn: Connection, terminal_id: str, public_key: str, from_seq: int, actor: str
    ) -> None:
        k = terminal_keys.c
        # a key that was to start where the new one starts never signed an entry head office holds: void
        conn.execute(
            update(terminal_keys)
            .where(k.terminal_id == terminal_id)
            .where(k.public_key != public_key)
            .where(k.state.in_(("active", "superseded")))
            .where(k.from_seq >= from_seq)
            .values(state="void", changed_at=self._now(), changed_by=actor)
        )
        conn.execute(
            update(terminal_keys)
            .where(k.terminal_id == terminal_id)
            .where(k.state == "active")
            .values(state="superseded", changed_at=self._now(), changed_by=actor)
        )
        conn.execute(
            update(terminal_keys)
            .where(k.terminal_id == terminal_id)
            .where(k.public_key == public_key)
            .values(state="active", from_seq=from_seq, changed_at=self._now(), changed_by=actor)
        )
        conn.execute(
            update(terminals_t)
            .where(terminals_t.c.terminal_id == terminal_id)
            .values(public_key=public_key, approved=1, cert=None)
        )
        if self.hq is not None:  # the new key may sign the master data its pushes change (app/pulled.py);
            certify(conn, terminal_id, self.hq)  # what its earlier keys signed, head office signs over

    def retire_key(self, actor: str, terminal_id: str, key_fingerprint: str) -> None:
        """A stolen or lost PC's key: from now on its pushes are refused and flagged."""
        terminal_id = check_id(terminal_id, "终端号")
        with guarded(), self.engine.begin() as conn:
            self._terminal(conn, terminal_id, lock=True)
            k = terminal_keys.c
            row = conn.execute(
                select(terminal_keys)
                .where(k.terminal_id == terminal_id)
                .where(k.fingerprint == (key_fingerprint or "").strip())
            ).first()
            if row is None:
                raise NotFound(
                    f"终端 {terminal_id} 没有指纹为 {key_fingerprint} 的密钥；请用 central terminals 核对。"
                )
            if row.state == "retired":
                raise Refused(f"终端 {terminal_id} 的密钥 {key_fingerprint} 已经停用。")
            conn.execute(
                update(terminal_keys)
                .where(k.terminal_id == terminal_id)
                .where(k.public_key == row.public_key)
                .values(state="retired", changed_at=self._now(), changed_by=actor)
            )
            _audit(
                conn,
                self._now(),
                actor,
                "key_retire",
                terminal_id,
                {"fingerprint": row.fingerprint, "was": row.state},
            )

    def register_key(
        self, terminal_id: str, public_key: str, from_seq: int, *, old_signature: str = "", actor: str = ""
    ) -> KeyRegistration:
        """A terminal offers a key. The first key of an approved terminal becomes active; a new key signed
        by the current active key over app.provisioning.rekey_message is a re-key and active at once;
        anything else waits as pending until head office approves its fingerprint. A key already known
        is never registered again (a retired key stays retired)."""
        fp = fingerprint(public_key)
        with guarded(), self.engine.begin() as conn:
            row = self._terminal(conn, terminal_id, lock=True)
            k = terminal_keys.c
            known = conn.execute(
                select(terminal_keys).where(k.terminal_id == terminal_id).where(k.public_key == public_key)
            ).first()
            if known is not None:
                if known.state == "retired":
                    raise Refused(f"终端 {terminal_id} 的密钥 {fp} 已被总部停用，不能再登记。")
                return KeyRegistration(terminal_id, fp, known.state, int(known.from_seq))
            active = conn.execute(
                select(terminal_keys).where(k.terminal_id == terminal_id).where(k.state == "active")
            ).first()
            state = "pending"
            vouch: dict[str, Any] = {}
            if active is None and not row.public_key and row.approved:
                state = "active"  # the first key of an approved terminal
            elif (
                active is not None
                and old_signature
                and verify_hash_signature(
                    active.public_key, rekey_message(terminal_id, public_key, from_seq), old_signature
                )
            ):
                state = "active"  # a re-key signed by the key it replaces
                # what lets head office certify the new key later (db/central/certify.py)
                vouch = {
                    "old_public_key": active.public_key,
                    "old_cert": row.cert or "",
                    "old_signature": old_signature,
                }
            elif not row.approved:
                raise Refused(
                    f"总部尚未批准终端 {terminal_id}；请总部执行 central terminal approve {terminal_id} 后重试。"
                )
            conn.execute(
                terminal_keys.insert().values(
                    terminal_id=terminal_id,
                    public_key=public_key,
                    fingerprint=fp,
                    state="pending",
                    from_seq=from_seq,
                    registered_at=self._now(),
                )
            )
            if state == "active":
                self._activate(conn, terminal_id, public_key, from_seq, actor or terminal_id)
            _audit(
                conn,
                self._now(),
                actor or terminal_id,
                "key_register",
                terminal_id,
                {
                    "fingerprint": fp,
                    "state": state,
                    "from_seq": from_seq,
                    "rekey": bool(old_signature),
                    **vouch,
                },
            )
        return KeyRegistration(terminal_id, fp, state, from_seq)

    def key_history(self, terminal_id: str) -> KeyHistory:
        """Every key that ever signed for this terminal (active, superseded or retired), by from_seq."""
        k = terminal_keys.c
        with guarded(), self.engine.connect() as conn:
            rows = conn.execute(
                select(k.from_seq, k.public_key, k.state)
                .where(k.terminal_id == terminal_id)
                .where(k.state.in_(tuple(KEY_STATE_RANK)))
            ).all()
        ordered = sorted(rows, key=lambda r: (int(r.from_seq), KEY_STATE_RANK[r.state]))
        return KeyHistory.of((int(r.from_seq), r.public_key) for r in ordered)

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

    # ------------------------------------------------------------------ clerks

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
                raise Refused(f"工号 {clerk_id} 已存在；如需新密码请用 central clerk reset-pin {clerk_id}。")
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
            _audit(
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
            raise NotFound(f"总部没有工号为 {clerk_id} 的人员；请核对工号。")
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
            _audit(conn, self._now(), actor, "clerk_disable", clerk_id, {})

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
            _audit(
                conn, self._now(), actor, "clerk_reset_pin", clerk_id, {"pin_issue": int(row.pin_issue) + 1}
            )
        return pin

    def assign_area(self, actor: str, area: str, clerk_id: str) -> None:
        """The clerk who answers for a customer area's arrears (收费责任制, the console's clerk report); an
        empty clerk id leaves the area unassigned."""
        from db.central_schema import central_collection_areas as areas

        area = (area or "").strip()
        if not area or len(area) > 64:
            raise InputError("区域不能为空，且不超过 64 个字。")
        with guarded(), self.engine.begin() as conn:
            if clerk_id.strip() and not self._known_clerk(conn, clerk_id.strip()):
                raise NotFound(f"总部没有工号为 {clerk_id.strip()} 的人员，也没有他收费的记录；请核对工号。")
            conn.execute(areas.delete().where(areas.c.area == area))
            if clerk_id.strip():
                conn.execute(
                    areas.insert().values(
                        area=area, clerk_id=clerk_id.strip(), assigned_by=actor[:64], assigned_at=self._now()
                    )
                )
            _audit(conn, self._now(), actor, "area_assign", area, {"clerk_id": clerk_id.strip()})

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

    def has_policy(self) -> bool:
        from db.central_schema import central_policy

        with guarded(), self.engine.connect() as conn:
            return conn.execute(select(central_policy.c.key).limit(1)).first() is not None

    def record(self, actor: str, action: str, subject: str, detail: dict[str, Any]) -> None:
        """An act done through CentralStore (master data), in the same audit trail."""
        with guarded(), self.engine.begin() as conn:
            _audit(conn, self._now(), actor, action, subject, detail)

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
