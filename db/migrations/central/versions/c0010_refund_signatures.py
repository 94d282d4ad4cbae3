"""Refund orders are pulled by counters (issue 21): central_refunds carries the writer's signature like every
other pulled row (c0005, app/pulled.py). Head office signs the order when finance decides; the counter whose
push pays it out signs the row it marks paid. Rows ordered before this revision are signed by head office when
the ledger next opens with its key (db/central/refunds.py).

Revision ID: c0010
Revises: c0007
"""

import sqlalchemy as sa
from alembic import op

revision = "c0010"
down_revision = "c0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("central_refunds", sa.Column("signer", sa.String(32), nullable=True))
    op.add_column("central_refunds", sa.Column("signature", sa.String(128), nullable=True))


def downgrade() -> None:
    op.drop_column("central_refunds", "signature")
    op.drop_column("central_refunds", "signer")
