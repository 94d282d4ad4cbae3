"""One pushed batch, inside one central transaction: check and append, nothing else (issue 29).

The terminal's row is locked first (pushes of one terminal are serial; different terminals run in
parallel). Entries at or below the acknowledgement are compared with what is stored: identical is a
duplicate and changes nothing; different is an alarm, never an overwrite. New entries must continue
the sequence and the hash chain exactly; the first one that does not stops the batch, is recorded as
an alarm, and nothing after it is taken. Once the terminal has a registered Ed25519 public key (its
first push registers the key it offers), every new entry's signature over its hash must verify; one
that does not is an alarm too, and the signature is stored with the entry (the checks:
db/central/push_checks.py). A second machine under the terminal's id goes to the quarantine.

The accepted entries are appended (COPY on PostgreSQL) with one central_appended row naming them, and the
acknowledgement moves. No bill, customer or other pulled row is read for update or written here: the
projector (db/central/projector.py) folds what was appended into the books, one at a time per ledger.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select, update

from app.journal import Entry, Kind
from app.messages import message
from app.signing import verify_hash_signature
from app.sync import Ack, Problem, PushReport
from db.central.certify import certified, uncertified_refusal
from db.central.heads import record_head
from db.central.partitions import journal_day, shift_of
from db.central.push_checks import (  # noqa: F401  (the hashes and _key_for: re-exported, bench and tests use them)
    TAIL_CHECK,
    _alarm,
    _canon,
    _check_ids,
    _check_new,
    _check_old,
    _check_stored_tail,
    _clash_alarm,
    _key_for,
    _key_refusal,
    _key_states,
    _q,
    body_hash,
    payload_text,
    row_hash,
    tail_problem,
)
from db.central.push_pg import lock_and_read
from db.central.rowcheck import TAMPERED
from db.central.sql import in_values, insert_ignore, is_pg, next_txn  # noqa: F401  (next_txn: re-exported)
from db.central.stage import Acked, copy_and_ack
from db.central_schema import (
    central_appended,
    central_journal,
    central_quarantine,
    review_cases,
    terminal_keys,
)
from db.central_schema import terminals as terminals_t

_in = in_values  # the names this module has always offered
_pg = is_pg


@dataclass(frozen=True)
class Locked:
    ack: Ack
    key: str | None  # the registered public key (after a first push's registration)
    hall_id: str | None
    cert: str | None


def _lock_terminal(conn: Connection, terminal_id: str, hall_name: str, public_key: str) -> Locked:
    """Lock the terminal's row; its acknowledgement and registered public key. A terminal's first push
    that offers a key registers it (trust on first use), unless head office provisioned the terminal
    (`central terminal add`: its key is registered by `terminal init`); a registered key is never
    replaced here (a re-key is db/central/admin.register_key). The row is created only when missing (one
    round trip for a known terminal)."""
    t = terminals_t.c
    lock = (
        select(t.ack_seq, t.ack_hash, t.public_key, t.hall_id, t.cert)
        .where(t.terminal_id == terminal_id)
        .with_for_update()
    )
    row = conn.execute(lock).first()
    if row is None:
        insert_ignore(
            conn, terminals_t, [{"terminal_id": terminal_id, "hall_name": hall_name}], ["terminal_id"]
        )
        row = conn.execute(lock).one()
    key = row.public_key
    if not key and public_key and not row.hall_id:
        conn.execute(update(terminals_t).where(t.terminal_id == terminal_id).values(public_key=public_key))
        insert_ignore(
            conn,
            terminal_keys,
            [
                {
                    "terminal_id": terminal_id,
                    "public_key": public_key,
                    "fingerprint": public_key[:16],
                    "state": "active",
                    "from_seq": 1,
                    "registered_at": "",
                }
            ],
            ["terminal_id", "public_key"],
        )
        key = public_key
    return Locked(Ack(int(row.ack_seq), row.ack_hash), key or None, row.hall_id, row.cert)


def journal_row(e: Entry, now: str, day: str | None = None) -> tuple[Any, ...]:
    """The central journal row of an entry, in db/central/stage.JOURNAL_COLS' order (for COPY); `day`: its
    journal_day when the caller has it already."""
    return (
        e.entry_id,
        e.terminal_id,
        e.seq,
        e.kind,
        e.created_at,
        e.clerk_id,
        payload_text(e),
        e.prev_hash,
        e.hash,
        now,
        e.signature or None,
        day or journal_day(e.created_at, e.payload),
        shift_of(e.payload),
    )


def _row(e: Entry, now: str) -> dict[str, Any]:
    return {
        "entry_id": e.entry_id,
        "terminal_id": e.terminal_id,
        "seq": e.seq,
        "kind": e.kind,
        "created_at": e.created_at,
        "clerk_id": e.clerk_id,
        "payload": payload_text(e),
        "prev_hash": e.prev_hash,
        "hash": e.hash,
        "received_at": now,
        "signature": e.signature or None,
        "day": journal_day(e.created_at, e.payload),
        "shift_id": shift_of(e.payload),
    }


def _store_entries(
    conn: Connection,
    terminal_id: str,
    accepted: list[Entry],
    now: str,
    acked: Acked | None = None,
    days: Mapping[int, str] | None = None,
    stored_ids: frozenset[str] | None = None,
) -> tuple[list[Entry], list[Problem]]:
    """Store the accepted entries, up to the first whose UUID is already stored under another (terminal, seq)
    (an alarm, never a second row). PostgreSQL (`acked`, with `stored_ids` read under the terminal's lock):
    COPY and one statement for the central_appended row, the acknowledgement and the reported head
    (db/central/stage.py). SQLite: plain INSERTs; the caller writes what follows."""
    if not accepted:
        return accepted, []
    if acked is not None and stored_ids is not None:
        cut = next((i for i, e in enumerate(accepted) if e.entry_id in stored_ids), len(accepted))
        taken = accepted[:cut]
        if taken:
            day = days or {}
            copy_and_ack(conn, [journal_row(e, now, day.get(e.seq)) for e in taken], acked)
        return taken, ([] if cut == len(accepted) else [_clash_alarm(terminal_id, accepted[cut])])
    taken, problems = _check_ids(conn, terminal_id, accepted)
    if taken:
        conn.execute(central_journal.insert(), [_row(e, now) for e in taken])
    return taken, problems


def _quarantine(
    conn: Connection,
    terminal_id: str,
    public_key: str,
    entries: Sequence[Entry],
    now: str,
    same_key: bool = False,
) -> PushReport:
    """A fork: a second machine pushes under a terminal id whose registered key is another's, or (same_key)
    an old copy of this machine's own store (a disk image) took money under sequence numbers head office
    already holds. The entries (each signed by the key that pushes them, hash intact) are kept in
    central_quarantine, once per entry id, never counted; one review case per key carries their money."""
    fp = public_key[:16]
    good = [
        e
        for e in sorted(entries, key=lambda e: e.seq)
        if body_hash(e) == e.hash and verify_hash_signature(public_key, e.hash, e.signature or "")
    ]
    insert_ignore(
        conn,
        central_quarantine,
        [
            {
                "terminal_id": terminal_id,
                "public_key": public_key,
                "seq": e.seq,
                "entry_id": e.entry_id,
                "kind": e.kind,
                "created_at": e.created_at,
                "clerk_id": e.clerk_id,
                "payload": payload_text(e),
                "prev_hash": e.prev_hash,
                "hash": e.hash,
                "signature": e.signature,
                "received_at": now,
            }
            for e in good
        ],
        ["entry_id"],
    )
    q = central_quarantine.c
    rows = conn.execute(
        select(q.kind, q.payload).where(q.terminal_id == terminal_id).where(q.public_key == public_key)
    ).all()
    held = len(rows)
    money = sum(
        int(json.loads(r.payload).get("amount_fen", 0))
        for r in rows
        if r.kind in (Kind.PAYMENT, Kind.CARD_PURCHASE)
    )
    code = "sync.fork_stale_copy" if same_key else "sync.fork_two_pcs"
    params: dict[str, Any] = {"terminal_id": terminal_id, "held": held, "money_fen": money}
    if not same_key:
        params["fingerprint"] = fp
    reason = message(code, **params)
    first = good[0] if good else sorted(entries, key=lambda e: e.seq)[0]
    case = {
        "case_id": f"fork:{terminal_id}:{fp}",
        "kind": "fork",
        "terminal_id": terminal_id,
        "seq": first.seq,
        "entry_id": first.entry_id,
        "customer_no": None,
        "bill_id": None,
        "amount_fen": money,
        "fee_fen": 0,
        "detail": reason,
        "created_at": now,
    }
    insert_ignore(conn, review_cases, [case], ["case_id"])
    conn.execute(
        update(review_cases)
        .where(review_cases.c.case_id == case["case_id"])
        .values(amount_fen=money, detail=reason)
    )
    ack = conn.execute(
        select(terminals_t.c.ack_seq, terminals_t.c.ack_hash).where(terminals_t.c.terminal_id == terminal_id)
    ).one()
    return PushReport(
        0,
        0,
        Ack(int(ack.ack_seq), ack.ack_hash),
        (Problem("fork", terminal_id, first.seq, first.entry_id, reason, code, params),),
        1,
    )


def _record_alarms(conn: Connection, terminal_id: str, alarms: list[Problem], now: str) -> None:
    insert_ignore(
        conn,
        review_cases,
        [
            {
                "case_id": f"{a.kind}:{terminal_id}:{a.seq}:{a.entry_id}",
                "kind": a.kind,
                "terminal_id": terminal_id,
                "seq": a.seq,
                "entry_id": a.entry_id,
                "customer_no": None,
                "bill_id": None,
                "amount_fen": 0,
                "detail": a.reason,
                "created_at": now,
            }
            for a in alarms
        ],
        ["case_id"],
    )


def push_batch(
    conn: Connection,
    terminal_id: str,
    hall_name: str,
    entries: Sequence[Entry],
    now: str,
    public_key: str = "",
    head_seq: int | None = None,
    days: Mapping[int, str] | None = None,
) -> PushReport:
    """Inside the caller's transaction. The returned ack is what this transaction wrote.

    With a registered public key (or `public_key` registered now) new entries' signatures must verify
    (app/signing's rule: each key run's last entry); one that does not is an alarm and nothing from it on is
    stored. A push that offers another key than the registered one comes from a second machine with the same
    terminal id: its entries go to the quarantine (never counted) with a `fork` alarm and review case.
    `head_seq`, the counter's own last sequence number, is recorded (db/central/heads.py); `days`: each
    entry's journal_day by seq, when the caller computed them already."""
    report, head_done = _push(conn, terminal_id, hall_name, entries, now, public_key, head_seq, days)
    if head_seq is not None and not head_done:
        record_head(conn, terminal_id, head_seq, now)
    return report


def _push(
    conn: Connection,
    terminal_id: str,
    hall_name: str,
    entries: Sequence[Entry],
    now: str,
    public_key: str,
    head_seq: int | None,
    days: Mapping[int, str] | None,
) -> tuple[PushReport, bool]:
    ordered = sorted(entries, key=lambda e: e.seq)
    pg = _pg(conn)
    ids = [e.entry_id for e in ordered]
    # PostgreSQL: the lock and every read in one round trip (db/central/push_pg.py); a terminal head office
    # has no row for yet, or a first push registering its key, takes the plain lock first
    state = lock_and_read(conn, terminal_id, ids) if pg and entries else None
    if state is None or not (state.public_key or not public_key or state.hall_id):
        locked = _lock_terminal(conn, terminal_id, hall_name, public_key)
        state = lock_and_read(conn, terminal_id, ids) if pg and entries else None
    if state is not None:
        ack, key = Ack(state.ack_seq, state.ack_hash), state.public_key or None
        states, stored_ids = state.states, state.stored_ids
        cert_ok = certified(state.hq_key, terminal_id, key or "", state.cert) if state.hall_id else None
        known: tuple[str | None, bool | None] | None = (state.hall_id, cert_ok)
        tail: list[Any] | None = state.tail
    else:  # the embedded SQLite ledger: plain statements
        ack, key = locked.ack, locked.key
        states, stored_ids, known, tail = _key_states(conn, terminal_id), None, None, None
    needs_tail = ack.seq > 0 and any(e.seq > ack.seq for e in ordered)
    refused = _key_refusal(terminal_id, public_key, key, states, entries)
    refused = refused or uncertified_refusal(conn, terminal_id, public_key, entries, known)
    if refused is not None:
        _record_alarms(conn, terminal_id, [refused], now)
        return PushReport(0, 0, ack, (refused,), 0), False
    key_for = _key_for(states, key)
    if key is not None and public_key and public_key != key and entries:
        return _quarantine(conn, terminal_id, public_key, entries, now), False
    if not needs_tail:
        broken = None
    elif tail is not None:
        broken = tail_problem(tail, terminal_id, ack, key, key_for)
    else:
        broken = _check_stored_tail(conn, terminal_id, ack, key, key_for)
    if broken is not None:
        _record_alarms(conn, terminal_id, [broken], now)
        return PushReport(0, 0, ack, (broken,), 0), False
    old = [e for e in ordered if e.seq <= ack.seq]
    new = [e for e in ordered if e.seq > ack.seq]
    duplicates, alarms = _check_old(conn, terminal_id, old) if old else (0, [])
    if alarms and key is not None and public_key in ("", key):
        changed = [e for e in ordered if e.seq >= alarms[0].seq]
        first = changed[0]
        if body_hash(first) == first.hash and verify_hash_signature(key, first.hash, first.signature or ""):
            return _quarantine(
                conn, terminal_id, key, changed, now, same_key=True
            ), False  # signed here: an old copy
    accepted: list[Entry] = []
    folded = False
    if not alarms:
        accepted, alarms = _check_new(terminal_id, ack, new, key, key_for)
        # on PostgreSQL the append's own statement writes what follows it (stage.Acked)
        acked = Acked(terminal_id, now, head_seq) if stored_ids is not None else None
        accepted, more = _store_entries(conn, terminal_id, accepted, now, acked, days, stored_ids)
        alarms = alarms or more
        folded = acked is not None and bool(accepted)
    if accepted:
        ack = Ack(accepted[-1].seq, accepted[-1].hash)
        if not folded:
            conn.execute(
                insert(central_appended).values(
                    terminal_id=terminal_id, from_seq=accepted[0].seq, to_seq=accepted[-1].seq
                )
            )
            conn.execute(
                update(terminals_t)
                .where(terminals_t.c.terminal_id == terminal_id)
                .values(ack_seq=ack.seq, ack_hash=ack.hash, last_push_at=now)
            )
    _record_alarms(conn, terminal_id, list(alarms), now)  # none: no statement
    return PushReport(len(accepted), duplicates, ack, tuple(alarms), 0), folded and head_seq is not None


def appended(entries: Sequence[Entry], report: PushReport) -> list[Entry]:
    """The entries a push appended, as its checks took them: in seq order the first of each seq from the old
    acknowledgement on (a second entry under one seq was an alarm, never stored)."""
    start = report.ack.seq - report.accepted
    taken: dict[int, Entry] = {}
    for e in sorted(entries, key=lambda e: e.seq):
        if start < e.seq <= report.ack.seq:
            taken.setdefault(e.seq, e)
    return list(taken.values())


def held_alarms(terminal_id: str, cases: list[dict[str, Any]]) -> list[Problem]:
    """One alarm per customer whose entries (of this terminal) the projector could not book
    (db/central/rowcheck.py): stored and acknowledged, each already a review case; the counter is told."""
    cases = [c for c in cases if c["kind"] == TAMPERED and c["terminal_id"] == terminal_id]
    by_customer: dict[str, list[dict[str, Any]]] = {}
    for c in cases:
        by_customer.setdefault(str(c["customer_no"]), []).append(c)
    return [
        Problem.coded(
            TAMPERED,
            terminal_id,
            int(held[0]["seq"]),
            str(held[0]["entry_id"]),
            "sync.tampered_row",
            customer_no=cno,
            held=len(held),
            money_fen=sum(int(c["amount_fen"]) for c in held),
        )
        for cno, held in sorted(by_customer.items())
    ]
