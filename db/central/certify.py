"""Certifying a counter's key when head office's key is next at hand (issue 27, review P2-2).

A counter's key may sign the master data its pushes change only once head office certified it
(terminals.cert, app/pulled.py). Certifying needs head office's key, which a counter never holds: so a
terminal that head office approved *before* `terminal init` registered its first key ended uncertified, and
every counter then refused the rows it changed. Approve-before-init is the documented order; it must end
certified. So the approval leaves head office's signed word (central_meta `approval.<terminal>`), and every
head-office command that holds the key (cli/central.py, the console's provisioning acts) certifies, first,
each key whose activation is vouched for by something head office can check itself, not by the database:

- a terminal's first key: the terminal's approval is signed by head office, and it is the only key the
  terminal ever registered (a first key taken by someone else leaves the real PC's key pending: IT sees it);
- a re-key: the new key is signed by the key it replaces (app.provisioning.rekey_message) and that key was
  certified by head office (both kept in the re-key's audit row by CentralAdmin.register_key).

Until then db/central/push.py refuses the counter's pushes with its own sentence (its entries wait on the PC,
nothing lost), so an uncertified counter never writes rows that would block the other counters' pulls.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from sqlalchemy import Connection, select

from app.journal import Entry, canonical
from app.provisioning import fingerprint, rekey_message
from app.pulled import cert_digest
from app.signing import Signer, verify_hash_signature
from app.sync import Problem
from db.central.pull import hq_public_key
from db.central.rowsign import certify
from db.central.sql import insert_ignore
from db.central_schema import central_admin_audit, central_meta, terminal_keys
from db.central_schema import terminals as terminals_t


def approval_key(terminal_id: str) -> str:
    return f"approval.{terminal_id}"


def approval_digest(terminal_id: str) -> str:
    return hashlib.sha256(canonical({"approve_terminal": terminal_id})).hexdigest()


def sign_approval(conn: Connection, terminal_id: str, hq: Signer) -> None:
    """Head office's signed word that this terminal may register its first key."""
    key = approval_key(terminal_id)
    conn.execute(central_meta.delete().where(central_meta.c.key == key))
    insert_ignore(
        conn, central_meta, [{"key": key, "value": hq.sign_hash(approval_digest(terminal_id))}], ["key"]
    )


def is_certified(conn: Connection, terminal_id: str) -> bool | None:
    """Whether the terminal's registered key carries a certificate that head office's published key
    verifies; None when that cannot be told (no key registered, or no head-office key published)."""
    t = terminals_t.c
    row = conn.execute(select(t.public_key, t.cert).where(t.terminal_id == terminal_id)).first()
    return certified(
        hq_public_key(conn), terminal_id, row.public_key or "" if row else "", row.cert if row else None
    )


def certified(hq_key: str, terminal_id: str, public_key: str, cert: str | None) -> bool | None:
    """is_certified on values already read (a push reads them with its other state: issue 29)."""
    if not hq_key or not public_key:
        return None
    return bool(cert) and verify_hash_signature(hq_key, cert_digest(terminal_id, public_key), cert or "")


def certify_due(conn: Connection, hq: Signer) -> list[str]:
    """Certify every registered key head office can vouch for (see above); returns the terminals certified."""
    t, k = terminals_t.c, terminal_keys.c
    done = []
    waiting = conn.execute(
        select(t.terminal_id, t.public_key).where(t.public_key.is_not(None)).where(t.cert.is_(None))
    ).all()
    for row in waiting:
        tid, public_key = row.terminal_id, row.public_key
        keys = conn.execute(select(k.public_key, k.state, k.from_seq).where(k.terminal_id == tid)).all()
        mine = [x for x in keys if x.public_key == public_key and x.state == "active"]
        if not mine:
            continue
        if len(keys) == 1 and _approved(conn, tid, hq):
            certify(conn, tid, hq)
            done.append(tid)
        elif _rekey_vouched(conn, tid, public_key, int(mine[0].from_seq), hq):
            certify(conn, tid, hq)
            done.append(tid)
    return done


def _approved(conn: Connection, terminal_id: str, hq: Signer) -> bool:
    sig = conn.execute(
        select(central_meta.c.value).where(central_meta.c.key == approval_key(terminal_id))
    ).scalar()
    return bool(sig) and verify_hash_signature(hq.public_key_hex, approval_digest(terminal_id), str(sig))


def _rekey_vouched(conn: Connection, terminal_id: str, public_key: str, from_seq: int, hq: Signer) -> bool:
    a = central_admin_audit.c
    rows = conn.execute(
        select(a.detail)
        .where(a.action == "key_register")
        .where(a.subject == terminal_id)
        .order_by(a.at.desc())
    ).all()
    for r in rows:
        d = json.loads(r.detail)
        if d.get("fingerprint") != fingerprint(public_key) or not d.get("rekey"):
            continue
        old, old_cert, old_sig = (
            d.get("old_public_key", ""),
            d.get("old_cert", ""),
            d.get("old_signature", ""),
        )
        if (
            old
            and old_cert
            and old_sig
            and verify_hash_signature(hq.public_key_hex, cert_digest(terminal_id, old), old_cert)
            and verify_hash_signature(old, rekey_message(terminal_id, public_key, from_seq), old_sig)
        ):
            return True
    return False


def uncertified_refusal(
    conn: Connection,
    terminal_id: str,
    public_key: str,
    entries: Sequence[Entry],
    known: tuple[str | None, bool | None] | None = None,
) -> Problem | None:
    """A provisioned counter whose key head office has not certified yet pushes nothing: the master data its
    push would change could not be trusted by the other counters (their pulls would all be refused). Its
    entries wait on the PC; the sentence says what IT runs. Not an alarm of tampering: a set-up state."""
    if not entries or not public_key:
        return None
    if known is not None:  # (hall, certified) as the push read them
        hall, ok = known
    else:
        hall = conn.execute(
            select(terminals_t.c.hall_id).where(terminals_t.c.terminal_id == terminal_id)
        ).scalar()
        ok = is_certified(conn, terminal_id) if hall else None
    if not hall or ok is not False:
        return None
    first = min(entries, key=lambda e: e.seq)
    params = {"terminal_id": terminal_id, "fingerprint": fingerprint(public_key)}
    return Problem.coded("uncertified", terminal_id, first.seq, first.entry_id, "sync.uncertified", **params)
