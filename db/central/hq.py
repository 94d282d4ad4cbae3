"""Head office's own chain in the central journal (terminal id HQ): the records the central ledger makes by
itself (prepaid offsets of bills it issues or of balances a push credited, adjustments when billing corrects
an issued bill). Append-only and hash-chained like a counter's journal. HQ is no counter: it has no row in
`terminals` and never pushes.

Each record is signed (c0008, central_hq_signatures) by whoever's transaction wrote it, at the end of that
transaction (db/central/rowsign.sign_written): head office with its key, or the counter whose push made an
offset, with its certified key. The records a transaction appended are remembered on its connection until
then, so a transaction signs only what it wrote itself, never a record someone slipped onto the chain."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, select, text, update

from app.journal import GENESIS_HASH, Entry, new_entry
from app.signing import Signer, verify_hash_signature
from db.central.partitions import journal_day, shift_of
from db.central.sql import in_values, insert_ignore, is_pg
from db.central_schema import central_hq_signatures, central_journal

HQ = "HQ"
_APPENDED = "hallpay.hq_appended"  # Connection.info: the HQ records this transaction appended, to sign


def hq_head(conn: Connection) -> tuple[int, str]:
    """The HQ chain's last seq and hash; on PostgreSQL also the lock that keeps it one chain (no gaps,
    no forks) until the caller's transaction ends."""
    if is_pg(conn):
        conn.execute(text("SELECT pg_advisory_xact_lock(72010018)"))
    c = central_journal.c
    row = conn.execute(
        select(c.seq, c.hash).where(c.terminal_id == HQ).order_by(c.seq.desc()).limit(1)
    ).first()
    return (int(row.seq), row.hash) if row else (0, GENESIS_HASH)


def append_hq(conn: Connection, kind: str, payload: dict[str, Any], now: str) -> Entry:
    """One record at the end of the HQ chain, inside the caller's transaction."""
    seq, prev = hq_head(conn)
    e = new_entry(
        terminal_id=HQ, seq=seq + 1, kind=kind, created_at=now, clerk_id=HQ, payload=payload, prev_hash=prev
    )
    conn.execute(
        central_journal.insert().values(
            entry_id=e.entry_id,
            terminal_id=HQ,
            seq=e.seq,
            kind=e.kind,
            created_at=e.created_at,
            clerk_id=HQ,
            payload=json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False),
            prev_hash=e.prev_hash,
            hash=e.hash,
            received_at=now,
            signature=None,
            day=journal_day(now, payload),
            shift_id=shift_of(payload),
        )
    )
    conn.info.setdefault(_APPENDED, []).append(e)
    return e


def sign_appended(conn: Connection, signer_id: str, signer: Signer | None) -> None:
    """Sign the HQ records this transaction appended (none stay pending on the connection). A record of a
    transaction that rolled back is gone from the journal and is skipped; with no signer nothing is signed
    and counters refuse the records (app.pulled.hq_entry_problem)."""
    appended: list[Entry] = conn.info.pop(_APPENDED, [])
    if not appended or signer is None:
        return
    c = central_journal.c
    there = {
        r.entry_id: r.hash
        for r in conn.execute(
            select(c.entry_id, c.hash).where(in_values(conn, c.entry_id, [e.entry_id for e in appended]))
        )
    }
    insert_ignore(
        conn,
        central_hq_signatures,
        [
            {"entry_id": e.entry_id, "seq": e.seq, "signer": signer_id, "signature": signer.sign_hash(e.hash)}
            for e in appended
            if there.get(e.entry_id) == e.hash
        ],
        ["entry_id"],
    )


def sign_unsigned_hq(conn: Connection, hq: Signer) -> None:
    """Head office signs the HQ records nobody signed yet (a ledger upgraded to c0008)."""
    c, s = central_journal.c, central_hq_signatures.c
    rows = conn.execute(
        select(c.entry_id, c.seq, c.hash)
        .where(c.terminal_id == HQ)
        .where(c.entry_id.not_in(select(s.entry_id)))
    ).all()
    insert_ignore(
        conn,
        central_hq_signatures,
        [
            {"entry_id": r.entry_id, "seq": int(r.seq), "signer": HQ, "signature": hq.sign_hash(r.hash)}
            for r in rows
        ],
        ["entry_id"],
    )


def sign_over_hq(conn: Connection, signer_id: str, keys: Sequence[str], hq: Signer) -> None:
    """Head office signs over the HQ records `signer_id` signed with one of `keys` (rowsign.sign_over);
    a record whose signature none of them verifies is left as it is (counters refuse it: IT looks)."""
    c, s = central_journal.c, central_hq_signatures.c
    rows = conn.execute(
        select(s.entry_id, s.signature, c.hash)
        .select_from(central_hq_signatures.join(central_journal, c.entry_id == s.entry_id))
        .where(s.signer == signer_id)
    ).all()
    genuine = [r for r in rows if any(verify_hash_signature(k, r.hash, r.signature) for k in keys)]
    if genuine:
        conn.execute(
            update(central_hq_signatures)
            .where(s.entry_id == bindparam("k"))
            .values(signer=HQ, signature=bindparam("sig")),
            [{"k": r.entry_id, "sig": hq.sign_hash(r.hash)} for r in genuine],
        )
