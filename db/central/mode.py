"""Who folds a ledger's entries is the ledger's choice, recorded by head office (issue 29, c0020).

- "inline": each push folds what is pending inside its own transaction (db/central/projector.project_in), signed as
  the push signs (the counter's certified key): the embedded ledger of a demo or a small hall, where the counter's
  process is head office's too, and where a cut link must never leave an acknowledged entry out of the books.
- "service": pushes only append; head office's projector (`central project`, with head office's key) folds and
  signs. No counter folds, so no counter's key ever signs a row that another counter's entry moved.

The mode used to be each counter's config.toml ([central] projector): two counters configured differently folded
each other's entries with a counter's key on a ledger meant for head office's projector. Now the ledger's last
row of central_projector_modes decides; a ledger without one is inline (as every ledger was before c0020), and a
value that is neither is read as service (in doubt, no counter signs). A counter configured otherwise follows the
ledger and logs one warning (db/central/store.py).

A change takes the projector's lock (PROJECTOR_LOCK), and a push that would fold reads the mode again under that
same lock, so no inline fold is half-way when the ledger becomes a service ledger. Going back to inline, head
office first folds what is pending, with its key: no counter signs what was pushed under the service mode.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Engine, select, text

from app.pulled import HQ
from app.signing import Signer
from db.central.admin_base import write_audit
from db.central.projector import PROJECTOR_LOCK, ProjectorRun, project_in
from db.central.sql import is_pg
from db.central_schema import central_projector_modes

INLINE, SERVICE = "inline", "service"
MODES = (INLINE, SERVICE)


def mode_record(conn: Connection) -> tuple[str, str, str] | None:
    """The ledger's last record: (mode, set at, set by), or None (never set: inline)."""
    m = central_projector_modes.c
    row = conn.execute(select(m.mode, m.set_at, m.set_by).order_by(m.pos.desc()).limit(1)).first()
    return None if row is None else (str(row.mode), str(row.set_at), str(row.set_by))


def ledger_mode(conn: Connection) -> str:
    """The ledger's mode: its last record; inline without one; service for anything else."""
    m = central_projector_modes.c
    found = conn.execute(select(m.mode).order_by(m.pos.desc()).limit(1)).scalar()
    if found is None:
        return INLINE
    return INLINE if found == INLINE else SERVICE


def _lock(conn: Connection) -> None:
    if is_pg(conn):  # SQLite: the write transaction is the lock
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PROJECTOR_LOCK})


def mode_for_push(conn: Connection) -> str:
    """The mode a push follows, inside its transaction. On a service ledger it takes no lock (a push never waits
    for the projector); on an inline one it reads the mode again under the projector's lock, which the inline
    fold takes anyway: a change to service committed meanwhile is seen, and the push then does not fold."""
    mode = ledger_mode(conn)
    if mode == SERVICE or not is_pg(conn):
        return mode
    _lock(conn)
    return ledger_mode(conn)


@dataclass(frozen=True)
class ModeChange:
    before: str
    after: str
    folded: ProjectorRun  # what head office folded first (going back to inline)

    @property
    def changed(self) -> bool:
        return self.before != self.after


def set_mode(engine: Engine, mode: str, by: str, now: str, hq: Signer | None) -> ModeChange:
    """Head office sets the ledger's mode (recorded with who and when, and in the admin audit; the same mode
    again records nothing). Going to inline, everything pending is folded first in the same transaction, signed
    by head office."""
    if mode not in MODES:
        raise ValueError(f"projector mode must be one of {MODES}, not {mode!r}")
    with engine.begin() as conn:
        _lock(conn)
        before = ledger_mode(conn)
        recorded = conn.execute(select(central_projector_modes.c.pos).limit(1)).first() is not None
        run = project_in(conn, now=now, signer=(HQ, hq)) if mode == INLINE else ProjectorRun()
        if before != mode or not recorded:
            conn.execute(central_projector_modes.insert().values(mode=mode, set_at=now, set_by=by))
            write_audit(conn, now, by, "projector_mode", mode, {"before": before, "folded": run.applied})
    return ModeChange(before, mode, run)
