"""Signatures in the central journal; late-fee state and waivers on central bills.

- central_journal.signature: the terminal's Ed25519 signature over the entry's hash (hex), checked on
  arrival against terminals.public_key (registered on the terminal's first push). Rows pushed before
  this revision keep NULL: they were stored unsigned.
- central_bills.fee_carried_fen / fee_accrued_through: the late fee earned but not yet paid, as the
  paying terminal recorded it (a partial payment carries the rest; a reversal carries the refunded fee
  again), so head office sees what a bill still owes.
- central_bills.fee_waived_fen: late fee waived (减免) by supervisors; not money received.

Revision ID: c0002
Revises: c0001
"""

import sqlalchemy as sa
from alembic import op

revision = "c0002"
down_revision = "c0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN on both engines (no table copy: the append-only triggers stay in place).
    op.add_column("central_journal", sa.Column("signature", sa.String(128), nullable=True))
    op.add_column(
        "central_bills", sa.Column("fee_carried_fen", sa.BigInteger, nullable=False, server_default="0")
    )
    op.add_column("central_bills", sa.Column("fee_accrued_through", sa.String(10), nullable=True))
    op.add_column(
        "central_bills", sa.Column("fee_waived_fen", sa.BigInteger, nullable=False, server_default="0")
    )


def downgrade() -> None:
    raise NotImplementedError("the central ledger is never downgraded; restore a backup instead")
