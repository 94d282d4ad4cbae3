"""The day report (营业日报, A4) and the bank deposit slip (解款单, one A5 landscape page per clerk).

Layout only: the figures come from app.services.day_report.DayReport. Every amount is printed as
"123.45" so that pdftotext (and a supervisor's eye) finds the totals as the screen shows them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, LongTable, PageBreak, Paragraph, Spacer, TableStyle

from app.cash import DENOMINATION_LABELS, DENOMINATIONS_FEN, over_short
from app.model import CATEGORY_LABELS, METHOD_LABELS, Category, Method
from app.money import yuan_text
from app.services.day_report import ClerkDay, DayReport
from app.services.shift_figures import Figures
from printing.pdf import FONT, MARGIN, build_pdf, para, styles, table
from printing.wallet_reconcile_pdf import reconciliation_section

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ["", "拾", "佰", "仟"]
_GROUPS = ["", "万", "亿", "万亿"]


def amount_in_words(fen: int) -> str:
    """12345 → '壹佰贰拾叁元肆角伍分': the capital amount a bank slip carries (人民币大写)."""
    if fen < 0:
        return "负" + amount_in_words(-fen)
    yuan, rest = divmod(fen, 100)
    jiao, fen_ = divmod(rest, 10)
    words = _yuan_words(yuan) + "元" if yuan else ""
    if jiao == 0 and fen_ == 0:
        return (words or "零元") + "整"
    if jiao:
        words += _DIGITS[jiao] + "角"
    elif yuan:
        words += "零"
    if fen_:
        words += _DIGITS[fen_] + "分"
    else:
        words += "整"
    return words


def _yuan_words(n: int) -> str:
    groups = []
    while n:
        n, g = divmod(n, 10000)
        groups.append(g)
    out = ""
    zero_pending = False
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            zero_pending = bool(out)
            continue
        if out and (zero_pending or g < 1000):
            out += "零"
        zero_pending = False
        out += _group_words(g) + _GROUPS[i]
    return out


def _group_words(g: int) -> str:
    out = ""
    zero = False
    for pos in range(3, -1, -1):
        d = (g // 10**pos) % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += _DIGITS[d] + _UNITS[pos]
    return out


def method_label(method: str) -> str:
    try:
        return METHOD_LABELS[Method(method)]
    except ValueError:
        return method


def category_label(category: str) -> str:
    try:
        return CATEGORY_LABELS[Category(category)]
    except ValueError:
        return "未知类别" if category == "unknown" else category


def difference_text(fen: int) -> str:
    side, amount_fen = over_short(fen)
    return {"over": f"长款 {yuan_text(amount_fen)}", "short": f"短款 {yuan_text(amount_fen)}"}.get(
        side, "0.00"
    )


# ------------------------------------------------------------------------------------ day report


def _right(text: str) -> Paragraph:
    """A header cell over a money column, right-aligned like the figures under it."""
    return Paragraph(text, ParagraphStyle("cell_head_right", styles()["cell_head"], alignment=TA_RIGHT))


def _heads(row: list[str], money_cols: tuple[int, ...]) -> list[object]:
    return [_right(text) if i in money_cols else text for i, text in enumerate(row)]


def _sign_table(labels: list[list[str]], width: float, heights: list[float]) -> LongTable:
    t = LongTable(labels, colWidths=[width / len(labels[0])] * len(labels[0]), rowHeights=heights)
    t.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("FONTSIZE", (0, 0), (-1, -1), 10),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 12),
            ]
        )
    )
    return t


def _summary(f: Figures, width: float, adjusted_waived_fen: int = 0) -> LongTable:
    closed = f"{f.closed_shifts}/{len(f.shifts)}"
    waivers = f"{f.waivers} 笔 / {yuan_text(f.waived_fen)}"
    if adjusted_waived_fen:  # head office's adjustments waive fees outside any shift (issue 28, domain P3-1)
        waivers += f"（另总部调整减免 {yuan_text(adjusted_waived_fen)}，见总部退补调整）"
    rows: list[Sequence[Any]] = [
        _heads(["项目", "金额（元）", "项目", "金额（元）"], (1, 3)),
        ["备用金", yuan_text(f.float_fen), "收费笔数", str(f.receipts)],
        ["现金实收（客户付款）", yuan_text(f.cash_tendered_fen), "收款合计", yuan_text(f.received_fen)],
        ["找零", yuan_text(f.change_given_fen), "冲正", f"{f.reversals} 笔 / {yuan_text(f.reversed_fen)}"],
        ["现金退款（冲正）", yuan_text(f.cash_refunds_fen), "净收合计", yuan_text(f.net_fen)],
        *(
            [["退款支付（总部退款单）", f"{f.refund_payouts} 笔 / {yuan_text(f.refund_payout_fen)}", "", ""]]
            if f.refund_payouts
            else []
        ),
        ["应有现金", yuan_text(f.expected_cash_fen), "其中违约金", yuan_text(f.late_fees_fen)],
        ["实点现金", yuan_text(f.counted_fen), "违约金减免", waivers],
        [
            "长短款",
            difference_text(f.difference_fen),
            "IC卡购电",
            f"{f.card_purchases} 笔 / {yuan_text(f.card_purchase_fen)}",
        ],
        [
            "应解款金额",
            yuan_text(f.deposit_fen),
            "待写卡 / 已结班次",
            f"{len(f.pending_card_writes)} 笔 / {closed}",
        ],
    ]
    return table(rows, [width * x for x in (0.24, 0.22, 0.26, 0.28)], money_cols=(1, 3))


def _by_method(f: Figures, width: float) -> LongTable:
    rows: list[list[object]] = [
        _heads(["支付方式", "笔数", "收款（元）", "冲正笔数", "冲正（元）", "净额（元）"], (1, 2, 3, 4, 5))
    ]
    for m in f.by_method:
        rows.append(
            [
                method_label(m.method),
                str(m.count),
                yuan_text(m.amount_fen),
                str(m.refund_count),
                yuan_text(m.refunded_fen),
                yuan_text(m.net_fen),
            ]
        )
    rows.append(
        [
            "合计",
            str(f.receipts),
            yuan_text(f.received_fen),
            str(f.reversals),
            yuan_text(f.reversed_fen),
            yuan_text(f.net_fen),
        ]
    )
    t = table(rows, [width * x for x in (0.2, 0.1, 0.19, 0.12, 0.19, 0.2)], money_cols=(1, 2, 3, 4, 5))
    t.setStyle(TableStyle([("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F2F2F2"))]))
    return t


def _by_category(f: Figures, width: float) -> LongTable:
    rows: list[list[object]] = [_heads(["用户类别", "笔数", "净收（元）"], (1, 2))]
    rows += [[category_label(c.category), str(c.count), yuan_text(c.amount_fen)] for c in f.by_category]
    return table(rows, [width * x for x in (0.4, 0.2, 0.4)], money_cols=(1, 2))


def _by_clerk(report: DayReport, width: float) -> LongTable:
    rows: list[list[object]] = [
        _heads(
            ["收费员", "班次", "笔数", "现金净收", "非现金净收", "应有现金", "实点现金", "长短款"],
            (2, 3, 4, 5, 6, 7),
        )
    ]
    for c in report.clerks:
        f = c.figures
        cash = f.method("cash").net_fen
        rows.append(
            [
                f"{c.clerk_id} {c.clerk_name}",
                f"{f.closed_shifts}/{len(f.shifts)} 已结",
                str(f.receipts),
                yuan_text(cash),
                yuan_text(f.net_fen - cash),
                yuan_text(f.expected_cash_fen),
                yuan_text(f.counted_fen),
                difference_text(f.difference_fen),
            ]
        )
    return table(
        rows,
        [width * x for x in (0.15, 0.11, 0.07, 0.13, 0.14, 0.13, 0.13, 0.14)],
        money_cols=(2, 3, 4, 5, 6, 7),
    )


def _signatures(report: DayReport, width: float) -> LongTable:
    signed = f"{report.signed_off_by}（已在系统签认）" if report.signed_off_by else ""
    rows = [["收费员签字：", "复核人签字：", f"主管签认：{signed}"], ["日期：", "日期：", "日期："]]
    return _sign_table(rows, width, [14 * mm, 10 * mm])


def _clerk_section(c: ClerkDay, width: float) -> list[Flowable]:
    f = c.figures
    out: list[Flowable] = [
        para(f"收费员 {c.clerk_id} {c.clerk_name}（班次 {'、'.join(f.shifts)}）", "heading"),
        _summary(f, width),
        Spacer(1, 2 * mm),
        _by_method(f, width),
    ]
    return [KeepTogether(out)]


def day_report_pdf(report: DayReport, path: Path | str) -> Path:
    """The day report: the hall's totals first, then each clerk; signature lines at the end."""
    width = A4[0] - 2 * MARGIN
    hall = report.hall
    status = f"已由 {report.signed_off_by} 签认" if report.signed_off_by else "未签认"
    story: list[Flowable] = [
        para(f"营业日报 {report.business_day}", "title"),
        para(
            f"{report.hall_name}　终端 {'、'.join(report.terminal_ids)}　制表 {report.generated_at}　{status}",
            "small_center",
        ),
        Spacer(1, 3 * mm),
    ]
    for problem in report.journal_problems:  # the journal check failed: the figures may be edited
        story.append(para(f"警告：{problem}", "mark"))
    if not hall.all_closed:
        story.append(
            para(
                f"注意：{len(hall.shifts) - hall.closed_shifts} 个班次尚未结班，本表数字不是最终数。", "mark"
            )
        )
    story += [
        para("全厅汇总", "heading"),
        _summary(hall, width, sum(a.fee_waived_fen for a in report.adjustments)),
        para("按支付方式（与POS、扫码对账单核对）", "heading"),
        _by_method(hall, width),
        *reconciliation_section(report.wallet_reconciliation, width),
        para("按用户类别", "heading"),
        _by_category(hall, width),
        para("按收费员", "heading"),
        _by_clerk(report, width),
    ]
    if hall.differences:
        rows = [["班次", "长短款（元）", "原因"]]
        rows += [[sid, difference_text(d), reason] for sid, d, reason in hall.differences]
        story += [
            para("长短款说明", "heading"),
            table(rows, [width * x for x in (0.3, 0.2, 0.5)], money_cols=(1,)),
        ]
    if hall.pending_card_writes or report.unprinted_receipts:
        story.append(para("待处理", "heading"))
        if hall.pending_card_writes:
            story.append(para("待写卡：" + "、".join(hall.pending_card_writes)))
        if report.unprinted_receipts:
            shown = report.unprinted_receipts[:30]
            more = f" 等共 {len(report.unprinted_receipts)} 张" if len(report.unprinted_receipts) > 30 else ""
            story.append(para("凭证未打印：" + "、".join(shown) + more))
    if report.adjustments:
        rows = [["户号", "账期/项目", "原值", "新值", "转预存", "增加应收", "减免违约金", "原因/审批"]]
        rows += [
            [
                a.customer_no,
                a.subject,
                a.old,
                a.new,
                yuan_text(a.to_balance_fen),
                yuan_text(a.difference_due_fen),
                yuan_text(a.fee_waived_fen),
                f"{a.reason}（{a.approver_id}）",
            ]
            for a in report.adjustments
        ]
        waived = sum(a.fee_waived_fen for a in report.adjustments)
        story += [
            para(
                f"总部退补调整 {len(report.adjustments)} 笔（其中减免违约金 {yuan_text(waived)} 元）",
                "heading",
            ),
            table(
                rows,
                [width * x for x in (0.12, 0.1, 0.17, 0.17, 0.09, 0.09, 0.1, 0.16)],
                money_cols=(4, 5, 6),
            ),
        ]
    for c in report.clerks:
        story += _clerk_section(c, width)
    story += [Spacer(1, 8 * mm), _signatures(report, width)]
    return build_pdf(path, f"营业日报 {report.business_day}", report.hall_name, story)


# ------------------------------------------------------------------------------------ deposit slip


def _slip(report: DayReport, c: ClerkDay, width: float) -> list[Flowable]:
    f = c.figures
    pieces = dict(f.deposit_pieces)
    info = table(
        [
            ["缴款单位", report.hall_name, "解款日期", report.business_day],
            ["缴款人", f"{c.clerk_id} {c.clerk_name}", "班次", "、".join(f.shifts)],
        ],
        [width * x for x in (0.12, 0.43, 0.12, 0.33)],
    )
    left, right = width * 0.52, width * 0.46
    rows: list[list[object]] = [_heads(["券别", "张（枚）数", "金额（元）"], (1, 2))]
    rows += [
        [DENOMINATION_LABELS[d], str(pieces.get(d, 0)), yuan_text(d * pieces.get(d, 0))]
        for d in DENOMINATIONS_FEN
    ]
    rows.append(["合计", str(sum(pieces.values())), yuan_text(f.deposit_fen)])
    counts = table(rows, [left * x for x in (0.3, 0.3, 0.4)], money_cols=(1, 2))
    counts.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F2F2F2")),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    total = table(
        [
            ["解款金额", "人民币（大写）"],
            [f"￥{yuan_text(f.deposit_fen)}", amount_in_words(f.deposit_fen)],
            ["实点现金", yuan_text(f.counted_fen)],
            ["留存备用金", yuan_text(f.counted_fen - f.deposit_fen)],
            ["长短款", difference_text(f.difference_fen)],
        ],
        [right * 0.35, right * 0.65],
    )
    total.setStyle(TableStyle([("FONTSIZE", (0, 1), (-1, 1), 12)]))
    body = LongTable([[counts, total]], colWidths=[left + 2 * mm, right])
    body.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    sign = _sign_table([["缴款人签字：", "营业厅主管：", "银行经办：", "银行盖章："]], width, [12 * mm])
    return [para("现金解款单", "title"), info, Spacer(1, 2 * mm), body, sign]


def deposit_slip_pdf(report: DayReport, path: Path | str) -> Path:
    """One 解款单 page per clerk whose shifts are closed: cash to deposit by denomination."""
    pagesize = landscape(A5)
    width = pagesize[0] - 2 * MARGIN
    story: list[Flowable] = []
    for c in report.clerks:
        if not c.figures.closed_shifts:
            continue
        if story:
            story.append(PageBreak())
        story += _slip(report, c, width)
    if not story:
        story = [para("现金解款单", "title"), para(f"{report.business_day} 没有已结班次，无现金可解款。")]
    story = [para(f"警告：{problem}", "mark") for problem in report.journal_problems] + story
    return build_pdf(path, f"现金解款单 {report.business_day}", report.hall_name, story, pagesize=pagesize)
