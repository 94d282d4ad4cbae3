"""Sync as a service: what `main.py sync`, the status bar and the supervisor's review page call.

`SyncLink` holds the ports (the local outbox and master-data sink, and a way to open the central
ledger, which may fail while offline: it is opened lazily, on each attempt until it succeeds).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from app.applied import KEPT, Position, elsewhere_warning
from app.clock import utc_text
from app.progress import Progress, no_progress
from app.services.context import Context, Terminal
from app.sync import (
    PULL_PAGE,
    PUSH_BATCH,
    CentralLedger,
    MasterSink,
    Outbox,
    ReviewCase,
    SyncResult,
    sync_once,
)
from app.sync_worker import Backoff, SyncWorker
from app.warnings import Warning

log = logging.getLogger("hallpay.sync")


class LocalSide(Outbox, MasterSink, Protocol):
    def set_last_success(self, when: str) -> None: ...

    def note_fork(self, reason: str) -> None:
        """Head office found another machine holding this terminal id: from now on this one takes no money."""
        ...

    def master_before_journal(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, str]]: ...


class CentralSide(CentralLedger, Protocol):
    @property
    def embedded(self) -> bool: ...

    def is_empty(self) -> bool: ...

    def load_master_data(
        self,
        customers: list[dict[str, Any]],
        bills: list[dict[str, Any]],
        policy: dict[str, str] | None = None,
    ) -> None: ...

    def review_cases(self, *, open_only: bool = True, customer_no: str | None = None) -> list[ReviewCase]: ...


@dataclass
class SyncLink:
    local: LocalSide
    open_central: Callable[[], CentralSide]
    terminal: Terminal
    public_key: str = ""  # the terminal's Ed25519 public key (hex), registered centrally on the first push
    _central: CentralSide | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def central(self) -> CentralSide:
        with self._lock:
            if self._central is None:
                self._central = self.open_central()
            return self._central


def bootstrap_embedded(link: SyncLink) -> bool:
    """An empty embedded central.db starts from this terminal's master data before its journal.

    Only for the embedded ledger of a bare machine (demo, training): head office's PostgreSQL
    gets its master data from billing, never from a counter."""
    central = link.central()
    if not central.embedded or not central.is_empty():
        return False
    customers, bills, policy = link.local.master_before_journal()
    central.load_master_data(customers, bills, policy)
    log.info("embedded central ledger seeded with %d customers, %d bills", len(customers), len(bills))
    return True


def run_sync(
    link: SyncLink,
    *,
    batch_size: int = PUSH_BATCH,
    page_size: int = PULL_PAGE,
    now: Callable[[], dt.datetime] | None = None,
    progress: Progress = no_progress,
) -> SyncResult:
    """One push and one pull (`sync --once`). Raises CentralUnavailable while offline."""
    bootstrap_embedded(link)
    result = sync_once(
        link.local,
        link.central(),
        link.local,
        link.terminal.terminal_id,
        link.terminal.hall_name,
        batch_size=batch_size,
        page_size=page_size,
        public_key=link.public_key,
        progress=progress,
    )
    forks = [a for a in result.alarms if a.code == "sync.fork_two_pcs" and a.seq]
    if forks:
        link.local.note_fork(forks[0].reason)
    link.local.set_last_success(utc_text((now or (lambda: dt.datetime.now(dt.UTC)))()))
    if result.pushed or result.pulled or result.alarms:
        log.info(
            "sync: pushed %d, pulled %d, pending %d, alarms %d, review cases %d",
            result.pushed,
            result.pulled,
            result.pending,
            len(result.alarms),
            result.cases,
        )
    return result


def make_worker(
    link: SyncLink, *, interval_s: float = 30.0, backoff: Backoff | None = None, first_delay_s: float = 0.0
) -> SyncWorker:
    """The background worker the GUI starts; the status bar polls `worker.status().text()`."""
    return SyncWorker(
        lambda: run_sync(link),
        link.local.pending,
        interval_s=interval_s,
        backoff=backoff,
        first_delay_s=first_delay_s,
    )


def open_review_cases(link: SyncLink, customer_no: str | None = None) -> list[ReviewCase]:
    """The supervisor's list: bills paid twice, alarms, money waiting for a decision."""
    return link.central().review_cases(open_only=True, customer_no=customer_no)


def unapplied_elsewhere(ctx: Context, customer_no: str) -> Warning | None:
    """The lookup's warning when head office holds other counters' entries for this customer that its books (the
    bills and balance this counter pulled) do not hold yet (app/applied.py; the last pull's position). Reads only."""
    with ctx.read() as uow:
        kept = uow.settings.get(KEPT, "")
    if not kept:
        return None
    return elsewhere_warning(Position.from_rows(json.loads(kept)), customer_no, ctx.terminal.terminal_id)
