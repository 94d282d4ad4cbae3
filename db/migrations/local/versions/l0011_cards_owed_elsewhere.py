"""Card writes owed at the hall's other counters (issue 26, defect 5): purchases another counter sold and whose
card write is still pending there, as pulled from head office's journal (db/central/pull_cards.py). A card behind
one of them is refused a new purchase here (app/services/card_view.py), so no purchase count is sold twice.
The pull's cursor per counter is sync_state `pull.cards.<terminal>`.

Revision ID: l0011
Revises: l0010
"""

import sqlalchemy as sa
from alembic import op

revision = "l0011"
down_revision = "l0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "card_owed_elsewhere",
        sa.Column("receipt_no", sa.String, primary_key=True),
        sa.Column("terminal_id", sa.String, nullable=False),
        sa.Column("entry_id", sa.String, nullable=False),
        sa.Column("serial", sa.String, nullable=False),
        sa.Column("customer_no", sa.String, nullable=False),
        sa.Column("purchase_count", sa.Integer, nullable=False),
        sa.Column("purchase_fen", sa.Integer, nullable=False),
    )
    op.create_index("ix_card_owed_elsewhere_serial", "card_owed_elsewhere", ["serial"])


def downgrade() -> None:
    raise NotImplementedError("HallPay never downgrades a store; restore the backup taken before upgrading")
