"""What every service needs: the unit-of-work factories (read and write), the clock, who this terminal is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from app.clock import business_day, utc_text
from app.journal import Entry, new_entry
from app.ports import Clock
from app.signing import Signer
from app.store import ReadUnitOfWork, ReadUnitOfWorkFactory, UnitOfWork, UnitOfWorkFactory


@dataclass(frozen=True)
class Terminal:
    terminal_id: str
    hall_name: str


@dataclass(frozen=True)
class Context:
    uow: UnitOfWorkFactory
    clock: Clock
    terminal: Terminal
    signer: Signer | None = None  # signs every journal entry (issue 8); None in bare unit tests
    clerk_id: str = ""  # the clerk logged in at this counter, when one is (GUI, CLI with --clerk)
    reader: ReadUnitOfWorkFactory | None = None  # the read unit of work; None: reads use `uow` (bare tests)

    def read(self) -> ReadUnitOfWork:
        """A read unit of work: no write lock. Every service that does not write opens this one;
        `uow()` is for one use case's short write transaction."""
        return (self.reader or self.uow)()

    def today(self) -> dt.date:
        return business_day(self.clock.now_utc())


def append_entry(
    uow: UnitOfWork, ctx: Context, kind: str, clerk_id: str, payload: dict, now: dt.datetime
) -> Entry:
    """Chain a new journal entry onto the terminal's journal, inside the caller's transaction."""
    seq, prev_hash = uow.journal.head()
    entry = new_entry(
        terminal_id=ctx.terminal.terminal_id,
        seq=seq + 1,
        kind=kind,
        created_at=utc_text(now),
        clerk_id=clerk_id,
        payload=payload,
        prev_hash=prev_hash,
    )
    if ctx.signer is not None:
        entry = replace(entry, signature=ctx.signer.sign_hash(entry.hash))
    uow.journal.append(entry)
    return entry
