"""The journal by customer (issue 14): a payment shows the prepaid offsets (预收冲抵) since the customer's
last receipt, and the lookup lists them; both find a customer's entries through this expression index
instead of reading the whole journal. No table changes: offset and adjustment are new journal kinds.

Revision ID: l0007
"""

from alembic import op

revision = "l0007"
down_revision = "l0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_journal_customer "
        "ON journal (json_extract(payload, '$.customer_no'), kind, seq)"
    )


def downgrade() -> None:
    raise NotImplementedError("HallPay never downgrades a store; restore the backup taken before upgrading")
