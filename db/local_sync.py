"""The local store's side of sync: the journal as outbox, the acknowledgement, pull pages applied.

Implements app/sync.py's Outbox and MasterSink over the terminal's SQLite engine. Reads never take
the write lock; each applied page is one short write transaction, so the counter keeps taking
payments during a sync.

A pulled customer's balance is the central balance plus what this terminal's not yet acknowledged
entries moved it by; a pulled bill never lowers the paid principal recorded here (the bill upsert
takes the larger), so a bill paid at this counter but not yet acknowledged stays paid.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select, text

from app.journal import Entry
from app.sync import Ack, PullPage
from db.local_repos import SqlBills, SqlCustomers, SqlJournal, SqlSettings
from db.local_schema import bills, customers, journal, sync_state
from db.uow import SqlUnitOfWork

log = logging.getLogger("hallpay.sync")


def _get(conn: Any, key: str, default: str) -> str:
    value = conn.execute(select(sync_state.c.value).where(sync_state.c.key == key)).scalar()
    return default if value is None else str(value)


def _set(conn: Any, values: dict[str, str]) -> None:
    conn.execute(
        text("INSERT INTO sync_state (key, value) VALUES (:k, :v) ON CONFLICT(key) DO UPDATE SET value = :v"),
        [{"k": k, "v": v} for k, v in values.items()],
    )


def balance_moves(entries: Any) -> dict[str, int]:
    """customer_no -> how much these entries moved the customer's balance."""
    moves: dict[str, int] = defaultdict(int)
    for e in entries:
        p = e.payload
        if "customer_no" in p and "balance_after_fen" in p and "balance_before_fen" in p:
            moves[p["customer_no"]] += int(p["balance_after_fen"]) - int(p["balance_before_fen"])
    return moves


@dataclass(frozen=True)
class OutboxEntry(Entry):
    payload_text: str | None = None


class LocalSync:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def _reader(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self._engine, write=False)

    def _writer(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self._engine)

    # ------------------------------------------------------------------ Outbox

    def entries_after(self, seq: int, limit: int) -> list[Entry]:
        """The entries, each carrying its stored canonical payload text (hashed as it is, sent as it is)."""
        with self._reader() as uow:
            rows = uow.connection.execute(
                select(journal).where(journal.c.seq > seq).order_by(journal.c.seq).limit(limit)).all()
        return [OutboxEntry(r.entry_id, r.terminal_id, r.seq, r.kind, r.created_at, r.clerk_id,
                            json.loads(r.payload), r.prev_hash, r.hash, r.payload) for r in rows]

    def head_seq(self) -> int:
        with self._reader() as uow:
            return uow.journal.head()[0]

    def hash_at(self, seq: int) -> str | None:
        with self._reader() as uow:
            return uow.connection.execute(select(journal.c.hash).where(journal.c.seq == seq)).scalar()

    def local_ack(self) -> Ack:
        with self._reader() as uow:
            c = uow.connection
            return Ack(int(_get(c, "ack_seq", "0")), _get(c, "ack_hash", Ack().hash))

    def record_ack(self, ack: Ack) -> None:
        if self.local_ack() == ack:
            return
        with self._writer() as uow:
            before = int(_get(uow.connection, "ack_seq", "0"))
            if ack.seq < before:
                log.warning("central acknowledgement went back from #%d to #%d; re-sending", before, ack.seq)
            _set(uow.connection, {"ack_seq": str(ack.seq), "ack_hash": ack.hash})
            uow.commit()

    def pending(self) -> int:
        with self._reader() as uow:
            head = uow.journal.head()[0]
            return max(0, head - int(_get(uow.connection, "ack_seq", "0")))

    # ------------------------------------------------------------------ MasterSink

    def pull_cursors(self) -> dict[str, int]:
        with self._reader() as uow:
            rows = uow.connection.execute(select(sync_state).where(sync_state.c.key.like("pull.%"))).all()
        return {r.key[len("pull."):]: int(r.value) for r in rows}

    def apply_page(self, page: PullPage) -> int:
        with self._writer() as uow:
            conn = uow.connection
            if page.table == "policy":
                SqlSettings(conn).set_policy_values({r["key"]: r["value"] for r in page.rows})
            elif page.table == "customers":
                repo = SqlCustomers(conn)
                repo.upsert(page.rows)
                ack = int(_get(conn, "ack_seq", "0"))
                moves = balance_moves(SqlJournal(conn).entries(ack))
                for r in page.rows:
                    repo.set_balance(r["customer_no"], int(r["balance_fen"]) + moves.get(r["customer_no"], 0))
            elif page.table == "bills":
                known = set(conn.execute(select(customers.c.customer_no).where(
                    customers.c.customer_no.in_({r["customer_no"] for r in page.rows}))).scalars())
                rows = [r for r in page.rows if r["customer_no"] in known]
                if len(rows) < len(page.rows):
                    log.warning("pulled %d bills of unknown customers; skipped", len(page.rows) - len(rows))
                SqlBills(conn).upsert(rows)
            else:
                raise ValueError(f"unknown pull stream {page.table}")
            _set(conn, {f"pull.{page.table}": str(page.cursor)})
            uow.commit()
        return len(page.rows)

    def set_last_success(self, when: str) -> None:
        with self._writer() as uow:
            _set(uow.connection, {"last_success": when})
            uow.commit()

    def last_success(self) -> str:
        with self._reader() as uow:
            return _get(uow.connection, "last_success", "")

    # ------------------------------------------------------------------ embedded bootstrap

    def master_before_journal(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, str]]:
        """Customers, bills and policy as they were before this terminal's journal moved any money:
        what an empty embedded central ledger starts from, so replaying the journal there is exact."""
        with self._reader() as uow:
            conn = uow.connection
            entries = list(SqlJournal(conn).entries(0))
            moves = balance_moves(entries)
            paid: dict[str, int] = defaultdict(int)
            for e in entries:
                for a in e.payload.get("allocations", []) if e.kind == "payment" else []:
                    paid[a["bill_id"]] += int(a["principal_paid_fen"])
            cs = [dict(r._mapping) for r in conn.execute(select(customers))]
            for c in cs:
                c["balance_fen"] -= moves.get(c["customer_no"], 0)
            bs = [dict(r._mapping) for r in conn.execute(select(bills))]
            for b in bs:
                b["principal_paid_fen"] -= paid.get(b["bill_id"], 0)
                del b["fee_carried_fen"], b["fee_accrued_through"]
            policy = SqlSettings(conn).policy_values()
        return cs, bs, policy
