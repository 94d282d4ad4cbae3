"""A quarantined entry of a forked terminal can be posted to the books, once (issue 27 part 4).

central_quarantine.posted_entry_id: the HQ journal record (kind `quarantine_post`, db/central/quarantine_post.py)
that posted the entry to the customer's bills and balance; posted_at, posted_by: when and who. NULL while the
entry waits. The posting sets them in its own transaction only where posted_entry_id is still NULL, so a
second posting (two supervisors at once included) changes nothing and is refused.

Revision ID: c0015
Revises: c0014
"""

import sqlalchemy as sa
from alembic import op

revision = "c0015"
down_revision = "c0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("central_quarantine", sa.Column("posted_entry_id", sa.String(36), nullable=True))
    op.add_column("central_quarantine", sa.Column("posted_at", sa.String(32), nullable=True))
    op.add_column("central_quarantine", sa.Column("posted_by", sa.String(32), nullable=True))


def downgrade() -> None:
    raise NotImplementedError("the central ledger is never downgraded; restore a backup instead")
