"""PDF toolkit on reportlab: the hall's page template, CJK paragraphs, tables that split across
pages, "第 N 页 / 共 M 页". Day reports, stop-power notices and lists build on these helpers;
``receipt_pdf`` (an A5 copy of a receipt) is the first user.

The font is the embedded TrueType WenQuanYi Micro Hei: reportlab's built-in STSong-Light is a
reference to a font the PDF viewer must have, and renders blank where it has not (poppler
without poppler-data).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from app import durable
from app.money import yuan_text
from app.receipt import Receipt
from printing.fonts import PRIMARY_FONT

FONT = "WQYMicroHei"
MARGIN = 15 * mm


@lru_cache(maxsize=1)
def register_fonts() -> str:
    pdfmetrics.registerFont(TTFont(FONT, PRIMARY_FONT, subfontIndex=0))
    return FONT


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles: title, heading, body, small, small_center, cell, cell_head, mark (重打 stamp)."""
    font = register_fonts()
    base = ParagraphStyle("body", fontName=font, fontSize=10, leading=14, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", base, fontSize=16, leading=22, alignment=TA_CENTER, spaceAfter=4),
        "heading": ParagraphStyle("heading", base, fontSize=12, leading=17, spaceBefore=6, spaceAfter=3),
        "heading_center": ParagraphStyle(
            "heading_center", base, fontSize=12, leading=17, alignment=TA_CENTER
        ),
        "body": base,
        "small": ParagraphStyle("small", base, fontSize=8, leading=11),
        "small_center": ParagraphStyle("small_center", base, fontSize=8, leading=11, alignment=TA_CENTER),
        "cell": ParagraphStyle("cell", base, fontSize=9, leading=12),
        "cell_head": ParagraphStyle("cell_head", base, fontSize=9, leading=12, textColor=colors.black),
        "mark": ParagraphStyle(
            "mark", base, fontSize=16, leading=22, alignment=TA_CENTER, textColor=colors.HexColor("#B00000")
        ),
    }


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def para(text: str, style: str = "body") -> Paragraph:
    return Paragraph(_escape(text), styles()[style])


def table(
    data: Sequence[Sequence[Any]], col_widths: Sequence[float], money_cols: Sequence[int] = ()
) -> LongTable:
    """A grid whose first row is the header, repeated on every page the table runs onto.

    Text cells wrap (CJK-aware); money columns (already formatted "123.45") are right-aligned
    and never wrap. Flowables in cells are kept as they are.
    """
    st = styles()
    rows = []
    for r, row in enumerate(data):
        cells = []
        for c, cell in enumerate(row):
            if isinstance(cell, Flowable) or (c in money_cols and r > 0):
                cells.append(cell)
            else:
                cells.append(Paragraph(_escape(str(cell)), st["cell_head" if r == 0 else "cell"]))
        rows.append(cells)
    t = LongTable(rows, colWidths=list(col_widths), repeatRows=1)
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8E8E8")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    commands += [("ALIGN", (c, 1), (c, -1), "RIGHT") for c in money_cols]
    t.setStyle(TableStyle(commands))
    return t


class _NumberedCanvas(Canvas):
    """Holds every page until the end so each footer can say how many pages there are."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            width, _ = self._pagesize
            self.setFont(FONT, 8)
            self.drawCentredString(width / 2, MARGIN / 2, f"第 {number} 页 / 共 {total} 页")
            super().showPage()
        super().save()


def build_pdf(
    path: Path | str,
    title: str,
    hall_name: str,
    flowables: Sequence[Flowable],
    pagesize: tuple[float, float] = A4,
) -> Path:
    """Write ``flowables`` to ``path`` on pages headed by the hall's name and the title."""
    register_fonts()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)

    def header(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        width, height = pagesize
        canvas.saveState()
        canvas.setFont(FONT, 9)
        canvas.drawString(MARGIN, height - MARGIN + 4 * mm, hall_name)
        canvas.drawRightString(width - MARGIN, height - MARGIN + 4 * mm, title)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, height - MARGIN + 2.5 * mm, width - MARGIN, height - MARGIN + 2.5 * mm)
        canvas.restoreState()

    with durable.replacing(path) as tmp:
        _build(tmp, title, hall_name, flowables, pagesize, header)
    return path


def _build(
    tmp: Path,
    title: str,
    hall_name: str,
    flowables: Sequence[Flowable],
    pagesize: tuple[float, float],
    header: Callable[[Canvas, SimpleDocTemplate], None],
) -> None:
    doc = SimpleDocTemplate(
        str(tmp),
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + 4 * mm,
        bottomMargin=MARGIN,
        title=title,
        author=hall_name,
        creator="HallPay",
    )
    doc.build(list(flowables), onFirstPage=header, onLaterPages=header, canvasmaker=_NumberedCanvas)


def qr_flowable(data: str, size: float = 30 * mm) -> Drawing:
    widget = QrCodeWidget(data, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    drawing.hAlign = "CENTER"
    return drawing


def receipt_pdf(receipt: Receipt, path: Path | str) -> Path:
    """An A5 copy of the receipt (for a customer who asks for one, or to e-mail)."""
    card = receipt.kind == "card_purchase"
    title = "IC卡购电凭证" if card else "电费收费凭证"
    width = A5[0] - 2 * MARGIN
    heading: list[Flowable] = [para(receipt.hall_name, "heading_center"), para(title, "title")]
    if receipt.reprint:
        heading.append(para("【重打】 本凭证为重打件", "mark"))
    if receipt.reversal_seq and receipt.kind != "reversal":  # issue 28: a reversed receipt's copy says so
        heading.append(para("【已冲正 作废】 本凭证已冲正，不证明电费已缴", "mark"))
    qr: list[Flowable] = [qr_flowable(receipt.qr_text, 24 * mm), para("扫码核验凭证真伪", "small_center")]
    top = LongTable([[heading, qr]], colWidths=[width - 30 * mm, 30 * mm])
    top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story: list[Flowable] = [top]
    info = [
        ["凭证号", receipt.receipt_no, "时间", receipt.issued_at],
        ["终端", receipt.terminal_id, "收费员", receipt.clerk_id],
        ["户号", receipt.customer_no, "户名", receipt.customer_name],
        ["地址", receipt.address, "表号", receipt.meter_no or "—"],
    ]
    story += [Spacer(1, 2 * mm), _info_table(info, width)]
    if receipt.lines:
        bills = [["账期", "电量（度）", "电费（元）", "违约金（元）", "逾期天数"]]
        bills += [
            [
                b.period,
                str(b.kwh),
                yuan_text(b.principal_fen),
                yuan_text(b.late_fee_fen),
                str(b.days_overdue),
            ]
            for b in receipt.lines
        ]
        story += [
            para("电费明细", "heading"),
            table(bills, [width * f for f in (0.2, 0.2, 0.22, 0.2, 0.18)], (1, 2, 3, 4)),
        ]
    sums = [["项目", "金额（元）"]]
    if receipt.lines:
        sums.append(["违约金合计", yuan_text(receipt.late_fee_total_fen)])
    if receipt.waived_fen > 0:
        sums.append([f"减免违约金（{receipt.waiver_reason}）", yuan_text(receipt.waived_fen)])
    sums.append(["合计", "￥" + yuan_text(receipt.total_fen)])
    sums.append([f"支付方式：{receipt.method_label or receipt.method}", ""])
    if receipt.reference:
        sums.append([f"交易参考号：{receipt.reference}", ""])
    sums.append(["实收金额", yuan_text(receipt.amount_fen)])
    if receipt.method == "cash" or receipt.change_fen:
        sums += [["客户付款", yuan_text(receipt.tendered_fen)], ["找零", yuan_text(receipt.change_fen)]]
    if receipt.change_to_balance_fen:
        sums.append(["零钱转预存", yuan_text(receipt.change_to_balance_fen)])
    if receipt.offset_fen:
        sums.append(["预收冲抵（此前预存已抵缴电费）", yuan_text(receipt.offset_fen)])
    sums += [
        ["交费前预存余额", yuan_text(receipt.balance_before_fen)],
        ["交费后预存余额", yuan_text(receipt.balance_after_fen)],
    ]
    if card:
        count = receipt.card_purchase_count
        sums += [
            ["购电次数", "—" if count is None else str(count)],
            ["写卡金额", yuan_text(receipt.card_amount_fen or 0)],
        ]
    story += [para("收费信息", "heading"), table(sums, [width - 35 * mm, 35 * mm], (1,))]
    return build_pdf(path, title, receipt.hall_name, story, pagesize=A5)


def _info_table(rows: list[list[str]], width: float) -> LongTable:
    """Label / value pairs, two per row, no header."""
    cell = styles()["cell"]
    data = [[Paragraph(_escape(text), cell) for text in row] for row in rows]
    t = LongTable(data, colWidths=[width * f for f in (0.14, 0.36, 0.14, 0.36)])
    t.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F2F2F2")),
                ("BACKGROUND", (2, 0), (2, -1), colors.HexColor("#F2F2F2")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return t
