"""The journal by kind (issue 19): every money command asks whether a scanned payment's attempt is still open
(`wallet_attempt` entries without a `wallet_outcome`), and reconciliation and reversal look entries of one kind
up; this index answers those without reading the whole journal. No table changes.

Revision ID: l0008
"""

from alembic import op

revision = "l0008"
down_revision = "l0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE INDEX IF NOT EXISTS ix_journal_kind ON journal (kind, seq)")


def downgrade() -> None:
    raise NotImplementedError("HallPay never downgrades a store; restore the backup taken before upgrading")
