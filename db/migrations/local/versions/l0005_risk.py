"""Arrears, risk grades, stop-power notices, the integrity blacklist, collection areas (issue 7).

- arrears: one row per customer with unpaid principal (owed, open bills, oldest due date and the
  customer's category / area / head-office grade), kept in step with bills and customers by
  triggers, so the customer manager's list filters a million customers without aggregating the
  bills table. Filled here once from existing bills.
- risk_grades: the grade computed on this counter from data, with its reasons (JSON list).
- notices: the stop-power notice workflow (proposed → approved → served → reminded; cancelled).
- blacklist / blacklist_matches: the government's quarterly 诚信黑榜 and the customers it names.
- collection_areas: which clerk answers for collecting which area (收费责任制).

Revision ID: l0005
Revises: l0004
"""

import sqlalchemy as sa
from alembic import op

revision = "l0005"
down_revision = "l0004"
branch_labels = None
depends_on = None

RECOMPUTE = (
    "DELETE FROM arrears WHERE customer_no = {c}; "
    "INSERT INTO arrears (customer_no, owed_fen, bills, oldest_due, category, area, ho_grade, grade) "
    "SELECT b.customer_no, SUM(b.amount_fen - b.principal_paid_fen), COUNT(*), MIN(b.due_date), "
    "cu.category, cu.area, cu.risk_grade, COALESCE((SELECT grade FROM risk_grades r "
    "WHERE r.customer_no = b.customer_no), '') "
    "FROM bills b JOIN customers cu ON cu.customer_no = b.customer_no "
    "WHERE b.customer_no = {c} AND b.principal_paid_fen < b.amount_fen GROUP BY b.customer_no;"
)

TRIGGERS = [
    # A new unpaid bill adds to its customer's row (cheap enough for bulk loads: no aggregation).
    "CREATE TRIGGER arrears_bill_ai AFTER INSERT ON bills WHEN NEW.principal_paid_fen < NEW.amount_fen BEGIN "
    "INSERT INTO arrears (customer_no, owed_fen, bills, oldest_due, category, area, ho_grade, grade) "
    "SELECT NEW.customer_no, NEW.amount_fen - NEW.principal_paid_fen, 1, NEW.due_date, cu.category, cu.area, "
    "cu.risk_grade, COALESCE((SELECT grade FROM risk_grades r WHERE r.customer_no = NEW.customer_no), '') "
    "FROM customers cu WHERE cu.customer_no = NEW.customer_no "
    "ON CONFLICT(customer_no) DO UPDATE SET owed_fen = owed_fen + excluded.owed_fen, bills = bills + 1, "
    "oldest_due = MIN(oldest_due, excluded.oldest_due); END",
    "CREATE TRIGGER arrears_bill_au AFTER UPDATE OF principal_paid_fen, amount_fen, due_date, customer_no "
    "ON bills BEGIN " + RECOMPUTE.format(c="NEW.customer_no") + " END",
    "CREATE TRIGGER arrears_bill_ad AFTER DELETE ON bills BEGIN "
    + RECOMPUTE.format(c="OLD.customer_no")
    + " END",
    "CREATE TRIGGER arrears_customer_au AFTER UPDATE OF category, area, risk_grade ON customers BEGIN "
    "UPDATE arrears SET category = NEW.category, area = NEW.area, ho_grade = NEW.risk_grade "
    "WHERE customer_no = NEW.customer_no; END",
    "CREATE TRIGGER arrears_grade_ai AFTER INSERT ON risk_grades BEGIN "
    "UPDATE arrears SET grade = NEW.grade WHERE customer_no = NEW.customer_no; END",
    "CREATE TRIGGER arrears_grade_au AFTER UPDATE ON risk_grades BEGIN "
    "UPDATE arrears SET grade = NEW.grade WHERE customer_no = NEW.customer_no; END",
]


def upgrade() -> None:
    op.create_table(
        "arrears",
        sa.Column("customer_no", sa.String, primary_key=True),
        sa.Column("owed_fen", sa.Integer, nullable=False),
        sa.Column("bills", sa.Integer, nullable=False),
        sa.Column("oldest_due", sa.String, nullable=False),
        sa.Column("category", sa.String, nullable=False),
        sa.Column("area", sa.Text, nullable=False, server_default=""),
        sa.Column("ho_grade", sa.String, nullable=False, server_default=""),
        sa.Column("grade", sa.String, nullable=False, server_default=""),
    )
    op.create_index("ix_arrears_owed", "arrears", ["owed_fen"])
    op.create_index("ix_arrears_oldest", "arrears", ["oldest_due"])
    op.create_table(
        "risk_grades",
        sa.Column("customer_no", sa.String, primary_key=True),
        sa.Column("grade", sa.String, nullable=False),
        sa.Column("reasons", sa.Text, nullable=False),
        sa.Column("computed_at", sa.String, nullable=False),
    )
    op.create_table(
        "notices",
        sa.Column("notice_id", sa.String, primary_key=True),
        sa.Column("customer_no", sa.String, nullable=False),
        sa.Column("state", sa.String, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("owed_fen", sa.Integer, nullable=False),
        sa.Column("important", sa.Integer, nullable=False, server_default="0"),
        sa.Column("proposed_at", sa.String, nullable=False),
        sa.Column("proposed_by", sa.String, nullable=False),
        sa.Column("approved_at", sa.String, nullable=True),
        sa.Column("approved_by", sa.String, nullable=True),
        sa.Column("served_on", sa.String, nullable=True),
        sa.Column("served_method", sa.String, nullable=True),
        sa.Column("pay_by", sa.String, nullable=True),
        sa.Column("stop_from", sa.String, nullable=True),
        sa.Column("reminded_at", sa.String, nullable=True),
        sa.Column("closed_at", sa.String, nullable=True),
        sa.Column("close_reason", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_notices_customer_state", "notices", ["customer_no", "state"])
    op.create_index("ix_notices_state", "notices", ["state"])
    op.create_table(
        "blacklist",
        sa.Column("credit_code", sa.String, primary_key=True),
        sa.Column("quarter", sa.String, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("imported_at", sa.String, nullable=False),
    )
    op.create_index("ix_blacklist_name", "blacklist", ["name"])
    op.create_table(
        "blacklist_matches",
        sa.Column("customer_no", sa.String, primary_key=True),
        sa.Column("credit_code", sa.String, nullable=False),
        sa.Column("quarter", sa.String, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
    )
    op.create_table(
        "collection_areas",
        sa.Column("area", sa.String, primary_key=True),
        sa.Column("clerk_id", sa.String, nullable=False),
    )
    for sql in TRIGGERS:
        op.execute(sql)
    op.execute(
        "INSERT INTO arrears (customer_no, owed_fen, bills, oldest_due, category, area, ho_grade, grade) "
        "SELECT b.customer_no, SUM(b.amount_fen - b.principal_paid_fen), COUNT(*), MIN(b.due_date), "
        "cu.category, cu.area, cu.risk_grade, '' FROM bills b JOIN customers cu ON cu.customer_no = b.customer_no "
        "WHERE b.principal_paid_fen < b.amount_fen GROUP BY b.customer_no"
    )


def downgrade() -> None:
    raise NotImplementedError("HallPay never downgrades a store; restore the backup taken before upgrading")
