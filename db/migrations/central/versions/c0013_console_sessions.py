"""Head office's console in production (issue 31): login throttle and server-side sessions.

- console_throttle: one row per throttled key (`addr:<ip>`, `pair:<ip>|<name>`, `name:<name>`), counting login
  attempts in a fixed window that starts at the window's first attempt. An attempt is counted (INSERT … ON
  CONFLICT DO UPDATE … RETURNING) *before* its password is checked, so parallel requests cannot check more
  passwords than the limit (console/throttle.py). Unknown names get rows like known ones.
- console_sessions: one row per logged-in browser; the cookie carries a random token, the row its SHA-256.
  Logout, a disabled user and a password change delete rows: a copied cookie then opens nothing.
console_users.failed_logins / locked_until (c0006) are no longer written: the throttle replaced them.

Revision ID: c0013
Revises: c0012
"""

import sqlalchemy as sa
from alembic import op

revision = "c0013"
down_revision = "c0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
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
    op.drop_table("console_sessions")
    op.drop_table("console_throttle")
