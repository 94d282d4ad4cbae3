"""Refund orders are pulled by counters, and clerks answer for customer areas (issue 21).

Refund orders are pulled by counters: central_refunds carries the writer's signature like every
other pulled row (c0005, app/pulled.py). Head office signs the order when finance decides; the counter whose
push pays it out signs the row it marks paid. Rows ordered before this revision are signed by head office when
the ledger next opens with its key (db/central/refunds.py).

central_collection_areas: the clerk who answers for each customer area's arrears (收费责任制), set in the
console; the clerk report's collection rate is recovered ÷ (recovered + the arrears of the clerk's areas).

Revision ID: c0010
Revises: c0008
"""

import sqlalchemy as sa
from alembic import op

revision = "c0010"
down_revision = "c0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("central_refunds", sa.Column("signer", sa.String(32), nullable=True))
    op.add_column("central_refunds", sa.Column("signature", sa.String(128), nullable=True))
    op.create_table(
        "central_collection_areas",
        sa.Column("area", sa.String(64), primary_key=True),
        sa.Column("clerk_id", sa.String(32), nullable=False),
        sa.Column("assigned_by", sa.String(64), nullable=False),
        sa.Column("assigned_at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("central_collection_areas")
    op.drop_column("central_refunds", "signature")
    op.drop_column("central_refunds", "signer")
