"""The first central ledger schema: terminals, journal, master data with pull cursor, review cases.

Revision ID: c0001
"""

import sqlalchemy as sa
from alembic import op

revision = "c0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "terminals",
        sa.Column("terminal_id", sa.String(32), primary_key=True),
        sa.Column("hall_name", sa.Text, nullable=False, server_default=""),
        sa.Column("public_key", sa.Text, nullable=True),
        sa.Column("ack_seq", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("ack_hash", sa.String(64), nullable=False, server_default="0" * 64),
        sa.Column("last_push_at", sa.String(32), nullable=True),
    )
    op.create_table(
        "central_journal",
        sa.Column("entry_id", sa.String(36), primary_key=True),
        sa.Column("terminal_id", sa.String(32), nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("clerk_id", sa.String(32), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("received_at", sa.String(32), nullable=False),
        sa.UniqueConstraint("terminal_id", "seq", name="uq_central_journal_terminal_seq"),
    )
    op.create_table(
        "central_customers",
        sa.Column("customer_no", sa.String(32), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("address", sa.Text, nullable=False),
        sa.Column("phone", sa.String(32), nullable=False, server_default=""),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("meter_no", sa.String(32), nullable=False, server_default=""),
        sa.Column("prepaid", sa.Integer, nullable=False, server_default="0"),
        sa.Column("risk_grade", sa.String(8), nullable=False, server_default=""),
        sa.Column("important", sa.Integer, nullable=False, server_default="0"),
        sa.Column("area", sa.Text, nullable=False, server_default=""),
        sa.Column("balance_fen", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("txn", sa.BigInteger, nullable=False, server_default="0"),
    )
    op.create_index("ix_central_customers_txn", "central_customers", ["txn", "customer_no"])
    op.create_table(
        "central_bills",
        sa.Column("bill_id", sa.String(64), primary_key=True),
        sa.Column("customer_no", sa.String(32), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("kwh", sa.BigInteger, nullable=False),
        sa.Column("amount_fen", sa.BigInteger, nullable=False),
        sa.Column("due_date", sa.String(10), nullable=False),
        sa.Column("principal_paid_fen", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("fee_paid_fen", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("txn", sa.BigInteger, nullable=False, server_default="0"),
    )
    op.create_index("ix_central_bills_customer", "central_bills", ["customer_no", "period"])
    op.create_index("ix_central_bills_txn", "central_bills", ["txn", "bill_id"])
    op.create_table(
        "central_policy",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("txn", sa.BigInteger, nullable=False, server_default="0"),
    )
    op.create_index("ix_central_policy_txn", "central_policy", ["txn", "key"])
    op.create_table(
        "review_cases",
        sa.Column("case_id", sa.String(200), primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("terminal_id", sa.String(32), nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("entry_id", sa.String(36), nullable=False),
        sa.Column("customer_no", sa.String(32), nullable=True),
        sa.Column("bill_id", sa.String(64), nullable=True),
        sa.Column("amount_fen", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("resolved_at", sa.String(32), nullable=True),
        sa.Column("resolved_by", sa.String(32), nullable=True),
    )
    op.create_index("ix_review_cases_customer", "review_cases", ["customer_no"])
    op.create_index("ix_review_cases_open", "review_cases", ["resolved_at", "created_at"])
    if op.get_bind().dialect.name == "postgresql":
        # The central journal is append-only for the application, like the local one.
        op.execute(
            "CREATE FUNCTION central_journal_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION 'journal entries are append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER central_journal_append_only BEFORE UPDATE OR DELETE ON central_journal "
            "FOR EACH ROW EXECUTE FUNCTION central_journal_refuse()"
        )
    else:
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER central_journal_no_{action.lower()} BEFORE {action} ON central_journal "
                "BEGIN SELECT RAISE(ABORT, 'journal entries are append-only'); END"
            )


def downgrade() -> None:
    raise NotImplementedError("the central ledger is never downgraded; restore a backup instead")
