"""The hand-written local schema (db/local_schema.py, what the repositories query) and the Alembic migrations
(what builds every counter's local.db) are one schema: a column, index or table added to one and not the other
is found here, not on a counter (code review 2026-12-07, §1a: "hand schema vs migrations not compared";
it found ix_journal_kind, made by l0008 and missing from the hand schema)."""

from __future__ import annotations

import warnings
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from db.local_schema import metadata
from db.local_store import open_local_store

# FTS5 virtual tables (and their shadow tables) the migrations make with raw SQL: the name search, which the
# repositories query with SQL of their own; SQLAlchemy cannot declare them
FTS = ("customer_fts", "customer_name2")


def test_the_migrated_local_db_is_the_hand_written_schema(tmp_path: Path):
    store = open_local_store(tmp_path / "local.db")
    try:
        with store.engine.connect() as conn, warnings.catch_warnings():
            # l0007's expression index (json_extract): reflection skips it, by design (comment in local_schema)
            warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based index")
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
    finally:
        store.close()
    real = [d for d in diff if not (d[0] == "remove_table" and d[1].name.startswith(FTS))]
    assert real == []
