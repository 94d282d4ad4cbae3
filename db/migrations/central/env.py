"""Alembic environment for the central ledger. db/central/engine.py passes the connection in."""

from alembic import context

from db.central_schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, version_table="central_alembic_version")
with context.begin_transaction():
    context.run_migrations()
