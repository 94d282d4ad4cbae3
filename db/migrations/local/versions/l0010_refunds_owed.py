"""Refunds owed (issue 21): head office's refund orders pulled for this counter's customers, paid out in cash
at the next visit (app/services/refund_payout.py). `paid_seq` names the refund_payout journal entry that paid
one, written in that entry's transaction, so a refund is paid out at most once here.

Revision ID: l0010
Revises: l0008
"""

import sqlalchemy as sa
from alembic import op

revision = "l0010"
down_revision = "l0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "refunds_owed",
        sa.Column("refund_id", sa.String, primary_key=True),
        sa.Column("customer_no", sa.String, nullable=False),
        sa.Column("amount_fen", sa.Integer, nullable=False),
        sa.Column("case_id", sa.String, nullable=False),
        sa.Column("order_entry_id", sa.String, nullable=False),
        sa.Column("ordered_at", sa.String, nullable=False),
        sa.Column("central_status", sa.String, nullable=False, server_default="ordered"),
        sa.Column("paid_seq", sa.Integer, sa.ForeignKey("journal.seq"), nullable=True),
    )
    op.create_index("ix_refunds_owed_customer", "refunds_owed", ["customer_no", "paid_seq"])


def downgrade() -> None:
    raise NotImplementedError("HallPay never downgrades a store; restore the backup taken before upgrading")
