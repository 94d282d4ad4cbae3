"""A central bill names the record that explains its amount, due date and kWh (issue 18, pulled master data).

central_bills.basis: the entry id (central_journal) of the adjustment (退补) that last set the bill's
amount, due date or kWh: a counter's own adjustment, or head office's on its HQ chain when billing
corrects an issued bill. NULL: the bill is as first issued. A counter refuses a pulled bill whose values
differ from its own unless the pulled row brings that record and the record says exactly these values
(db/local_sync.py), so an edited row is never pulled silently.

Revision ID: c0004
Revises: c0003
"""

import sqlalchemy as sa
from alembic import op

revision = "c0004"
down_revision = "c0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("central_bills", sa.Column("basis", sa.String(36), nullable=True))


def downgrade() -> None:
    raise NotImplementedError("the central ledger is never downgraded; restore a backup instead")
