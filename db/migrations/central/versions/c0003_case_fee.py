"""The late-fee part of a review case's surplus.

review_cases.fee_fen: of a `double_payment` case's amount_fen (money a payment claimed for a bill that
the bill no longer owed, moved to the customer's balance), the part that was claimed as late fee. A
reversal of that payment takes exactly the fee and the principal that reached the bill off it again,
and the surplus back from the balance (db/central/project.py).

Revision ID: c0003
Revises: c0002
"""

import sqlalchemy as sa
from alembic import op

revision = "c0003"
down_revision = "c0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("review_cases", sa.Column("fee_fen", sa.BigInteger, nullable=False, server_default="0"))


def downgrade() -> None:
    raise NotImplementedError("the central ledger is never downgraded; restore a backup instead")
