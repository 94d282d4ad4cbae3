"""One projector folds what the pushes appended into head office's books (issue 29).

A push only appends (db/central/push.py): its entries, and one central_appended row naming the run. The
projector takes the entries not yet folded — per terminal, every sequence number above its position in
central_projection, so a push that commits late is never skipped — in the order they were appended
(central_appended.pos, then terminal, then seq), folds them through the same load → pure fold → write as
before (db/central/project.py over app/central_fold.py), and in the same transaction moves each terminal's
position: a projector killed between batches resumes at the last committed one, and none is folded twice.

Exactly one projector works on a ledger at a time: on PostgreSQL each batch's transaction takes the advisory
lock PROJECTOR_LOCK first (a second projector waits for it, bounded by the link limits' lock timeout); on the
embedded SQLite ledger the write transaction is the lock. Pushes take neither, so they never wait for it.

Two modes (CentralStore, projector=…): "service", pushes only append and head office runs `central project`,
which signs what it folds with head office's key; "inline" (the embedded ledger, a small hall), each push folds
what is pending inside its own transaction (project_in), signed as the push signs (the counter's certified key),
so the append and the books commit together: a cut link never leaves an acknowledged entry out of the books.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, func, select, text, update

from app.journal import Entry
from app.signing import Signer
from db.central.case_place import name_settlers
from db.central.clerk_pins import project_pins
from db.central.project import project
from db.central.refunds import project_payouts
from db.central.rowsign import sign_written
from db.central.sql import entry_of, insert_ignore, is_pg, next_txn, no_cycle_collection
from db.central_schema import (
    central_appended,
    central_applied,
    central_journal,
    central_projection,
    review_cases,
)
from db.central_schema import terminals as terminals_t

PROJECTOR_LOCK = 72010012  # pg_advisory_xact_lock's key: one projector per ledger
# entries folded per transaction: a batch's fixed cost (signing and checking the rows it touched, the round
# trips) is paid once per batch, so on a hall's few thousand busy customers a bigger batch is cheaper per entry;
# 20,000 entries hold about 60 MB of Python objects (bench/projector_bench.py measures both)
BATCH = 20_000


@dataclass
class ProjectorRun:
    """What one project_pending call did: entries folded, the review cases it opened (rows), how many
    batches (transactions) it committed, and the ledger's position after it (central_applied.pos)."""

    applied: int = 0
    cases: list[dict[str, Any]] = field(default_factory=list)
    batches: int = 0
    position: int = 0

    def add(self, done: tuple[int, list[dict[str, Any]], int]) -> None:
        """One batch of fold_pending: (entries, cases, position after it)."""
        self.applied += done[0]
        self.cases += done[1]
        self.position = done[2]
        self.batches += 1


def _lock(conn: Connection) -> None:
    if is_pg(conn):
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PROJECTOR_LOCK})


def pending_runs(conn: Connection, limit: int) -> list[tuple[str, int, int]]:
    """(terminal, first seq, last seq) of the entries not yet folded, in append order, at most about `limit`
    entries (a run longer than what is left is cut: the rest is the next batch's)."""
    a, p = central_appended.c, central_projection.c
    applied = func.coalesce(p.applied_seq, 0)
    rows = conn.execute(
        select(a.pos, a.terminal_id, a.from_seq, a.to_seq, applied.label("applied"))
        .select_from(central_appended.outerjoin(central_projection, p.terminal_id == a.terminal_id))
        .where(a.to_seq > applied)
        .order_by(a.pos)
        .limit(max(1, limit))
    ).all()
    runs: list[tuple[str, int, int]] = []
    taken: dict[str, int] = {}
    left = limit
    for r in rows:
        if left <= 0:
            break
        lo = max(int(r.from_seq), taken.get(r.terminal_id, int(r.applied)) + 1)
        hi = min(int(r.to_seq), lo + left - 1)
        if hi < lo:
            continue
        runs.append((r.terminal_id, lo, hi))
        taken[r.terminal_id] = hi
        left -= hi - lo + 1
    return runs


def _entries(
    conn: Connection, runs: Sequence[tuple[str, int, int]], known: Mapping[tuple[str, int], Entry]
) -> list[Entry]:
    """The runs' entries, in the runs' order and each run by seq: those `known` (a push's own, checked
    against their hashes as they were appended) as given, the rest read back (one read per terminal)."""
    j = central_journal.c
    spans: dict[str, tuple[int, int]] = {}
    for t, lo, hi in runs:
        if all((t, s) in known for s in range(lo, hi + 1)):
            continue
        a, b = spans.get(t, (lo, hi))
        spans[t] = (min(a, lo), max(b, hi))
    stored: dict[tuple[str, int], Entry] = dict(known)
    for t, (lo, hi) in sorted(spans.items()):
        for r in conn.execute(
            select(central_journal).where(j.terminal_id == t).where(j.seq >= lo).where(j.seq <= hi)
        ):
            stored[(t, int(r.seq))] = entry_of(r)
    return [stored[(t, s)] for t, lo, hi in runs for s in range(lo, hi + 1)]


def _fold_batch(
    conn: Connection, runs: list[tuple[str, int, int]], now: str, known: Mapping[tuple[str, int], Entry]
) -> tuple[int, list[dict[str, Any]], int]:
    """Fold one batch's runs inside the caller's transaction; (entries, cases, position)."""
    entries = _entries(conn, runs, known)
    cases = project(conn, entries, now)
    by_terminal: dict[str, list[Entry]] = {}
    for e in entries:
        by_terminal.setdefault(e.terminal_id, []).append(e)
    for t, mine in sorted(by_terminal.items()):
        cases += project_pins(conn, t, mine, now)
    # refunds paid at the counters, across terminals in the batch's order: the order the ledger records
    project_payouts(conn, entries, now)
    cases = name_settlers(conn, cases)  # a double payment names who settled the bill (case_place.py)
    insert_ignore(conn, review_cases, cases, ["case_id"])
    position = int(conn.execute(select(func.coalesce(func.max(central_applied.c.pos), 0))).scalar_one())
    last: dict[str, int] = {}
    for t, _lo, hi in runs:
        last[t] = hi
    insert_ignore(
        conn,
        central_projection,
        [{"terminal_id": t, "applied_seq": 0, "position": 0, "applied_at": ""} for t in sorted(last)],
        ["terminal_id"],
    )
    p, a = central_projection.c, central_appended.c
    moved = [{"t_id": t, "t_hi": hi} for t, hi in sorted(last.items())]  # one statement each, every terminal
    conn.execute(
        update(central_projection)
        .where(p.terminal_id == bindparam("t_id"))
        .values(applied_seq=bindparam("t_hi"), position=position, applied_at=now),
        moved,
    )
    # a run wholly folded is done with (central_applied keeps the order it was folded in): the table
    # holds what is pending, so finding it stays one short scan however long the ledger runs
    conn.execute(
        delete(central_appended)
        .where(a.terminal_id == bindparam("t_id"))
        .where(a.to_seq <= bindparam("t_hi")),
        moved,
    )
    return len(entries), cases, position


def fold_pending(
    conn: Connection,
    *,
    now: str,
    signer: tuple[str, Signer | None],
    batch: int = BATCH,
    known: Mapping[tuple[str, int], Entry] | None = None,
) -> tuple[int, list[dict[str, Any]], int] | None:
    """One batch inside the caller's transaction: take the projector's lock, fold up to `batch` pending
    entries, sign what was written; (entries, cases, position), or None when nothing was pending."""
    _lock(conn)
    runs = pending_runs(conn, batch)
    if not runs:
        return None
    mark = next_txn(conn)
    with no_cycle_collection():
        done = _fold_batch(conn, runs, now, known or {})
        sign_written(conn, mark, *signer)
    return done


def project_in(
    conn: Connection,
    *,
    now: str,
    signer: tuple[str, Signer | None],
    batch: int = BATCH,
    known: Sequence[Entry] = (),
) -> ProjectorRun:
    """Fold everything pending inside the caller's transaction (a push in inline mode: the append and the
    books commit together, or neither does); `known`: the push's own entries, not read back."""
    run = ProjectorRun()
    mine = {(e.terminal_id, e.seq): e for e in known}
    while (done := fold_pending(conn, now=now, signer=signer, batch=batch, known=mine)) is not None:
        run.add(done)
    return run


def project_pending(
    engine: Engine,
    *,
    now: str,
    signer: tuple[str, Signer | None],
    batch: int = BATCH,
    max_batches: int | None = None,
) -> ProjectorRun:
    """Fold every appended entry not yet folded, one transaction per `batch` entries, until none is left (or
    `max_batches` committed); each batch signs the rows it wrote with `signer` (id, key; no key: unsigned)."""
    run = ProjectorRun()
    while max_batches is None or run.batches < max_batches:
        with engine.begin() as conn:
            done = fold_pending(conn, now=now, signer=signer, batch=batch)
            if done is None:
                run.position = position_of(conn)
                break
        run.add(done)
    return run


def position_of(conn: Connection) -> int:
    """The ledger's projected position: central_applied.pos of the last batch folded (0: none yet)."""
    found = conn.execute(select(func.max(central_projection.c.position))).scalar()
    return int(found or 0)


def pending_from(conn: Connection) -> dict[str, int]:
    """Each terminal's first sequence number the projector has not folded yet (a pushing terminal; head
    office's own HQ chain is written in the books' transactions and is never pending)."""
    t, p = terminals_t.c, central_projection.c
    rows = conn.execute(
        select(t.terminal_id, func.coalesce(p.applied_seq, 0)).select_from(
            terminals_t.outerjoin(central_projection, p.terminal_id == t.terminal_id)
        )
    ).all()
    return {str(tid): int(seq) + 1 for tid, seq in rows}


def pending_count(conn: Connection) -> int:
    """Entries acknowledged to the counters and not yet folded (the projector's lag)."""
    t, p = terminals_t.c, central_projection.c
    found = conn.execute(
        select(func.coalesce(func.sum(t.ack_seq - func.coalesce(p.applied_seq, 0)), 0)).select_from(
            terminals_t.outerjoin(central_projection, p.terminal_id == t.terminal_id)
        )
    ).scalar_one()
    return int(found)
