"""A restore's swap of local.db, and what start-up makes of one a power cut interrupted (issue 30).

The swap is three durable steps (each rename's directory fsynced, app/durable.py):

1. the rebuilt, verified work copy `local.db.restoring` is renamed `local.db.restored`: from here on the
   rebuild is complete and the swap will be finished, whatever happens;
2. the old `local.db` (and its -wal, -shm) move aside to `local.db.before-restore-<stamp>…` (never deleted);
3. `local.db.restored` becomes `local.db`.

`recover(path)`, run before the store is opened: a `local.db.restored` means steps 2-3 are due: they are
finished. A `local.db.restoring` beside a live `local.db` is a rebuild that never finished: removed (the
restore starts again from the backup). Where local.db is missing, SQLite would silently create an empty
journal that `verify` calls intact: a restore's leftovers or a WAL without its database refuse that with
one sentence saying what to do.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from app import durable
from app.errors import StoreUnavailable
from app.messages import coded

log = logging.getLogger("hallpay.restore")

SIDES = ("-wal", "-shm")


def working(target: Path) -> Path:
    return target.with_name(target.name + ".restoring")


def restored(target: Path) -> Path:
    return target.with_name(target.name + ".restored")


def _aside_all(target: Path) -> list[Path]:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    kept: list[Path] = []
    for suffix in ("", *SIDES):
        old = target.with_name(target.name + suffix)
        if old.exists():
            aside = target.with_name(f"{target.name}.before-restore-{stamp}{suffix}")
            durable.rename(old, aside)
            kept.append(aside)
    return kept


def swap_in(work: Path, target: Path) -> list[Path]:
    """The rebuilt `work` (its WAL checkpointed into it and fsynced) becomes `target`; the old files are kept
    aside and returned."""
    for suffix in SIDES:
        work.with_name(work.name + suffix).unlink(missing_ok=True)
    durable.rename(work, restored(target))  # step 1: the point of no return
    return _finish(target)


def _finish(target: Path) -> list[Path]:
    kept = _aside_all(target)  # step 2
    for suffix in SIDES:
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    durable.rename(restored(target), target)  # step 3
    return kept


def recover(target: Path) -> None:
    """Finish or roll back a restore a power cut stopped; refuse to let SQLite make an empty `target` where
    there are signs of a journal that should be there."""
    if restored(target).exists():
        kept = _finish(target)
        log.warning("finished a restore's swap a power cut interrupted (old files kept: %s)", kept)
        return
    if target.exists():
        work = working(target)
        if work.exists():
            for leftover in (work, *(work.with_name(work.name + s) for s in SIDES)):
                leftover.unlink(missing_ok=True)
            durable.fsync_dir(target.parent)
            log.warning("removed an unfinished restore's work copy %s", work)
        return
    leftovers = sorted(
        p.name for p in target.parent.glob(f"{target.name}.before-restore-*") if not p.name.endswith(SIDES)
    )
    if working(target).exists():
        raise coded(StoreUnavailable, "store.restore_unfinished", data_dir=target.parent)
    if leftovers:
        raise coded(StoreUnavailable, "store.restore_leftovers", data_dir=target.parent, aside=leftovers[-1])
    if target.with_name(target.name + "-wal").exists():
        raise coded(StoreUnavailable, "store.wal_without_db", data_dir=target.parent)
