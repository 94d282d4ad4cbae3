"""Realistic receipts for the printing tests (and the golden files built from them).

Figures follow DOMAIN.md: residential late fee 1‰ per day, paid on 2026-11-23.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from app.receipt import Receipt, ReceiptLine, qr_payload

HALL = "国网某市供电公司城东营业厅"


def _hash(seed: str) -> str:
    return hashlib.sha256(seed.encode()).hexdigest()


def _receipt(receipt_no: str, **changes: object) -> Receipt:
    entry_hash = _hash(receipt_no)
    base = Receipt(
        kind="payment",
        receipt_no=receipt_no,
        hall_name=HALL,
        terminal_id="T01",
        clerk_id="C07",
        issued_at="2026-11-23 14:05:03",
        customer_no="3301234567",
        customer_name="王秀英",
        address="城东区解放路128号3单元502室",
        lines=(
            # 2026-09: 165.36 due 2026-10-31, 23 days late: 165.36 × 1‰ × 23 = 3.80
            ReceiptLine(period="2026-09", kwh=312, principal_fen=16536, late_fee_fen=380, days_overdue=23),
            # 2026-10: due 2026-11-30, not late
            ReceiptLine(period="2026-10", kwh=286, principal_fen=15158, late_fee_fen=0, days_overdue=0),
        ),
        late_fee_total_fen=380,
        waived_fen=0,
        waiver_reason="",
        total_fen=32074,
        method="cash",
        method_label="现金",
        reference="",
        amount_fen=32074,
        tendered_fen=40000,
        change_fen=7926,
        balance_before_fen=0,
        balance_after_fen=0,
        entry_id="6f1c2a4e-93d7-4c1e-9a55-2f0c8d1b7e10",
        entry_hash=entry_hash,
        qr_text=qr_payload(receipt_no, entry_hash),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def cash_with_change() -> Receipt:
    return _receipt("T01-20261123-0001")


def bankcard_with_reference() -> Receipt:
    return _receipt(
        "T01-20261123-0002",
        method="bankcard",
        method_label="银行卡",
        reference="POS 00123456 参考号 612345678901",
        tendered_fen=32074,
        change_fen=0,
    )


def late_fee_with_waiver() -> Receipt:
    """2.80 of the 3.80 late fee waived by the supervisor; 1.00 (the minimum) settled."""
    lines = (
        ReceiptLine(period="2026-09", kwh=312, principal_fen=16536, late_fee_fen=100, days_overdue=23),
        ReceiptLine(period="2026-10", kwh=286, principal_fen=15158, late_fee_fen=0, days_overdue=0),
    )
    return _receipt(
        "T01-20261123-0003",
        customer_no="3301234890",
        customer_name="欧阳建国",
        address="城东区解放路南段延伸线滨江花园小区二期17幢2单元1803室（东门进）",
        lines=lines,
        late_fee_total_fen=100,
        waived_fen=280,
        waiver_reason="营业厅系统故障致用户未能按期交费，经班长张伟批准减免",
        total_fen=31794,
        method="wechat",
        method_label="微信支付",
        reference="4200002026112314050312345678",
        amount_fen=31794,
        tendered_fen=31794,
        change_fen=0,
        balance_before_fen=1250,
        balance_after_fen=1250,
    )


def reprint() -> Receipt:
    return cash_with_change().as_reprint()


def card_purchase() -> Receipt:
    return _receipt(
        "T01-20261123-0005",
        kind="card_purchase",
        customer_no="3301998877",
        customer_name="陈立新",
        address="城东区胜利街45号",
        meter_no="0101234567890",
        lines=(),
        late_fee_total_fen=0,
        # above 1,000: the golden shows thousands grouped as on the screen (ux #13)
        total_fen=250000,
        amount_fen=250000,
        tendered_fen=250000,
        change_fen=0,
        balance_before_fen=0,
        balance_after_fen=0,
        card_purchase_count=12,
        card_amount_fen=250000,
    )


def rare_name() -> Receipt:
    """A name with 㐀 (U+3400, CJK Extension A): GB18030 has it, a GB2312 printer font does not."""
    return _receipt("T01-20261123-0006", customer_name="张㐀")


SAMPLES = {
    "cash_change": cash_with_change,
    "bankcard_reference": bankcard_with_reference,
    "latefee_waiver": late_fee_with_waiver,
    "reprint": reprint,
    "card_purchase": card_purchase,
}
