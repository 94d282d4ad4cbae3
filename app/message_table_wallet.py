"""The scanned-payment sentences (issue 19's wallets, issue 16's codes): code -> (中文, English).

Kept apart from app/message_table.py, which merges them into TABLE, so neither file grows past reading.
`method` is the wallet (wechat / alipay), said as 微信 / WeChat by each voice; `why` is a Phrase.
"""

from __future__ import annotations

WALLET_TABLE: dict[str, tuple[str, str]] = {
    # the payment code a clerk scans (app/wallet.py detect_wallet)
    "wallet.code_invalid": (
        "付款码“{auth_code}”无效：应为 16–24 位数字；请让客户刷新付款码后重新扫描。",
        'The payment code "{auth_code}" is invalid: it has 16-24 digits; ask the customer to refresh it '
        "and scan again.",
    ),
    "wallet.code_empty": (
        "付款码为空：应为 16–24 位数字；请让客户刷新付款码后重新扫描。",
        "The payment code is empty: it has 16-24 digits; ask the customer to refresh it and scan again.",
    ),
    "wallet.code_unknown": (
        "付款码以 {prefix} 开头，既不是微信（10–15）也不是支付宝（25–30）的付款码；请核对后重新扫描。",
        "A payment code starting with {prefix} is neither WeChat's (10-15) nor Alipay's (25-30); "
        "check it and scan again.",
    ),
    # collecting through the acquirer (app/services/wallet_pay.py)
    "wallet.not_configured": (
        "本终端未配置{method}收单（config.toml [{section}]）；请改用其他方式，或按交易单号手工登记。",
        "This terminal has no {method} acquirer (config.toml [{section}]); use another method, or record the "
        "payment by its transaction number.",
    ),
    "wallet.over_limit": (
        "应收 {amount_fen} 元超过单笔收费上限 {limit_fen} 元；请分笔收取并核对金额。",
        "¥{amount_fen} is above the limit of ¥{limit_fen} for one payment; take it in parts and "
        "check the amount.",
    ),
    "wallet.taken_not_booked": (
        "{method}已扣款（交易号 {trade_no}），但本机未能记账：{error} 系统会在下次收费前自动补记，请勿重复收款。",
        "{method} took the money (transaction {trade_no}) but this PC could not book it: {error} It is booked "
        "automatically before the next payment; do not take the money again.",
    ),
    "wallet.already_booked": (
        "{method}交易 {trade_no} 已记账；请在收费记录中查看凭证。",
        "{method} transaction {trade_no} is booked already; see its receipt in the history.",
    ),
    "wallet.unreachable": (
        "无法连接{method}收单机构，未收款；请改用其他方式，或客户付款后按交易单号手工登记（--reference，列入待核对）。",
        "The {method} acquirer cannot be reached and nothing was taken; use another method, or after the "
        "customer pays record it by its transaction number (--reference, to be reconciled).",
    ),
    "wallet.failed": (
        "{method}收款失败：{why}（{detail}）；未收款，账单和余额均未变动。",
        "The {method} payment failed: {why} ({detail}); nothing was taken, bills and balance are unchanged.",
    ),
    "wallet.cancelled": (
        "{method}收款未完成（{why}），交易已撤销；未收款，账单和余额均未变动。",
        "The {method} payment did not finish ({why}) and was cancelled; nothing was taken, bills and balance "
        "are unchanged.",
    ),
    "wallet.cancelled_refunded": (
        "{method}收款未完成（{why}），交易已撤销，已扣的款项原路退回；未收款，账单和余额均未变动。",
        "The {method} payment did not finish ({why}) and was cancelled, the money taken goes back the way it "
        "came; nothing was taken, bills and balance are unchanged.",
    ),
    "wallet.open": (
        "{method}收款结果未知（{why}），撤销也未获确认；本笔未记账，系统会自动查询：客户已付则补记入账，否则撤销。"
        "请勿让客户重复付款。",
        "The {method} payment's outcome is unknown ({why}) and its cancellation is not confirmed; nothing is "
        "booked, the system asks again: if the customer paid it is booked, else cancelled. Do not let the "
        "customer pay twice.",
    ),
    # why a collection stopped (the `why` above)
    "wallet.why.clerk": ("收费员取消", "the clerk cancelled"),
    "wallet.why.timeout": ("等待超时", "the wait timed out"),
    "wallet.why.silent": ("收单机构无应答", "the acquirer did not answer"),
    "wallet.why.amount": (
        "{method}收单金额 {taken_fen} 元与应收 {amount_fen} 元不符",
        "{method} took ¥{taken_fen}, not the ¥{amount_fen} due",
    ),
    "wallet.why.rule": ("本机不能记账：{error_clause}", "this PC cannot book it: {error_clause}"),
    # the acquirer's reasons (app/wallet.py's INSUFFICIENT, CODE_INVALID, ...)
    "wallet.reason.INSUFFICIENT": ("客户账户余额不足", "the customer's account has too little"),
    "wallet.reason.CODE_INVALID": (
        "付款码已失效或已使用，请客户刷新付款码",
        "the payment code expired or was used; ask the customer to refresh it",
    ),
    "wallet.reason.DUPLICATE": ("商户订单号重复", "the merchant order number is used already"),
    "wallet.reason.CLOSED": ("交易已关闭", "the trade is closed"),
    "wallet.reason.UNREACHABLE": ("无法连接收单机构", "the acquirer cannot be reached"),
    "wallet.reason.REFUSED": ("收单机构拒绝交易", "the acquirer refused the trade"),
    # the day sign-off of a day whose wallet reconciliation is pending (app/services/shift_close.py)
    "wallet.day_pending": (
        "{business_day} 的扫码收款对账尚未完成（{wallets}）；请待对账单可取后执行 wallet reconcile --day "
        "{business_day}，或加 --wallet-pending 在对账待完成时签认（签认记录会注明）。",
        "The wallet reconciliation of {business_day} is pending ({wallets}); run wallet reconcile --day "
        "{business_day} once the statement is out, or add --wallet-pending to sign the day off with it pending "
        "(the sign-off records it).",
    ),
    # refunds of a scanned payment (app/services/wallet_refund.py)
    "wallet.refund_unknown": (
        "{method}退款 {amount_fen} 元结果未知，凭证 {receipt_no} 未冲正；请稍后重试冲正（沿用同一退款单号，不会重复退款）。",
        "The {method} refund of ¥{amount_fen} has no known outcome and receipt {receipt_no} is not "
        "reversed; try the reversal again later (it keeps the same refund number: nothing is refunded twice).",
    ),
    "wallet.refund_refused": (
        "{method}拒绝退款（{detail}），凭证 {receipt_no} 未冲正；请联系收单机构核实后再办理。",
        "{method} refused the refund ({detail}) and receipt {receipt_no} is not reversed; check with the "
        "acquirer, then try again.",
    ),
    # the command line's wallet options (cli/wallet.py, cli/shift.py)
    "wallet.cli_method": (
        "付款码只能用于微信或支付宝收款（--method wechat|alipay）。",
        "A payment code is for WeChat or Alipay only (--method wechat|alipay).",
    ),
    "wallet.cli_reference": (
        "扫付款码收款时不填交易单号：交易单号由收单机构返回。",
        "A scanned payment takes no transaction number: the acquirer returns it.",
    ),
    "wallet.cli_tendered": (
        "扫码收款不找零，请不要填写实收（--tendered）或零钱转预存。",
        "A scanned payment has no change: leave out --tendered and change to balance.",
    ),
    "wallet.cli_scenario": (
        "场景 {scenario} 不存在；可选：{choices}。",
        "There is no scenario {scenario}; choose one of: {choices}.",
    ),
    "wallet.cli_day": (
        "日期“{day}”无效；请按 YYYY-MM-DD 填写。",
        'The date "{day}" is invalid; write it as YYYY-MM-DD.',
    ),
    "wallet.cli_action": ("未知操作 {action}。", "Unknown action {action}."),
    "wallet.cli_signed": (
        "差异已由主管 {supervisor} 签认（流水 {seq}）。",
        "Supervisor {supervisor} signed the differences off (journal entry {seq}).",
    ),
    "wallet.cli_recorded": (
        "结班时待完成的扫码对账已补记，日报随之更新。",
        "The wallet reconciliation left pending at close is recorded; the day report is updated.",
    ),
    "wallet.no_differences": (
        "扫码收款对账没有差异，无需 --wallet-reason。",
        "The wallet reconciliation has no differences: --wallet-reason is not needed.",
    ),
}
