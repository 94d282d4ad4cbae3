"""Opening a terminal's local store: engines, migrations, the read and the write unit-of-work factories."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from db import checkpoint, restore_swap
from db.engine import sqlite_engine
from db.migrate import upgrade_local
from db.uow import SqlReadUnitOfWork, SqlUnitOfWork


@dataclass
class LocalStore:
    path: Path
    engine: Engine
    read_engine: Engine = field(default=None)  # type: ignore[assignment]  # made from path when not given

    def __post_init__(self) -> None:
        if self.read_engine is None:
            self.read_engine = sqlite_engine(self.path, read_only=True)

    def uow(self) -> SqlUnitOfWork:
        """A write unit of work (BEGIN IMMEDIATE): one short use case."""
        return SqlUnitOfWork(self.engine)

    def reader(self) -> SqlReadUnitOfWork:
        """A read unit of work on the readers' pool: no write lock, never blocks the counter's writes."""
        return SqlReadUnitOfWork(self.read_engine)

    def close(self) -> None:
        checkpoint.detach(self.engine)
        self.read_engine.dispose()
        self.engine.dispose()


def open_local_store(path: Path) -> LocalStore:
    restore_swap.recover(path)  # before SQLite may create an empty journal where a real one should be
    engine = sqlite_engine(path, background_checkpoints=True)
    upgrade_local(engine, path)
    return LocalStore(path, engine, sqlite_engine(path, read_only=True))
