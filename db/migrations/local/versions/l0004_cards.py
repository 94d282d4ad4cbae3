"""IC cards: the cards this counter has seen or issued, and the card writes it owes (补写卡).

- cards: one row per chip serial: whose meter it feeds, active or retired (补卡 retires the lost one),
  the last purchase the counter sold on it and what the meter last wrote back (its real balance).
- card_writes: one row per purchase (or replacement) written to a card: the exact wallet record (MAC
  included) committed with the money before the write, "pending" until read back, then "written";
  "cancelled" when the purchase was reversed (冲正) before it reached the card.

Revision ID: l0004
Revises: l0003
"""

import sqlalchemy as sa
from alembic import op

revision = "l0004"
down_revision = "l0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cards",
        sa.Column("serial", sa.String, primary_key=True),
        sa.Column("customer_no", sa.String, nullable=False),
        sa.Column("meter_no", sa.String, nullable=False),
        sa.Column("state", sa.String, nullable=False, server_default="active"),
        sa.Column("last_purchase_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_purchase_fen", sa.Integer, nullable=False, server_default="0"),
        sa.Column("meter_balance_fen", sa.Integer, nullable=True),
        sa.Column("meter_count", sa.Integer, nullable=True),
        sa.Column("meter_time", sa.String, nullable=True),
        sa.Column("replaced_by", sa.String, nullable=True),
        sa.Column("updated_at", sa.String, nullable=False),
    )
    op.create_index("ix_cards_customer", "cards", ["customer_no", "state"])
    op.create_table(
        "card_writes",
        sa.Column("receipt_no", sa.String, primary_key=True),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("customer_no", sa.String, nullable=False),
        sa.Column("serial", sa.String, nullable=False),
        sa.Column("purchase_fen", sa.Integer, nullable=False),
        sa.Column("purchase_count", sa.Integer, nullable=False),
        sa.Column("mac_hex", sa.String, nullable=False),
        sa.Column("state", sa.String, nullable=False, server_default="pending"),
        sa.Column("entry_seq", sa.Integer, sa.ForeignKey("journal.seq"), nullable=False),
        sa.Column("written_seq", sa.Integer, nullable=True),
        sa.Column("created_at", sa.String, nullable=False),
    )
    op.create_index("ix_card_writes_serial", "card_writes", ["serial", "state"])
    op.create_index("ix_card_writes_customer", "card_writes", ["customer_no", "state"])
    op.execute(
        "CREATE TRIGGER card_writes_final BEFORE UPDATE OF state ON card_writes "
        "WHEN OLD.state <> 'pending' "
        "BEGIN SELECT RAISE(ABORT, 'card write already settled'); END"
    )


def downgrade() -> None:
    raise NotImplementedError("HallPay never downgrades a store; restore the backup taken before upgrading")
