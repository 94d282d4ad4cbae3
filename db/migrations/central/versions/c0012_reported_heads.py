"""Each terminal's reported journal head (issue 21): the console's "entries waiting" becomes a number.

- terminals.reported_head: the last local sequence number the counter reported with a push or a heartbeat
  (db/central/heads.py). The counter's claim: shown as head − ack_seq, never used for money; a head below
  ack_seq is shown as a warning (a restored or copied disk).
- terminals.head_reported_at: when it was reported (UTC text), the console's "as of".
NULL in both until the terminal first reports: the console then says 未知 (unknown).

Revision ID: c0012
Revises: c0011
"""

import sqlalchemy as sa
from alembic import op

revision = "c0012"
down_revision = "c0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("terminals", sa.Column("reported_head", sa.BigInteger, nullable=True))
    op.add_column("terminals", sa.Column("head_reported_at", sa.String(32), nullable=True))


def downgrade() -> None:
    op.drop_column("terminals", "head_reported_at")
    op.drop_column("terminals", "reported_head")
