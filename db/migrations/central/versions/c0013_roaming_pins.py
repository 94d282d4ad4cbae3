"""A clerk's own PIN reaches every counter of the hall (issue 27): central_clerks says what its PIN hash is.

- pin_kind: NULL (head office's one-time PIN, as before) | 'own' (the clerk set it at a counter, pushed as a
  `pin_set` journal entry: db/central/clerk_pins.py);
- pin_version: 1 + the version of the PIN it replaced (within one one-time issue): the newest wins, at head
  office and on each counter, by (pin_issue, pin_version, pin_set_at, pin_set_by), never by clock alone;
- pin_set_at: when that PIN was set (UTC text, the counter's clock);
- pin_set_by: the terminal where it was set.
NULL in all four for the rows from before: their signatures stay valid (app/pulled.row_digest leaves out an
optional column that is NULL).

Revision ID: c0013
Revises: c0012
"""

import sqlalchemy as sa
from alembic import op

revision = "c0013"
down_revision = "c0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("central_clerks", sa.Column("pin_kind", sa.String(16), nullable=True))
    op.add_column("central_clerks", sa.Column("pin_version", sa.Integer, nullable=True))
    op.add_column("central_clerks", sa.Column("pin_set_at", sa.String(32), nullable=True))
    op.add_column("central_clerks", sa.Column("pin_set_by", sa.String(32), nullable=True))


def downgrade() -> None:
    op.drop_column("central_clerks", "pin_set_by")
    op.drop_column("central_clerks", "pin_set_at")
    op.drop_column("central_clerks", "pin_version")
    op.drop_column("central_clerks", "pin_kind")
