"""Messages with codes (issue 15, STYLE.md habit 20): the core raises a code and its parameters; the
command line and the logs print the Chinese sentence made here; ui/messages.py translates the same code.

A template names its parameters in braces. Parameters ending in `_fen` are money (int fen), `method` is a
Method value: each side renders them its own way (the CLI as 123.45 and 现金; the window grouped and in
the window's language). The only Chinese in app/ that a clerk reads through the window lives here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from app.errors import HallPayError

E = TypeVar("E", bound=HallPayError)

MESSAGES: dict[str, str] = {
    # payments (app/services/payments.py)
    "shift.none": "收费员 {clerk_id} 没有已开的班次；请先开班（班次 → 开班，或 `shift open --float X`）。",
    "shift.earlier_day": "班次 {shift_id} 是 {business_day} 营业日开的，不能再收今天（{today}）的钱；请先结班，再开新班次。",
    "pay.reference_needed": "{method}收款需要填写{hint}；请填写后再确认。",
    "pay.nothing_due": "用户 {customer_no} 当前没有应缴电费；如需预存，请输入金额。",
    "pay.amount_zero": "金额必须大于 0.00 元。",
    "pay.over_cap": "应收 {amount_fen} 元超过单笔收费上限 {cap_fen} 元；请分笔收取并核对金额。",
    "pay.no_partial": "应缴 {due_fen} 元，该用户不允许部分缴费；请至少收取 {due_fen} 元。",
    "pay.tender_short": "实收现金 {tendered_fen} 元少于缴费金额 {amount_fen} 元；请补足现金或改小金额。",
    "pay.no_change_noncash": "{method}收款不找零；实收必须等于缴费金额。",
    "pay.change_mode": "零钱转预存应为 none、all 或 fen，不能是“{mode}”。",
    "pay.change_cash_only": "只有现金收款有找零，零钱转预存只能用于现金。",
    # the day's wallet reconciliation (app/services/wallet_day.py, shift_close.py)
    "wallet.day_unsigned": "{business_day} 的扫码收款对账有 {count} 项差异未经主管签认；请先签认差异，再签认日结。",
    "wallet.day_mismatch": "扫码对账的营业日 {day} 与班次的营业日 {business_day} 不符；请重新对账后再结班。",
    "wallet.nothing_to_sign": "{business_day} 扫码收款对账没有差异，无需签认。",
    "wallet.reason_needed": "签认扫码对账差异必须填写原因。",
    # refunds head office ordered, paid out at the counter (app/services/refund_payout.py)
    "refund.none": "用户 {customer_no} 没有待领的退款。",
    "refund.unknown": "用户 {customer_no} 没有编号为 {refund_id} 的退款单；请核对退款单号。",
    "refund.already_paid": "退款单 {refund_id} 已由本机第 {seq} 笔流水支付，不能再次支付。",
    "refund.paid_elsewhere": "退款单 {refund_id} 总部记录已在其他柜台支付，不能再次支付。",
    "refund.owed": "退款待领 {amount_fen}",
    # a whole terminal's arrears export in its child process (bootstrap.Services.export_arrears_apart)
    "export.child_died": "导出欠费清单的进程意外结束（退出码 {exit_code}），未写出文件；请重试。",
    "export.cannot_write": "无法写出文件 {path}（{reason}），未导出；请检查文件夹是否存在、是否可写。",
    # the card reader's status (app/ports.ReaderStatus)
    "card.ready_card": "{reader}就绪，卡已插入。",
    "card.ready_empty": "{reader}就绪，读卡器上没有卡，请插入购电卡。",
    # customer warnings (app/warnings.py)
    "warn.overdue": "欠费 {bills} 期共 {owed_fen} 元（含违约金），最长逾期 {days} 天",
    "warn.overdue_stop": "欠费 {bills} 期共 {owed_fen} 元（含违约金），最长逾期 {days} 天，已满足停电通知条件",
    "warn.grade": "风险等级 {grade}：{reasons}",
    "warn.grade_ho": "风险等级 {grade}：{reasons}（总部评级 {ho_grade}）",
    "warn.grade_ho_only": "风险等级（总部评级）{ho_grade}；本柜台按数据计算：无风险等级",
    "warn.notice_served": "停电通知书已于 {served_on} 送达，最早可于 {stop_from} 起停电；结清欠费后自动撤销",
    "warn.notice_proposed": "停电通知 已提出，待主管审批（{notice_id}）",
    "warn.notice_approved": "停电通知 已审批，尚未送达（{notice_id}）",
    "warn.blacklist": "列入诚信黑榜（统一社会信用代码 {credit_code}，{quarter}）",
    "warn.important": "重要用户：停电须报电力管理部门，不得简单停电",
    "warn.prepaid": "费控（IC卡）用户：购电请使用“IC卡购电”",
    "warn.prepaid_candidate": "高风险后付费用户：建议改装费控（预付费）电表",
}


def fen_text(fen: int) -> str:
    from app.money import format_fen

    return format_fen(fen)


def method_text(method: str) -> str:
    from app.model import METHOD_LABELS, Method

    try:
        return METHOD_LABELS[Method(method)]
    except ValueError:
        return method


def render(template: str, params: Mapping[str, object], *, money: Callable[[int], str] = fen_text,
           method: Callable[[str], str] = method_text) -> str:
    """The template with its parameters: money and methods through the given renderers."""
    values = {k: (money(int(str(v))) if k.endswith("_fen") else method(str(v)) if k == "method" else v)
              for k, v in params.items()}
    return template.format(**values)


def message(code: str, **params: object) -> str:
    """The Chinese sentence of a code (the command line, the logs)."""
    return render(MESSAGES[code], params)


def coded(cls: type[E], code: str, **params: Any) -> E:
    """An error of class `cls` with its code and parameters; str() is the Chinese sentence."""
    error = cls(message(code, **params))
    error.code, error.params = code, params
    return error
