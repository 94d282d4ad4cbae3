"""The cash a shift's drawer holds now (float + cash taken − change, refunds and pay-outs given): what a
refund in cash may take out of it. Paid out beyond it, the shift's expected cash went below zero and no
count could ever match it (issue 26's simulation: seeds 3 and 11)."""

from __future__ import annotations

from app.errors import Refused
from app.messages import coded
from app.services.shift_figures import shift_figures
from app.store import ReadUnitOfWork, Shift


def cash_in_drawer(uow: ReadUnitOfWork, shift: Shift) -> int:
    entries = uow.journal.for_shifts([shift.shift_id])
    customer_nos = {str(e.payload.get("customer_no", "")) for e in entries if "customer_no" in e.payload}
    return shift_figures(shift, entries, uow.customers.categories(customer_nos)).expected_cash_fen


def check_drawer(uow: ReadUnitOfWork, shift: Shift, amount_fen: int, code: str) -> None:
    """Refuse (message `code`) a cash refund of `amount_fen` that this shift's drawer does not hold."""
    in_drawer = cash_in_drawer(uow, shift)
    if amount_fen > in_drawer:
        raise coded(Refused, code, amount_fen=amount_fen, in_drawer_fen=max(in_drawer, 0))
