"""History: one business day's entries as the clerk reads them, each with its type (issue 16).

A receipt row for each payment (缴费), IC-card purchase (购电) and card fee (补卡费); a row for each
reversal (冲正, the refund as a negative amount, beside the receipt it reverses) and each prepaid offset
(预收冲抵: the balance settled bills by itself, no cash moved). The day's totals know reversals: the net
is what the receipts took less what was refunded. One read unit of work, never the write lock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.clock import local_text
from app.journal import Entry, Kind
from app.services.context import Context
from app.services.payments import receipt_from_json
from app.store import ReadUnitOfWork, StoredReceipt

# a receipt's kind -> the row's type; reversals and offsets come from the journal
RECEIPT_TYPES = {Kind.PAYMENT: "payment", Kind.CARD_PURCHASE: "recharge", Kind.CARD_REPLACED: "card_fee"}
TYPES = ("payment", "recharge", "card_fee", "reversal", "offset")
TYPE_LABELS = {
    "payment": "缴费",
    "recharge": "购电",
    "card_fee": "补卡费",
    "reversal": "冲正",
    "offset": "预收冲抵",
}


@dataclass(frozen=True)
class DayRow:
    type: str  # one of TYPES
    receipt_no: str  # the receipt shown, or the one a reversal reverses; "" for an offset
    time: str  # local HH:MM:SS
    customer_no: str
    customer_name: str
    method: str  # a Method value; "" for an offset (no money changed hands)
    amount_fen: int  # a reversal's refund is negative; an offset's is the balance it used
    stored: StoredReceipt | None = None  # receipt rows only: print state, reprint, void, PDF
    reversed: bool = False  # a receipt row that a reversal undid

    @property
    def is_receipt(self) -> bool:
        return self.stored is not None


@dataclass(frozen=True)
class DayTotals:
    receipts: int
    taken_fen: int  # what the receipts took
    reversals: int
    refunded_fen: int  # what reversals gave back (positive)

    @property
    def net_fen(self) -> int:
        return self.taken_fen - self.refunded_fen


def _time(created_at_utc: str) -> str:
    return local_text(dt.datetime.fromisoformat(created_at_utc.replace("Z", "+00:00")))[-8:]


def _journal_row(uow: ReadUnitOfWork, e: Entry, names: dict[str, str]) -> DayRow:
    p = e.payload
    cno = str(p.get("customer_no", ""))
    if cno not in names:
        customer = uow.customers.get(cno)
        names[cno] = customer.name if customer is not None else ""
    if e.kind == Kind.REVERSAL:
        return DayRow(
            "reversal",
            str(p.get("receipt_no", "")),
            _time(e.created_at),
            cno,
            names[cno],
            str(p.get("method", "")),
            -int(p.get("refund_fen", 0)),
        )
    used = int(p.get("balance_before_fen", 0)) - int(p.get("balance_after_fen", 0))
    return DayRow("offset", "", _time(e.created_at), cno, names[cno], "", used)


def day_history(ctx: Context, day: dt.date) -> tuple[list[DayRow], DayTotals]:
    """The day's rows, newest first, and its totals."""
    iso = day.isoformat()
    with ctx.read() as uow:
        receipts = uow.receipts.for_day(iso)
        rows: list[tuple[int, DayRow]] = []
        names: dict[str, str] = {}
        for r in receipts:
            body = receipt_from_json(r.body)
            names.setdefault(r.customer_no, body.customer_name)
            rows.append(
                (
                    r.entry_seq,
                    DayRow(
                        RECEIPT_TYPES.get(r.kind, r.kind),
                        r.receipt_no,
                        r.issued_at[-8:],
                        r.customer_no,
                        body.customer_name,
                        r.method,
                        r.amount_fen,
                        r,
                        bool(uow.receipts.reversed_by(r.receipt_no)),
                    ),
                )
            )
        shift_ids = [s.shift_id for s in uow.shifts.for_day(iso)]
        journal = [e for e in uow.journal.for_shifts(shift_ids) if e.kind == Kind.REVERSAL]
        journal += [e for e in uow.journal.of_kind(Kind.OFFSET) if e.payload.get("business_day") == iso]
        rows += [(e.seq, _journal_row(uow, e, names)) for e in journal]
    rows.sort(key=lambda sr: sr[0], reverse=True)
    out = [row for _seq, row in rows]
    refunds = [-r.amount_fen for r in out if r.type == "reversal"]
    totals = DayTotals(len(receipts), sum(r.amount_fen for r in receipts), len(refunds), sum(refunds))
    return out, totals
