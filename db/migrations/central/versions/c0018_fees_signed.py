"""A bill's late fee paid and waived are covered by its signature (issue 29): central_bills.fees_signed.

Before, a bill row's signature (app/pulled.row_digest) covered its principal paid and the late fee carried,
not `fee_paid_fen` nor `fee_waived_fen`: a hand edit of either passed the projection's row check. Every
signature made since covers both and the marker (fees_signed = 1); a row signed before keeps its marker NULL,
and its signature stays valid without the two columns (the digest leaves them out while the marker is NULL,
as for app/pulled.OPTIONAL columns). Dropping the marker of a row signed since breaks its signature. Head
office signs the old rows again in the new form at its next start with its key (db/central/rowsign.py).

Revision ID: c0018
Revises: c0017
"""

import sqlalchemy as sa
from alembic import op

revision = "c0018"
down_revision = "c0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("central_bills", sa.Column("fees_signed", sa.SmallInteger, nullable=True))


def downgrade() -> None:
    op.drop_column("central_bills", "fees_signed")
