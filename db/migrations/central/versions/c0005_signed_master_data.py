"""Signed master data (issue 18): every pulled row carries its writer's Ed25519 signature.

central_policy / central_customers / central_bills: signer (`HQ` or the terminal id whose push wrote the
row) and signature (hex) over app.pulled.row_digest. terminals.cert: head office's signature over the
terminal's id and public key (app.pulled.cert_digest), which makes the terminal a trusted writer for
other counters. central_meta: head office's public key (`hq_public_key`), which counters pin at their
first pull. Rows of a ledger upgraded to c0005 are unsigned until head office signs them
(CentralStore.sign_unsigned; the embedded ledger does it itself, its key beside central.db).

Revision ID: c0005
Revises: c0004
"""

import sqlalchemy as sa
from alembic import op

revision = "c0005"
down_revision = "c0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("central_policy", "central_customers", "central_bills"):
        op.add_column(table, sa.Column("signer", sa.String(32), nullable=True))
        op.add_column(table, sa.Column("signature", sa.String(128), nullable=True))
    op.add_column("terminals", sa.Column("cert", sa.String(128), nullable=True))
    op.create_table(
        "central_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    raise NotImplementedError("the central ledger is never downgraded; restore a backup instead")
