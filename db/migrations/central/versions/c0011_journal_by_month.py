"""The central journal by month (issue 20): central_journal.day, and on PostgreSQL one partition per month.

- central_journal.shift_id: the payload's shift id (a string), indexed: the hall day report's key.
- central_journal.day: the business day a row is filed under (db/central/partitions.journal_day: the
  payload's business_day, else the Asia/Shanghai date of created_at), filled in for the rows already there.
- PostgreSQL: central_journal becomes a table partitioned by RANGE (day), a partition per month, from the
  oldest month present to AHEAD months beyond the current one. A unique key of a partitioned table must
  include its partition key, so the keys become (entry_id, day) and (terminal_id, seq, day); an entry's
  day is a function of the entry, so a re-sent entry still meets its own row. A push keeps (terminal, seq)
  unique under the terminal's row lock and checks every new entry id against the whole journal
  (db/central/stage.py) before inserting. The append-only trigger moves to the new table.
- SQLite (the embedded ledger): one table, the same column; its keys stay as they are.

Revision ID: c0011
Revises: c0010
"""

import sqlalchemy as sa
from alembic import op

from db.central.partitions import create_partitions

revision = "c0011"
down_revision = "c0010"
branch_labels = None
depends_on = None

_BUSINESS_DAY = "payload::jsonb ->> 'business_day'"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        op.add_column("central_journal", sa.Column("day", sa.String(10), nullable=False, server_default=""))
        op.add_column("central_journal", sa.Column("shift_id", sa.String(64), nullable=True))
        # the append-only guard lifted for the one fill of the new column, then put back as it was
        op.execute("DROP TRIGGER IF EXISTS central_journal_no_update")
        # Shanghai keeps UTC+8 all year (no daylight saving since 1991): +8 hours is its calendar date
        op.execute(
            "UPDATE central_journal SET day = CASE "
            "WHEN json_extract(payload, '$.business_day') GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' "
            "THEN json_extract(payload, '$.business_day') "
            "ELSE coalesce(date(created_at, '+8 hours'), substr(created_at, 1, 10)) END, "
            "shift_id = CASE WHEN json_type(payload, '$.shift_id') = 'text' "
            "THEN json_extract(payload, '$.shift_id') END"
        )
        op.execute(
            "CREATE TRIGGER central_journal_no_update BEFORE UPDATE ON central_journal "
            "BEGIN SELECT RAISE(ABORT, 'journal entries are append-only'); END"
        )
        op.create_index("ix_central_journal_day", "central_journal", ["day", "terminal_id"])
        op.create_index("ix_central_journal_shift", "central_journal", ["shift_id"])
        return
    op.execute("SET LOCAL TimeZone = 'UTC'")
    op.execute("ALTER TABLE central_journal RENAME TO central_journal_flat")
    op.execute(
        "ALTER TABLE central_journal_flat RENAME CONSTRAINT uq_central_journal_terminal_seq "
        "TO uq_central_journal_flat_terminal_seq"
    )
    op.execute("ALTER INDEX central_journal_pkey RENAME TO central_journal_flat_pkey")
    op.execute(
        "CREATE TABLE central_journal (LIKE central_journal_flat INCLUDING DEFAULTS, "
        'day varchar(10) COLLATE "C" NOT NULL, shift_id varchar(64), '
        "CONSTRAINT central_journal_pkey PRIMARY KEY (entry_id, day), "
        "CONSTRAINT uq_central_journal_terminal_seq UNIQUE (terminal_id, seq, day)) PARTITION BY RANGE (day)"
    )
    op.execute("CREATE INDEX ix_central_journal_day ON central_journal (day, terminal_id)")
    op.execute("CREATE INDEX ix_central_journal_shift ON central_journal (shift_id)")
    day = (
        f"CASE WHEN {_BUSINESS_DAY} ~ '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}$' THEN {_BUSINESS_DAY} "
        "ELSE to_char(created_at::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') END"
    )
    months = [
        r[0] for r in bind.execute(sa.text(f"SELECT DISTINCT substr({day}, 1, 7) FROM central_journal_flat"))
    ]
    # the months that hold rows; the current month and those ahead are the opening store's (its clock's)
    create_partitions(bind, months)
    shift = "CASE WHEN jsonb_typeof(payload::jsonb -> 'shift_id') = 'string' THEN payload::jsonb ->> 'shift_id' END"
    op.execute(f"INSERT INTO central_journal SELECT *, {day}, {shift} FROM central_journal_flat")
    op.execute("DROP TABLE central_journal_flat")
    op.execute(
        "CREATE TRIGGER central_journal_append_only BEFORE UPDATE OR DELETE ON central_journal "
        "FOR EACH ROW EXECUTE FUNCTION central_journal_refuse()"
    )


def downgrade() -> None:
    raise NotImplementedError("the central ledger is never downgraded; restore a backup instead")
