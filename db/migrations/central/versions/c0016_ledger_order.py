"""The ledger's order and the seed (issue 29): `central verify-books` folds every journal from the master data
as first loaded, in the order the books applied them, and compares with the stored rows.

- central_applied: one row per run of entries a transaction folded into the books (a push's batch, head
  office's offsets, adjustments and refund orders), and one per load of master data, by `pos`;
- central_seed: each customer's and bill's money columns as first loaded, with the pos of that load.
A ledger from before this revision has neither for what it already holds: verify-books says so.

Revision ID: c0016
Revises: c0015
"""

import sqlalchemy as sa
from alembic import op

revision = "c0016"
down_revision = "c0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "central_applied",
        sa.Column(
            "pos", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True, autoincrement=True
        ),
        sa.Column("what", sa.String(8), nullable=False),
        sa.Column("terminal_id", sa.String(32), nullable=False, server_default=""),
        sa.Column("from_seq", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("to_seq", sa.BigInteger, nullable=False, server_default="0"),
    )
    op.create_table(
        "central_seed",
        sa.Column("stream", sa.String(16), primary_key=True),
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("pos", sa.BigInteger, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("central_seed")
    op.drop_table("central_applied")
