"""Head office never builds on a stored row it cannot trust (issue 29, sync review 2026-12-07 P1-1).

The projection moves a stored balance or bill by what an entry says ("+= payment") and the push then signs
the result with the pushing counter's key (db/central/rowsign.sign_written). A row edited by hand with its
change cursor left alone is never pulled again, so counters could not see the edit; the next genuine payment
then turned it into money signed by a counter, pulled everywhere as truth. So, before any projection writes
onto a customer or a bill, the stored row's signature must verify against its stored signer (the digest is
app.pulled.row_digest, the one counters check at pull), and a counter's key counts only with head office's
certificate on it, as at the counter (a key inserted into `terminals` by hand signs nothing trusted). A customer with a row that does not verify is held:
its entries stay in the journal (acknowledged, nothing lost), are not projected, and each opens a
`tampered_row` review case with its money; the pushing counter is told (db/central/push.py). The hold
stays while any of the customer's `tampered_row` cases is open: entries that were held must be booked
before anything else moves that customer.

A ledger without head office's published key signs nothing (an unkeyed test ledger, before c0005): no check.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from app.provisioning import KEY_STATE_RANK
from app.pulled import HQ, cert_digest, row_digest
from app.signing import verify_hash_signature
from app.sync import TAMPERED_ROW
from db.central.pull import BILL_COLUMNS, CUSTOMER_COLUMNS, REFUND_COLUMNS, hq_public_key
from db.central.sql import in_values
from db.central_schema import (
    central_admin_audit,
    central_bills,
    central_customers,
    central_refunds,
    review_cases,
    terminal_keys,
)
from db.central_schema import terminals as terminals_t

TAMPERED = TAMPERED_ROW  # the review case's kind, and the alarm's the pushing counter gets


@dataclass(frozen=True)
class Untrusted:
    """A stored row that does not verify: which (stream, key), whose customer, and why (a code's last part)."""

    stream: str  # customers | bills | refunds
    key: str
    customer_no: str
    # unsigned | unknown_signer (no key of it that head office certified) | bad_signature | held (an open case)
    why: str


def signer_keys(conn: Connection, signers: Iterable[str], hq_key: str) -> dict[str, set[str]]:
    """signer -> every key head office certified for it, as a counter checks (app/pulled.writer_keys): its
    own, and each counter key registered and not pending whose certificate (head office's signature over the
    terminal id and that key) verifies under head office's key. A re-keyed counter's rows keep the signature
    of the key that wrote them: that key's certificate is kept in the re-key's audit row (old_cert,
    db/central/admin.register_key). A key in the database without a valid certificate (a row inserted by
    hand, a pending key) signs nothing head office builds on. Where a certificate was found does not matter:
    only head office's key makes one."""
    keys: dict[str, set[str]] = {HQ: {hq_key}}
    tids = sorted({s for s in signers if s and s != HQ})
    if not tids:
        return keys
    t, k, a = terminals_t.c, terminal_keys.c, central_admin_audit.c
    certs: dict[tuple[str, str], set[str]] = {}  # (terminal, key) -> certificates offered for it
    for r in conn.execute(
        select(t.terminal_id, t.public_key, t.cert).where(in_values(conn, t.terminal_id, tids))
    ):
        if r.public_key:
            certs.setdefault((r.terminal_id, r.public_key), set()).update([r.cert] if r.cert else [])
    registered = {
        (r.terminal_id, r.public_key)
        for r in conn.execute(
            select(k.terminal_id, k.public_key)
            .where(in_values(conn, k.terminal_id, tids))
            .where(k.state.in_(tuple(KEY_STATE_RANK)))
        )
    }
    older = {tk for tk in registered if tk not in certs}
    if older:  # keys replaced by a re-key: their certificates are in the re-key's audit rows
        for audit in conn.execute(
            select(a.subject, a.detail)
            .where(a.action == "key_register")
            .where(in_values(conn, a.subject, sorted({tid for tid, _ in older})))
        ):
            d = json.loads(audit.detail)
            old, cert = str(d.get("old_public_key") or ""), str(d.get("old_cert") or "")
            if (audit.subject, old) in older and cert:
                certs.setdefault((audit.subject, old), set()).add(cert)
        for tk in older:
            certs.setdefault(tk, set())
    for (tid, public_key), offered in certs.items():
        if any(_certified(hq_key, tid, public_key, c) for c in offered):
            keys.setdefault(tid, set()).add(public_key)
    return keys


_CERTIFIED: set[tuple[str, str, str, str]] = set()  # (hq key, terminal, key, cert) verified in this process


def _certified(hq_key: str, terminal_id: str, public_key: str, cert: str) -> bool:
    if (hq_key, terminal_id, public_key, cert) in _CERTIFIED:
        return True
    if not verify_hash_signature(hq_key, cert_digest(terminal_id, public_key), cert):
        return False
    if len(_CERTIFIED) >= _GOOD_MAX:
        _CERTIFIED.clear()
    _CERTIFIED.add((hq_key, terminal_id, public_key, cert))
    return True


# (digest, signature) pairs this process signed or already verified: a row whose content and signature are
# exactly one of them needs no second Ed25519 check (a drain re-checks the rows its own last batch signed;
# ~0.1 ms each). In memory only: nothing in the database can add to it. Bounded: cleared when full.
_GOOD: set[tuple[str, str]] = set()
_GOOD_MAX = 200_000


def remember(digest: str, signature: str) -> None:
    """A signature known good over this digest (db/central/rowsign.sign_rows tells what it signed)."""
    if len(_GOOD) >= _GOOD_MAX:
        _GOOD.clear()
    _GOOD.add((digest, signature))


def row_fault(stream: str, row: Mapping[str, Any], keys: Mapping[str, set[str]]) -> str | None:
    """Why this stored row (its pulled columns, txn, signer, signature) cannot be trusted, or None."""
    signer, signature = str(row.get("signer") or ""), str(row.get("signature") or "")
    if not signer or not signature:
        return "unsigned"
    known = keys.get(signer)
    if not known:
        return "unknown_signer"
    digest = row_digest(stream, row, signer)
    if (digest, signature) in _GOOD:
        return None
    if not any(verify_hash_signature(k, digest, signature) for k in known):
        return "bad_signature"
    remember(digest, signature)
    return None


def untrusted_rows(conn: Connection, customer_nos: Iterable[str], bill_ids: Iterable[str]) -> list[Untrusted]:
    """The stored rows among these customers (and their refund orders), these bills and every open bill of
    these customers that do not verify, and the customers an open `tampered_row` case holds. Inside the caller's transaction (the rows
    are locked by then on PostgreSQL: db/central/project_fast.lock_rows)."""
    cnos, bills = sorted(set(customer_nos)), sorted(set(bill_ids))
    if not cnos and not bills:
        return []
    found: list[Untrusted] = []
    if cnos:
        rc = review_cases.c
        found += [
            Untrusted("customers", r.customer_no, r.customer_no, "held")
            for r in conn.execute(
                select(rc.customer_no)
                .where(in_values(conn, rc.customer_no, cnos))
                .where(rc.kind == TAMPERED)
                .where(rc.resolved_at.is_(None))
                .distinct()
            )
        ]
    hq_key = hq_public_key(conn)
    if not hq_key:
        return found
    cc, cb = central_customers.c, central_bills.c
    rows: list[tuple[str, str, str, dict[str, Any]]] = []  # (stream, key, customer, row)
    if cnos:
        rows += [
            ("customers", r.customer_no, r.customer_no, dict(r._mapping))
            for r in conn.execute(
                select(*(cc[c] for c in CUSTOMER_COLUMNS), cc.txn, cc.signer, cc.signature).where(
                    in_values(conn, cc.customer_no, cnos)
                )
            )
        ]
        # the customer's refund orders too: an amount edited by hand is what a counter would pay out in
        # cash, and what head office's books take off the balance (tamper matrix, issue 29)
        rf = central_refunds.c
        rows += [
            ("refunds", r.refund_id, r.customer_no, dict(r._mapping))
            for r in conn.execute(
                select(*(rf[c] for c in REFUND_COLUMNS), rf.txn, rf.signer, rf.signature).where(
                    in_values(conn, rf.customer_no, cnos)
                )
            )
        ]
    where = []
    if bills:
        where.append(in_values(conn, cb.bill_id, bills))
    if cnos:
        where.append(
            in_values(conn, cb.customer_no, cnos)
            & ((cb.principal_paid_fen < cb.amount_fen) | (cb.fee_carried_fen > 0))
        )
    stmt = select(*(cb[c] for c in BILL_COLUMNS), cb.txn, cb.signer, cb.signature)
    for w in where:
        rows += [("bills", r.bill_id, r.customer_no, dict(r._mapping)) for r in conn.execute(stmt.where(w))]
    keys = signer_keys(conn, (str(r.get("signer") or "") for *_, r in rows), hq_key)
    seen: set[tuple[str, str]] = set()
    for stream, key, cno, row in rows:
        if (stream, key) in seen:
            continue
        seen.add((stream, key))
        why = row_fault(stream, row, keys)
        if why is not None:
            found.append(Untrusted(stream, key, cno, why))
    return found
