"""The console speaks Chinese; English is a lookup of the same sentence (a session switch, no reload of code).
Texts the central ledger wrote itself (case details) stay Chinese."""

from __future__ import annotations

EN = {
    "总部管理台": "Head-office console", "登录": "Log in", "退出": "Log out", "用户名": "User name", "密码": "Password",
    "用户名或密码不对。": "Wrong user name or password.",
    "密码错误次数过多，账户已锁定至": "Too many wrong passwords; the account is locked until",
    "概览": "Overview", "待查事项": "Review cases", "告警": "Alarms", "终端": "Terminals", "日报": "Day report",
    "收费员月报": "Clerks by month", "欠费分析": "Arrears", "已处理": "Resolved", "用户": "Customer", "账单": "Bill",
    "缴费记录": "Payments", "金额": "Amount", "多收": "Surplus", "其中违约金": "of which late fee", "处理": "Decide",
    "理由": "Reason", "转预存": "Keep as credit", "退款": "Refund", "确认已处理": "Acknowledge", "类型": "Kind",
    "说明": "Detail", "处理办法": "Way out", "营业厅": "Hall", "最后同步": "Last sync", "已确认流水号": "Acknowledged seq",
    "流水笔数": "Journal length", "待上传": "Entries waiting", "校验": "Verification", "完好": "intact",
    "隔离": "Quarantined", "未处理告警": "Open alarms", "日期": "Day", "查询": "Show", "下载 PDF": "Download PDF",
    "收费员": "Clerk", "笔数": "Payments", "实收": "Collected", "违约金": "Late fees", "减免": "Waivers",
    "冲正": "Reversals", "月份": "Month", "风险等级": "Risk grade", "账龄（天）": "Age (days)", "合计": "Total",
    "处理人": "Decided by", "处理时间": "Decided at", "结果": "Decision", "退款状态": "Refund",
    "待柜台支付": "to be paid at the counter", "已支付": "paid out", "没有待查事项。": "No open cases.",
    "没有告警。": "No alarms.", "已保存。": "Saved.", "无权查看此页。": "You may not open this page.",
    "表单已过期，请重新提交。": "The form expired; please send it again.", "收据数": "Receipts",
    "按方式": "By method", "冲正笔数": "Reversals", "减免金额": "Waived", "现金应存": "Expected cash",
    "角色": "Role", "终端在总部才知道已上传的部分；待上传笔数由柜台的同步页显示。":
        "Head office only sees what has arrived; the entries waiting are shown on the counter's sync page.",
    "隔离流水": "quarantined entries", "流水": "Entry", "时间": "Time", "未知": "unknown",
    "欠费金额（元）按账龄与风险等级": "Arrears (yuan) by age and risk grade", "财务": "finance", "信息部门": "IT",
    "经理": "manager", "冲正金额": "Reversed",
}


def translate(text: str, lang: str) -> str:
    return EN.get(text, text) if lang == "en" else text
