"""Sync state: the central ledger's acknowledgement and the pull cursors.

Revision ID: l0002
Revises: l0001
"""

import sqlalchemy as sa
from alembic import op

revision = "l0002"
down_revision = "l0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    raise NotImplementedError("HallPay never downgrades a store; restore the backup taken before upgrading")
