"""Head office's web console (issue 21): its users, the decisions on review cases, refunds ordered.

- console_users: head-office people (finance, it, manager), each with a scrypt password hash and the
  login throttle (failed_logins counts wrong passwords in a row; locked_until stops logins for a while
  after ten). No counter PIN is stored or accepted here.
- review_cases.resolution / resolution_entry_id: what finance decided on a case (credit, refund,
  acknowledged) and the HQ journal entry that records it (who and why are in that entry's payload).
- central_refunds: a refund ordered by head office out of a customer's surplus: the customer's counter
  pulls it (`txn`, like bills) and pays it out at the next visit; status ordered → paid.

Revision ID: c0006
Revises: c0005
"""

import sqlalchemy as sa
from alembic import op

revision = "c0006"
down_revision = "c0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "console_users",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("failed_logins", sa.Integer, nullable=False, server_default="0"),
        sa.Column("locked_until", sa.String(32), nullable=True),
        sa.Column("disabled", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.add_column("review_cases", sa.Column("resolution", sa.String(16), nullable=True))
    op.add_column("review_cases", sa.Column("resolution_entry_id", sa.String(36), nullable=True))
    op.create_table(
        "central_refunds",
        sa.Column("refund_id", sa.String(36), primary_key=True),
        sa.Column("customer_no", sa.String(32), nullable=False),
        sa.Column("amount_fen", sa.BigInteger, nullable=False),
        sa.Column("case_id", sa.String(200), nullable=False, unique=True),
        sa.Column("order_entry_id", sa.String(36), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="ordered"),
        sa.Column("ordered_at", sa.String(32), nullable=False),
        sa.Column("paid_at", sa.String(32), nullable=True),
        sa.Column("paid_entry_id", sa.String(36), nullable=True),
        sa.Column("txn", sa.BigInteger, nullable=False, server_default="0"),
        sa.Index("ix_central_refunds_customer", "customer_no", "status"),
        sa.Index("ix_central_refunds_txn", "txn", "refund_id"),
    )


def downgrade() -> None:
    op.drop_table("central_refunds")
    op.drop_column("review_cases", "resolution_entry_id")
    op.drop_column("review_cases", "resolution")
    op.drop_table("console_users")
