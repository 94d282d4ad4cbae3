"""The terminal's side of provisioning in local.db (issue 17): its identity, mode and key history (meta
key/value, no schema change), the first pull, and a dead PC's tables rebuilt from the central ledger.
Pulled clerks are applied by db/clerk_pull.py (through db/local_sync.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, text, update

from app.messages import coded
from app.provisioning import KeyHistory
from app.provisioning import set_identity as identity
from db.local_schema import card_writes as card_writes_t
from db.local_schema import customers as customers_t
from db.local_schema import receipts as receipts_t
from db.settings_repos import SqlSettings


def set_identity(
    conn: Connection, terminal_id: str, hall_id: str, hall_name: str, mode: str, key_history: str
) -> None:
    """app/provisioning.set_identity on this connection's meta table (the simulator's halls)."""
    identity(SqlSettings(conn), terminal_id, hall_id, hall_name, mode, key_history)


def pull_everything(engine: Engine, central: Any) -> int:
    """Policy, customers, bills and this hall's clerks from the central ledger, page by page."""
    from app.errors import HallPayError
    from app.sync import pull_checked
    from db.local_sync import LocalSync

    pulled, refused = pull_checked(central, LocalSync(engine), 1000)  # every row signed (app/pulled.py)
    if refused:
        raise HallPayError(refused[0].reason)
    return pulled


def restore_from_central(
    engine: Engine, central: Any, terminal_id: str, hall_name: str, history: KeyHistory
) -> tuple[int, int]:
    """A dead PC's journal back from the central ledger (every acknowledged entry, with its signature,
    checked against the terminal's key history), then its receipts, shifts, receipt counters and
    pending card writes rebuilt from it (app/services/rebuild.py), master data pulled; returns
    (entries, receipts). The acknowledgement is recorded, so nothing is pushed again."""
    from app.errors import HallPayError
    from app.provisioning import verify_with_history
    from app.services.rebuild import rebuild
    from db.local_repos import SqlJournal
    from db.sync_state import CENTRAL_HASH, CENTRAL_SEQ, write_state
    from db.uow import SqlUnitOfWork

    ack = central.ack(terminal_id)
    entries = [e for e in central.journal(terminal_id) if e.seq <= ack.seq]
    problem = verify_with_history(entries, terminal_id, history)
    if problem is not None:
        raise coded(HallPayError, "provision.journal_bad", terminal_id=terminal_id, problem=problem)
    with SqlUnitOfWork(engine) as uow:
        repo = SqlJournal(uow.connection)
        for e in entries:
            repo.append(e)
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
    pull_everything(engine, central)
    with SqlUnitOfWork(engine) as uow:
        conn = uow.connection
        # the clerks' PINs came back with the pull: each clerk's newest PIN head office holds (issue 27; a PIN
        # set on the dead PC and never synced is gone with it: that clerk's previous PIN works)
        customers = {
            r.customer_no: {"name": r.name, "address": r.address}
            for r in conn.execute(
                select(customers_t.c.customer_no, customers_t.c.name, customers_t.c.address)
            )
        }
        done = rebuild(entries, hall_name, customers)
        store_rebuilt(uow, done)
        uow.commit()
    return len(entries), len(done.receipts)


def store_rebuilt(uow: Any, done: Any) -> None:
    """Rows app/services/rebuild.py made from journal entries; a row already here is kept as it is."""
    conn = uow.connection
    closes = dict(done.closed)
    for shift in done.shifts:  # added open, closed below once their receipts are in: the store refuses a
        if uow.shifts.get(shift.shift_id) is None:  # receipt in a closed shift (simulation, seed 5)
            uow.shifts.add(replace(shift, closed_at=None))
            if shift.closed_at is not None:
                closes[shift.shift_id] = shift.closed_at
    for receipt in done.receipts:
        if uow.receipts.get(receipt.receipt_no) is None:
            uow.receipts.add(receipt)
    for receipt_no, seq in done.reversed_by.items():
        conn.execute(
            update(receipts_t).where(receipts_t.c.receipt_no == receipt_no).values(reversed_by_seq=seq)
        )
    for shift_id, closed_at in closes.items():
        uow.shifts.close(shift_id, closed_at)
    for day, last in done.counters.items():
        conn.execute(
            text(
                "INSERT INTO receipt_counters (business_day, last) VALUES (:d, :n) "
                "ON CONFLICT(business_day) DO UPDATE SET last = max(last, :n)"
            ),
            {"d": day, "n": last},
        )
    known = set(conn.execute(select(card_writes_t.c.receipt_no)).scalars())
    rows = [w for w in done.card_writes if w["receipt_no"] not in known]
    if rows:
        conn.execute(insert(card_writes_t), rows)


class HeadOfficeDesk:
    """app/services/provisioning.HeadOffice over the central ledger: who the terminal is, its keys."""

    def __init__(self, central: Any) -> None:
        from db.central.admin import CentralAdmin

        self.central = central
        self._admin = CentralAdmin(central.engine, central.hq, central.clock)

    def terminal_info(self, terminal_id: str) -> dict[str, Any]:
        return self._admin.terminal_info(terminal_id)

    def key_history(self, terminal_id: str) -> KeyHistory:
        return self._admin.key_history(terminal_id)

    def acked_seq(self, terminal_id: str) -> int:
        return int(self.central.ack(terminal_id).seq)

    def register_key(
        self, terminal_id: str, public_key_hex: str, from_seq: int, old_signature: str = ""
    ) -> Any:
        return self._admin.register_key(
            terminal_id, public_key_hex, from_seq, old_signature=old_signature, actor=terminal_id
        )

    def certified(self, terminal_id: str) -> bool:
        """Whether head office already certified this terminal's key (db/central/certify.py)."""
        from db.central.certify import is_certified

        with self.central.engine.connect() as conn:
            return bool(is_certified(conn, terminal_id))


class NewLocalStore:
    """app/services/provisioning.NewStore: a new PC's local.db and the central ledger it is filled from."""

    def __init__(self, path: Any, central: Any) -> None:
        from db.local_store import open_local_store

        self._store = open_local_store(path)
        self._central = central

    def uow(self) -> Any:
        return self._store.uow()

    def reader(self) -> Any:
        return self._store.reader()

    def pull_everything(self) -> None:
        pull_everything(self._store.engine, self._central)

    def restore(self, terminal_id: str, hall_name: str, history: KeyHistory) -> tuple[int, int]:
        return restore_from_central(self._store.engine, self._central, terminal_id, hall_name, history)

    def close(self) -> None:
        self._store.close()


class TerminalKeys:
    """app/services/rekey.KeyFiles over db/keys.py's files in one data directory."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir

    def finish_pending(self, current_key: Callable[[], str | None]) -> bool:
        from db.keys import finish_rekey

        return finish_rekey(self.data_dir, current_key)

    def current(self) -> Any:
        from db.keys import load_or_create_signer

        return load_or_create_signer(self.data_dir)

    def staged(self) -> Any:
        from db.keys import staged_signer

        return staged_signer(self.data_dir)

    def adopt_staged(self) -> None:
        from db.keys import adopt_staged

        adopt_staged(self.data_dir)
