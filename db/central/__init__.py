"""The central ledger adapter: PostgreSQL through psycopg 3, or the embedded SQLite central.db."""
