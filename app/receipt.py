"""The receipt (收费凭证) as a value: everything printed on it, nothing about paper or bytes.

printing/ lays it out for 58 or 80 mm paper, ESC/POS or PDF. The services build it from a
committed journal entry, so a receipt is never made for money that is not recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class ReceiptLine:
    period: str  # YYYY-MM
    kwh: int
    principal_fen: int  # principal of this bill settled by this payment
    late_fee_fen: int  # late fee of this bill settled by this payment
    days_overdue: int


@dataclass(frozen=True)
class Receipt:
    kind: str  # "payment" | "card_purchase" (journal kind it prints)
    receipt_no: str  # T01-20261123-0001
    hall_name: str
    terminal_id: str
    clerk_id: str
    issued_at: str  # local business time, "2026-11-23 14:05:03"
    customer_no: str
    customer_name: str
    address: str
    lines: tuple[ReceiptLine, ...]
    late_fee_total_fen: int
    waived_fen: int  # late fee waived with a supervisor's approval (shown, never silent)
    waiver_reason: str
    total_fen: int  # what was due and settled by this payment
    method: str  # Method value: cash, bankcard, ...
    method_label: str  # 现金, 银行卡, ...
    reference: str
    amount_fen: int  # money received for the account
    tendered_fen: int
    change_fen: int
    balance_before_fen: int
    balance_after_fen: int
    entry_id: str
    entry_hash: str
    qr_text: str  # what the receipt's QR code carries: receipt number + entry hash (+ signature later)
    card_purchase_count: int | None = None
    card_amount_fen: int | None = None
    meter_no: str = ""
    reprint: bool = False

    def as_reprint(self) -> Receipt:
        return replace(self, reprint=True)


def qr_payload(receipt_no: str, entry_hash: str) -> str:
    return f"HALLPAY1|{receipt_no}|{entry_hash}"
