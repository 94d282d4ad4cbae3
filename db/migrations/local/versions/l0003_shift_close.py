"""Shift close and reversal: a receipt remembers its reversal; a closed shift takes nothing more.

- receipts.reversed_by_seq: the journal sequence of the reversal (冲正) entry, NULL while it stands;
  set once, never changed (trigger).
- Nothing posts into a closed shift: no receipt row may name a closed shift, and a closed shift's
  row never changes again (triggers). The services refuse first, with a sentence; the triggers are
  the store's own guarantee.

Revision ID: l0003
"""

import sqlalchemy as sa
from alembic import op

revision = "l0003"
down_revision = "l0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("receipts") as batch:
        batch.add_column(sa.Column("reversed_by_seq", sa.Integer, nullable=True))
    op.execute(
        "CREATE TRIGGER receipts_reversed_once BEFORE UPDATE OF reversed_by_seq ON receipts "
        "WHEN OLD.reversed_by_seq IS NOT NULL "
        "BEGIN SELECT RAISE(ABORT, 'receipt already reversed'); END"
    )
    op.execute(
        "CREATE TRIGGER receipts_not_into_closed_shift BEFORE INSERT ON receipts "
        "WHEN (SELECT closed_at FROM shifts WHERE shift_id = NEW.shift_id) IS NOT NULL "
        "BEGIN SELECT RAISE(ABORT, 'shift is closed'); END"
    )
    op.execute(
        "CREATE TRIGGER shifts_closed_immutable BEFORE UPDATE ON shifts "
        "WHEN OLD.closed_at IS NOT NULL "
        "BEGIN SELECT RAISE(ABORT, 'shift is closed'); END"
    )


def downgrade() -> None:
    raise NotImplementedError("HallPay never downgrades a store; restore the backup taken before upgrading")
