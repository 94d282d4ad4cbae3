"""Receipt layout: a Receipt becomes a list of printer lines for a paper width. Pure.

Every text line fits its paper: ``text_width(line.text) * (2 if line.double else 1) <= columns``.
Amounts are "68,274.40" (app.money.yuan_text), right-aligned to the last column. Long names and
addresses wrap between characters with a hanging indent; no character is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from app.money import yuan_text
from app.receipt import Receipt, ReceiptLine
from printing.textwidth import clean, pad_between, text_width, wrap

Align = Literal["left", "center", "right"]
Op = Literal["text", "qr", "cut"]

COLUMNS_BY_WIDTH_MM = {58: 32, 80: 48}
YUAN = "￥"  # U+FFE5 FULLWIDTH YEN SIGN: in GB2312 (A3A4). Never U+00A5, which GB2312 lacks.


@dataclass(frozen=True)
class Line:
    """One printer operation: a line of text, a QR code (``text`` is its payload) or a paper cut."""

    text: str = ""
    align: Align = "left"
    bold: bool = False
    double: bool = False  # double width and double height
    op: Op = "text"

    @property
    def columns_used(self) -> int:
        return text_width(self.text) * (2 if self.double else 1) if self.op == "text" else 0


def columns_for(width_mm: int) -> int:
    try:
        return COLUMNS_BY_WIDTH_MM[width_mm]
    except KeyError:
        raise ValueError(f"paper width must be 58 or 80 mm, not {width_mm}") from None


class _Builder:
    def __init__(self, columns: int) -> None:
        if columns < 24:
            raise ValueError("a receipt needs at least 24 columns")
        self.columns = columns
        self.lines: list[Line] = []

    def text(self, text: str, *, align: Align = "left", bold: bool = False, double: bool = False) -> None:
        width = self.columns // 2 if double else self.columns
        for piece in wrap(clean(text), width):
            self.lines.append(Line(piece, align, bold, double))

    def blank(self) -> None:
        self.lines.append(Line())

    def rule(self, char: str = "-") -> None:
        self.lines.append(Line(char * self.columns))

    def field(self, label: str, value: str) -> None:
        """'户名：王秀英' with the value wrapped under itself (hanging indent)."""
        label, value = clean(label) + "：", clean(value)
        indent = text_width(label)
        if indent > self.columns // 2:  # an absurd label: no hanging indent
            self.text(label + value)
            return
        pieces = wrap(value, self.columns - indent)
        self.lines.append(Line(label + pieces[0]))
        for piece in pieces[1:]:
            self.lines.append(Line(" " * indent + piece))

    def pair(self, label: str, value: str, *, bold: bool = False) -> None:
        """Label on the left, value right-aligned to the last column; two lines if both don't fit."""
        label, value = clean(label), clean(value)
        row = pad_between(label, value, self.columns)
        if row is not None:
            self.lines.append(Line(row, bold=bold))
            return
        self.text(label, bold=bold)
        for piece in wrap(value, self.columns):
            self.lines.append(Line(" " * (self.columns - text_width(piece)) + piece, bold=bold))

    def amount(self, label: str, fen: int, *, bold: bool = False, sign: str = "") -> None:
        self.pair(label, sign + yuan_text(fen), bold=bold)


def layout_receipt(receipt: Receipt, columns: int) -> list[Line]:
    b = _Builder(columns)
    card = receipt.kind == "card_purchase"
    refund = receipt.kind == "refund_payout"
    slip = receipt.kind == "reversal"  # a void's slip (app/services/void_slip.py)
    b.text(receipt.hall_name, align="center", bold=True)
    b.text(
        "冲正凭证（退款）"
        if slip
        else "IC卡购电凭证"
        if card
        else "退款支付凭证"
        if refund
        else "电费收费凭证",
        align="center",
        bold=True,
        double=True,
    )
    if receipt.reprint:
        b.text("【重打】", align="center", bold=True, double=True)
    voided = receipt.reversal_seq > 0 and not slip
    if voided:  # a copy of a reversed receipt can never pass for a valid one (issue 28)
        _voided_mark(b, receipt)
    if receipt.mark:
        b.text(f"【{receipt.mark}】", align="center", bold=True)
    b.rule()
    _terminal_and_clerk(b, receipt.terminal_id, receipt.clerk_id)
    b.field("凭证号", receipt.receipt_no)
    b.field("时间", receipt.issued_at)
    b.rule()
    b.field("户号", receipt.customer_no)
    b.field("户名", receipt.customer_name)
    b.field("地址", receipt.address)
    if card or receipt.meter_no:
        b.field("表号", receipt.meter_no)
    if receipt.lines:
        b.rule()
        _bills(b, receipt.lines)
        b.amount("违约金合计", receipt.late_fee_total_fen)
    if receipt.waived_fen > 0:
        b.amount("减免违约金", receipt.waived_fen)
        b.field("减免原因", receipt.waiver_reason or "（未填写）")
    if slip:
        _slip_body(b, receipt)
    elif refund:
        _refund_body(b, receipt)
    else:
        _payment_body(b, receipt, card)
    b.rule()
    b.blank()  # the QR code's quiet zone above; the LF after it gives the one below
    b.lines.append(Line(receipt.qr_text, align="center", op="qr"))
    b.text("扫码核验凭证真伪", align="center")
    if receipt.reprint:
        b.text("本凭证为重打件，原凭证号同上", align="center", bold=True)
    if voided:
        b.text("【已冲正 作废】", align="center", bold=True, double=True)
        b.text("本凭证已冲正，不证明电费已缴", align="center", bold=True)
    if receipt.mark:
        b.text(f"【{receipt.mark}】", align="center", bold=True)
    b.text("请妥善保管，谢谢惠顾", align="center")
    b.blank()
    b.lines.append(Line(op="cut"))
    return b.lines


def _voided_mark(b: _Builder, receipt: Receipt) -> None:
    b.text("【已冲正 作废】", align="center", bold=True, double=True)
    b.text(
        f"已于 {receipt.reversed_at} 冲正（第 {receipt.reversal_seq} 号流水，主管 {receipt.reversal_approver}，"
        f"原因：{receipt.reversal_reason}），退款 {yuan_text(receipt.amount_fen)} 元",
        align="center",
        bold=True,
    )


def _slip_body(b: _Builder, receipt: Receipt) -> None:
    """A void: what went back, how, why, who approved; the customer and the supervisor sign the counter's copy."""
    b.rule()
    b.field("原凭证号", receipt.receipt_no)
    b.field("冲正流水", f"第 {receipt.reversal_seq} 号")
    b.pair("退款金额（元）", YUAN + yuan_text(receipt.amount_fen), bold=True)
    b.field("退款方式", receipt.method_label or receipt.method)
    if receipt.reference:
        b.field("交易参考号", receipt.reference)
    b.amount("冲正后预存余额", receipt.balance_after_fen)
    b.field("冲正原因", receipt.reversal_reason)
    b.field("批准主管", receipt.reversal_approver)
    b.text("原凭证作废，其电费恢复为未缴。", bold=True)
    for who in ("客户签字：", "主管签字："):
        b.blank()
        b.text(who)
        b.blank()
        b.text("_" * min(b.columns, 24))


def _refund_body(b: _Builder, receipt: Receipt) -> None:
    """A refund head office ordered, paid out in cash: the customer signs for the money on the counter's copy."""
    b.rule()
    b.field("退款单", receipt.reference)
    b.pair("退款金额（元）", YUAN + yuan_text(receipt.amount_fen), bold=True)
    b.field("支付方式", receipt.method_label or receipt.method)
    b.amount("预存余额", receipt.balance_after_fen)
    b.blank()
    b.text("客户签字：")
    b.blank()
    b.text("_" * min(b.columns, 24))


def _payment_body(b: _Builder, receipt: Receipt, card: bool) -> None:
    b.rule()
    b.pair("合计（元）", YUAN + yuan_text(receipt.total_fen), bold=True)
    if receipt.owed_after_fen > 0:  # a partial payment says what is still owed, so no one reads it as settled
        b.pair("缴后尚欠（元）", YUAN + yuan_text(receipt.owed_after_fen), bold=True)
    b.field("支付方式", receipt.method_label or receipt.method)
    if receipt.reference:
        b.field("交易参考号", receipt.reference)
    b.amount("实收金额", receipt.amount_fen)
    if receipt.method == "cash" or receipt.change_fen:
        b.amount("客户付款", receipt.tendered_fen)
        b.amount("找零", receipt.change_fen)
    if receipt.change_to_balance_fen:
        b.amount("零钱转预存", receipt.change_to_balance_fen)
    if receipt.offset_fen:
        b.amount("预收冲抵", receipt.offset_fen)
    b.amount("交费前预存余额", receipt.balance_before_fen)
    b.amount("交费后预存余额", receipt.balance_after_fen)
    if card:
        b.rule()
        count = receipt.card_purchase_count
        b.pair("购电次数", "—" if count is None else str(count))
        b.amount("写卡金额", receipt.card_amount_fen or 0, bold=True)


def _terminal_and_clerk(b: _Builder, terminal_id: str, clerk_id: str) -> None:
    terminal, clerk = "终端：" + clean(terminal_id), "收费员：" + clean(clerk_id)
    row = pad_between(terminal, clerk, b.columns)
    if row is not None and text_width(terminal) + text_width(clerk) + 4 <= b.columns:
        b.lines.append(Line(row))
    else:
        b.field("终端", terminal_id)
        b.field("收费员", clerk_id)


def _bills(b: _Builder, bills: tuple[ReceiptLine, ...]) -> None:
    if b.columns >= 48 and _bill_table(b, bills):
        return
    b.text("电费明细（金额单位：元）")
    for bill in bills:
        b.text(f"{bill.period}  电量 {bill.kwh}度")
        b.amount("  电费", bill.principal_fen)
        if bill.late_fee_fen or bill.days_overdue:
            b.amount(f"  违约金（逾期{bill.days_overdue}天）", bill.late_fee_fen)


# 80 mm: one row per bill. Cell widths add up to 48; a row that would not fit falls back to stacked.
_TABLE_CELLS = (8, 10, 12, 10, 8)


def _bill_table(b: _Builder, bills: tuple[ReceiptLine, ...]) -> bool:
    def row(cells: tuple[str, ...]) -> str | None:
        out = cells[0] + " " * (_TABLE_CELLS[0] - text_width(cells[0]))
        for cell, width in zip(cells[1:], _TABLE_CELLS[1:], strict=True):
            if text_width(cell) >= width:
                return None
            out += " " * (width - text_width(cell)) + cell
        return out if text_width(cells[0]) <= _TABLE_CELLS[0] else None

    header = row(("账期", "电量(度)", "电费(元)", "违约金", "逾期"))
    rows = [
        row(
            (
                clean(bill.period),
                str(bill.kwh),
                yuan_text(bill.principal_fen),
                yuan_text(bill.late_fee_fen),
                f"{bill.days_overdue}天",
            )
        )
        for bill in bills
    ]
    if header is None or any(r is None for r in rows):
        return False
    b.lines.append(Line(header, bold=True))
    b.lines.extend(Line(r) for r in rows if r is not None)
    return True
