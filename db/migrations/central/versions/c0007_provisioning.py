"""Head office's provisioning (issue 17): halls, clerks, terminal key history, the admin audit trail.

- central_halls: a business hall (营业厅) and its name, which its terminals pull at `terminal init`.
- central_clerks: clerks with their role and hall; `pin_hash` is the scrypt hash of a one-time PIN
  (the PIN is shown once, never stored), `pin_issue` counts the PINs issued (a terminal applies a hash
  only when the issue number is new, so a PIN the clerk changed locally is not overwritten); pulled by
  terminals through `txn` like customers and bills.
- terminal_keys: every Ed25519 key a terminal ever had and from which sequence number it signs, so
  entries signed with an old key stay verifiable after a re-key; a retired key's pushes are refused.
- central_admin_audit: every act of head office's command group, with who did it.
- terminals.hall_id / terminals.approved: a provisioned terminal and whether head office approved it.
- central_clerks.signer / signature: head office signs every clerk row it writes, as it signs the other
  pulled rows (c0005, app/pulled.py); a counter refuses an unsigned one.

Revision ID: c0007
Revises: c0006
"""

import sqlalchemy as sa
from alembic import op

revision = "c0007"
down_revision = "c0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("terminals", sa.Column("hall_id", sa.String(32), nullable=True))
    op.add_column("terminals", sa.Column("approved", sa.Integer, nullable=False, server_default="0"))
    op.create_table(
        "central_halls",
        sa.Column("hall_id", sa.String(32), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "central_clerks",
        sa.Column("clerk_id", sa.String(32), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("hall_id", sa.String(32), nullable=False),
        sa.Column("active", sa.Integer, nullable=False, server_default="1"),
        sa.Column("pin_hash", sa.Text, nullable=False, server_default=""),
        sa.Column("pin_issue", sa.Integer, nullable=False, server_default="0"),
        sa.Column("txn", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("signer", sa.String(32), nullable=True),
        sa.Column("signature", sa.String(128), nullable=True),
    )
    op.create_index("ix_central_clerks_txn", "central_clerks", ["txn", "clerk_id"])
    op.create_table(
        "terminal_keys",
        sa.Column("terminal_id", sa.String(32), nullable=False),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("fingerprint", sa.String(16), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("from_seq", sa.BigInteger, nullable=False, server_default="1"),
        sa.Column("registered_at", sa.String(32), nullable=False),
        sa.Column("changed_at", sa.String(32), nullable=True),
        sa.Column("changed_by", sa.String(32), nullable=True),
        sa.PrimaryKeyConstraint("terminal_id", "public_key"),
    )
    # keys registered before this revision (trust on first push) are each terminal's active key from #1
    op.execute(
        "INSERT INTO terminal_keys (terminal_id, public_key, fingerprint, state, from_seq, registered_at) "
        "SELECT terminal_id, public_key, substr(public_key, 1, 16), 'active', 1, "
        "coalesce(last_push_at, '') FROM terminals WHERE public_key IS NOT NULL AND public_key <> ''"
    )
    op.create_table(
        "central_admin_audit",
        sa.Column("audit_id", sa.String(36), primary_key=True),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("subject", sa.String(64), nullable=False),
        sa.Column("detail", sa.Text, nullable=False, server_default="{}"),
    )
    op.create_index("ix_central_admin_audit_at", "central_admin_audit", ["at"])


def downgrade() -> None:
    raise NotImplementedError("the central ledger is never downgraded; restore a backup instead")
