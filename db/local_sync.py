"""The local store's side of sync: the journal as outbox, the acknowledgement, pull pages applied.

Implements app/sync.py's Outbox and MasterSink over the terminal's SQLite engine. Reads never take
the write lock; each applied page is one short write transaction, so the counter keeps taking
payments during a sync.

A pulled customer's balance is the central balance plus what this terminal's not yet acknowledged
entries moved it by; a pulled bill's paid principal likewise (a bill paid at this counter but not yet
acknowledged stays paid; one reversed here stays unpaid), and its late-fee state follows head office's
once no unacknowledged entry here touched it.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select, text

from app.journal import GENESIS_HASH, Entry, Kind, entry_hash
from app.messages import Phrase
from app.money import format_fen
from app.moves import BillState, EntryMoves, entry_moves, unreplay
from app.pulled import HQ, NOT_SIGNED, hq_entry_problem, row_problem, stale_row, writer_keys
from app.sync import Ack, Problem, PullPage
from db.local_repos import SqlBills, SqlCustomers, SqlJournal
from db.local_schema import bills, customers, journal, sync_state
from db.raw_sql import raw
from db.refund_repos import apply_pulled_refunds
from db.settings_repos import SqlSettings
from db.uow import SqlUnitOfWork

log = logging.getLogger("hallpay.sync")


# what the central ledger last said it holds for this terminal id (its seq and hash), kept for the
# start-up check, which never reaches over the network (db/restore.py)
CENTRAL_SEQ, CENTRAL_HASH = "central.ack_seq", "central.ack_hash"
# head office's sentence when it found another machine holding this terminal id (a fork): this one takes
# no money from then on (db/restore.startup_check), until it is re-provisioned under a new id
CENTRAL_FORK = "central.fork"
# head office's public key, pinned at the first pull: pulled rows must be signed by it or by a counter it
# certified (app/pulled.py)
HQ_KEY = "central.hq_key"
# the last entry of head office's HQ chain this counter checked (its seq is the cursor pull.hq): the next
# one pulled must follow it (app.pulled.hq_entry_problem)
HQ_STREAM, HQ_HASH = "hq", "central.hq_hash"
ROW_STREAMS = ("policy", "customers", "bills", "clerks", "refunds")  # refunds: issue 21


def _get(conn: Any, key: str, default: str) -> str:
    value = conn.execute(select(sync_state.c.value).where(sync_state.c.key == key)).scalar()
    return default if value is None else str(value)


def _set(conn: Any, values: dict[str, str]) -> None:
    conn.execute(
        text("INSERT INTO sync_state (key, value) VALUES (:k, :v) ON CONFLICT(key) DO UPDATE SET value = :v"),
        [{"k": k, "v": v} for k, v in values.items()],
    )


def balance_moves(entries: Any) -> dict[str, int]:
    """customer_no -> how much these entries moved the customer's balance (app.moves.entry_moves)."""
    moves: dict[str, int] = defaultdict(int)
    for e in entries:
        m = entry_moves(e.kind, e.payload)
        if m is not None:
            moves[m.customer_no] += m.balance_delta_fen
    return moves


def principal_moves(entries: Any) -> dict[str, int]:
    """bill_id -> principal these entries put on the bill (payments, offsets) or took off it (reversals,
    adjustments), as app.moves.entry_moves reads them."""
    moves: dict[str, int] = defaultdict(int)
    for e in entries:
        m = entry_moves(e.kind, e.payload)
        for b in m.bills if m is not None else ():
            moves[b.bill_id] += b.principal_fen
    return moves


BILL_FIELDS = (
    "bill_id",
    "customer_no",
    "period",
    "kwh",
    "amount_fen",
    "due_date",
    "principal_paid_fen",
    "fee_carried_fen",
    "fee_accrued_through",
)


def _adjusted_here(entries: Any) -> set[str]:
    """The bills these (not yet acknowledged) entries of this counter adjusted."""
    return {
        m.bill_id
        for e in entries
        if e.kind == Kind.ADJUSTMENT
        for m in (entry_moves(e.kind, e.payload) or EntryMoves("", 0)).bills
    }


def _settle_pulled_bills(conn: Any, rows: list[dict[str, Any]], unacked: Any) -> None:
    """A pulled bill's paid principal is head office's plus what this terminal's not yet acknowledged
    entries moved it by (a payment here stays paid, a reversal here stays reversed), within 0..amount.
    Its late-fee state (carried, accrued through) is head office's when head office recorded one and
    no unacknowledged entry here touched the bill (a partial payment at another hall carries its fee)."""
    if not rows:
        return
    moves = principal_moves(unacked)
    local = {
        r.bill_id: r
        for r in conn.execute(
            select(
                bills.c.bill_id,
                bills.c.principal_paid_fen,
                bills.c.fee_carried_fen,
                bills.c.fee_accrued_through,
            ).where(bills.c.bill_id.in_([r["bill_id"] for r in rows]))
        )
    }
    updates = []
    for r in rows:
        mine = local.get(r["bill_id"])
        if mine is None:
            continue
        paid = min(
            int(r["amount_fen"]), max(0, int(r.get("principal_paid_fen", 0)) + moves.get(r["bill_id"], 0))
        )
        carried, through = mine.fee_carried_fen, mine.fee_accrued_through
        if r["bill_id"] not in moves and r.get("fee_accrued_through"):
            carried, through = int(r.get("fee_carried_fen", 0)), r["fee_accrued_through"]
        if (paid, carried, through) != (
            mine.principal_paid_fen,
            mine.fee_carried_fen,
            mine.fee_accrued_through,
        ):
            updates.append({"id": r["bill_id"], "paid": paid, "carried": carried, "through": through})
    if updates:
        conn.execute(
            text(
                "UPDATE bills SET principal_paid_fen = :paid, fee_carried_fen = :carried, "
                "fee_accrued_through = :through WHERE bill_id = :id"
            ),
            updates,
        )


def _values(row: Any) -> tuple[int, str, int]:
    return int(row["amount_fen"]), str(row["due_date"]), int(row["kwh"])


def _explained(row: dict[str, Any]) -> bool:
    """The pulled bill row brings the adjustment record that gives it these values, intact (its hash)."""
    e = row.get("basis_entry")
    if not e:
        return False
    try:
        entry = Entry(
            **{
                k: e[k]
                for k in (
                    "entry_id",
                    "terminal_id",
                    "seq",
                    "kind",
                    "created_at",
                    "clerk_id",
                    "payload",
                    "prev_hash",
                    "hash",
                )
            }
        )
    except (KeyError, TypeError):
        return False
    new = entry.payload.get("new", {})
    return (
        entry.entry_id == row.get("basis")
        and entry_hash(entry.body()) == entry.hash
        and entry.kind == Kind.ADJUSTMENT
        and entry.payload.get("bill_id") == row["bill_id"]
        and isinstance(new, dict)
        and set(new) >= {"amount_fen", "due_date", "kwh"}
        and _values(new) == _values(row)
    )


def _refusal(row: dict[str, Any], mine: Any, count: int) -> Problem:
    """One sentence for the whole pull: the first refused bill, and how many there are."""
    changes = tuple(
        Phrase("pull.change", {"field": label, "old": old, "new": new})
        for label, old, new in (
            ("金额", format_fen(int(mine.amount_fen)), format_fen(int(row["amount_fen"]))),
            ("缴费截止日", mine.due_date, row["due_date"]),
            ("电量", mine.kwh, row["kwh"]),
        )
        if str(old) != str(new)
    )
    more = Phrase("pull.more_bills", {"count": count}) if count > 1 else Phrase("plain", {"text": ""})
    return Problem.coded(
        "pull_refused",
        "HQ",
        0,
        str(row.get("basis") or ""),
        "pull.bill_changed",
        bill_id=row["bill_id"],
        period=row.get("period", ""),
        changes=changes,
        more_clause=more,
    )


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

    def note_central(self, ack: Ack) -> None:
        """What the central ledger last said it holds for this terminal id (db/restore.startup_check)."""
        with self._reader() as uow:
            c = uow.connection
            if Ack(int(_get(c, CENTRAL_SEQ, "0")), _get(c, CENTRAL_HASH, Ack().hash)) == ack:
                return
        with self._writer() as uow:
            _set(uow.connection, {CENTRAL_SEQ: str(ack.seq), CENTRAL_HASH: ack.hash})
            uow.commit()

    def note_fork(self, reason: str) -> None:
        with self._writer() as uow:
            _set(uow.connection, {CENTRAL_FORK: reason})
            uow.commit()

    def pending(self) -> int:
        with self._reader() as uow:
            head = uow.journal.head()[0]
            return max(0, head - int(_get(uow.connection, "ack_seq", "0")))

    # ------------------------------------------------------------------ MasterSink

    def pull_cursors(self) -> dict[str, int]:
        with self._reader() as uow:
            rows = uow.connection.execute(select(sync_state).where(sync_state.c.key.like("pull.%"))).all()
        return {r.key[len("pull.") :]: int(r.value) for r in rows}

    def check_pages(self, pages: Sequence[PullPage]) -> list[Problem]:
        """A pulled bill whose amount, due date or kWh differ from this counter's must bring the adjustment
        record that explains them (DOMAIN.md: a bill is never silently changed); one not yet acknowledged
        adjustment here keeps the local values instead (apply_page)."""
        signed = self._check_signatures(pages)
        if signed is not None:
            return [signed]
        rows = [r for page in pages if page.table == "bills" for r in page.rows]
        if not rows:
            return []
        with self._reader() as uow:
            conn = uow.connection
            local = {
                r.bill_id: r
                for r in conn.execute(
                    select(bills.c.bill_id, bills.c.amount_fen, bills.c.due_date, bills.c.kwh).where(
                        bills.c.bill_id.in_([r["bill_id"] for r in rows])
                    )
                )
            }
            mine = _adjusted_here(SqlJournal(conn).entries(int(_get(conn, "ack_seq", "0"))))
        refused = [
            r
            for r in rows
            if r["bill_id"] in local
            and r["bill_id"] not in mine
            and _values(r) != _values(local[r["bill_id"]]._mapping)
            and not _explained(r)
        ]
        return [_refusal(refused[0], local[refused[0]["bill_id"]], len(refused))] if refused else []

    def _check_signatures(self, pages: Sequence[PullPage]) -> Problem | None:
        """Every pulled row signed by a writer head office trusts (app/pulled.py), head office's key the one
        pinned at the first pull; one sentence for the first refused row and how many there are."""
        offered = {
            str(r["signer"]): (str(r.get("public_key") or ""), str(r.get("cert") or ""))
            for page in pages
            if page.table == "keys"
            for r in page.rows
        }
        rows = [(page.table, r) for page in pages if page.table in ROW_STREAMS for r in page.rows]
        entries = [r for page in pages if page.table == HQ_STREAM for r in page.rows]
        if not rows and not entries:
            return None
        with self._reader() as uow:
            pinned = _get(uow.connection, HQ_KEY, "")
            floors = {s: int(_get(uow.connection, f"pull.{s}", "0")) for s in ROW_STREAMS}
            checked = (
                int(_get(uow.connection, f"pull.{HQ_STREAM}", "0")),
                _get(uow.connection, HQ_HASH, GENESIS_HASH),
            )
        hq = offered.get(HQ, ("", ""))[0]
        if pinned and hq and hq != pinned:
            return Problem.coded("pull_refused", HQ, 0, "", "pull.hq_key_changed")
        trusted = writer_keys(pinned or hq, offered)
        refused = [
            (table, r, why)
            for table, r in rows
            if (why := row_problem(table, r, trusted) or stale_row(r, floors[table])) is not None
        ]
        for r in entries:  # head office's chain, in order: each follows the one checked before it
            if (why := hq_entry_problem(r, checked, trusted)) is not None:
                return Problem.coded(
                    "pull_refused",
                    HQ,
                    int(r.get("seq") or 0),
                    str(r.get("entry_id") or ""),
                    "pull.hq_entry",
                    seq=r.get("seq"),
                    kind=r.get("kind"),
                    why=why,
                )
            checked = (int(r["seq"]), str(r["hash"]))
        if not refused:
            return None
        table, r, why = refused[0]
        key = {
            "policy": "key",
            "customers": "customer_no",
            "bills": "bill_id",
            "clerks": "clerk_id",
            "refunds": "refund_id",
        }[table]
        subject = Phrase(f"pull.subject.{table}", {"key": r.get(key)})
        # a registered counter with no certificate at all is a set-up step left undone, not tampering
        waiting = {tid for tid, (pk, cert) in offered.items() if tid != HQ and pk and not cert}
        signers = {str(x.get("signer") or "") for _t, x, _w in refused}
        if all(w.code == "pull.unknown_signer" for _t, _x, w in refused) and signers <= waiting:
            signer = min(signers)
            return Problem.coded(
                "uncertified",
                signer,
                0,
                "",
                "pull.uncertified",
                subject=subject,
                count=len(refused),
                signer=signer,
            )
        if len(refused) > 1:
            return Problem.coded(
                "pull_refused", HQ, 0, "", "pull.rows", subject=subject, why=why, count=len(refused)
            )
        return Problem.coded("pull_refused", HQ, 0, "", "pull.row", subject=subject, why=why)

    def apply_page(self, page: PullPage) -> int:
        if (
            page.table == "keys"
        ):  # head office's key is pinned at the first pull (check_pages refuses another)
            hq = next((str(r.get("public_key") or "") for r in page.rows if r.get("signer") == HQ), "")
            with self._writer() as uow:
                if hq and not _get(uow.connection, HQ_KEY, ""):
                    _set(uow.connection, {HQ_KEY: hq})
                    uow.commit()
            return 0
        if page.table == HQ_STREAM:  # checked (check_pages): remember where the chain stands, apply nothing
            with self._writer() as uow:
                _set(
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
                repo = SqlCustomers(conn)
                repo.upsert(page.rows)
                ack = int(_get(conn, "ack_seq", "0"))
                moves = balance_moves(SqlJournal(conn).entries(ack))
                for r in page.rows:
                    repo.set_balance(r["customer_no"], int(r["balance_fen"]) + moves.get(r["customer_no"], 0))
            elif page.table == "bills":
                known = set(
                    conn.execute(
                        select(customers.c.customer_no).where(
                            customers.c.customer_no.in_({r["customer_no"] for r in page.rows})
                        )
                    ).scalars()
                )
                rows = [
                    {k: v for k, v in r.items() if k in BILL_FIELDS}
                    for r in page.rows
                    if r["customer_no"] in known
                ]
                if len(rows) < len(page.rows):
                    log.warning("pulled %d bills of unknown customers; skipped", len(page.rows) - len(rows))
                unacked = list(SqlJournal(conn).entries(int(_get(conn, "ack_seq", "0"))))
                mine = _adjusted_here(unacked)
                if mine:  # an adjustment here head office has not acknowledged yet: the local values stand
                    local = {
                        r.bill_id: r._mapping
                        for r in conn.execute(
                            select(bills.c.bill_id, bills.c.amount_fen, bills.c.due_date, bills.c.kwh).where(
                                bills.c.bill_id.in_(sorted(mine))
                            )
                        )
                    }
                    rows = [
                        {**r, **{k: local[r["bill_id"]][k] for k in ("amount_fen", "due_date", "kwh")}}
                        if r["bill_id"] in local
                        else r
                        for r in rows
                    ]
                SqlBills(conn).upsert(rows)
                _settle_pulled_bills(conn, rows, unacked)
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
