"""The local store's side of sync: the journal as outbox, the acknowledgement, pull pages applied.

Implements app/sync.py's Outbox and MasterSink over the terminal's SQLite engine. Reads never take
the write lock; each applied page is one short write transaction, so the counter keeps taking
payments during a sync.

What a pull is refused for is db/pull_checks.py; how pulled customers and bills merge with this counter's
not yet acknowledged entries is db/pull_merge.py; the sync_state keys are db/sync_state.py.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select

from app.applied import POSITION
from app.journal import Entry
from app.moves import BillState, unreplay
from app.pulled import HQ, NOT_SIGNED
from app.sync import Ack, Problem, PullPage
from db.card_repos import apply_owed_cards
from db.local_repos import SqlJournal
from db.local_schema import bills, customers, journal, sync_state
from db.pull_checks import pull_problems
from db.pull_merge import merge_bills, merge_customers
from db.pull_position import keep_position
from db.raw_sql import raw
from db.refund_repos import apply_pulled_refunds
from db.settings_repos import SqlSettings
from db.sync_state import (
    CENTRAL_FORK,
    CENTRAL_HASH,
    CENTRAL_SEQ,
    HQ_HASH,
    HQ_KEY,
    HQ_STREAM,
    read_state,
    write_state,
)
from db.uow import SqlUnitOfWork

log = logging.getLogger("hallpay.sync")


_OUTBOX_BATCH = (
    "SELECT entry_id, terminal_id, seq, kind, created_at, clerk_id, payload, prev_hash, hash, signature "
    "FROM journal WHERE seq > ? ORDER BY seq LIMIT ?"
)


@dataclass(frozen=True)
class OutboxEntry(Entry):
    """An entry as the outbox sends it: with its signature and the payload text exactly as hashed."""

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
        """The entries, each carrying its stored canonical payload text (hashed as it is, sent as it is).
        Read on the driver: SQLAlchemy's rows cost a third of the client's share of a long push (profile)."""
        with self._reader() as uow:
            rows = raw(uow.connection).execute(_OUTBOX_BATCH, (seq, limit)).fetchall()
        return [
            OutboxEntry(
                entry_id,
                terminal_id,
                s,
                kind,
                created_at,
                clerk_id,
                json.loads(payload),
                prev_hash,
                hash_,
                signature=signature or "",
                payload_text=payload,
            )
            for entry_id, terminal_id, s, kind, created_at, clerk_id, payload, prev_hash, hash_, signature in rows
        ]

    def head_seq(self) -> int:
        with self._reader() as uow:
            return uow.journal.head()[0]

    def hash_at(self, seq: int) -> str | None:
        with self._reader() as uow:
            return uow.connection.execute(select(journal.c.hash).where(journal.c.seq == seq)).scalar()

    def local_ack(self) -> Ack:
        with self._reader() as uow:
            c = uow.connection
            return Ack(int(read_state(c, "ack_seq", "0")), read_state(c, "ack_hash", Ack().hash))

    def record_ack(self, ack: Ack) -> None:
        """This terminal's own acknowledgement, and (the same write: one fsync a batch, not two) what the
        central ledger said it holds, which an acknowledgement taken as this terminal's own always is."""
        with self._reader() as uow:
            c = uow.connection
            central = Ack(int(read_state(c, CENTRAL_SEQ, "0")), read_state(c, CENTRAL_HASH, Ack().hash))
            if (
                central == ack
                and Ack(int(read_state(c, "ack_seq", "0")), read_state(c, "ack_hash", Ack().hash)) == ack
            ):
                return
        with self._writer() as uow:
            before = int(read_state(uow.connection, "ack_seq", "0"))
            if ack.seq < before:
                log.warning("central acknowledgement went back from #%d to #%d; re-sending", before, ack.seq)
            write_state(
                uow.connection,
                {
                    "ack_seq": str(ack.seq),
                    "ack_hash": ack.hash,
                    CENTRAL_SEQ: str(ack.seq),
                    CENTRAL_HASH: ack.hash,
                },
            )
            uow.commit()

    def note_central(self, ack: Ack) -> None:
        """What the central ledger last said it holds for this terminal id (db/restore.startup_check)."""
        with self._reader() as uow:
            c = uow.connection
            if Ack(int(read_state(c, CENTRAL_SEQ, "0")), read_state(c, CENTRAL_HASH, Ack().hash)) == ack:
                return
        with self._writer() as uow:
            write_state(uow.connection, {CENTRAL_SEQ: str(ack.seq), CENTRAL_HASH: ack.hash})
            uow.commit()

    def note_fork(self, reason: str) -> None:
        with self._writer() as uow:
            write_state(uow.connection, {CENTRAL_FORK: reason})
            uow.commit()

    def pending(self) -> int:
        with self._reader() as uow:
            head = uow.journal.head()[0]
            return max(0, head - int(read_state(uow.connection, "ack_seq", "0")))

    # ------------------------------------------------------------------ MasterSink

    def pull_cursors(self) -> dict[str, int]:
        with self._reader() as uow:
            rows = uow.connection.execute(select(sync_state).where(sync_state.c.key.like("pull.%"))).all()
        return {r.key[len("pull.") :]: int(r.value) for r in rows}

    def check_pages(self, pages: Sequence[PullPage]) -> list[Problem]:
        """Why these pulled pages must be refused, as one problem (db/pull_checks.py), or []."""
        with self._reader() as uow:
            return pull_problems(uow.connection, pages)

    def apply_page(self, page: PullPage) -> int:
        if (
            page.table == "keys"
        ):  # head office's key is pinned at the first pull (check_pages refuses another)
            hq = next((str(r.get("public_key") or "") for r in page.rows if r.get("signer") == HQ), "")
            with self._writer() as uow:
                if hq and not read_state(uow.connection, HQ_KEY, ""):
                    write_state(uow.connection, {HQ_KEY: hq})
                    uow.commit()
            return 0
        if page.table == POSITION:  # head office's applied position, before the rows (db/pull_position.py)
            with self._writer() as uow:
                keep_position(uow.connection, page.rows)
                uow.commit()
            return 0
        if page.table == HQ_STREAM:  # checked (check_pages): remember where the chain stands, apply nothing
            with self._writer() as uow:
                write_state(
                    uow.connection,
                    {f"pull.{HQ_STREAM}": str(page.cursor), HQ_HASH: str(page.rows[-1]["hash"])},
                )
                uow.commit()
            return 0
        page = PullPage(
            page.table,
            [{k: v for k, v in r.items() if k not in NOT_SIGNED and k != "txn"} for r in page.rows],
            page.cursor,
        )
        with self._writer() as uow:
            conn = uow.connection
            if page.table == "policy":
                SqlSettings(conn).set_policy_values({r["key"]: r["value"] for r in page.rows})
            elif page.table == "customers":
                merge_customers(conn, page.rows)
            elif page.table == "bills":
                merge_bills(conn, page.rows)
            elif page.table == "clerks":
                from db.clerk_pull import apply_clerks

                apply_clerks(conn, page.rows)
            elif page.table == "refunds":  # head office's refund orders, paid out at the counter (issue 21)
                known = set(
                    conn.execute(
                        select(customers.c.customer_no).where(
                            customers.c.customer_no.in_({str(r["customer_no"]) for r in page.rows})
                        )
                    ).scalars()
                )
                apply_pulled_refunds(conn, page.rows, known)
            elif page.table.startswith("cards."):  # card writes owed elsewhere (issue 26, db/card_repos.py)
                apply_owed_cards(conn, page.rows)
            else:
                raise ValueError(f"unknown pull stream {page.table}")
            write_state(conn, {f"pull.{page.table}": str(page.cursor)})
            uow.commit()
        return len(page.rows)

    def set_last_success(self, when: str) -> None:
        with self._writer() as uow:
            write_state(uow.connection, {"last_success": when})
            uow.commit()

    def last_success(self) -> str:
        with self._reader() as uow:
            return read_state(uow.connection, "last_success", "")

    # ------------------------------------------------------------------ embedded bootstrap

    def master_before_journal(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, str]]:
        """Customers, bills and policy as they were before this terminal's journal moved any money:
        what an empty embedded central ledger starts from, so replaying the journal there is exact
        (app.moves.unreplay: payments, offsets, reversals and adjustments taken back)."""
        with self._reader() as uow:
            conn = uow.connection
            entries = list(SqlJournal(conn).entries(0))
            cs = [dict(r._mapping) for r in conn.execute(select(customers))]
            bs = [dict(r._mapping) for r in conn.execute(select(bills))]
            policy = SqlSettings(conn).policy_values()
        balances = {c["customer_no"]: int(c["balance_fen"]) for c in cs}
        categories = {c["customer_no"]: str(c["category"]) for c in cs}
        states = {
            b["bill_id"]: BillState(
                b["customer_no"],
                int(b["amount_fen"]),
                str(b["due_date"]),
                int(b["kwh"]),
                int(b["principal_paid_fen"]),
            )
            for b in bs
        }
        unreplay(entries, states, balances, categories)
        for c in cs:
            c["balance_fen"], c["category"] = balances[c["customer_no"]], categories[c["customer_no"]]
        for b in bs:
            s = states[b["bill_id"]]
            b.update(
                amount_fen=s.amount_fen,
                due_date=s.due_date,
                kwh=s.kwh,
                principal_paid_fen=s.principal_paid_fen,
            )
            del b["fee_carried_fen"], b["fee_accrued_through"]
        return cs, bs, policy
