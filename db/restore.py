"""Rebuild a terminal's local store from its backup and the central ledger; refuse an old one at start.

`restore(...)`: the backup copy gives everything this counter recorded up to the copy (journal,
receipts, shifts, balances); the central ledger gives the journal entries it acknowledged for this
terminal. Both must agree where they overlap (same entry hashes); the central entries past the copy
are appended (their receipt numbers are marked used so none is issued twice), the master data is
pulled again from the central ledger, and the whole chain is verified before the rebuilt file
replaces `local.db` by an atomic rename. The file it replaces is kept aside, never deleted.

`startup_check(...)`: what `open_terminal` runs; an old disk image (a journal behind what the central
ledger acknowledged, or behind the backup's marker) raises OldImage with the way out in one sentence.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select, text

from app import durable
from app.errors import HallPayError, StoreUnavailable
from app.journal import Entry, verify_chain
from app.messages import coded
from app.progress import Progress, no_progress
from app.services.backup import OldImage, Witness, check_not_behind
from app.sync import Ack
from db.backup import backup_file, config_file, copy_database, marker_file, read_marker
from db.engine import sqlite_engine
from db.local_repos import SqlJournal
from db.local_schema import journal, sync_state
from db.local_sync import LocalSync
from db.migrate import upgrade_local
from db.restore_swap import swap_in, working
from db.uow import SqlUnitOfWork

log = logging.getLogger("hallpay.restore")

CENTRAL = "总部账务中心"
BACKUP = "备份"


class RestoreRefused(HallPayError):
    """The backup and the central ledger cannot be made into one verified journal."""


@dataclass
class RestoreReport:
    terminal_id: str
    source: Path
    backup_seq: int  # journal head in the backup copy
    central_seq: int  # what the central ledger acknowledged (0 when not consulted)
    appended_from_central: int
    head_seq: int
    head_hash: str
    receipts: int
    kept_aside: list[Path] = field(default_factory=list)


def find_backup(source: Path, terminal_id: str | None) -> Path:
    """`--from` may name the backup directory or the copied file itself."""
    if source.is_file():
        return source
    if not source.is_dir():
        raise coded(RestoreRefused, "restore.no_place", backup_dir=source)
    if terminal_id:
        candidate = backup_file(source, terminal_id)
        if candidate.exists():
            return candidate
    found = sorted(source.glob("*-local.db"))
    if len(found) == 1 and terminal_id is None:
        return found[0]
    raise coded(RestoreRefused, "restore.no_copy", backup_dir=source, terminal_id=terminal_id or "")


def _entries(conn: Any) -> list[Entry]:
    return list(SqlJournal(conn).entries(0))


def _terminal_of(db: Path) -> str | None:
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        row = conn.execute("SELECT terminal_id FROM journal ORDER BY seq LIMIT 1").fetchone()
    return str(row[0]) if row else None


def restore(
    data_dir: Path,
    source: Path,
    *,
    terminal_id: str | None,
    central: Any | None,
    progress: Progress = no_progress,
) -> RestoreReport:
    """Rebuild data_dir/local.db from `source` (backup dir or file) and `central` (a CentralStore or None).
    progress: journal entries taken back from the central ledger, then master-data rows pulled."""
    data_dir.mkdir(parents=True, exist_ok=True)
    copy = find_backup(source, terminal_id)
    tid = terminal_id or _terminal_of(copy) or copy.name.removesuffix("-local.db")
    target = data_dir / "local.db"
    work = working(target)
    for leftover in (work, work.with_name(work.name + "-wal"), work.with_name(work.name + "-shm")):
        leftover.unlink(missing_ok=True)
    try:
        copy_database(copy, work)
    except sqlite3.Error as error:
        raise coded(RestoreRefused, "restore.copy_unreadable", copy=copy, error=error) from error
    engine = sqlite_engine(work)
    try:
        upgrade_local(engine, work)
        report = _rebuild(engine, tid, copy, central, data_dir, progress)
    finally:
        engine.dispose()
    kept = swap_in(work, target)
    report.kept_aside = kept
    if not (data_dir / "config.toml").exists() and copy.parent.joinpath(f"{tid}-config.toml").exists():
        durable.copy_file(config_file(copy.parent, tid), data_dir / "config.toml", mode=0o600)
    log.info(
        "restored %s from %s: %d entries (%d from the central ledger)",
        tid,
        copy,
        report.head_seq,
        report.appended_from_central,
    )
    return report


def _signer(data_dir: Path) -> Any:
    try:
        from db.keys import load_or_create_signer
    except ImportError:  # a HallPay without journal signatures
        return None
    return load_or_create_signer(data_dir).sign_hash


def _rebuild(
    engine: Any, tid: str, copy: Path, central: Any | None, data_dir: Path, progress: Progress = no_progress
) -> RestoreReport:
    with SqlUnitOfWork(engine) as uow:
        conn = uow.connection
        local = _entries(conn)
        problem = verify_chain(local, tid)
        if problem:
            raise coded(RestoreRefused, "restore.journal_broken", problem=problem)
        backup_seq = local[-1].seq if local else 0
        ack, remote = (central.ack(tid), central.journal(tid)) if central is not None else (Ack(), [])
        remote = [e for e in remote if e.seq <= ack.seq]
        overlap = min(backup_seq, len(remote))
        for mine, theirs in zip(local[:overlap], remote[:overlap], strict=True):
            if mine.hash != theirs.hash:
                raise coded(RestoreRefused, "restore.not_this_journal", seq=mine.seq)
        appended = remote[backup_seq:]
        repo = SqlJournal(conn)
        sign = _signer(data_dir) if appended else None
        for done, entry in enumerate(appended, 1):
            if done % 1000 == 0:
                progress(done, len(appended))
            if sign is not None and not getattr(entry, "signature", ""):
                # the central copy keeps no signature; its hash chain was just checked against the
                # backup's, so this terminal's key signs the same hashes again
                entry = dataclasses.replace(entry, signature=sign(entry.hash))
            repo.append(entry)
            _mark_receipt_used(conn, entry)
        everything = _entries(conn)
        problem = verify_chain(everything, tid)
        if problem:
            raise coded(RestoreRefused, "restore.journal_check_failed", problem=problem)
        if central is not None:
            conn.execute(delete(sync_state).where(sync_state.c.key.like("pull.%")))
            conn.execute(
                text(
                    "INSERT INTO sync_state (key, value) VALUES ('ack_seq', :s), ('ack_hash', :h) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value"
                ),
                {"s": str(ack.seq), "h": ack.hash},
            )
        uow.commit()
    if central is not None:  # balances and bills again: the central ledger's, plus what it has not seen yet
        sink = LocalSync(engine)
        done = len(appended)
        progress(done, None)
        for page in central.pull({}, 1000):
            done += sink.apply_page(page)
            progress(done, None)
    if (
        appended
    ):  # receipts (reprintable), shifts, card writes of the entries the backup did not have (issue 17)
        _rebuild_rows(engine, appended)
    with closing(engine.raw_connection()) as raw:
        receipts = raw.execute("SELECT count(*) FROM receipts").fetchone()[0]
        check = raw.execute("PRAGMA integrity_check").fetchone()[0]
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    if check != "ok":
        raise coded(RestoreRefused, "restore.db_check_failed", check=check)
    head = everything[-1] if everything else None
    return RestoreReport(
        tid,
        copy,
        backup_seq,
        ack.seq,
        len(appended),
        head.seq if head else 0,
        head.hash if head else "",
        int(receipts),
    )


def _rebuild_rows(engine: Any, appended: list[Entry]) -> None:
    from app.services.rebuild import rebuild
    from db.local_schema import customers
    from db.provision_local import store_rebuilt

    with SqlUnitOfWork(engine) as uow:
        conn = uow.connection
        hall = uow.settings.get("hall_name")
        people = {
            r.customer_no: {"name": r.name, "address": r.address}
            for r in conn.execute(select(customers.c.customer_no, customers.c.name, customers.c.address))
        }
        store_rebuilt(uow, rebuild(appended, hall, people))
        uow.commit()


_RECEIPT_NO = re.compile(r"^.+-(\d{8})-(\d+)$")


def _mark_receipt_used(conn: Any, entry: Entry) -> None:
    """A receipt number the central ledger has seen is never handed out again by this counter."""
    m = _RECEIPT_NO.match(str(entry.payload.get("receipt_no", "")))
    if not m:
        return
    day = dt.datetime.strptime(m.group(1), "%Y%m%d").date().isoformat()
    conn.execute(
        text(
            "INSERT INTO receipt_counters (business_day, last) VALUES (:d, :n) "
            "ON CONFLICT(business_day) DO UPDATE SET last = max(last, :n)"
        ),
        {"d": day, "n": int(m.group(2))},
    )


# ---------------------------------------------------------------------------------- start-up guard


def witnesses(data_dir: Path, terminal_id: str, central_url: str, backup_dir: Path | None) -> list[Witness]:
    """Who else knows how far this terminal's journal went: the central ledger, the backup's marker.

    A central ledger that cannot be reached now is no witness (the counter works offline); sync
    later refuses a forked journal with an alarm."""
    found: list[Witness] = []
    ack = _central_ack(data_dir, terminal_id, central_url)
    if ack is not None and ack.seq > 0:
        found.append(Witness(CENTRAL, ack.seq, ack.hash))
    if backup_dir is not None:
        mark = read_marker(marker_file(backup_dir, terminal_id))
        if mark is not None and mark.terminal_id == terminal_id and mark.seq > 0:
            found.append(Witness(BACKUP, mark.seq, mark.hash))
    return found


def _central_ack(data_dir: Path, terminal_id: str, central_url: str) -> Ack | None:
    if not central_url:
        db = data_dir / "central.db"
        if not db.exists():
            return None
        try:
            with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=3)) as conn:
                row = conn.execute(
                    "SELECT ack_seq, ack_hash FROM terminals WHERE terminal_id = ?", (terminal_id,)
                ).fetchone()
        except sqlite3.Error as error:  # no terminals table yet, or unreadable: no witness
            log.info("start-up check: embedded central ledger not readable: %s", error)
            return None
        return Ack(int(row[0]), str(row[1])) if row else None
    # A central ledger over the network is never asked at start-up (a silent one would hold every command
    # for its connect timeout): the witness is what it last told the sync worker, kept in local.db.
    from db.sync_state import CENTRAL_HASH, CENTRAL_SEQ

    said = _local_state(data_dir, (CENTRAL_SEQ, CENTRAL_HASH))
    if CENTRAL_SEQ not in said:
        return None
    return Ack(int(said[CENTRAL_SEQ]), str(said.get(CENTRAL_HASH, Ack().hash)))


def _local_state(data_dir: Path, keys: tuple[str, ...]) -> dict[str, str]:
    """sync_state values from local.db, read-only (no write lock, no network)."""
    try:
        with closing(sqlite3.connect(f"file:{data_dir / 'local.db'}?mode=ro", uri=True, timeout=3)) as conn:
            return dict(
                conn.execute(
                    f"SELECT key, value FROM sync_state WHERE key IN ({', '.join('?' * len(keys))})", keys
                ).fetchall()
            )
    except sqlite3.Error as error:
        log.info("start-up check: local sync state not readable: %s", error)
        return {}


def startup_check(
    store: Any, data_dir: Path, terminal_id: str, central_url: str, backup_dir: Path | None
) -> None:
    """Raise OldImage (a StoreUnavailable) when the local journal is behind a witness, or when head office
    found another machine holding this terminal id (its sentence, kept in local.db by the sync worker)."""
    fork = _local_state(data_dir, ("central.fork",)).get("central.fork")
    if fork:
        log.error("start-up refused: terminal id %s is held by another machine", terminal_id)
        raise coded(OldImage, "restore.held_elsewhere", fork=fork)
    found = witnesses(data_dir, terminal_id, central_url, backup_dir)
    if not found:
        return
    with SqlUnitOfWork(store.engine, write=False) as uow:
        head = uow.journal.head()[0]
        hashes = {
            w.seq: uow.connection.execute(select(journal.c.hash).where(journal.c.seq == w.seq)).scalar()
            for w in found
        }
    try:
        check_not_behind(head, hashes.get, found)
    except StoreUnavailable:
        log.error("start-up refused: journal head #%d, witnesses %s", head, found)
        raise
