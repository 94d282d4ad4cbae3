"""Head office's own journal entries signed, and the change cursor inside every row signature (issue 18).

- central_hq_signatures: the Ed25519 signature of each entry on head office's HQ chain (offsets,
  adjustments, case decisions, refund orders) over its hash, and who signed it: head office (`HQ`), or the
  counter whose push made the entry (a certified writer, app/pulled.py). A table beside the journal because
  central_journal is append-only and an entry is appended before the transaction's signer signs it
  (db/central/hq.py). Counters pull the HQ chain and refuse an entry unsigned, altered, out of chain, or
  older than the one they already checked.
- Pulled rows (policy, customers, bills, clerks) are now signed over their `txn` too (app.pulled.row_digest),
  so a stale row cannot be served again under a newer cursor. Their signatures are cleared here; head office
  signs them again, and every HQ entry still unsigned, the next time it opens the ledger with its key
  (CentralStore.open, central_meta `row_signing` = 2). Until then counters refuse the pull with an alarm.

Revision ID: c0008
Revises: c0007
"""

import sqlalchemy as sa
from alembic import op

revision = "c0008"
down_revision = "c0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "central_hq_signatures",
        sa.Column("entry_id", sa.String(36), primary_key=True),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("signer", sa.String(32), nullable=False),
        sa.Column("signature", sa.String(128), nullable=False),
    )
    for table in ("central_policy", "central_customers", "central_bills", "central_clerks"):
        op.execute(f"UPDATE {table} SET signer = NULL, signature = NULL")


def downgrade() -> None:
    raise NotImplementedError("the central ledger is never downgraded; restore a backup instead")
