"""Terminal keys at head office (issue 17): approving a terminal or a pending key, registering a key a terminal
offers (the first, a signed re-key, or one that waits for approval), retiring a stolen PC's key, and the
history of every key that signed for a terminal. The rules (the re-key message, key states) are
app/provisioning.py's; each act is one transaction with its audit row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select, update

from app.errors import NotFound, Refused
from app.messages import coded
from app.provisioning import KEY_STATE_RANK, KeyHistory, check_id, fingerprint, rekey_message
from app.signing import verify_hash_signature
from db.central.admin_base import AdminBase, write_audit
from db.central.certify import certify_due, sign_approval
from db.central.engine import guarded
from db.central.rowsign import certify
from db.central_schema import terminal_keys
from db.central_schema import terminals as terminals_t


@dataclass(frozen=True)
class KeyRegistration:
    terminal_id: str
    fingerprint: str
    state: str  # active | pending
    from_seq: int


class TerminalKeys(AdminBase):
    def certify_due(self) -> list[str]:
        """Certify the keys head office can vouch for (db/central/certify.py); [] without head office's key."""
        if self.hq is None:
            return []
        with guarded(), self.engine.begin() as conn:
            done = certify_due(conn, self.hq)
            for tid in done:
                write_audit(conn, self._now(), "HQ", "key_certify", tid, {})
        return done

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
                write_audit(conn, self._now(), actor, "terminal_approve", terminal_id, {})
                return "terminal"
            k = terminal_keys.c
            row = conn.execute(
                select(terminal_keys)
                .where(k.terminal_id == terminal_id)
                .where(k.fingerprint == key_fingerprint.strip())
            ).first()
            if row is None or row.state != "pending":
                raise coded(
                    NotFound,
                    "office.no_pending_key",
                    terminal_id=terminal_id,
                    key_fingerprint=key_fingerprint,
                )
            self._activate(conn, terminal_id, row.public_key, int(row.from_seq), actor)
            write_audit(
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
                raise coded(
                    NotFound, "office.no_key", terminal_id=terminal_id, key_fingerprint=key_fingerprint
                )
            if row.state == "retired":
                raise coded(
                    Refused,
                    "office.key_already_revoked",
                    terminal_id=terminal_id,
                    key_fingerprint=key_fingerprint,
                )
            conn.execute(
                update(terminal_keys)
                .where(k.terminal_id == terminal_id)
                .where(k.public_key == row.public_key)
                .values(state="retired", changed_at=self._now(), changed_by=actor)
            )
            write_audit(
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
                    raise coded(Refused, "office.key_revoked", terminal_id=terminal_id, key_fingerprint=fp)
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
                raise coded(Refused, "office.terminal_unapproved", terminal_id=terminal_id)
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
            write_audit(
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
