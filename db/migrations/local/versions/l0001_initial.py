"""The first local schema: customers, bills, journal, receipts, shifts, policy, search index.

Revision ID: l0001
"""

import sqlalchemy as sa
from alembic import op

revision = "l0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meta", sa.Column("key", sa.String, primary_key=True), sa.Column("value", sa.Text, nullable=False)
    )
    op.create_table(
        "policy_values",
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "clerks",
        sa.Column("clerk_id", sa.String, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("role", sa.String, nullable=False),
    )
    op.create_table(
        "customers",
        sa.Column("customer_no", sa.String, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("address", sa.Text, nullable=False),
        sa.Column("phone", sa.String, nullable=False, server_default=""),
        sa.Column("category", sa.String, nullable=False),
        sa.Column("meter_no", sa.String, nullable=False, server_default=""),
        sa.Column("prepaid", sa.Integer, nullable=False, server_default="0"),
        sa.Column("risk_grade", sa.String, nullable=False, server_default=""),
        sa.Column("important", sa.Integer, nullable=False, server_default="0"),
        sa.Column("area", sa.Text, nullable=False, server_default=""),
        sa.Column("balance_fen", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("ix_customers_phone", "customers", ["phone"])
    op.create_index("ix_customers_meter_no", "customers", ["meter_no"])
    op.create_table(
        "bills",
        sa.Column("bill_id", sa.String, primary_key=True),
        sa.Column("customer_no", sa.String, sa.ForeignKey("customers.customer_no"), nullable=False),
        sa.Column("period", sa.String, nullable=False),
        sa.Column("kwh", sa.Integer, nullable=False),
        sa.Column("amount_fen", sa.Integer, nullable=False),
        sa.Column("due_date", sa.String, nullable=False),
        sa.Column("principal_paid_fen", sa.Integer, nullable=False, server_default="0"),
        sa.Column("fee_carried_fen", sa.Integer, nullable=False, server_default="0"),
        sa.Column("fee_accrued_through", sa.String, nullable=True),
    )
    op.create_index("ix_bills_customer_period", "bills", ["customer_no", "period"])
    op.create_table(
        "journal",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("entry_id", sa.String, nullable=False, unique=True),
        sa.Column("terminal_id", sa.String, nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("clerk_id", sa.String, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String, nullable=False),
        sa.Column("hash", sa.String, nullable=False),
    )
    op.create_table(
        "shifts",
        sa.Column("shift_id", sa.String, primary_key=True),
        sa.Column("clerk_id", sa.String, nullable=False),
        sa.Column("opened_at", sa.String, nullable=False),
        sa.Column("business_day", sa.String, nullable=False),
        sa.Column("float_fen", sa.Integer, nullable=False),
        sa.Column("closed_at", sa.String, nullable=True),
    )
    op.create_index("ix_shifts_clerk_open", "shifts", ["clerk_id", "closed_at"])
    op.create_table(
        "receipts",
        sa.Column("receipt_no", sa.String, primary_key=True),
        sa.Column("entry_seq", sa.Integer, sa.ForeignKey("journal.seq"), nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("customer_no", sa.String, nullable=False),
        sa.Column("shift_id", sa.String, nullable=False),
        sa.Column("method", sa.String, nullable=False),
        sa.Column("amount_fen", sa.Integer, nullable=False),
        sa.Column("business_day", sa.String, nullable=False),
        sa.Column("issued_at", sa.String, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("print_state", sa.String, nullable=False, server_default="pending"),
        sa.Column("print_reason", sa.Text, nullable=False, server_default=""),
        sa.Column("print_count", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("ix_receipts_day", "receipts", ["business_day"])
    op.create_index("ix_receipts_customer", "receipts", ["customer_no"])
    op.create_index("ix_receipts_print_state", "receipts", ["print_state"])
    op.create_table(
        "receipt_counters",
        sa.Column("business_day", sa.String, primary_key=True),
        sa.Column("last", sa.Integer, nullable=False),
    )
    # Journal rows are append-only: the database refuses UPDATE and DELETE from the application.
    # (Someone with the file can drop the trigger; the hash chain still shows the edit.)
    op.execute(
        "CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal "
        "BEGIN SELECT RAISE(ABORT, 'journal entries are append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal "
        "BEGIN SELECT RAISE(ABORT, 'journal entries are append-only'); END"
    )
    # Substring search over name and address: FTS5 trigram (3+ characters) ...
    op.execute(
        "CREATE VIRTUAL TABLE customer_fts USING fts5(name, address, content='customers', "
        "content_rowid='rowid', tokenize='trigram')"
    )
    # ... and name bigrams for the two-character Chinese names a trigram index cannot see.
    op.execute("CREATE VIRTUAL TABLE customer_name2 USING fts5(grams, customer_no UNINDEXED)")
    op.execute(
        "CREATE TRIGGER customers_fts_ai AFTER INSERT ON customers BEGIN "
        "INSERT INTO customer_fts(rowid, name, address) VALUES (new.rowid, new.name, new.address); END"
    )
    op.execute(
        "CREATE TRIGGER customers_fts_ad AFTER DELETE ON customers BEGIN "
        "INSERT INTO customer_fts(customer_fts, rowid, name, address) "
        "VALUES ('delete', old.rowid, old.name, old.address); END"
    )
    op.execute(
        "CREATE TRIGGER customers_fts_au AFTER UPDATE OF name, address ON customers BEGIN "
        "INSERT INTO customer_fts(customer_fts, rowid, name, address) "
        "VALUES ('delete', old.rowid, old.name, old.address); "
        "INSERT INTO customer_fts(rowid, name, address) VALUES (new.rowid, new.name, new.address); END"
    )


def downgrade() -> None:
    raise NotImplementedError("HallPay never downgrades a store; restore the backup taken before upgrading")
