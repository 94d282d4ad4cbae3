"""Issue 28 (ux N2, N9): a reversed receipt never prints again as a valid one, and a void prints a slip.

On a real terminal (SQLite, the demo's file printer): a reprint or a PDF copy of a voided receipt carries a
large 已冲正 mark with the reversal's number, supervisor and reason; a void's slip has the refund and two
signature lines, is stored beside the receipt without overwriting it, and opens the drawer for cash only once.
"""

from __future__ import annotations

from typing import Any

from app.model import Method
from app.services.payments import PayRequest, pay
from app.services.receipts import load_receipt, print_receipt, reprint
from app.services.reversal import ReversalRequest, reverse
from app.services.void_slip import print_void_slip
from printing.layout import layout_receipt


def _paid_and_voided(terminal: Any) -> tuple[str, Any]:
    r = pay(terminal.ctx, PayRequest("1000000001", Method.CASH, "C01", tendered_fen=200_00))
    print_receipt(terminal.ctx, terminal.printer(), r.receipt)
    v = reverse(
        terminal.ctx, ReversalRequest(r.receipt.receipt_no, "C01", "S01", "实收输错", approver_pin="999999")
    )
    return r.receipt.receipt_no, v


def _texts(receipt: Any, columns: int = 32) -> list[tuple[str, bool]]:
    return [(line.text, line.double) for line in layout_receipt(receipt, columns)]


def test_a_reprint_of_a_voided_receipt_says_voided_in_large_print(terminal: Any) -> None:
    receipt_no, v = _paid_and_voided(terminal)
    copy, result = reprint(terminal.ctx, terminal.printer(), receipt_no, "C01")
    assert result.printed and copy.reprint
    assert (copy.reversal_seq, copy.reversal_approver, copy.reversal_reason) == (
        v.entry.seq,
        "S01",
        "实收输错",
    )
    lines = _texts(copy)
    assert lines.count(("【已冲正 作废】", True)) == 2  # under the title and above the QR code, double size
    assert any("本凭证已冲正，不证明电费已缴" in text for text, _d in lines)
    assert any(f"第 {v.entry.seq} 号流水" in text for text, _d in lines)
    stored = (terminal.data_dir / "receipts" / f"{receipt_no}.reprint-1.bin").read_bytes()
    assert "已冲正".encode("gb18030") in stored  # the bytes at the printer, not only the layout


def test_a_receipt_never_voided_has_no_mark(terminal: Any) -> None:
    r = pay(terminal.ctx, PayRequest("1000000001", Method.CASH, "C01", tendered_fen=200_00))
    receipt, _state = load_receipt(terminal.ctx, r.receipt.receipt_no)
    assert receipt.reversal_seq == 0
    assert not any("已冲正" in text for text, _d in _texts(receipt))


def test_the_pdf_copy_of_a_voided_receipt_says_so(terminal: Any, tmp_path: Any) -> None:
    from printing.pdf import receipt_pdf
    from tests.unit.test_printing_pdf import _text

    receipt_no, _v = _paid_and_voided(terminal)
    receipt, _state = load_receipt(terminal.ctx, receipt_no)
    assert "已冲正" in _text(receipt_pdf(receipt, tmp_path / "copy.pdf"))


def test_a_void_prints_a_slip_to_sign(terminal: Any) -> None:
    receipt_no, v = _paid_and_voided(terminal)
    printer = terminal.printer()
    result = print_void_slip(terminal.ctx, printer, receipt_no)
    assert result.printed
    receipts = terminal.data_dir / "receipts"
    assert (receipts / f"{receipt_no}.bin").exists() and (receipts / f"{receipt_no}.void-1.bin").exists()
    receipt, _s = load_receipt(terminal.ctx, receipt_no)
    from app.services.void_slip import void_slip

    with terminal.ctx.read() as uow:
        entry = uow.journal.get(v.entry.seq)
    texts = [text for text, _d in _texts(void_slip(receipt, entry), 48)]
    assert "冲正凭证（退款）" in texts and "客户签字：" in texts and "主管签字：" in texts
    assert any(t.startswith("退款金额（元）") and t.endswith("￥191.10") for t in texts), texts
    assert "冲正原因：实收输错" in texts and "批准主管：S01" in texts
    # a copy from History is marked 重打 and stored apart
    assert print_void_slip(terminal.ctx, printer, receipt_no, copy=True).printed
    assert (receipts / f"{receipt_no}.void-2.bin").exists()
