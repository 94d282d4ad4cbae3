"""Clerks' credentials, the audit trail and journal signatures (issue 8).

- clerks.pin_hash (scrypt, "" until set), failed_attempts, locked_until (UTC text), active.
- journal.signature: the terminal's Ed25519 signature over the entry hash (hex; "" for entries
  written before signing existed, which `verify` reports as unsigned only when asked to be strict).
- audit: failed logins, lock-outs, logins, clerk switches, PIN changes, settings changes. Rows are
  never updated or deleted (triggers); approvals themselves are journal entries.

Revision ID: l0006
"""

import sqlalchemy as sa
from alembic import op

revision = "l0006"
down_revision = "l0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("clerks") as batch:
        batch.add_column(sa.Column("pin_hash", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("failed_attempts", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("locked_until", sa.String, nullable=True))
        batch.add_column(sa.Column("active", sa.Integer, nullable=False, server_default="1"))
    with op.batch_alter_table("journal") as batch:
        batch.add_column(sa.Column("signature", sa.String, nullable=False, server_default=""))
    op.create_table(
        "audit",
        sa.Column("audit_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.String, nullable=False),
        sa.Column("event", sa.String, nullable=False),
        sa.Column("clerk_id", sa.String, nullable=False),
        sa.Column("subject", sa.String, nullable=False, server_default=""),
        sa.Column("detail", sa.Text, nullable=False, server_default="{}"),
    )
    op.create_index("ix_audit_at", "audit", ["at"])
    op.execute(
        "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END"
    )


def downgrade() -> None:
    raise NotImplementedError("HallPay never downgrades a store; restore the backup taken before upgrading")
