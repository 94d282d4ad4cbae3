"""Issue 28 (ux N3): a voided cash payment's tendered and change leave the day's cash lines with it; the
drawer's expected cash is what it was before the payment (real SQLite terminal, supervisor PIN)."""

from __future__ import annotations

from typing import Any

from app.model import Method
from app.services.payments import PayRequest, pay
from app.services.reversal import ReversalRequest, reverse
from app.services.shift_close import load_day_report


def _cash(report: Any) -> tuple[int, int, int, int]:
    f = report.hall
    return f.cash_tendered_fen, f.change_given_fen, f.cash_refunds_fen, f.expected_cash_fen


def test_a_voided_payment_leaves_the_cash_lines(terminal: Any) -> None:
    before = _cash(load_day_report(terminal.ctx))
    kept = pay(terminal.ctx, PayRequest("1000000002", Method.CASH, "C01", tendered_fen=3_100_00))
    wrong = pay(terminal.ctx, PayRequest("1000000001", Method.CASH, "C01", tendered_fen=2_000_00))
    reverse(
        terminal.ctx,
        ReversalRequest(wrong.receipt.receipt_no, "C01", "S01", "实收输错", approver_pin="999999"),
    )
    tendered, change, refunds, expected = _cash(load_day_report(terminal.ctx))
    # only the payment that stands: 3,100.00 tendered, 59.00 change; no cash refund line for the void
    assert (tendered, change, refunds) == (before[0] + 3_100_00, before[1] + 59_00, before[2])
    assert expected == before[3] + kept.receipt.amount_fen
