"""Head office's key and the signatures on pulled master data (issue 18; the rule is app/pulled.py).

Head office's Ed25519 key is `hq.key` (0600, db/keys.py): beside the SQLite file of an SQLite central
ledger (the embedded central.db: its own directory), or at the path HALLPAY_HQ_KEY names on head office's
machines for PostgreSQL. Its public key is published in central_meta for counters to pin at their first
pull. Every transaction that writes pulled rows signs, at its end, the rows it wrote: head office with its
key (signer HQ), a counter's push with the counter's key (signer = its terminal id), which head office
certifies (terminals.cert) when the counter registers with a ledger whose key it holds.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, bindparam, select, text, update
from sqlalchemy.engine import URL, make_url

from app.pulled import HQ, SIGNED_WHEN, cert_digest, row_digest
from app.signing import Signer, verify_hash_signature
from db.central.hq import sign_appended, sign_over_hq, sign_unsigned_hq
from db.central.pull import BILL_COLUMNS, HQ_PUBLIC, STREAMS
from db.central.rowcheck import remember, row_fault, signer_keys
from db.central.sql import insert_ignore, is_pg
from db.central_schema import central_bills, central_meta, terminal_keys
from db.central_schema import terminals as terminals_t
from db.keys import load_or_create_key

HQ_KEY_FILE = "hq.key"


def hq_key_path(url: str | URL) -> Path | None:
    """Where head office's key lives for this central ledger, or None (a counter of a PostgreSQL ledger)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return Path(parsed.database).with_name(HQ_KEY_FILE)
    env = os.environ.get("HALLPAY_HQ_KEY", "").strip()
    return Path(env) if env else None


def load_hq(url: str | URL) -> Signer | None:
    path = hq_key_path(url)
    if path is None:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    return load_or_create_key(path)


def publish(conn: Connection, hq: Signer) -> bool:
    """Publish head office's public key for counters to pin; True the first time (the ledger's rows from
    before c0005 are then signed by head office, once: CentralStore.open)."""
    known = conn.execute(select(central_meta.c.value).where(central_meta.c.key == HQ_PUBLIC)).scalar()
    if known is None:
        insert_ignore(conn, central_meta, [{"key": HQ_PUBLIC, "value": hq.public_key_hex}], ["key"])
    return known is None


def sign_rows(
    conn: Connection,
    where: object,
    signer_id: str,
    signer: Signer | None,
    keep: Callable[[str, Mapping[str, Any]], bool] | None = None,
) -> None:
    """Sign the pulled rows `where(table)` selects (and, with `keep`, only those it keeps: it sees each row
    with its signer and signature); with no signer they are marked unsigned (refused).

    One statement per table: unsigned is one UPDATE … WHERE; signed rows go back through one UPDATE …
    FROM unnest on PostgreSQL (a push's projection touches hundreds of bills: one round trip, not one each)."""
    for name, table, key, columns in STREAMS:
        if signer is None:  # rows already unsigned are left alone (no second row version for nothing)
            unsigned = table.c.signer.is_(None) & table.c.signature.is_(None)
            conn.execute(
                update(table)
                .where(where(table))  # type: ignore[operator]
                .where(~unsigned)
                .values(signer=None, signature=None)
            )
            continue
        seen = (table.c.signer, table.c.signature) if keep is not None else ()
        rows = conn.execute(
            select(*(table.c[c] for c in columns), table.c.txn, *seen).where(  # the version is signed too
                where(table)  # type: ignore[operator]
            )
        ).all()
        if keep is not None:
            rows = [r for r in rows if keep(name, dict(r._mapping))]
        if not rows:
            continue
        keys = [getattr(r, key) for r in rows]
        # every signature made now covers the columns a marker names (app/pulled.SIGNED_WHEN): set it
        marks = {m: 1 for m in SIGNED_WHEN if m in columns}
        digests = [row_digest(name, {**r._mapping, **marks}, signer_id) for r in rows]
        sigs = [signer.sign_hash(d) for d in digests]
        for d, sig in zip(digests, sigs):
            remember(d, sig)  # this process signed it: its next check of the same content skips Ed25519
        if is_pg(conn):
            conn.execute(
                text(
                    f"UPDATE {table.name} AS t SET signer = :who, signature = v.sig"
                    + "".join(f", {m} = 1" for m in marks)
                    + " FROM unnest(CAST(:keys AS text[]), CAST(:sigs AS text[])) AS v(k, sig) "
                    f"WHERE t.{key} = v.k"
                ),
                {"who": signer_id, "keys": keys, "sigs": sigs},
            )
            continue
        conn.execute(
            update(table)
            .where(table.c[key] == bindparam("k"))
            .values(signer=bindparam("who"), signature=bindparam("sig"), **marks),
            [{"k": k, "who": signer_id, "sig": sig} for k, sig in zip(keys, sigs)],
        )


def sign_written(conn: Connection, mark: int, signer_id: str, signer: Signer | None) -> None:
    """At the end of a writing transaction: sign every pulled row it wrote (txn from `mark` on, which is
    next_txn at the transaction's start; on PostgreSQL the transaction's own id)."""
    if signer is None and is_pg(conn):  # every table in one round trip (mark is an int: no parameter needed)
        conn.exec_driver_sql(
            "; ".join(
                f"UPDATE {table.name} SET signer = NULL, signature = NULL WHERE txn = {int(mark)} "
                "AND (signer IS NOT NULL OR signature IS NOT NULL)"
                for _n, table, _k, _c in STREAMS
            )
        )
        sign_appended(conn, signer_id, signer)  # nothing to sign, but the pending list is cleared
        return
    sign_rows(
        conn, (lambda t: t.c.txn == mark) if is_pg(conn) else (lambda t: t.c.txn >= mark), signer_id, signer
    )
    sign_appended(conn, signer_id, signer)  # and the HQ journal records it appended


def sign_unsigned(conn: Connection, hq: Signer) -> None:
    """Head office signs rows nobody signed yet (a ledger upgraded to c0005, when its key is published), and
    signs again, with their late fee paid and waived, the bills signed without them (before c0018)."""
    sign_rows(conn, lambda t: t.c.signature.is_(None) & t.c.signer.is_(None), HQ, hq)
    sign_unsigned_hq(conn, hq)
    sign_fees(conn, hq)


FEES_BATCH = 5_000


def sign_fees(conn: Connection, hq: Signer) -> int:
    """Each bill signed before c0018 (fees_signed NULL) whose signature still verifies in that form is signed
    again by head office in the form that covers fee_paid_fen and fee_waived_fen (its txn unchanged: no
    counter pulls it again for this). A bill whose signature does not verify is left as it is: the row check
    holds its customer. Batches by bill id (bounded memory); returns how many were signed again."""
    cb = central_bills.c
    columns = [cb[c] for c in BILL_COLUMNS]
    done, after = 0, ""
    while True:
        rows = conn.execute(
            select(*columns, cb.txn, cb.signer, cb.signature)
            .where(cb.fees_signed.is_(None))
            .where(cb.signature.is_not(None))
            .where(cb.bill_id > after)
            .order_by(cb.bill_id)
            .limit(FEES_BATCH)
        ).all()
        if not rows:
            return done
        after = rows[-1].bill_id
        keys = signer_keys(conn, {str(r.signer or "") for r in rows}, hq.public_key_hex)
        good = [dict(r._mapping) for r in rows if row_fault("bills", dict(r._mapping), keys) is None]
        if good:
            signed = []
            for r in good:
                digest = row_digest("bills", {**r, "fees_signed": 1}, HQ)
                signed.append({"k": r["bill_id"], "sig": hq.sign_hash(digest)})
                remember(digest, signed[-1]["sig"])
            conn.execute(
                update(central_bills)
                .where(cb.bill_id == bindparam("k"))
                .values(signer=HQ, signature=bindparam("sig"), fees_signed=1),
                signed,
            )
            done += len(signed)


# central_meta: rows signed with their txn, HQ records too (2); bills with their late fee paid and waived (3)
ROW_SIGNING, ROW_SIGNING_NOW = "row_signing", "3"


def resign_due(conn: Connection) -> bool:
    """True once after a revision changed what a row's signature covers (c0008: the txn; c0018: a bill's late
    fee paid and waived): head office signs again what needs it (sign_unsigned) and notes it."""
    done = conn.execute(select(central_meta.c.value).where(central_meta.c.key == ROW_SIGNING)).scalar()
    if done == ROW_SIGNING_NOW:
        return False
    if done is None:
        insert_ignore(conn, central_meta, [{"key": ROW_SIGNING, "value": ROW_SIGNING_NOW}], ["key"])
    else:
        conn.execute(
            update(central_meta).where(central_meta.c.key == ROW_SIGNING).values(value=ROW_SIGNING_NOW)
        )
    return True


def certify(conn: Connection, terminal_id: str, hq: Signer) -> None:
    """Head office certifies the terminal's registered key as a writer of master data (once), and signs over
    what the terminal's earlier keys signed (sign_over)."""
    t = terminals_t.c
    row = conn.execute(select(t.public_key, t.cert).where(t.terminal_id == terminal_id)).first()
    if row is not None and row.public_key and not row.cert:
        conn.execute(
            update(terminals_t)
            .where(t.terminal_id == terminal_id)
            .values(cert=hq.sign_hash(cert_digest(terminal_id, row.public_key)))
        )
        sign_over(conn, terminal_id, hq)


def sign_over(conn: Connection, terminal_id: str, hq: Signer) -> None:
    """A counter trusts one key per writer (the certified one), so once a terminal's new key is certified
    (a restored PC, a re-key) the rows and HQ records its earlier keys signed would all be refused
    (simulation, seeds 3 and 4: a restored PC's first pull refused an offset the dead PC's push had signed).
    Head office, which checked them when they were pushed, signs them over; only those whose signature
    verifies under one of the terminal's keys: a row altered since is left as it is, and refused.
    Nothing carries the new key's signature yet: an uncertified key's pushes are refused (certify.py)."""
    keys = [
        str(k)
        for k in conn.execute(
            select(terminal_keys.c.public_key).where(terminal_keys.c.terminal_id == terminal_id)
        ).scalars()
    ]

    def genuine(stream: str, row: Mapping[str, Any]) -> bool:
        digest = row_digest(stream, row, terminal_id)
        return any(verify_hash_signature(k, digest, str(row["signature"] or "")) for k in keys)

    sign_rows(conn, lambda t: t.c.signer == terminal_id, HQ, hq, keep=genuine)
    sign_over_hq(conn, terminal_id, keys, hq)
