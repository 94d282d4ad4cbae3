"""The ledger's order names every refund pay-out folded before this revision (issue 29).

A `refund_payout` moves no balance, so the projection did not record it in central_applied (the ledger's
order), and `central audit --recompute`, which folds the refund rows from that order, listed every refund paid
at a counter as still ordered; `verify-books --repair` then refused the customer (or, before that check, wrote
the refund back to ordered). The code now records every pay-out (app/central_fold.ordered). This revision
appends one run for each pay-out already folded (at or below its terminal's central_projection.applied_seq)
that no run names, at the end of the order: a pay-out moves no bill or balance, so only its place among the
pay-outs of the same refund matters, and the pay-out each paid row names comes first. A pay-out not folded yet
is recorded by the projector when it folds it.

Revision ID: c0021
Revises: c0020
"""

import sqlalchemy as sa
from alembic import op

revision = "c0021"
down_revision = "c0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    unnamed = conn.execute(
        sa.text(
            "SELECT j.terminal_id, j.seq FROM central_journal j "
            "JOIN central_projection p ON p.terminal_id = j.terminal_id AND j.seq <= p.applied_seq "
            "WHERE j.kind = 'refund_payout' AND NOT EXISTS (SELECT 1 FROM central_applied a "
            "WHERE a.what = 'entries' AND a.terminal_id = j.terminal_id AND j.seq BETWEEN a.from_seq AND a.to_seq) "
            "ORDER BY CASE WHEN j.entry_id IN (SELECT paid_entry_id FROM central_refunds "
            "WHERE paid_entry_id IS NOT NULL) THEN 0 ELSE 1 END, j.terminal_id, j.seq"
        )
    ).all()
    for terminal_id, seq in unnamed:  # one at a time: `pos` is drawn in this order
        conn.execute(
            sa.text(
                "INSERT INTO central_applied (what, terminal_id, from_seq, to_seq) VALUES ('entries', :t, :s, :s)"
            ),
            {"t": terminal_id, "s": seq},
        )


def downgrade() -> None:
    pass  # the runs name entries the books did fold: kept
