"""The projector's mode is the ledger's (issue 29): central_projector_modes, one row per change head office made.

Each counter used to read the mode from its own config.toml, so two counters of one ledger configured
differently folded each other's entries with a counter's key on a ledger meant for head office's projector.
The ledger's mode is now its last row here (db/central/mode.py); a ledger without a row is "inline", as every
ledger behaved before this revision.

Revision ID: c0020
Revises: c0019
"""

import sqlalchemy as sa
from alembic import op

revision = "c0020"
down_revision = "c0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "central_projector_modes",
        sa.Column(
            "pos", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True, autoincrement=True
        ),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("set_at", sa.String(32), nullable=False),
        sa.Column("set_by", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("central_projector_modes")
