"""Alembic environment for the local store. db/migrate.py passes the connection in."""

from alembic import context

from db.local_schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
