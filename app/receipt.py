"""The receipt (收费凭证) as a value: everything printed on it, nothing about paper or bytes.

printing/ lays it out for 58 or 80 mm paper, ESC/POS or PDF. The services build it from a
committed journal entry, so a receipt is never made for money that is not recorded.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from app.journal import Entry
from app.money import format_fen

if TYPE_CHECKING:
    from app.store import ReceiptRepo


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
    qr_text: str  # what the receipt's QR code carries: signed_qr() (terminal, number, amount, time, hash, signature)
    card_purchase_count: int | None = None
    card_amount_fen: int | None = None
    meter_no: str = ""
    reprint: bool = False
    change_to_balance_fen: int = 0  # 零钱转预存: change the customer left as balance (inside amount_fen)
    offset_fen: int = 0  # 预收冲抵: balance that settled bills by itself since the customer's last receipt
    mark: str = (
        ""  # a terminal that is not a production one: "DEMO …" or "培训 非正式凭证" (app/provisioning.py)
    )
    owed_after_fen: int = 0  # a partial payment: what the customer still owes after it (printed as 尚欠)
    # the receipt was reversed (冲正): a reprint or a PDF copy carries a large 已冲正 mark with these, so a
    # customer who has the money back never holds fresh paper saying it was paid (issue 28, ux N2); on a
    # void slip (kind "reversal") they say which reversal it is
    reversed_at: str = ""  # local time of the reversal entry
    reversal_seq: int = 0
    reversal_approver: str = ""
    reversal_reason: str = ""

    def as_reprint(self) -> Receipt:
        return replace(self, reprint=True)


def qr_payload(receipt_no: str, entry_hash: str) -> str:
    """The first QR format (receipt number and hash only); kept for receipts printed before signing."""
    return f"HALLPAY1|{receipt_no}|{entry_hash}"


QR_PREFIX = "HALLPAY2"
QR_HASH_PREFIX = 16  # hex characters of the entry hash printed in the QR


@dataclass(frozen=True)
class QrFields:
    terminal_id: str
    receipt_no: str
    amount_fen: int
    created_at: str  # the journal entry's UTC time, exactly as journaled
    hash_prefix: str
    signature: str  # hex, Ed25519 over the entry hash


def signed_qr(entry: Entry, receipt_no: str, amount_fen: int) -> str:
    """HALLPAY2|terminal|receipt no|amount yuan|entry time|hash prefix|signature: anyone can check it
    with `python main.py verify-receipt` (RKSV-style receipt code)."""
    return "|".join(
        (
            QR_PREFIX,
            entry.terminal_id,
            receipt_no,
            format_fen(amount_fen),  # ungrouped, "-0.05" for a refund of 5 fen: what parse_qr reads back
            entry.created_at,
            entry.hash[:QR_HASH_PREFIX],
            entry.signature,
        )
    )


_QR_PATTERNS = (
    re.compile(r"[A-Za-z0-9_-]{1,32}"),
    re.compile(r"[A-Za-z0-9_-]{1,64}"),
    re.compile(r"-?(0|[1-9][0-9]{0,12})\.[0-9]{2}"),
    re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?Z"),
    re.compile(r"[0-9a-f]{16,64}"),
    re.compile(r"[0-9a-f]{128}"),
)


def parse_qr(text: object) -> QrFields | None:
    """The fields of a HALLPAY2 QR text, or None for anything else (never raises)."""
    if not isinstance(text, str) or len(text) > 512:
        return None
    parts = text.strip().split("|")
    if len(parts) != 7 or parts[0] != QR_PREFIX:
        return None
    values = parts[1:]
    if not all(p.fullmatch(v) for p, v in zip(_QR_PATTERNS, values, strict=True)):
        return None
    terminal_id, receipt_no, yuan, created_at, hash_prefix, signature = values
    whole, _, cents = yuan.lstrip("-").partition(".")
    fen = int(whole) * 100 + int(cents)
    return QrFields(
        terminal_id, receipt_no, -fen if yuan.startswith("-") else fen, created_at, hash_prefix, signature
    )


def next_receipt_no(receipts: ReceiptRepo, terminal_id: str, day: dt.date) -> str:
    """TERMINAL-YYYYMMDD-NNNN, the terminal's next number of that business day: the one rule of every
    document with a receipt number (a payment, a purchase, a refund paid out, a 补卡 fee)."""
    return f"{terminal_id}-{day:%Y%m%d}-{receipts.next_number(day.isoformat()):04d}"
