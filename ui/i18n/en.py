"""English for every string the UI passes through tr(): source (Simplified Chinese) → English.

`python -m ui.i18n.build` (make translations) runs pyside6-lupdate over ui/, fills hallpay_en.ts
from this table (a string missing here stays unfinished and shows in Chinese), and compiles the .qm.
"""

EN: dict[str, str] = {
    "查找用户": "Find customer",
    "扫描或输入户号 / 卡号 / 电话 / 姓名 / 地址，回车查找": "Scan or type customer no. / card no. / phone / name / address, Enter",
    "用户信息": "Customer", "户号": "Customer no.", "户名": "Name", "用电类别": "Category", "表号": "Meter no.",
    "地址": "Address", "电话": "Phone", "风险等级": "Risk grade", "预存余额": "Prepaid balance", "账期": "Period",
    "电量(kWh)": "kWh", "电费(元)": "Bill (¥)", "缴费截止日": "Due date", "逾期天数": "Days overdue",
    "违约金(元)": "Late fee (¥)", "小计(元)": "Subtotal (¥)", "电费合计": "Bills", "违约金合计": "Late fees",
    "预存抵扣": "From balance", "应收": "To pay", "收款": "Payment", "空 = 收足额": "empty = exact amount",
    "支付方式": "Method", "缴费金额(元)": "Amount (¥)", "实收(元)": "Tendered (¥)", "找零(元)": "Change (¥)",
    "交易参考号": "Reference", "确认收款  [Enter / F12]": "Confirm payment  [Enter / F12]",
    "F2 现金  F3 银行卡  F4 微信  F5 支付宝  F6 云闪付  F7 支票  Esc 下一位":
        "F2 cash  F3 bank card  F4 WeChat  F5 Alipay  F6 UnionPay  F7 cheque  Esc next",
    "凭证预览": "Receipt preview",
    "没有找到与“%1”相符的用户；请核对户号、电话、姓名或地址。":
        "No customer matches “%1”; check the customer no., phone, name or address.",
    "无": "none", "该用户当前没有应缴电费；如需预存，请输入金额。": "Nothing is due; type an amount to prepay.",
    "请先查找用户。": "Find a customer first.", "收款成功：凭证 %1，%2 %3 元": "Paid: receipt %1, %2 ¥%3",
    "，找零 %1 元": ", change ¥%1", "。正在打印凭证…": ". Printing the receipt…",
    "凭证 %1 已记账，但打印出错：%2。可在历史中重打。":
        "Receipt %1 is recorded but printing failed: %2. Reprint it from History.",
    "凭证 %1 已记账，未打印：%2": "Receipt %1 is recorded, not printed: %2", "不足 %1": "short %1",
    "客显 — %1": "Customer display — %1", "应缴金额": "Amount due", "实收": "Tendered", "找零": "Change",
    "%1 元": "¥ %1", "欢迎光临，请出示电费通知单或报户号": "Welcome — please show your bill or tell us your customer no.",
    "缴费成功，谢谢！请收好凭证和找零": "Paid, thank you! Please take your receipt and change",
    "请打开手机扫码付款，并出示付款码": "Please open your payment app and show the payment code",
    "请核对应缴金额": "Please check the amount due",
    "今日收费凭证": "Today's receipts", "按凭证号、户号、户名或支付方式筛选": "Filter by receipt no., customer no., name or method",
    "凭证号": "Receipt no.", "时间": "Time", "金额(元)": "Amount (¥)", "打印": "Printed",
    "重打凭证  [Ctrl+R / Enter]": "Reprint  [Ctrl+R / Enter]", "打开 PDF 副本  [Ctrl+P]": "Open PDF copy  [Ctrl+P]",
    "刷新  [F5]": "Refresh  [F5]", "结班后重打需主管：": "Reprint after close needs a supervisor:", "工号": "ID",
    "密码": "PIN", "已打印": "printed", "✖ 未打印": "✖ not printed", "待打印": "pending", "已送打印机": "sent to the printer", "（%1 次）": " (%1×)",
    "共 %1 张，合计 %2 元": "%1 receipts, total ¥%2", "请先在列表中选择一张凭证。": "Select a receipt in the list first.",
    "正在重打 %1…": "Reprinting %1…", "凭证 %1 已重打。": "Receipt %1 reprinted.",
    "凭证 %1 未能打印：%2": "Receipt %1 did not print: %2", "PDF 副本：%1": "PDF copy: %1",
    "HallPay 供电营业厅收费 — %1": "HallPay business hall counter — %1", "收费": "Counter", "历史": "History",
    "班次": "Shift", "设置": "Settings", "欠费": "Arrears", "IC卡购电": "IC card", "终端 %1": "Terminal %1", "收费员 %1 %2": "Clerk %1 %2",
    "营业日 %1": "Business day %1", "打印机 …": "Printer …", "读卡器 …": "Card reader …", "同步 %1": "Sync %1",
    "未启动": "not started", "打印机 %1": "Printer %1", "读卡器 %1": "Card reader %1", "未配置": "not configured",
    "扫描 / 输入 + 回车": "Scan / type + Enter",
    "查找用户（户号、卡号、电话、姓名、地址）": "Find the customer (customer no., card no., phone, name, address)",
    "↑ ↓ 回车": "↑ ↓ Enter", "在多个结果中选择": "Pick one of several results", "回到查找框": "Back to the search box",
    "现金、银行卡、微信、支付宝、云闪付、支票": "Cash, bank card, WeChat, Alipay, UnionPay, cheque",
    "回车（在实收中） / F12": "Enter (in Tendered) / F12", "确认收款": "Confirm the payment",
    "下一位用户": "Next customer", "收费、历史、班次、设置": "Counter, History, Shift, Settings",
    "历史：重打选中的凭证 / 打开 PDF 副本": "History: reprint the selected receipt / open its PDF copy",
    "数字 + 回车": "Digits + Enter", "班次：按券别填写张数，回车到下一行": "Shift: pieces per denomination, Enter to the next line",
    "班次：结班": "Shift: close", "设置：保存（需主管工号）": "Settings: save (supervisor ID and PIN)",
    "设置：打印测试页 / 读测试卡 / 测试总部连接": "Settings: test page / read test card / test head-office link",
    "打开或关闭客显": "Show or hide the customer display", "本帮助": "This help", "快捷键": "Keys",
    "终端与营业厅": "Terminal and hall", "终端号": "Terminal ID", "营业厅名称": "Hall name",
    "默认收费员": "Default clerk", "界面语言（重启后生效）": "Language (after restart)", "打印机": "Printer",
    "类型": "Kind", "端口": "Port", "纸宽(mm)": "Paper width (mm)", "模式": "Mode", "文字": "text", "图像": "image",
    "超时(秒)": "Timeout (s)", "现金收款时弹出钱箱": "Open the cash drawer for cash",
    "打印测试页  [Ctrl+T]": "Print test page  [Ctrl+T]", "读卡器": "Card reader", "模拟": "simulated",
    "读卡器名称": "Reader name", "读测试卡  [Ctrl+K]": "Read test card  [Ctrl+K]", "总部账务中心": "Head-office ledger",
    "数据库地址（空 = 本机中心库）": "Database URL (empty = embedded)", "同步间隔(秒)": "Sync interval (s)",
    "测试连接  [Ctrl+J]": "Test connection  [Ctrl+J]",
    "收费政策（由总部下发，只读）": "Policy (from head office, read-only)", "主管工号": "Supervisor ID",
    "主管密码": "Supervisor PIN", "保存设置（需主管审批）  [Ctrl+S]": "Save (supervisor approval)  [Ctrl+S]",
    "已保存 %1 项设置（流水 %2）。打印机、读卡器、语言的更改在重启后生效。":
        "Saved %1 settings (journal entry %2). Printer, card reader and language changes apply after a restart.",
    "正在测试…": "Testing…", "测试页已打印。": "Test page printed.", "测试页未打印：%1": "Test page not printed: %1",
    "本终端没有配置读卡器。": "This terminal has no card reader configured.",
    "读卡成功：卡号 %1，户号 %2，购电次数 %3": "Card read: serial %1, customer %2, purchase count %3",
    "本终端没有配置总部连接。": "This terminal has no head-office link configured.",
    "总部连接正常：上传 %1 笔，下载 %2 条，待上传 %3 笔。": "Head office reachable: pushed %1, pulled %2, %3 pending.",
    "开班": "Open shift", "开班  [Enter]": "Open shift  [Enter]", "备用金(元)": "Float (¥)",
    "结班点钞（按券别填写张数，回车到下一行）": "Close: cash count (pieces per denomination, Enter to the next line)",
    "张": "pcs", "实点现金": "Counted", "应有现金": "Expected", "差额": "Difference", "有差额时必填": "required for a difference",
    "差额超过限额时由主管填写工号": "supervisor's ID when above the limit", "差额原因": "Reason",
    "结班并生成日报、解款单  [Ctrl+Enter]": "Close shift, make day report and deposit slip  [Ctrl+Enter]",
    "本班收款": "This shift", "结班前待处理": "Before closing", "收费员 %1 当前没有未结班次。": "Clerk %1 has no open shift.",
    "开班后显示本班收款。": "The shift's takings show here once it is open.",
    "班次 %1 · 备用金 %2 元": "Shift %1 · float ¥%2", "收费凭证 %1 张": "%1 receipts",
    "现金实收 %1 元，找零 %2 元，退款 %3 元": "Cash tendered ¥%1, change ¥%2, refunds ¥%3",
    "应有现金 %1 元": "Expected cash ¥%1", "按支付方式（与 POS / 扫码对账单核对）：": "By method (match the POS / QR statements):",
    "差额超过 %1 元需主管审批": "A difference above ¥%1 needs a supervisor",
    "⚠ 待补写卡：%1": "⚠ Card write pending: %1", "⚠ 凭证未打印：%1（可在历史页重打）": "⚠ Receipt not printed: %1 (reprint from History)",
    "✔ 没有待补写的卡和未打印的凭证": "✔ No pending card writes, no unprinted receipts", "账款相符": "Cash matches",
    "已开班 %1，备用金 %2 元。": "Shift %1 opened, float ¥%2.",
    "已结班 %1：%2；应解款 %3 元。正在生成日报和解款单…": "Shift %1 closed: %2; deposit ¥%3. Writing the day report and slip…",
    "日报未能生成：%1": "Day report not written: %1", "已结班。日报：%1；解款单：%2": "Shift closed. Day report: %1; deposit slip: %2",
    # login, screen lock, clerk switch, audit (issue 8)
    "切换收费员": "Switch clerk", "收费员登录": "Clerk login", "%1 — 收费员登录": "%1 — clerk login",
    "工号，回车": "Clerk ID, Enter", "密码，回车登录": "PIN, Enter to log in",
    "输入工号后按回车，再输入密码按回车。": "Type your clerk ID and Enter, then your PIN and Enter.",
    "下一位收费员输入工号和密码；Esc 取消，仍由当前收费员办理。":
        "Next clerk: type ID and PIN; Esc cancels and the current clerk stays.",
    "演示终端：C01 / 111111，主管 S01 / 999999（仅用于演示）":
        "Demo terminal: C01 / 111111, supervisor S01 / 999999 (demo only)",
    "请输入工号。": "Type the clerk ID.", "请输入密码。": "Type the PIN.",
    "屏幕已锁定": "Screen locked", "密码，回车解锁": "PIN, Enter to unlock",
    "本人输入密码回车解锁；也可由主管输入工号和密码解锁（Shift+Tab 到工号）。":
        "Type your PIN and Enter to unlock, or a supervisor types their ID and PIN (Shift+Tab to the ID).",
    "收费员 %1 %2 暂时离开": "Clerk %1 %2 is away",
    "只有 %1 本人或主管可以解锁；换收费员请解锁后按 Ctrl+Shift+L。":
        "Only %1 or a supervisor can unlock; to switch clerks, unlock and press Ctrl+Shift+L.",
    "锁屏（本人或主管密码解锁；空闲时自动锁屏）": "Lock the screen (own or supervisor's PIN unlocks; locks itself when idle)",
    "审计": "Audit", "审计记录": "Audit trail", "按工号、凭证号、事件或详情筛选": "Filter by clerk, receipt, event or detail",
    "全部": "All", "审批": "Approvals", "重打": "Reprints", "登录与密码": "Logins and PINs",
    "审计记录仅限主管或系统管理员查看。": "The audit trail is for supervisors and administrators only.",
    "共 %1 条，显示 %2 条；其中登录失败 %3 次": "%1 rows, %2 shown; %3 failed logins",
    # strings passed through tr() from tables (not found by lupdate): added to every context by build.py
    "就绪": "ready", "纸将尽": "paper low", "缺纸": "paper out", "离线": "offline", "连接不上": "unreachable",
}

from ui.i18n.en_more import MORE  # noqa: E402 (issue 16's strings, kept apart to keep this table readable)

EN.update({k: v for k, v in MORE.items() if k not in EN})

from ui.i18n.en_wallet import WALLET  # noqa: E402 (issue 19's wallet reconciliation)

EN.update({k: v for k, v in WALLET.items() if k not in EN})

from ui.i18n.en_progress import PROGRESS  # noqa: E402 (issue 20's progress dialog and export child)

EN.update({k: v for k, v in PROGRESS.items() if k not in EN})

from app.message_table import LABELS_EN, TABLE  # noqa: E402 (app/'s coded sentences: English kept beside them)

EN.update({zh: en for zh, en in TABLE.values()})
EN.update({k: v for k, v in LABELS_EN.items() if k not in EN})
