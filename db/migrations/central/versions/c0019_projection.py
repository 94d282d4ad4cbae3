"""A push only appends; one projector folds (issue 29): central_appended and central_projection.

`central_appended` is one row per push that stored entries (a run of one terminal's sequence numbers), kept until
folded, its `pos` drawn when the push appended: the order the projector folds them in (db/central/projector.py).
`central_projection` is the projector's position per terminal: the last sequence number folded into the books,
and central_applied.pos of the batch that folded it. Every entry stored before this revision was projected by
its push, so each terminal starts at its acknowledgement.

Revision ID: c0019
Revises: c0018
"""

import sqlalchemy as sa
from alembic import op

revision = "c0019"
down_revision = "c0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "central_appended",
        sa.Column(
            "pos", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True, autoincrement=True
        ),
        sa.Column("terminal_id", sa.String(32), nullable=False),
        sa.Column("from_seq", sa.BigInteger, nullable=False),
        sa.Column("to_seq", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_central_appended_terminal", "central_appended", ["terminal_id", "to_seq"])
    op.create_table(
        "central_projection",
        sa.Column("terminal_id", sa.String(32), primary_key=True),
        sa.Column("applied_seq", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("position", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("applied_at", sa.String(32), nullable=False, server_default=""),
    )
    op.execute(
        "INSERT INTO central_projection (terminal_id, applied_seq, position, applied_at) "
        "SELECT terminal_id, ack_seq, 0, '' FROM terminals"
    )


def downgrade() -> None:
    op.drop_table("central_projection")
    op.drop_index("ix_central_appended_terminal", table_name="central_appended")
    op.drop_table("central_appended")
