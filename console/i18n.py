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
    "角色": "Role", "待上传 = 柜台同步时报告的本机最后流水号 − 已确认流水号；只作显示，不用于账务。":
        "Entries waiting = the last sequence number the counter reported when it synced − the acknowledged "
        "sequence; shown only, never used for money.",
    "终端尚未报告过本机流水号。": "the terminal has never reported its journal head.", "截至": "as of",
    "终端报告的流水号": "The terminal reports journal head",
    "低于已确认流水号：磁盘可能被还原或复制": "below the acknowledged sequence: a restored or copied disk?",
    "隔离流水": "quarantined entries", "流水": "Entry", "时间": "Time", "未知": "unknown",
    "欠费金额（元）按账龄与风险等级": "Arrears (yuan) by age and risk grade", "财务": "finance", "信息部门": "IT",
    "经理": "manager", "冲正金额": "Reversed",
    # provisioning (console/admin_pages.py) and refunds paid at the counter
    "开通管理": "Provisioning", "一次性密码": "One-time PIN", "只显示这一次；首次登录须改密码。":
        "shown this once; the clerk changes it at the first login.", "编号": "Id", "名称": "Name",
    "创建时间": "Created", "新建营业厅": "Add hall", "批准": "Approve", "已批准": "approved", "待批准": "pending",
    "密钥（指纹 · 状态 · 起始流水号 · 登记时间）": "Keys (fingerprint · state · first entry · registered)",
    "密钥未经总部认证": "key not certified by head office", "使用中": "active", "已更换": "superseded",
    "已停用": "disabled", "批准此密钥": "Approve this key", "停用此密钥（电脑丢失）": "Retire this key (PC lost)",
    "尚未登记密钥": "no key registered yet", "登记终端": "Add terminal",
    "每台终端的最后同步、流水笔数和校验见“终端”页。":
        "Each terminal's last sync, journal length and verification are on the Terminals page.",
    "工号": "Clerk id", "姓名": "Name", "状态": "State", "一次性密码次数": "One-time PINs issued",
    "在用": "active", "发一次性密码": "Issue one-time PIN", "停用": "Disable", "主管": "Supervisor",
    "系统管理员": "Administrator", "添加收费员": "Add clerk", "操作记录": "Audit trail", "操作": "Action",
    "对象": "Subject", "责任区域": "Areas held", "收回欠费": "Arrears recovered", "所辖欠费": "Arrears held",
    "回收率": "Collection rate", "区域": "Area", "指定责任收费员": "Assign the responsible clerk",
    "回收率 = 本月收回的逾期电费本金 ÷（收回 + 责任区域用户现欠的逾期本金）；收回按用户所在区域计，不论在哪个柜台缴费。":
        "Collection rate = overdue principal recovered this month / (recovered + overdue principal the customers of the "
        "clerk's areas owe now); recovered counts by the customer's area, whichever counter took the money.",
    "重复缴费": "Double payment", "未知账单": "Unknown bill", "终端分叉": "Terminal fork", "哈希链断开": "Chain broken",
    "流水被改动": "Entry altered", "签名不符": "Signature mismatch", "流水缺号": "Sequence gap", "内容不符": "Content mismatch",
    "他机流水": "Another machine's entry", "总部记录被改动": "Head office record altered", "预存透支": "Balance overdrawn",
    "未知户号": "Unknown customer",
    "账单已被总部调减": "Bill reduced by head office", "退款重复支付": "Refund paid twice", "未知退款单": "Unknown refund", "退款金额不符": "Refund paid differs",
    "退款待柜台支付": "Refunds to pay at a counter",
}


def translate(text: str, lang: str) -> str:
    return EN.get(text, text) if lang == "en" else text
