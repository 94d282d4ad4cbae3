"""Pull: customers, bills and policy values changed since the terminal's cursors, page by page.

All pages of one pull come from one read snapshot (REPEATABLE READ on PostgreSQL, a WAL read
transaction on SQLite), so a bill never arrives before its customer. The cursor handed back with a
page is at most the snapshot's watermark: every transaction below it had finished when the snapshot
was taken, so nothing committed late is skipped; rows at or above it may be read twice (harmless,
the local side applies them idempotently). Each row comes with its `txn`, which its signature covers
(app/pulled.py: a row older than the counter's cursor is a replay).

Before the rows, the `position` page (issue 29, app/applied.py): how far head office's projector has applied each
terminal's acknowledged entries, read in the same snapshot as the rows, so a counter knows which of its own
entries the rows it pulls already hold.

After the rows, the `cards.<terminal>` pages (db/central/pull_cards.py): the card writes each counter still owes,
derived from the journal; then the `hq` stream: head office's own journal (terminal id HQ) after the sequence the counter
last checked, with each record's signature (central_hq_signatures, c0008), in sequence order.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, or_, select, text

from app.applied import CAP, POSITION, Lagging, Position, Touched
from app.moves import entry_moves
from app.pulled import HQ
from app.sync import PullPage
from db.central.pull_cards import card_pages
from db.central.sql import in_values
from db.central_schema import (
    PULLED_TABLES,
    central_bills,
    central_clerks,
    central_customers,
    central_hq_signatures,
    central_journal,
    central_meta,
    central_policy,
    central_projection,
    central_refunds,
)
from db.central_schema import terminals as terminals_t

CUSTOMER_COLUMNS = (
    "customer_no",
    "name",
    "address",
    "phone",
    "category",
    "meter_no",
    "prepaid",
    "risk_grade",
    "important",
    "area",
    "balance_fen",
)
BILL_COLUMNS = (
    "bill_id",
    "customer_no",
    "period",
    "kwh",
    "amount_fen",
    "due_date",
    "principal_paid_fen",
    "fee_carried_fen",
    "fee_accrued_through",
    "basis",
    # c0017 (issue 29): signed when fees_signed is 1 (app/pulled.SIGNED_WHEN); the counter keeps neither
    "fee_paid_fen",
    "fee_waived_fen",
    "fees_signed",
)
CLERK_COLUMNS = (
    "clerk_id",
    "name",
    "role",
    "hall_id",
    "active",
    "pin_hash",
    "pin_issue",
    "pin_kind",  # c0013 (issue 27): optional, signed only when set (app/pulled.OPTIONAL)
    "pin_version",
    "pin_set_at",
    "pin_set_by",
)
REFUND_COLUMNS = (
    "refund_id",
    "customer_no",
    "amount_fen",
    "case_id",
    "order_entry_id",
    "ordered_at",
    "status",
    "paid_entry_id",
)

HQ_PUBLIC = "hq_public_key"  # central_meta: head office's public key, pinned by counters at their first pull

# Pulled in this order (after the `keys` page): policy first (rules), customers before their bills.
STREAMS: tuple[tuple[str, Any, str, tuple[str, ...]], ...] = (
    ("policy", central_policy, "key", ("key", "value")),
    ("customers", central_customers, "customer_no", CUSTOMER_COLUMNS),
    ("bills", central_bills, "bill_id", BILL_COLUMNS),
    ("clerks", central_clerks, "clerk_id", CLERK_COLUMNS),  # c0007: a provisioned terminal keeps its hall's
    ("refunds", central_refunds, "refund_id", REFUND_COLUMNS),  # c0010: refunds ordered, paid at the counter
)


def _with_basis(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Each bill row brings the adjustment record its basis names (the whole journal entry, hash included),
    so the counter can see that a changed amount, due date or kWh is explained (db/pull_checks.py)."""
    ids = sorted({r["basis"] for r in rows if r.get("basis")})
    if not ids:
        return
    j = central_journal.c
    entries = {
        e.entry_id: {
            "entry_id": e.entry_id,
            "terminal_id": e.terminal_id,
            "seq": int(e.seq),
            "kind": e.kind,
            "created_at": e.created_at,
            "clerk_id": e.clerk_id,
            "payload": json.loads(e.payload),
            "prev_hash": e.prev_hash,
            "hash": e.hash,
            "signature": e.signature or "",
        }
        for e in conn.execute(select(central_journal).where(in_values(conn, j.entry_id, ids)))
    }
    for r in rows:
        if r.get("basis"):
            r["basis_entry"] = entries.get(r["basis"])


def hq_public_key(conn: Connection) -> str:
    return str(
        conn.execute(select(central_meta.c.value).where(central_meta.c.key == HQ_PUBLIC)).scalar() or ""
    )


def writer_rows(conn: Connection) -> list[dict[str, Any]]:
    """The `keys` page: head office's public key, and each registered counter's key and certificate."""
    t = terminals_t.c
    rows: list[dict[str, Any]] = [{"signer": HQ, "public_key": hq_public_key(conn), "cert": ""}]
    rows += [
        {"signer": r.terminal_id, "public_key": r.public_key or "", "cert": r.cert or ""}
        for r in conn.execute(select(t.terminal_id, t.public_key, t.cert).order_by(t.terminal_id))
    ]
    return rows


def watermark(conn: Connection) -> int:
    if conn.dialect.name == "postgresql":
        return int(
            conn.execute(text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")).scalar_one()
        )
    return 1 + max(
        int(conn.execute(select(func.coalesce(func.max(t.c.txn), 0))).scalar_one()) for t in PULLED_TABLES
    )


def position(conn: Connection, cap: int = CAP) -> Position:
    """The projector's position in this snapshot: each terminal with acknowledged entries not yet applied,
    the customers the oldest `cap` of them move (app.moves.entry_moves), and how many there are in all."""
    t, p, j = terminals_t.c, central_projection.c, central_journal.c
    applied = func.coalesce(p.applied_seq, 0)
    behind = conn.execute(
        select(t.terminal_id, t.ack_seq, applied.label("applied"))
        .select_from(terminals_t.outerjoin(central_projection, p.terminal_id == t.terminal_id))
        .where(t.ack_seq > applied)
        .order_by(t.terminal_id)
    ).all()
    lagging: list[Lagging] = []
    touched: dict[tuple[str, str], list[Any]] = {}
    left = cap
    for tid, ack, done in behind:
        rows = conn.execute(
            select(j.seq, j.kind, j.created_at, j.payload)
            .where(j.terminal_id == tid)
            .where(j.seq > int(done))
            .where(j.seq <= int(ack))
            .order_by(j.seq)
            .limit(max(1, left))
        ).all()
        lagging.append(Lagging(str(tid), int(ack), int(done), str(rows[0].created_at) if rows else ""))
        for r in rows[: max(0, left)]:
            moves = entry_moves(r.kind, json.loads(r.payload))
            if moves is not None:
                seen = touched.setdefault((moves.customer_no, str(tid)), [0, str(r.created_at)])
                seen[0] += 1
        left -= len(rows)
    unapplied = sum(lag.awaiting for lag in lagging)
    return Position(
        tuple(lagging),
        tuple(Touched(c, tid, n, at) for (c, tid), (n, at) in sorted(touched.items())),
        unapplied,
        unapplied > cap,
    )


def _read_connection(engine: Engine) -> Connection:
    conn = engine.connect()
    if engine.dialect.name == "postgresql":
        return conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
    return conn.execution_options(hallpay_write=False)


def pull_pages(engine: Engine, cursors: Mapping[str, int], page_size: int) -> Iterator[PullPage]:
    with _read_connection(engine) as conn, conn.begin():
        mark = watermark(conn)
        yield PullPage("keys", writer_rows(conn), 0)  # who may sign the rows below (app/pulled.py)
        yield PullPage(POSITION, position(conn).rows(), 0)  # what the rows below hold of each terminal
        for name, table, key, columns in STREAMS:
            cursor = int(cursors.get(name, 0))
            if cursor >= mark:
                continue
            after: tuple[int, str] | None = None
            while True:
                stmt = select(*(table.c[c] for c in (*columns, "signer", "signature")), table.c.txn).where(
                    table.c.txn >= cursor
                )
                if after is not None:
                    stmt = stmt.where(
                        or_(table.c.txn > after[0], and_(table.c.txn == after[0], table.c[key] > after[1]))
                    )
                rows = conn.execute(stmt.order_by(table.c.txn, table.c[key]).limit(page_size)).all()
                full = len(rows) == page_size
                page_cursor = min(mark, int(rows[-1].txn)) if full else mark
                out = [{c: getattr(r, c) for c in (*columns, "txn", "signer", "signature")} for r in rows]
                if name == "bills":
                    _with_basis(conn, out)
                yield PullPage(name, out, page_cursor)
                if not full:
                    break
                after = (int(rows[-1].txn), getattr(rows[-1], key))
        yield from card_pages(conn, cursors)  # card writes owed at a counter (issue 26)
        yield from _hq_pages(conn, int(cursors.get(HQ_STREAM, 0)), page_size)


HQ_STREAM = "hq"


def _hq_pages(conn: Connection, after_seq: int, page_size: int) -> Iterator[PullPage]:
    """Head office's records after `after_seq`, page by page; the cursor is the last sequence sent."""
    j, s = central_journal.c, central_hq_signatures.c
    while True:
        rows = conn.execute(
            select(
                j.entry_id,
                j.terminal_id,
                j.seq,
                j.kind,
                j.created_at,
                j.clerk_id,
                j.payload,
                j.prev_hash,
                j.hash,
                s.signer,
                s.signature,
            )
            .select_from(central_journal.outerjoin(central_hq_signatures, s.entry_id == j.entry_id))
            .where(j.terminal_id == HQ)
            .where(j.seq > after_seq)
            .order_by(j.seq)
            .limit(page_size)
        ).all()
        if not rows:
            return
        out = [{**r._mapping, "seq": int(r.seq), "payload": json.loads(r.payload)} for r in rows]
        after_seq = int(rows[-1].seq)
        yield PullPage(HQ_STREAM, out, after_seq)
        if len(rows) < page_size:
            return
