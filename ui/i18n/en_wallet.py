"""English for the wallet reconciliation's strings (issue 19: the shift page's panel and its refusals)."""

WALLET: dict[str, str] = {
    "扫码收款对账": "Wallet reconciliation",
    "钱包": "Wallet",
    "差异": "Difference",
    "交易号": "Trade no.",
    "本机(元)": "Here (¥)",
    "收单机构(元)": "Acquirer (¥)",
    "主管工号": "Supervisor ID",
    "主管密码": "Supervisor PIN",
    "差异原因（签认时必填）": "Reason (needed to sign)",
    "签认差异": "Sign differences off",
    "立即对账": "Reconcile now",
    "正在向收单机构取对账单…": "Fetching the acquirers' statements…",
    "今天没有扫码收款，也未配置收单机构，无需对账。": "No wallet payments today and no acquirer configured: nothing to reconcile.",
    "收单机构暂时无法对账，结班照常进行，对账标为待完成：%1": "The acquirer cannot be reached; the shift closes as usual and the reconciliation is marked pending: %1",
    "对账有 %1 项差异，需主管签认（工号、密码、原因）。": "%1 differences: a supervisor must sign them off (ID, PIN, reason).",
    "另有 %1 项差异需主管签认。": " %1 more differences need a supervisor's signature.",
    "对账差异已由 %1 签认。": "Differences signed off by %1.",
    "扫码收款与收单机构对账单相符。": "Wallet payments match the acquirers' statements.",
    "（手工登记）": " (typed reference)",
    "（无交易号）": "(no trade no.)",
    "收单机构无此交易": "not at the acquirer",
    "本机未入账": "not booked here",
    "金额不符": "amounts differ",
    "手工登记交易号，已核实": "typed reference, confirmed",
    "待对账单核对": "awaiting the statement",
    "{business_day} 的扫码收款对账有 {count} 项差异未经主管签认；请先签认差异，再签认日结。": "The wallet reconciliation of {business_day} has {count} differences no supervisor signed off; "
    "sign them off before the day.",
    "扫码对账的营业日 {day} 与班次的营业日 {business_day} 不符；请重新对账后再结班。": "The wallet reconciliation is for {day}, the shift for {business_day}; reconcile again, then close.",
    "{business_day} 扫码收款对账没有差异，无需签认。": "The wallet reconciliation of {business_day} has no differences: nothing to sign.",
    "签认扫码对账差异必须填写原因。": "Signing the wallet differences off needs a reason.",
    "结班时待完成的扫码对账已补记，日报随之更新。":
        "The reconciliation the close left pending is now recorded; the day report follows. ",
    "已更正钱包：按的是%1键，付款码属于%2，已按%2收款。":
        "Wallet corrected: the %1 key was pressed, the payment code is %2's, charged via %2. ",
}
