"""The `cards.<terminal>` pull pages (issue 26, defect 5): the card writes each counter still owes, so the
hall's other counters do not sell the same purchase count again onto a card one purchase behind.

Derived from head office's journal alone (a push only appends it): a card_purchase is owed until the same
counter's card_written or reversal names its receipt. Each counter's entries are read by the journal's
(terminal_id, seq) key, from the pulling counter's cursor for that counter (`pull.cards.<terminal>`) up to the
counter's acknowledgement in this snapshot, so a pull reads only what was appended since the last one. Within
that range a purchase finished in the same range is not sent at all: a counter's first pull gets the writes
owed now and the finishes of nothing.

On PostgreSQL every counter's range is read by one statement (the journal joined to the ranges passed as
arrays, streamed in (counter, seq) order): a province has ~2,000 counters, each with new entries during the
day, and one query per counter made each pull ~2,000 round trips. A first pull (cursor 0 for a counter, also
after a restore) reads only the journal's days of the last FIRST_PULL_DAYS (the monthly partitions before
them are pruned): a purchase owed longer than that is head office's to review, not a counter's to refuse. The
page's cursor is still the counter's acknowledgement, so the next pull starts above it, and a finish read in
the window for a purchase before it is a `done` row for a write the pulling counter never held (it deletes
nothing). The embedded SQLite ledger (one hall, a few counters) reads range by range and whole.

Measured (card_pull_bench.py: PostgreSQL 15, 2 % card purchases, days over 24 months; best of 3, one query
per counter -> one statement; machine load 3.0-3.5 on 2 shared cores):
  20 counters x 100,000: nothing new 0.7 -> 0.7 ms, 100 new each 40 -> 5.2 ms, 5,000 new each 80 -> 49 ms,
  first pull 2.39 s -> 0.46 s (the last 400 days: 13 of 24 months read)
  500 counters x 2,000: nothing new 1.4 -> 1.4 ms, 100 new each 998 -> 149 ms, first pull 1.63 -> 0.21 s
  2,000 counters x 500 (load 4-6): nothing new 4.5 -> 4.1 ms, 100 new each 3.96 -> 0.25 s, first 4.54 -> 0.16 s
A later pull still probes every monthly partition's index once per counter (a backlog may be filed under any
day): ~11 us a probe, so 2,000 counters over a year's partitions is some 0.3 s a pull.

The rows are not signed: a forged `owed` row only refuses a sale (no money moves), a dropped one is the old
defect (the counter sells over the owed write, the owing counter's 补写卡 refuses: `card.pending_conflict`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from sqlalchemy import BindParameter, Connection, bindparam, select, text
from sqlalchemy.dialects import postgresql

from app.clock import business_day, clock_from_env
from app.journal import Kind
from app.sync import PullPage
from db.central.sql import is_pg
from db.central_schema import central_journal
from db.central_schema import terminals as terminals_t

CARDS_STREAM = "cards"  # pages and cursors are named cards.<terminal id>
OWED, DONE = "owed", "done"
KINDS = (Kind.CARD_PURCHASE, Kind.CARD_WRITTEN, Kind.REVERSAL)
BATCH = 2000  # rows fetched at a time while the ranges are read
# How far back a counter's first pull reads a counter's journal (by the rows' business `day`). A year and a
# month: a write owed longer than that is for head office's review (docs/guide.md), and the bound lets
# PostgreSQL skip the older monthly partitions of a province's journal (~100M entries a year).
FIRST_PULL_DAYS = 400


class Range(NamedTuple):
    """A counter's entries a pull reads: seq in (after, upto]; `upto` is the page's cursor."""

    terminal_id: str
    after: int
    upto: int


def card_pages(conn: Connection, cursors: Mapping[str, int], since: str | None = None) -> Iterator[PullPage]:
    """One page per counter with card entries appended since the pulling counter's cursor for it. `since`:
    the first day a first pull reads; by default FIRST_PULL_DAYS before today on PostgreSQL, none on SQLite."""
    t = terminals_t.c
    ranges = [
        Range(str(tid), int(cursors.get(f"{CARDS_STREAM}.{tid}", 0)), int(ack))
        for tid, ack in conn.execute(
            select(t.terminal_id, t.ack_seq).where(t.ack_seq > 0).order_by(t.terminal_id)
        )
    ]
    ranges = [r for r in ranges if r.after < r.upto]
    if not ranges:
        return
    if since is None and is_pg(conn):
        since = first_pull_since(business_day(clock_from_env().now_utc()))
    entries = _read_pg(conn, ranges, since) if is_pg(conn) else _read_each(conn, ranges, since)
    pending = next(entries, None)
    for i, r in enumerate(ranges):
        rows: dict[str, dict[str, Any]] = {}  # receipt no -> its row, in journal order
        while pending is not None and pending[0] == i:
            _fold(rows, r.terminal_id, *pending[1:])
            pending = next(entries, None)
        yield PullPage(f"{CARDS_STREAM}.{r.terminal_id}", list(rows.values()), r.upto)


def first_pull_since(today: dt.date) -> str:
    return (today - dt.timedelta(days=FIRST_PULL_DAYS)).isoformat()


def _read_pg(conn: Connection, ranges: list[Range], since: str | None) -> Iterator[tuple[Any, ...]]:
    """(range index, entry_id, kind, payload) of every range's card entries, by range then seq: one statement,
    the ranges as arrays (a parameter each, however many counters). The first pulls' ranges are a branch of
    their own whose `day` bound is a plain parameter, so the planner prunes the partitions below it."""
    later = [(i, r) for i, r in enumerate(ranges) if r.after > 0 or since is None]
    first = [(i, r) for i, r in enumerate(ranges) if r.after == 0 and since is not None]
    # The later pulls' ranges are read through the (terminal_id, seq) index, whatever the planner guesses of
    # the arrays' length: LATERAL with OFFSET 0 is not flattened into a join, which could hash the whole
    # journal for 100 new entries. A first pull reads its ranges whole: the planner may scan the partitions.
    branch = (
        "SELECT r.n, j.seq, j.entry_id, j.kind, j.payload"
        " FROM unnest(:n{b}, :tid{b}, :after{b}, :upto{b}) AS r(n, terminal_id, after, upto)"
        " CROSS JOIN LATERAL (SELECT c.seq, c.entry_id, c.kind, c.payload FROM central_journal c"
        " WHERE c.terminal_id = r.terminal_id AND c.seq > r.after AND c.seq <= r.upto"
        " AND c.kind = ANY(:kinds){extra}) AS j"
    )
    parts: list[str] = []
    params: list[BindParameter[Any]] = []
    for b, chosen in (("l", later), ("f", first)):
        if not chosen:
            continue
        parts.append(branch.format(b=b, extra=" AND c.day >= :since" if b == "f" else " OFFSET 0"))
        params += [
            bindparam(f"n{b}", [i for i, _ in chosen], type_=postgresql.ARRAY(postgresql.INTEGER)),
            bindparam(f"tid{b}", [r.terminal_id for _, r in chosen], type_=postgresql.ARRAY(postgresql.TEXT)),
            bindparam(f"after{b}", [r.after for _, r in chosen], type_=postgresql.ARRAY(postgresql.BIGINT)),
            bindparam(f"upto{b}", [r.upto for _, r in chosen], type_=postgresql.ARRAY(postgresql.BIGINT)),
        ]
    params.append(bindparam("kinds", [str(k) for k in KINDS], type_=postgresql.ARRAY(postgresql.TEXT)))
    if first:
        params.append(bindparam("since", since))
    stmt = text(" UNION ALL ".join(parts) + " ORDER BY 1, 2").bindparams(*params)
    for row in conn.execute(stmt.execution_options(yield_per=BATCH)):
        yield (row[0], row[2], row[3], row[4])


def _read_each(conn: Connection, ranges: list[Range], since: str | None) -> Iterator[tuple[Any, ...]]:
    """The same rows on the embedded SQLite ledger: a query per range (one hall's few counters)."""
    j = central_journal.c
    for i, r in enumerate(ranges):
        stmt = select(j.entry_id, j.kind, j.payload).where(
            j.terminal_id == r.terminal_id, j.seq > r.after, j.seq <= r.upto, j.kind.in_(KINDS)
        )
        if r.after == 0 and since is not None:
            stmt = stmt.where(j.day >= since)
        for entry_id, kind, payload in conn.execute(stmt.order_by(j.seq).execution_options(yield_per=BATCH)):
            yield (i, entry_id, kind, payload)


def _fold(rows: dict[str, dict[str, Any]], terminal_id: str, entry_id: str, kind: str, payload: str) -> None:
    """One card entry of a counter's range into its page's rows (owed, done, or gone when both)."""
    p = json.loads(payload)
    receipt_no = str(p.get("receipt_no") or "")
    if not receipt_no or (kind == Kind.REVERSAL and p.get("original_kind") != Kind.CARD_PURCHASE):
        return  # a payment's reversal owes no card
    if kind == Kind.CARD_PURCHASE:
        rows[receipt_no] = {
            "receipt_no": receipt_no,
            "terminal_id": terminal_id,
            "entry_id": entry_id,
            "serial": str(p["serial"]),
            "customer_no": str(p["customer_no"]),
            "purchase_count": int(p["purchase_count"]),
            "purchase_fen": int(p["purchase_fen"]),
            "state": OWED,
        }
    elif receipt_no in rows:  # owed and finished within the range: nothing to say
        if rows[receipt_no]["state"] == OWED:
            del rows[receipt_no]
    else:  # finishes a purchase an earlier pull brought
        rows[receipt_no] = {"receipt_no": receipt_no, "terminal_id": terminal_id, "state": DONE}
