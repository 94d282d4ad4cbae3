"""CentralStore: the central ledger behind app/sync.py's CentralLedger port, plus head office's side
(master data in, review cases and the journal out) that the supervisor pages and tests use."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, func, select, update

from app.clock import business_day, clock_from_env, utc_text
from app.errors import Refused
from app.journal import Entry
from app.link_limits import LinkLimits
from app.messages import coded
from app.ports import Clock
from app.pulled import HQ
from app.services.hall_report import HallDay
from app.signing import Signer
from app.sync import Ack, PullPage, PushReport, ReviewCase
from db.central.adjust import correct_issued
from db.central.decide import decide_case, refunds_to_pay
from db.central.engine import central_url, describe, guarded, make_engine, upgrade_central
from db.central.heads import record_head
from db.central.hq_key import HQ_KEY_ENV
from db.central.link import relaxed
from db.central.mode import INLINE, MODES, SERVICE, mode_for_push
from db.central.offset import offset_customers
from db.central.order import record_seed
from db.central.partitions import MonthPartitions, journal_day, months_ahead
from db.central.projector import ProjectorRun, project_in, project_pending
from db.central.pull import pull_pages
from db.central.push import appended, held_alarms, push_batch
from db.central.rowsign import certify, load_hq, sign_written
from db.central.sql import entry_of, insert_ignore, next_txn
from db.central.store_reads import BooksReads
from db.central.upkeep import hq_upkeep
from db.central_schema import (
    central_bills,
    central_customers,
    central_journal,
    central_policy,
    central_projection,
    review_cases,
)
from db.central_schema import terminals as terminals_t

PROJECTOR_MODES = MODES  # db/central/mode.py: the ledger's mode, which every store follows
__all__ = ["INLINE", "PROJECTOR_MODES", "SERVICE", "CentralStore", "central_copy"]
log = logging.getLogger("hallpay.central")


class CentralStore(BooksReads):
    def __init__(
        self,
        engine: Engine,
        hq: Signer | None = None,
        writer: tuple[str, Signer] | None = None,
        clock: Clock | None = None,
        projector: str = INLINE,
    ) -> None:
        """hq: head office's key when this process holds it (db/central/rowsign.py); writer: the counter
        whose pushes this store carries, which signs what its pushes fold on an inline ledger; clock: the one the
        counters use (app/clock.py: HALLPAY_NOW when set), which dates head office's records and chooses
        the journal's months; projector: the mode this counter's config.toml expects. The ledger's own record
        decides (db/central/mode.py): a store configured otherwise follows the ledger, with one warning."""
        if projector not in PROJECTOR_MODES:
            raise ValueError(f"projector must be one of {PROJECTOR_MODES}, not {projector!r}")
        self.engine = engine
        self.projector = projector
        self.hq = hq
        self.partitions = MonthPartitions(engine) if engine.dialect.name == "postgresql" else None
        self.writer = writer
        self.clock: Clock = clock or clock_from_env()
        self._warned = False

    def _now(self) -> str:
        return utc_text(self.clock.now_utc())

    def _this_month(self) -> None:
        """The month of now has its partition (a console or a head-office process may outlive the months
        created when it opened); head office's own records are filed under today."""
        if self.partitions is not None:
            self.partitions.ensure(months_ahead(business_day(self.clock.now_utc()), 0))

    @classmethod
    def open(
        cls,
        url: str,
        data_dir: Path,
        writer: tuple[str, Signer] | None = None,
        clock: Clock | None = None,
        limits: LinkLimits | None = None,
        projector: str = INLINE,
    ) -> CentralStore:
        """Connect (the embedded central.db when url is empty) and bring the schema to head; on PostgreSQL
        every wait is bounded by `limits` (a counter's config.toml [central]; default app/link_limits.py).
        Opening writes no row: head office's one-time signing work (db/central/upkeep.py) follows only an open
        that upgraded the schema, and otherwise runs in head office's own commands."""
        if projector not in PROJECTOR_MODES:  # before anything is opened
            raise ValueError(f"projector must be one of {PROJECTOR_MODES}, not {projector!r}")
        with guarded():
            resolved = central_url(url, data_dir)
            engine = make_engine(resolved, limits)
            migrated = upgrade_central(engine)
            hq = load_hq(resolved)
            if hq is not None and migrated:  # the upgrade wrote anyway: what it asks of the key follows, once
                hq_upkeep(engine, hq)
            store = cls(engine, hq, writer, clock, projector)
            if store.partitions is not None:
                store.partitions.ensure(months_ahead(business_day(store.clock.now_utc())))
        return store

    def _inline_signer(self) -> tuple[str, Signer | None]:
        """Who signs what a push folds on an inline ledger: the counter it pushes for, else head office, else
        nobody. Nothing else a counter's store writes is signed with the counter's key: on a service ledger
        its pushes fold nothing, and `project` signs with head office's key only."""
        if self.writer is not None:
            return self.writer
        return HQ, self.hq

    def _folds(self, conn: Connection) -> bool:
        """Whether this push folds: the ledger's mode, read in the push's transaction (db/central/mode.py); a
        store configured otherwise says so once and follows the ledger."""
        mode = mode_for_push(conn)
        if mode != self.projector and not self._warned:
            self._warned = True
            log.warning(
                "config.toml [central] projector is %s but the ledger's mode is %s (set by head office: "
                "central projector --mode): following the ledger",
                self.projector,
                mode,
            )
        return mode == INLINE

    @property
    def embedded(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def describe(self) -> str:
        return describe(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def _reader(self) -> Connection:
        """A read: on the embedded SQLite a deferred transaction, never the write lock."""
        return self.engine.connect().execution_options(hallpay_write=False)

    # ------------------------------------------------------------------ the CentralLedger port

    def ack(self, terminal_id: str) -> Ack:
        with guarded(), self._reader() as conn:
            row = conn.execute(
                select(terminals_t.c.ack_seq, terminals_t.c.ack_hash).where(
                    terminals_t.c.terminal_id == terminal_id
                )
            ).first()
            conn.rollback()
        return Ack(int(row.ack_seq), row.ack_hash) if row else Ack()

    def push(
        self,
        terminal_id: str,
        hall_name: str,
        entries: Sequence[Entry],
        public_key: str = "",
        head_seq: int | None = None,
    ) -> PushReport:
        """One batch, one transaction; the acknowledgement is the one it committed. `public_key`
        (hex) is registered on the terminal's first push; signatures are checked against the registered key.
        `head_seq` (the counter's own last sequence number) is recorded with the batch, only to be shown."""
        if not entries:
            if head_seq is not None:
                with guarded(), self.engine.begin() as conn:
                    record_head(conn, terminal_id, head_seq, self._now())
            return PushReport(0, 0, self.ack(terminal_id))
        with guarded():
            days = {e.seq: journal_day(e.created_at, e.payload) for e in entries}  # once, for both uses
            if self.partitions is not None:  # a month without its partition gets one first (partitions.py)
                self.partitions.ensure(
                    {d[:7] for d in days.values()} | {business_day(self.clock.now_utc()).isoformat()[:7]}
                )
            with self.engine.begin() as conn:
                now = self._now()
                report = push_batch(conn, terminal_id, hall_name, entries, now, public_key, head_seq, days)
                if self.hq is not None:
                    certify(conn, terminal_id, self.hq)
                alarms, cases = report.alarms, 0
                if report.accepted and self._folds(conn):  # inline: the books move in the push's transaction
                    known = appended(entries, report)  # folded as given, as before: not read back
                    run = project_in(conn, now=now, signer=self._inline_signer(), known=known)
                    mine = [c for c in run.cases if c["terminal_id"] == terminal_id]
                    alarms, cases = (*alarms, *held_alarms(terminal_id, mine)), len(mine)
        # the acknowledgement this transaction committed, read under the terminal's lock: exact, no read back
        return PushReport(report.accepted, report.duplicates, report.ack, alarms, cases)

    def project(self, now: str | None = None, **options: Any) -> ProjectorRun:
        """Fold what the pushes appended (db/central/projector.py), signed with head office's key: never a
        counter's (refused without head office's key, which a counter of a PostgreSQL ledger never holds)."""
        if self.hq is None:
            raise coded(Refused, "central.hq_key_missing", env=HQ_KEY_ENV)
        with guarded():
            return project_pending(self.engine, now=now or self._now(), signer=(HQ, self.hq), **options)

    def applied_up_to(self, terminal_id: str) -> int:
        """The last of the terminal's entries folded into the books (below its ack while a projector lags)."""
        p = central_projection.c
        with guarded(), self._reader() as conn:
            seq = conn.execute(select(p.applied_seq).where(p.terminal_id == terminal_id)).scalar()
            conn.rollback()
        return int(seq or 0)

    def pull(self, cursors: Mapping[str, int], page_size: int) -> Iterator[PullPage]:
        with guarded():
            yield from pull_pages(self.engine, cursors, page_size)

    # ------------------------------------------------------------------ head office's side

    def is_empty(self) -> bool:
        with guarded(), self._reader() as conn:
            count = conn.execute(select(func.count()).select_from(central_customers)).scalar_one()
            conn.rollback()
        return int(count) == 0

    def load_master_data(
        self,
        customers: list[dict[str, Any]],
        bills: list[dict[str, Any]],
        policy: Mapping[str, str] | None = None,
    ) -> None:
        """Head office's customers, bills and policy values (new rows; existing rows keep their money).
        Relaxed bounds: billing's import of a province is one long transaction (db/central/link.py)."""
        with guarded(), self.engine.begin() as conn, relaxed(conn):
            txn = next_txn(conn)
            cols = {c.name for c in central_customers.c} - {"txn", "signer", "signature"}
            insert_ignore(
                conn,
                central_customers,
                [
                    {
                        "balance_fen": 0,
                        "important": 0,
                        "area": "",
                        "phone": "",
                        "meter_no": "",
                        "prepaid": 0,
                        "risk_grade": "",
                        **{k: v for k, v in c.items() if k in cols},
                        "txn": txn,
                    }
                    for c in customers
                ],
                ["customer_no"],
            )
            bcols = {c.name for c in central_bills.c} - {"txn", "signer", "signature", "basis"}
            insert_ignore(
                conn,
                central_bills,
                [
                    {
                        "principal_paid_fen": 0,
                        "fee_paid_fen": 0,
                        **{k: v for k, v in b.items() if k in bcols},
                        "txn": txn,
                    }
                    for b in bills
                ],
                ["bill_id"],
            )
            for key, value in (policy or {}).items():
                insert_ignore(conn, central_policy, [{"key": key, "value": value, "txn": txn}], ["key"])
                conn.execute(
                    update(central_policy).where(central_policy.c.key == key).values(value=value, txn=txn)
                )
            record_seed(conn, customers, bills)  # what `central verify-books` folds from
            sign_written(conn, txn, HQ, self.hq)  # head office's own data: its key, or unsigned (refused)

    def issue_bills(self, bills: list[dict[str, Any]], today: dt.date | None = None) -> list[Entry]:
        """New or corrected bills from billing (核算 → 发行), as of `today` (default: the business day now).

        A corrected bill (another amount, due date or kWh) is an adjustment record on head office's chain
        with its money effect (db/central/adjust.py), never a silent overwrite; a customer with a central
        balance has the new bills settled from it at once (prepaid offset, db/central/offset.py). Returns
        those records, adjustments first."""
        self.load_master_data([], bills)
        now = self.clock.now_utc()
        day = today or business_day(now)
        with guarded():
            self._this_month()
        with guarded(), self.engine.begin() as conn, relaxed(conn):
            mark = next_txn(conn)
            adjustments, cases = correct_issued(conn, bills, day, utc_text(now))
            insert_ignore(conn, review_cases, cases, ["case_id"])
            sign_written(conn, mark, HQ, self.hq)
        with guarded(), self.engine.begin() as conn, relaxed(conn):
            mark = next_txn(conn)
            offsets = offset_customers(conn, {b["customer_no"] for b in bills}, day, utc_text(now))
            sign_written(conn, mark, HQ, self.hq)
        return adjustments + offsets

    def certify_terminal(self, terminal_id: str) -> bool:
        """Head office certifies a registered terminal's key as a writer of master data (app/pulled.py);
        False when this process does not hold head office's key or the terminal has no key yet."""
        if self.hq is None:
            return False
        with guarded(), self.engine.begin() as conn:
            certify(conn, terminal_id, self.hq)
            cert = conn.execute(
                select(terminals_t.c.cert).where(terminals_t.c.terminal_id == terminal_id)
            ).scalar()
        return bool(cert)

    def review_cases(self, *, open_only: bool = True, customer_no: str | None = None) -> list[ReviewCase]:
        """What the supervisor page lists: double payments, alarms, unknown bills; oldest first."""
        stmt = select(review_cases).order_by(review_cases.c.created_at, review_cases.c.case_id)
        if open_only:
            stmt = stmt.where(review_cases.c.resolved_at.is_(None))
        if customer_no is not None:
            stmt = stmt.where(review_cases.c.customer_no == customer_no)
        with guarded(), self._reader() as conn:
            rows = conn.execute(stmt).all()
            conn.rollback()
        return [
            ReviewCase(
                r.case_id,
                r.kind,
                r.terminal_id,
                int(r.seq),
                r.entry_id,
                r.customer_no,
                r.bill_id,
                int(r.amount_fen),
                r.detail,
                r.created_at,
                r.resolved_at,
            )
            for r in rows
        ]

    def resolve_case(
        self, case_id: str, supervisor_id: str, decision: str = "acknowledged", reason: str = ""
    ) -> Entry:
        """Head office's decision on a case (db/central/decide.py): one HQ journal entry with who and why, in
        the case's own transaction; a refund also orders the pay-out. A resolved case is never changed."""
        with guarded():
            self._this_month()
        with guarded(), self.engine.begin() as conn:
            mark = next_txn(conn)
            entry = decide_case(conn, case_id, decision, supervisor_id, reason, self._now())
            sign_written(conn, mark, HQ, self.hq)  # a refund's new balance is head office's write: its key
            return entry

    def refunds_to_pay(self, customer_no: str | None = None, after_txn: int = 0) -> list[dict[str, Any]]:
        with guarded(), self._reader() as conn:
            rows = refunds_to_pay(conn, customer_no, after_txn)
            conn.rollback()
        return rows

    def journal(self, terminal_id: str) -> list[Entry]:
        """A terminal's central copy in sequence order (for `verify` and the tests)."""
        with guarded(), self._reader() as conn:
            rows = conn.execute(
                select(central_journal)
                .where(central_journal.c.terminal_id == terminal_id)
                .order_by(central_journal.c.seq)
            ).all()
            conn.rollback()
        return [entry_of(r) for r in rows]

    def public_key(self, terminal_id: str) -> str | None:
        """The terminal's registered Ed25519 public key (hex), or None before its first signed push."""
        with guarded(), self._reader() as conn:
            key = conn.execute(
                select(terminals_t.c.public_key).where(terminals_t.c.terminal_id == terminal_id)
            ).scalar()
            conn.rollback()
        return key or None

    def checked_journals(self) -> tuple[dict[str, list[Entry]], list[str]]:
        """Every terminal's central copy, each checked (db/central/checked.py)."""
        from db.central.checked import checked_journals

        return checked_journals(self)

    def hall_day(self, day: str) -> HallDay | None:
        """The hall's day summed in SQL (db/central/hall_sql.py) on PostgreSQL; None on the embedded SQLite
        ledger (one terminal's journal, small: the report reads it whole, app.services.hall_report)."""
        if self.partitions is None:
            return None
        from db.central.hall_sql import hall_day
        from db.central.push import _key_for
        from db.central_schema import terminal_keys

        with guarded(), self._reader() as conn:  # every terminal's keys in two reads, not two per terminal
            keys = {
                r[0]: r[1] for r in conn.execute(select(terminals_t.c.terminal_id, terminals_t.c.public_key))
            }
            states: dict[str, list[Any]] = {}
            k = terminal_keys.c
            for r in conn.execute(select(k.terminal_id, k.public_key, k.state, k.from_seq)):
                states.setdefault(r.terminal_id, []).append(r)
            result = hall_day(conn, day, lambda tid: _key_for(states.get(tid, []), keys.get(tid) or None))
            conn.rollback()
        return result

    def terminal_ids(self) -> list[str]:
        with guarded(), self._reader() as conn:
            ids = list(
                conn.execute(select(terminals_t.c.terminal_id).order_by(terminals_t.c.terminal_id)).scalars()
            )
            conn.rollback()
        return ids


def central_copy(url: str, data_dir: Path, terminal_id: str) -> tuple[list[Entry], str | None] | None:
    """This terminal's central copy and registered public key, for `verify`: None when no central
    ledger is configured and there is no embedded central.db. Raises CentralUnavailable when offline."""
    if not url.strip() and not (data_dir / "central.db").exists():
        return None
    store = CentralStore.open(url, data_dir)
    try:
        return store.journal(terminal_id), store.public_key(terminal_id)
    finally:
        store.close()
