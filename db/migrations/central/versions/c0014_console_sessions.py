"""Head office's console in production (issue 31): login throttle and server-side sessions.

- console_throttle: one row per throttled key (`addr:<ip>`, `pair:<ip>|<name>`, `name:<name>`), counting login
  attempts in a fixed window that starts at the window's first attempt. An attempt is counted (INSERT … ON
  CONFLICT DO UPDATE … RETURNING) *before* its password is checked, so parallel requests cannot check more
  passwords than the limit (console/throttle.py). Unknown names get rows like known ones.
- console_sessions: one row per logged-in browser; the cookie carries a random token, the row its SHA-256.
  Logout, a disabled user and a password change delete rows: a copied cookie then opens nothing.
- ix_central_journal_customer: the journal by the payload's customer number and kind (an expression index, as
  the counter's l0007): a review case's payments are its customer's, so the case page reads a customer's few
  entries instead of scanning every payment's payload for the bill's id (12.5 s for 200 cases of 30,010 entries,
  review P2-4). On PostgreSQL it is made on the partitioned parent and so on every month's partition.
console_users.failed_logins / locked_until (c0006) are no longer written: the throttle replaced them.

Revision ID: c0014
Revises: c0013
"""

import sqlalchemy as sa
from alembic import op

revision = "c0014"
down_revision = "c0013"
branch_labels = None
depends_on = None


CUSTOMER_INDEX = "ix_central_journal_customer"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE INDEX {CUSTOMER_INDEX} ON central_journal (((payload::json ->> 'customer_no')), kind)"
        )
    else:
        op.execute(
            f"CREATE INDEX {CUSTOMER_INDEX} ON central_journal (json_extract(payload, '$.customer_no'), kind)"
        )
    op.create_table(
        "console_throttle",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("tries", sa.Integer, nullable=False),
        sa.Column("since", sa.String(32), nullable=False),
        sa.Index("ix_console_throttle_since", "since"),
    )
    op.create_table(
        "console_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("seen_at", sa.String(32), nullable=False),
        sa.Index("ix_console_sessions_name", "name"),
    )


def downgrade() -> None:
    op.execute(f"DROP INDEX {CUSTOMER_INDEX}")
    op.drop_table("console_sessions")
    op.drop_table("console_throttle")
