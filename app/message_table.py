"""Every coded sentence app/ says, in Chinese and in English side by side: code -> (中文, English).

Rules the tests check: both templates name the same parameters; English has no Chinese characters and
no full-width punctuation. Money parameters (`*_fen`) come without a currency sign: each template says
元 or ¥ itself. ui/i18n/build.py writes the English into the .ts file's "messages" context.
"""

from __future__ import annotations

TABLE: dict[str, tuple[str, str]] = {
    "sep.list": ("；", "; "),
    # payments (app/services/payments.py)
    "shift.none": ("收费员 {clerk_id} 没有已开的班次；请先开班（班次 → 开班，或 `shift open --float X`）。",
                   "Clerk {clerk_id} has no open shift; open one first (Shift page, float, Enter)."),
    "shift.earlier_day": (
        "班次 {shift_id} 是 {business_day} 营业日开的，不能再收今天（{today}）的钱；请先结班，再开新班次。",
        "Shift {shift_id} belongs to business day {business_day} and cannot take money today ({today}); "
        "close it and open a new shift."),
    "pay.reference_needed": ("{method}收款需要填写{hint}；请填写后再确认。",
                             "{method}: the payment needs its reference ({hint}); fill it in and confirm."),
    "pay.nothing_due": ("用户 {customer_no} 当前没有应缴电费；如需预存，请输入金额。",
                        "Customer {customer_no} owes nothing now; type an amount to pay in advance."),
    "pay.amount_zero": ("金额必须大于 0.00 元。", "The amount must be more than 0.00."),
    "pay.over_cap": ("应收 {amount_fen} 元超过单笔收费上限 {cap_fen} 元；请分笔收取并核对金额。",
                     "¥{amount_fen} is above the single-payment limit of ¥{cap_fen}; split it and check the amount."),
    "pay.no_partial": ("应缴 {due_fen} 元，该用户不允许部分缴费；请至少收取 {due_fen} 元。",
                       "¥{due_fen} is due and this customer may not pay in part; take at least ¥{due_fen}."),
    "pay.tender_short": (
        "实收现金 {tendered_fen} 元少于缴费金额 {amount_fen} 元；请补足现金或改小金额。",
        "Cash tendered ¥{tendered_fen} is less than the amount ¥{amount_fen}; take more cash or lower the amount."),
    "pay.no_change_noncash": ("{method}收款不找零；实收必须等于缴费金额。",
                              "{method} gives no change; the tendered amount must equal the amount."),
    "pay.change_mode": ("零钱转预存应为 none、all 或 fen，不能是“{mode}”。",
                        "Change to balance is none, all or fen, not \"{mode}\"."),
    "pay.change_cash_only": ("只有现金收款有找零，零钱转预存只能用于现金。",
                             "Only cash has change: change to balance is for cash payments."),
    # the card reader's status (app/ports.ReaderStatus)
    "card.ready_card": ("{reader}就绪，卡已插入。", "{reader} ready, card inserted."),
    "card.ready_empty": ("{reader}就绪，读卡器上没有卡，请插入购电卡。",
                         "{reader} ready, no card: insert the purchase card."),
    # customer warnings (app/warnings.py)
    "warn.overdue": ("欠费 {bills} 期共 {owed_fen} 元（含违约金），最长逾期 {days} 天",
                     "{bills} bills overdue, ¥{owed_fen} with late fees, oldest {days} days"),
    "warn.overdue_stop": (
        "欠费 {bills} 期共 {owed_fen} 元（含违约金），最长逾期 {days} 天，已满足停电通知条件",
        "{bills} bills overdue, ¥{owed_fen} with late fees, oldest {days} days: a stop-power notice may be proposed"),
    "warn.grade": ("风险等级 {grade}：{reasons}", "Risk grade {grade}: {reasons}"),
    "warn.grade_ho": ("风险等级 {grade}：{reasons}（总部评级 {ho_grade}）",
                      "Risk grade {grade}: {reasons} (head office: {ho_grade})"),
    "warn.grade_ho_only": ("风险等级（总部评级）{ho_grade}；本柜台按数据计算：无风险等级",
                           "Risk grade (head office) {ho_grade}; from this counter's data: none"),
    "warn.notice_served": (
        "停电通知书已于 {served_on} 送达，最早可于 {stop_from} 起停电；结清欠费后自动撤销",
        "Stop-power notice served on {served_on}; supply may stop from {stop_from}; paying in full cancels it"),
    "warn.notice_proposed": ("停电通知 已提出，待主管审批（{notice_id}）",
                             "Stop-power notice proposed, waiting for a supervisor ({notice_id})"),
    "warn.notice_approved": ("停电通知 已审批，尚未送达（{notice_id}）",
                             "Stop-power notice approved, not yet served ({notice_id})"),
    "warn.blacklist": ("列入诚信黑榜（统一社会信用代码 {credit_code}，{quarter}）",
                       "On the integrity blacklist (credit code {credit_code}, {quarter})"),
    "warn.important": ("重要用户：停电须报电力管理部门，不得简单停电",
                       "Important customer: a stop must be reported to the power authority, never simply cut"),
    "warn.prepaid": ("费控（IC卡）用户：购电请使用“IC卡购电”",
                     "Prepaid (IC card) customer: use the IC card page to buy power"),
    "warn.prepaid_candidate": ("高风险后付费用户：建议改装费控（预付费）电表",
                               "High-risk postpaid customer: propose a prepaid meter"),
}

# Labels from app/ tables that reach a sentence as a parameter (LABEL_PARAMS) or a method: 中文 -> English.
LABELS_EN: dict[str, str] = {
    "现金": "Cash", "银行卡": "Bank card", "微信": "WeChat", "支付宝": "Alipay", "云闪付": "UnionPay",
    "支票": "Cheque",
    "Ⅰ级（高风险）": "Grade I (high risk)", "Ⅱ级（中风险）": "Grade II (medium risk)", "Ⅲ级（关注）": "Grade III (watch)",
    "无风险等级": "no risk grade", "模拟读卡器": "Simulated reader",
}
