"""The money reads of head office's books that tests and the bench compare (CentralStore's, split off so
store.py stays one thing: the ledger's port and head office's acts)."""

from __future__ import annotations

from sqlalchemy import Connection, select

from db.central.engine import guarded
from db.central_schema import central_bills, central_customers


class BooksReads:
    """Mixed into CentralStore, whose _reader (a read that never takes the embedded ledger's write lock) it uses."""

    def _reader(self) -> Connection:
        raise NotImplementedError

    def balances(self) -> dict[str, int]:
        with guarded(), self._reader() as conn:
            rows = conn.execute(
                select(central_customers.c.customer_no, central_customers.c.balance_fen)
            ).all()
            conn.rollback()
        return {r.customer_no: int(r.balance_fen) for r in rows}

    def bill_fees(self) -> dict[str, tuple[int, str | None, int]]:
        """bill_id -> (late fee carried, accrued through, late fee waived)."""
        with guarded(), self._reader() as conn:
            rows = conn.execute(
                select(
                    central_bills.c.bill_id,
                    central_bills.c.fee_carried_fen,
                    central_bills.c.fee_accrued_through,
                    central_bills.c.fee_waived_fen,
                )
            ).all()
            conn.rollback()
        return {
            r.bill_id: (int(r.fee_carried_fen), r.fee_accrued_through, int(r.fee_waived_fen)) for r in rows
        }

    def bills_paid(self) -> dict[str, tuple[int, int, int]]:
        """bill_id -> (amount, principal paid, late fee paid)."""
        with guarded(), self._reader() as conn:
            rows = conn.execute(
                select(
                    central_bills.c.bill_id,
                    central_bills.c.amount_fen,
                    central_bills.c.principal_paid_fen,
                    central_bills.c.fee_paid_fen,
                )
            ).all()
            conn.rollback()
        return {r.bill_id: (int(r.amount_fen), int(r.principal_paid_fen), int(r.fee_paid_fen)) for r in rows}
