"""A printer test page: a receipt-shaped page that moves no money, printed through the normal path.

The settings page calls `print_test_page` on the printer's worker thread; the result is the
port's PrintResult, so a missing printer reads the same sentence a failed receipt would.
"""

from __future__ import annotations

from app.ports import PrintResult, ReceiptPrinter
from app.receipt import Receipt, ReceiptLine

TEST_TEXT = "打印测试页 — 非收费凭证"


def test_receipt(hall_name: str, terminal_id: str, issued_at: str = "") -> Receipt:
    return Receipt(
        kind="test",
        receipt_no=f"{terminal_id}-TEST",
        hall_name=hall_name,
        terminal_id=terminal_id,
        clerk_id="",
        issued_at=issued_at,
        customer_no="0000000000",
        customer_name=TEST_TEXT,
        address="汉字 ABC abc 0123456789 ￥ 龘 𠀀",
        lines=(ReceiptLine("0000-00", 0, 0, 0, 0),),
        late_fee_total_fen=0,
        waived_fen=0,
        waiver_reason="",
        total_fen=0,
        method="cash",
        method_label="测试",
        reference="",
        amount_fen=0,
        tendered_fen=0,
        change_fen=0,
        balance_before_fen=0,
        balance_after_fen=0,
        entry_id="",
        entry_hash="0" * 64,
        qr_text=f"{terminal_id}-TEST",
    )


def print_test_page(printer: ReceiptPrinter, hall_name: str, terminal_id: str) -> PrintResult:
    """Print the test page; never opens the cash drawer."""
    return printer.print_receipt(test_receipt(hall_name, terminal_id), open_drawer=False)
