"""Opening a terminal's local store: engine, migrations, unit-of-work factory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from db.engine import sqlite_engine
from db.migrate import upgrade_local
from db.uow import SqlUnitOfWork


@dataclass
class LocalStore:
    path: Path
    engine: Engine

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine)

    def reader(self) -> SqlUnitOfWork:
        """A read-only unit of work: no write lock, never blocks the counter's writes."""
        return SqlUnitOfWork(self.engine, write=False)

    def close(self) -> None:
        self.engine.dispose()


def open_local_store(path: Path) -> LocalStore:
    engine = sqlite_engine(path)
    upgrade_local(engine, path)
    return LocalStore(path, engine)
