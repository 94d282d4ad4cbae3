"""A forked terminal's quarantined payment, posted to the books by head office, once (issue 27 part 4).

db/central/push.py keeps a fork's entries in central_quarantine, never counted: the customers who paid the
copy keep owing, with late fees growing. Here a supervisor posts one of them with a reason:

- one `quarantine_post` record on head office's chain (db/central/hq.py) carries the whole entry as the copy
  signed it (app/quarantine.py), with who and why;
- the entry is projected with db/central/project.project, the very function a pushed entry goes through:
  its allocations settle the bills as of the day the customer paid (so the late fee stops where it stopped at
  the counter), a bill another counter already settled sends the surplus to the balance with a
  `double_payment` case, a balance left beside open bills is offset by head office;
- the quarantine row is marked posted (c0015) only where it was not yet: a second posting is refused with
  one sentence and changes nothing;
- the rows it changed are signed with head office's key at the end of the transaction (the counters pull
  them as any other change), so without the key nothing is posted.

Rows are locked as a push locks them (bills, then customers, then the HQ chain), so a posting and a push
wait for each other, never in a circle.

The listing (`held`) also shows which receipt numbers the copy issued that the original issued too: the
copy numbered its receipts from the same counter state, so the same number names two different receipts.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, select, update

from app.clock import business_day, local_text, utc_text
from app.errors import InputError, NotFound, Refused
from app.journal import Entry, Kind
from app.messages import coded
from app.moves import entry_moves
from app.pulled import HQ
from app.quarantine import POSTABLE, QUARANTINE_POST, entry_record
from app.signing import verify_hash_signature
from db.central.case_place import name_settlers
from db.central.engine import guarded
from db.central.hq import append_hq
from db.central.partitions import journal_day, months_ahead
from db.central.project import project
from db.central.project_fast import lock_rows
from db.central.push import row_hash
from db.central.rowsign import sign_written
from db.central.sql import insert_ignore, is_pg, next_txn
from db.central_schema import central_journal, central_quarantine, review_cases

if TYPE_CHECKING:
    from db.central.store import CentralStore

# the kinds that issue a receipt number of their own (a reversal, a reprint, a waiver name another's)
ISSUING = (Kind.PAYMENT, Kind.CARD_PURCHASE, Kind.CARD_REPLACED, Kind.REFUND_PAYOUT)


def fork_case_id(terminal_id: str, public_key: str) -> str:
    """The fork review case a quarantined entry belongs to (db/central/push.py _quarantine)."""
    return f"fork:{terminal_id}:{public_key[:16]}"


@dataclass(frozen=True)
class Twin:
    """An entry in the books that issued the same receipt number as a quarantined one."""

    seq: int
    entry_id: str
    kind: str
    customer_no: str
    amount_fen: int


@dataclass(frozen=True)
class Held:
    """One quarantined entry, as the console and `central quarantine` list it."""

    terminal_id: str
    fingerprint: str
    seq: int
    entry_id: str
    kind: str
    created_at: str
    clerk_id: str
    customer_no: str
    amount_fen: int
    receipt_no: str
    twins: tuple[Twin, ...]  # receipts of the same number in the books: issued twice
    posted_entry_id: str | None
    posted_at: str | None
    posted_by: str | None

    @property
    def case_id(self) -> str:
        return f"fork:{self.terminal_id}:{self.fingerprint}"

    @property
    def postable(self) -> bool:
        return self.kind in POSTABLE and self.posted_entry_id is None


@dataclass(frozen=True)
class Posting:
    record: Entry  # the quarantine_post record on head office's chain
    entry: Entry  # the quarantined entry it posted
    cases: list[dict[str, Any]]  # the review cases the projection opened (a bill settled already, ...)


def _entry(row: Any) -> Entry:
    return Entry(
        row.entry_id,
        row.terminal_id,
        int(row.seq),
        row.kind,
        row.created_at,
        row.clerk_id,
        json.loads(row.payload),
        row.prev_hash,
        row.hash,
        row.signature or "",
    )


def _twins(conn: Connection, terminal_id: str, day: str, receipt_no: str) -> tuple[Twin, ...]:
    """The books' entries of this terminal and day that issued `receipt_no` (the day bounds the search to
    one partition; the LIKE is confirmed on the decoded payload)."""
    c = central_journal.c
    marker = '%"receipt_no":' + json.dumps(receipt_no, ensure_ascii=False) + "%"
    out = []
    for r in conn.execute(
        select(c.seq, c.entry_id, c.kind, c.payload)
        .where(c.terminal_id == terminal_id)
        .where(c.day == day)
        .where(c.kind.in_(ISSUING))
        .where(c.payload.like(marker))
        .order_by(c.seq)
    ):
        p = json.loads(r.payload)
        if p.get("receipt_no") == receipt_no:
            out.append(
                Twin(
                    int(r.seq), r.entry_id, r.kind, str(p.get("customer_no", "")), int(p.get("amount_fen", 0))
                )
            )
    return tuple(out)


def held(conn: Connection, case_id: str | None = None, terminal_id: str | None = None) -> list[Held]:
    """The quarantined entries (of one fork case, or one terminal id), in terminal, key and sequence order."""
    q = central_quarantine.c
    stmt = select(central_quarantine).order_by(q.terminal_id, q.public_key, q.seq)
    if terminal_id is not None:
        stmt = stmt.where(q.terminal_id == terminal_id)
    out = []
    for r in conn.execute(stmt):
        if case_id is not None and fork_case_id(r.terminal_id, r.public_key) != case_id:
            continue
        p = json.loads(r.payload)
        receipt = str(p.get("receipt_no", "")) if r.kind in ISSUING else ""
        twins = _twins(conn, r.terminal_id, journal_day(r.created_at, p), receipt) if receipt else ()
        out.append(
            Held(
                r.terminal_id,
                r.public_key[:16],
                int(r.seq),
                r.entry_id,
                r.kind,
                r.created_at,
                r.clerk_id,
                str(p.get("customer_no", "")),
                int(p.get("amount_fen", 0)),
                receipt,
                twins,
                r.posted_entry_id,
                r.posted_at,
                r.posted_by,
            )
        )
    return out


def _local(utc: str | None) -> str:
    """A stored UTC instant as the Shanghai wall-clock time a supervisor reads."""
    return local_text(dt.datetime.fromisoformat(utc.replace("Z", "+00:00"))) if utc else "—"


def _check(conn: Connection, row: Any, entry_id: str) -> Entry:
    """The quarantined entry, when it may be posted now; else one refusal that says why."""
    if row.posted_entry_id is not None:
        raise coded(
            Refused,
            "quarantine.posted_already",
            entry_id=entry_id,
            posted_at=_local(row.posted_at),
            posted_by=row.posted_by,
        )
    if row.kind not in POSTABLE:
        raise coded(Refused, "quarantine.not_postable", entry_id=entry_id, kind=row.kind)
    # the row is head office's copy of what the fork pushed: it must still be what the copy signed
    if row_hash(row, row.payload) != row.hash or not verify_hash_signature(
        row.public_key, row.hash, row.signature
    ):
        raise coded(Refused, "quarantine.altered", entry_id=entry_id)
    c = central_journal.c
    if conn.execute(select(c.seq).where(c.entry_id == entry_id)).first() is not None:
        raise coded(Refused, "quarantine.in_books", entry_id=entry_id)
    q = central_quarantine.c
    for r in conn.execute(
        select(q.seq, q.payload)
        .where(q.terminal_id == row.terminal_id)
        .where(q.public_key == row.public_key)
        .where(q.kind == Kind.REVERSAL)
    ):
        if json.loads(r.payload).get("original_entry_id") == entry_id:
            raise coded(
                Refused, "quarantine.reversed", entry_id=entry_id, terminal_id=row.terminal_id, seq=int(r.seq)
            )
    return _entry(row)


def post_quarantined(conn: Connection, entry_id: str, actor: str, reason: str, now: str) -> Posting:
    """Inside the caller's transaction (which signs what it wrote); raises, and the caller rolls back, on
    anything it refuses."""
    if not reason.strip():
        raise coded(InputError, "quarantine.reason_needed")
    q = central_quarantine.c
    row = conn.execute(select(central_quarantine).where(q.entry_id == entry_id).with_for_update()).first()
    if row is None:
        raise coded(NotFound, "quarantine.not_found", entry_id=entry_id)
    e = _check(conn, row, entry_id)
    moves = entry_moves(e.kind, e.payload)
    cno = moves.customer_no if moves is not None else str(e.payload.get("customer_no", ""))
    if is_pg(conn):  # a push's lock order: bills and customers before the HQ chain (hq_head's lock)
        lock_rows(conn, [m.bill_id for m in moves.bills] if moves is not None else [], [cno])
    today = business_day(dt.datetime.fromisoformat(now.replace("Z", "+00:00"))).isoformat()
    record = append_hq(
        conn,
        QUARANTINE_POST,
        {
            "posted": entry_record(e),
            "public_key": row.public_key,
            "case_id": fork_case_id(e.terminal_id, row.public_key),
            "terminal_id": e.terminal_id,
            "entry_id": e.entry_id,
            "seq": e.seq,
            "customer_no": cno,
            "amount_fen": int(e.payload.get("amount_fen", 0)),
            "receipt_no": str(e.payload.get("receipt_no", "")),
            "decided_by": actor,
            "reason": reason.strip(),
            "business_day": today,
        },
        now,
    )
    cases = name_settlers(conn, project(conn, [e], now))
    note = (
        f"（此笔为终端 {e.terminal_id} 副本（密钥 {row.public_key[:16]}）的隔离流水，"
        f"由 {actor} 于总部入账，总部记录第 {record.seq} 笔。）"
    )
    cases = [{**c, "detail": c["detail"] + note} for c in cases]
    insert_ignore(conn, review_cases, cases, ["case_id"])
    done = conn.execute(
        update(central_quarantine)
        .where(q.entry_id == entry_id)
        .where(q.posted_entry_id.is_(None))
        .values(posted_entry_id=record.entry_id, posted_at=now, posted_by=actor[:32])
    )
    if done.rowcount != 1:
        raise coded(Refused, "quarantine.raced", entry_id=entry_id)
    return Posting(record, e, cases)


def post_entry(store: CentralStore, entry_id: str, actor: str, reason: str) -> Posting:
    """One posting, one transaction, signed with head office's key (refused without it: counters refuse
    unsigned rows, so posting without the key would leave the hall unable to pull)."""
    if store.hq is None:
        raise coded(Refused, "central.hq_key_missing", env="HALLPAY_HQ_KEY")
    now = store.clock.now_utc()
    if store.partitions is not None:  # head office's record is filed under today; an offset it causes under
        # the day the customer paid, whose month may be older
        with guarded(), store.engine.connect() as conn:
            row = conn.execute(
                select(central_quarantine.c.created_at, central_quarantine.c.payload).where(
                    central_quarantine.c.entry_id == entry_id
                )
            ).first()
            conn.rollback()
        paid = [journal_day(row.created_at, json.loads(row.payload))[:7]] if row is not None else []
        with guarded():
            store.partitions.ensure([*months_ahead(business_day(now), 0), *paid])
    with guarded(), store.engine.begin() as conn:
        mark = next_txn(conn)
        posting = post_quarantined(conn, entry_id, actor, reason, utc_text(now))
        sign_written(conn, mark, HQ, store.hq)
    return posting


def held_entries(store: CentralStore, case_id: str | None = None) -> list[Held]:
    """`held` on a read of the store (never the embedded ledger's write lock)."""
    with guarded(), store.engine.connect().execution_options(hallpay_write=False) as conn:
        try:
            return held(conn, case_id)
        finally:
            conn.rollback()
