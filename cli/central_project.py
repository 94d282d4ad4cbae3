"""`python main.py central project [--once] [--interval S]`: head office's projector (issue 29).

With projector = "service" in the counters' [central] section, a push only appends; this process, on head
office's machine where its key is (HALLPAY_HQ_KEY), folds what was appended into the books and signs what it
folded (db/central/projector.py). Without --once it runs until stopped (systemd: docs/install.md), folding
whatever is pending every --interval seconds. A second one started by mistake waits on the first's lock.
"""

from __future__ import annotations

import argparse
import signal
import threading
from collections.abc import Callable
from typing import Any

from app.errors import InputError
from app.messages import coded, message
from app.sync import CentralUnavailable
from cli.output import say, warn

DEFAULT_INTERVAL_S = 1.0


def run_project(args: argparse.Namespace, open_admin: Callable[..., tuple[Any, Any, Any]]) -> int:
    """open_admin: cli/central.py's (head office's store, its key required), passed in: no import back."""
    interval = DEFAULT_INTERVAL_S if args.interval is None else float(args.interval)
    if interval <= 0:
        raise coded(InputError, "projector.interval")
    store, _admin, _created = open_admin(args.central, args.data_dir, writes=True)
    stop = threading.Event()
    # systemd's stop ends the wait between runs; a batch in hand commits or rolls back whole either way
    if not args.once:
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while True:
            try:
                _one(store, quiet_when_idle=not args.once)
            except (
                CentralUnavailable
            ) as error:  # the ledger away, or the lock not had within the link's bound
                if args.once:
                    raise
                warn(str(error))  # the service goes on: the next run folds what this one could not
            if args.once or stop.wait(interval):
                return 0
    except KeyboardInterrupt:
        return 0
    finally:
        store.close()


def _one(store: Any, quiet_when_idle: bool) -> None:
    from db.central.projector import pending_count

    run = store.project()
    with store.engine.connect() as conn:
        pending = pending_count(conn)
        conn.rollback()
    if run.applied:
        say(
            message(
                "projector.folded",
                applied=run.applied,
                batches=run.batches,
                position=run.position,
                cases=len(run.cases),
                pending=pending,
            )
        )
    elif not quiet_when_idle:
        say(message("projector.idle", position=run.position))
