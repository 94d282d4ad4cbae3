"""Each terminal's chain checked once, not on every view (issue 31): the console's terminals page re-read and
re-verified every central copy on each view (21-32 s at 876,000 entries). central_chain_checks keeps, per
terminal (and HQ), the last entry whose chain, hash and signature were verified from genesis on, its hash, and a
digest of the key history it was checked with (a re-key or a retired key starts the check again); a view
verifies only the entries after it (db/central/chain_checks.py). `central verify` checks every chain whole and
sets the checkpoint to what it found intact, so damage below a checkpoint shows once it has run.

Revision ID: c0017
Revises: c0016
"""

import sqlalchemy as sa
from alembic import op

revision = "c0017"
down_revision = "c0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "central_chain_checks",
        sa.Column("terminal_id", sa.String(32), primary_key=True),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("key_digest", sa.String(64), nullable=False),
        sa.Column("checked_at", sa.String(32), nullable=False),
        sa.Column("full_at", sa.String(32), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("central_chain_checks")
