"""The late-fee part of a review case's surplus; a quarantine for entries of a forked terminal id.

review_cases.fee_fen: of a `double_payment` case's amount_fen (money a payment claimed for a bill that
the bill no longer owed, moved to the customer's balance), the part that was claimed as late fee. A
reversal of that payment takes exactly the fee and the principal that reached the bill off it again,
and the surplus back from the balance (db/central/project.py).

central_quarantine: entries pushed under a terminal id whose registered key is another machine's (two
machines with one id: a fork). They are kept, signature-checked against the key that pushed them, once
per entry id, and never counted in bills, balances or reports until head office decides.

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
    op.create_table(
        "central_quarantine",
        sa.Column("terminal_id", sa.String(32), nullable=False),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("entry_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("clerk_id", sa.String(32), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("signature", sa.String(128), nullable=False),
        sa.Column("received_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("entry_id"),
    )


def downgrade() -> None:
    raise NotImplementedError("the central ledger is never downgraded; restore a backup instead")
