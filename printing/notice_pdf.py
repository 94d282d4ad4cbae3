"""The stop-power notice (停电通知书, A4): customer, arrears by period with late fees to date,
pay-by date, earliest stop date (from policy, set when served), the hall's contact, a receipt slip."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from app.allocation import Quote
from app.model import CATEGORY_LABELS, Customer
from app.money import yuan_text
from app.risk import Notice
from app.services.notices import SERVE_METHODS
from printing.pdf import build_pdf, para, table


@dataclass(frozen=True)
class NoticeDoc:
    notice: Notice
    customer: Customer
    quote: Quote
    hall_name: str
    hall_phone: str = "95598"


def notice_pdf(doc: NoticeDoc, path: Path | str) -> Path:
    n, c, q = doc.notice, doc.customer, doc.quote
    stop = n.stop_from or "（送达后按规定日期确定）"
    pay_by = n.pay_by or "（送达后确定）"
    flow = [
        para("停电通知书", "title"),
        para(f"编号：{n.notice_id}", "small_center"),
        Spacer(1, 4 * mm),
        para(f"{c.name}（户号 {c.customer_no}）："),
        para(
            f"　　贵户（用电地址：{c.address}；用户类别：{CATEGORY_LABELS[c.category]}）截至 {q.pay_date.isoformat()} "
            f"尚欠电费 {yuan_text(q.principal_total_fen)} 元，电费违约金 {yuan_text(q.late_fee_total_fen)} 元，"
            f"合计 {yuan_text(q.total_fen)} 元，经催缴仍未结清。依据《电力供应与使用条例》第三十九条及"
            "《供电营业规则》有关规定，特此通知："
        ),
        para(
            f"　　请于 <b>{pay_by}</b> 前到营业厅或通过线上渠道结清上述欠费及违约金。逾期未结清的，"
            f"我公司将自 <b>{stop}</b> 起依法对贵户中止供电，停电前将再次通知。结清全部欠费后本通知自动撤销。".replace(
                "<b>", ""
            ).replace("</b>", "")
        ),
        Spacer(1, 3 * mm),
        para("欠费明细", "heading"),
    ]
    data: list[list[object]] = [
        ["电费年月", "电量(kWh)", "应缴日期", "逾期天数", "欠费本金", "违约金（至今）", "小计"]
    ]
    for line in q.lines:
        data.append(
            [
                line.bill.period,
                str(line.bill.kwh),
                line.bill.due_date.isoformat(),
                str(line.days_overdue),
                yuan_text(line.principal_due_fen),
                yuan_text(line.fee_due_fen),
                yuan_text(line.total_fen),
            ]
        )
    data.append(
        [
            "合计",
            "",
            "",
            "",
            yuan_text(q.principal_total_fen),
            yuan_text(q.late_fee_total_fen),
            yuan_text(q.total_fen),
        ]
    )
    flow.append(
        table(data, [24 * mm, 22 * mm, 26 * mm, 20 * mm, 28 * mm, 30 * mm, 28 * mm], money_cols=(4, 5, 6))
    )
    flow += [
        Spacer(1, 3 * mm),
        para(f"违约金按日计算至实际缴费之日，以上为截至 {q.pay_date.isoformat()} 的金额。", "small"),
    ]
    if n.important:
        flow.append(para("本户为重要用户：本通知同时抄报电力管理部门。", "body"))
    flow += [
        Spacer(1, 6 * mm),
        para(f"供电单位：{doc.hall_name}（盖章）　　联系电话：{doc.hall_phone}"),
        para(
            f"审批：{n.approved_by or '（待审批）'}　　送达日期：{n.served_on or '　　　　'}　　"
            f"送达方式：{SERVE_METHODS.get(n.served_method or '', '　　　　')}"
        ),
        Spacer(1, 10 * mm),
        para(
            "- - - - - - - - - - - - - - - - 沿此线剪开，回执由供电单位留存 - - - - - - - - - - - - - - - -",
            "small_center",
        ),
        para("送达回执", "heading_center"),
        para(f"通知书编号 {n.notice_id}，户号 {c.customer_no}，户名 {c.name}。本人已收到停电通知书。"),
        Spacer(1, 8 * mm),
        para("签收人：____________　　　签收日期：______年____月____日"),
    ]
    return build_pdf(path, "停电通知书", doc.hall_name, flow)
