"""English for the strings added by issue 16 and those the first table left out (merged into EN)."""

MORE: dict[str, str] = {
    # arrears, notices, ageing
    "不限": "any", "风险等级(&G)": "Risk &grade", "用户类别": "Category", "账龄": "Age", "欠费本金 ≥ 元": "Owed ≥ ¥",
    "≤ 元": "≤ ¥", "区域": "Area", "责任收费员": "Responsible clerk", "停电通知": "Stop-power notice", "排序": "Sort",
    "欠费账龄图": "Arrears ageing chart", "%1：%2，%3 户，占 %4": "%1: %2, %3 customers, %4",
    "欠费账龄（按最早一笔欠费的逾期天数）": "Arrears age (days overdue of the oldest bill)",
    "没有符合条件的欠费。": "No arrears match.", "合计 %1，%2 户": "Total %1, %2 customers",
    "%1\u3000%2 户\u3000占 %3": "%1   %2 customers   %3",
    "条形长度按欠费本金（不含违约金）；户数按最早一笔欠费的账龄归类。":
        "Bar length: principal owed (without late fees); customers counted by the age of their oldest bill.",
    "0–30 天": "0–30 days", "31–60 天": "31–60 days", "61–90 天": "61–90 days", "90 天以上": "over 90 days",
    "欠费清单": "Arrears list", "业务日 %1": "Business day %1", "查询  [Enter]": "Search  [Enter]",
    "提出停电通知  [Ctrl+Shift+N]": "Propose notice  [Ctrl+Shift+N]", "%1：%2": "%1: %2",
    "最低欠费金额": "Minimum owed", "最高欠费金额": "Maximum owed", "等级": "Grade", "类别": "Category",
    "责任人": "Responsible", "本金 ≥ %1 元": "principal ≥ ¥%1", "本金 ≤ %1 元": "principal ≤ ¥%1",
    "共 %1 户欠费，欠费本金合计 %2 元": "%1 customers in arrears, principal owed ¥%2",
    "；列表显示前 %1 户（违约金至今 %2 元），导出 CSV / Excel 含全部":
        "; the list shows the first %1 (late fees to date ¥%2), CSV / Excel exports carry all",
    "；违约金至今 %1 元": "; late fees to date ¥%1", "（总部 %1）": " (head office %1)", "★ 重要": "★ important",
    "正在导出 %1 …": "Exporting %1 …", "导出失败：%1": "Export failed: %1", "已导出：%1": "Exported: %1",
    "期数": "Bills", "本金(元)": "Principal (¥)", "最早应缴": "Oldest due", "逾期天": "Days overdue", "重要": "Important",
    "超过 30 天（可提停电）": "over 30 days (notice possible)", "欠费金额从高到低": "amount owed, highest first",
    "账龄从长到短": "age, oldest first", "Ⅰ级（高风险）": "Grade I (high risk)", "Ⅱ级（中风险）": "Grade II (medium risk)",
    "Ⅲ级（关注）": "Grade III (watch)", "居民": "Residential", "一般工商业": "Commercial", "大工业": "Industrial",
    "农业": "Agricultural", "已提出": "proposed", "已审批": "approved", "已送达": "served", "已再次通知": "reminded",
    "已撤销": "cancelled", "无": "none", "导出 CSV": "Export CSV", "导出 Excel": "Export Excel", "打印 PDF": "Print PDF",
    "欠费清单  [Ctrl+PgUp]": "Arrears  [Ctrl+PgUp]", "停电通知  [Ctrl+PgDown]": "Notices  [Ctrl+PgDown]",
    "状态": "State", "全部未结": "all open", "审批  [Ctrl+Shift+A]": "Approve  [Ctrl+Shift+A]", "送达方式": "Served by",
    "登记送达  [Ctrl+Shift+S]": "Record service  [Ctrl+Shift+S]", "通知书 PDF  [Ctrl+Shift+P]": "Notice PDF  [Ctrl+Shift+P]",
    "★ 报电力管理部门": "★ report to the power authority", "请先在列表中选择一份停电通知。": "Select a notice in the list first.",
    "停电通知 %1 已审批。": "Notice %1 approved.",
    "停电通知 %1 已登记送达；最早可于 %2 起停电。": "Notice %1 recorded as served; supply may be stopped from %2.",
    "通知书未能生成：%1": "The notice could not be written: %1", "通知书已生成：%1": "Notice written: %1",
    "通知编号": "Notice no.", "欠费本金(元)": "Owed (¥)", "重要用户": "Important", "提出": "Proposed",
    "审批人": "Approver", "送达日": "Served on", "缴费期限": "Pay by", "最早停电日": "Earliest stop",
    "当面送达": "in person", "邮寄送达": "by post", "现场张贴": "posted on site", "短信通知": "by SMS", "电话通知": "by phone",
    "请先选择一位用户。": "Select a customer first.",
    "已为用户 %1 提出停电通知 %2，待主管在“停电通知”中审批（Ctrl+6，Ctrl+PgDown）。":
        "Notice %2 proposed for customer %1; a supervisor approves it under Notices (Ctrl+6, Ctrl+PgDown).",
    # audit
    "事项：%1": "Action: %1", "用途：%1": "Purpose: %1", "未打印": "not printed", "%1 人": "%1 people",
    "流水 #%1": "Entry #%1", "审批人 %1": "approver %1", "事件": "Event", "经办人": "Clerk", "对象": "Subject",
    "详情": "Details", "主管审批": "supervisor approval", "总部退补调整": "head-office adjustment", "日结签字": "day sign-off", "审批被拒": "approval refused",
    "越权被拒": "refused (no right)", "打印/重打凭证": "receipt printed / reprinted", "登录失败": "login failed",
    "密码错误过多，锁定": "locked after wrong PINs", "登录": "login", "解锁屏幕": "screen unlocked",
    "主管解除锁定": "supervisor lifted lock", "修改密码": "PIN changed", "设置他人密码": "PIN set for another",
    "设置修改": "settings changed", "导入人员": "clerks imported", "密码错误": "wrong PIN", "工号不存在": "unknown id",
    "已停用": "deactivated", "锁定中": "locked", "未设置密码": "no PIN set", "经办人自批": "self-approval",
    "不是主管": "not a supervisor", "未填主管": "no supervisor given", "%1 %2 %3": "%1 %2 %3",
    # collection report
    "收费责任制报表": "Collection responsibility report", "月份": "Month", "生成 PDF  [Ctrl+Shift+P]": "PDF  [Ctrl+Shift+P]",
    "报表文件": "Report files", "正在统计…": "Counting…", "%1（上月 %2；欠费截至 %3）": "%1 (previous month %2; arrears as of %3)",
    "按责任人": "By clerk", "按区域": "By area", "请先查询月份。": "Load a month first.",
    "报表未能生成：%1": "The report could not be written: %1", "收费责任制报表已生成。": "Collection report written.",
    "收费责任制报表 %1": "Collection report %1", "责任人 / 区域": "Clerk / area", "本月实收(元)": "Collected (¥)",
    "笔数": "Payments", "收回欠费(元)": "Arrears recovered (¥)", "当前欠费户": "In arrears", "当前欠费(元)": "Owed now (¥)",
    "回收率": "Recovery", "减免(元/笔)": "Waived (¥/count)", "上月实收(元)": "Previous month (¥)", "环比(元)": "Change (¥)",
    "责任制": "Collection",
    # confirmations, counter
    "按 Y 确认；回车或 Esc 取消。": "Press Y to confirm; Enter or Esc cancels.", "取消  [Enter / Esc]": "Cancel  [Enter / Esc]",
    "顾客交来的现金；足额按 F8": "cash given; F8 for exact amount", "收足额现金  [F8]": "Exact cash  [F8]",
    "F2 现金  F3 银行卡  F4 微信  F5 支付宝  F6 云闪付  F7 支票  F8 收足额现金  Ctrl+R 重打上一张  Ctrl+Shift+V 冲正上一张  Esc 下一位":
        "F2 cash  F3 bank card  F4 WeChat  F5 Alipay  F6 UnionPay  F7 cheque  F8 exact cash  Ctrl+R reprint last  "
        "Ctrl+Shift+V void last  Esc next",
    "本笔已收": "Just paid", "已收(元)": "Paid (¥)", "；尚欠 %1 元": "; still owed ¥%1", "。": ".",
    " · 尚欠 %1 元": " · still owed ¥%1", "凭证 %1 · %2 · %3 %4": "Receipt %1 · %2 · %3 %4",
    "本次登录还没有收款凭证可重打；更早的凭证请在历史页重打。":
        "No receipt taken in this session to reprint; reprint earlier ones from History.",
    "正在重打凭证 %1…": "Reprinting receipt %1…",
    "本次登录还没有收款凭证可冲正；更早的凭证请在历史页冲正。":
        "No receipt taken in this session to void; void earlier ones from History.",
    "凭证 %1 已记账，未打印：%2。请检查打印机（纸、电源、连线）后按 Ctrl+R 重打。":
        "Receipt %1 is booked but not printed: %2. Check the printer (paper, power, cable), then press Ctrl+R to reprint.",
    "正在打印凭证 %1…": "Printing receipt %1…", "凭证 %1 已打印。": "Receipt %1 printed.",
    "（Ctrl+Shift+N 提出停电通知）": " (Ctrl+Shift+N proposes a notice)", "%1（部分已缴）": "%1 (partly paid)",
    "已缴 %1 元，尚欠 %2 元": "paid ¥%1, still owed ¥%2", "请先输入缴费金额。": "Type the amount first.",
    "请输入顾客交来的现金（实收），或按 F8 收足额现金。": "Type the cash handed over (tendered), or press F8 for exact cash.",
    "收款 %1 元（%2）\n户号 %3  %4": "Take ¥%1 (%2)\nCustomer %3  %4",
    "金额较大，请核对后按 Y 确认。": "A large amount: check it, then press Y to confirm.",
    "实收 %1 元，找零 %2 元": "tendered ¥%1, change ¥%2", "已取消，未收款。": "Cancelled; nothing taken.",
    "确认部分缴费": "Confirm partial payment", "确认大额收款": "Confirm large payment",
    "部分缴费，按账期从早到晚结清：": "Partial payment, settling the oldest bills first:", "结清": "settled",
    "部分，尚欠 %1 元": "partly, still owed ¥%1", "  %1  %2 元（%3）": "  %1  ¥%2 (%3)", "缴后尚欠 %1 元。": "Still owed afterwards: ¥%1.",
    "还没有开班，不能收款。请按 Ctrl+3 到“班次”页，输入备用金后按回车开班。":
        "No shift is open, so no payment can be taken. Press Ctrl+3 for Shift, type the float and press Enter.",
    "现金": "Cash", "银行卡": "Bank card", "微信": "WeChat", "支付宝": "Alipay", "云闪付": "UnionPay", "支票": "Cheque",
    "该笔缴费已冲正，退款 %1 元": "This payment was voided; ¥%1 refunded",
    # void
    "冲正  [Ctrl+Shift+V]": "Void  [Ctrl+Shift+V]", "已冲正": "voided",
    "；冲正 %1 张 %2 元，净收 %3 元": "; %1 voided ¥%2, net ¥%3", "凭证 %1 已冲正，不能重复冲正。": "Receipt %1 is already voided.",
    "请将现金退给顾客": "hand the cash back to the customer", "请按原支付方式退款": "refund by the original method",
    "凭证 %1 已冲正，退款 %2 元；%3。": "Receipt %1 voided, ¥%2 refunded; %3.", "凭证 %1 · %2 %3": "Receipt %1 · %2 %3",
    "现金从钱箱退还顾客": "cash from the drawer back to the customer", "按原支付方式退还（%1）": "back by the original method (%1)",
    "退款 %1 元：%2": "Refund ¥%1: %2", "  账期 %1 恢复欠费 %2 元": "  period %1 owed again ¥%2", "，违约金 %1 元": ", late fee ¥%1",
    "  预存余额 %1 元": "  prepaid balance ¥%1", "冲正凭证 %1": "Void receipt %1", "主管工号，如 S01": "supervisor id, e.g. S01",
    "如：收错用户 / 金额输错": "e.g. wrong customer / wrong amount", "冲正原因": "Reason",
    "核对退款后按 Ctrl+Enter 确认冲正；Esc 取消。": "Check the refund, then Ctrl+Enter voids; Esc cancels.",
    "取消  [Esc]": "Cancel  [Esc]", "确认冲正并退款  [Ctrl+Enter]": "Void and refund  [Ctrl+Enter]", "正在冲正…": "Voiding…",
    # key map
    "页面": "Pages", "收费：查找用户（户号、卡号、电话、姓名、地址）；只查找，不收款":
        "Counter: find the customer (no., card, phone, name, address); finds only, never pays",
    "收费：在多个结果中选择": "Counter: choose among several results", "收费：回到查找框": "Counter: back to the search box",
    "现金、银行卡、微信、支付宝、云闪付、支票（收费、IC卡购电）": "cash, bank card, WeChat, Alipay, UnionPay, cheque (counter, IC card)",
    "实收 + 回车 / F12": "tendered + Enter / F12", "收费：确认收款（实收为空时不收款）": "Counter: take the payment (never with an empty tendered)",
    "收费：收足额现金（实收 = 缴费金额）": "Counter: exact cash (tendered = amount)",
    "确认大额收款、结班（回车或 Esc 取消）": "confirm a large payment, a shift close (Enter or Esc cancels)",
    "收费：重打上一张凭证；历史：重打选中的凭证": "Counter: reprint the last receipt; History: reprint the selected one",
    "收费：冲正上一张；历史：冲正选中的凭证（主管工号、密码、原因，Ctrl+Enter 确认）":
        "Counter: void the last receipt; History: void the selected one (supervisor id, PIN, reason, Ctrl+Enter)",
    "收费：下一位用户（清除找零和凭证预览）；IC卡购电：清空": "Counter: next customer (clears change and preview); IC card: clear",
    "历史：打开 PDF 副本 / 刷新": "History: PDF copy / refresh", "班次：结班（再按 Y 确认）": "Shift: close (then Y confirms)",
    "IC卡购电：重新读卡 / 收款并写卡": "IC card: read again / take payment and write", "欠费：回到筛选 / 到清单": "Arrears: to the filters / to the list",
    "欠费：导出 CSV / Excel / PDF": "Arrears: export CSV / Excel / PDF", "欠费：对选中用户提出停电通知": "Arrears: propose a notice for the selected customer",
    "欠费：停电通知 / 欠费清单": "Arrears: notices / arrears list", "停电通知：审批 / 登记送达 / 通知书 PDF": "Notices: approve / record service / notice PDF",
    "月份 + 回车 / Ctrl+Shift+P": "month + Enter / Ctrl+Shift+P",
    "责任制：查询收费责任制报表 / 生成 PDF（打开、打印按钮）": "Collection: load the report / write its PDF (open and print buttons)",
    # IC card
    "请插入IC卡": "Insert the IC card", "重新读卡 F9": "Read again F9", "模拟读卡器（培训 / 演示）": "Simulated reader (training / demo)",
    "户号，如 1000000003，回车插入该用户的卡": "customer no., e.g. 1000000003; Enter inserts their card",
    "插入该用户的卡": "Insert their card", "插入空白卡": "Insert a blank card", "拔卡": "Remove card", "卡片与用户": "Card and customer",
    "户号 / 户名": "Customer no. / name", "卡号": "Card no.", "卡内购电次数": "Purchases on card", "电表剩余金额（返写）": "Meter balance (return-write)",
    "电表返写时间": "Return-write time", "本次最多可购": "Most this time", "购电": "Purchase", "购电金额（元）": "Amount (¥)",
    "实收（元）": "Tendered (¥)", "收款并写卡 F12": "Take payment and write F12", "补卡（插入空白卡后）": "Replace card (blank card inserted)",
    "补卡用户的户号": "cust. no.", "正在读卡…": "Reading the card…", "读卡未完成": "Card not read",
    "卡已读取": "Card read", "未返写（卡未插过电表）": "none (card not yet in the meter)",
    "已自动补写卡：凭证 %1，未重复收费。": "Pending write completed: receipt %1, not charged twice.",
    "请输入购电金额。": "Type the purchase amount.", "请输入顾客交来的现金（实收）。": "Type the cash handed over (tendered).",
    "正在写卡，请勿拔卡…": "Writing the card, do not remove it…",
    "购电成功，已写卡并读回核对：第 %1 次购电 %2 元。": "Purchase written and read back: purchase %1, ¥%2.",
    "凭证 %1\u3000购电 %2 元\u3000第 %3 次\u3000找零 %4 元\u3000%5": "Receipt %1   ¥%2   purchase %3   change ¥%4   %5",
    "已写卡": "written", "待写卡": "write pending", "凭证未打印：%1": "Receipt not printed: %1",
    "补卡请先输入用户户号，并插入一张空白卡。": "For a replacement, type the customer no. and insert a blank card.",
    "补卡完成：新卡 %1，原卡 %2 已作废，卡内第 %3 次购电，工本费 %4 元。":
        "Card replaced: new card %1, old card %2 retired, purchase %3 on card, fee ¥%4.",
    "（无）": "(none)", "读卡器未配置。": "No card reader configured.",
    # settings, shift, files
    "打开": "Open", "：": ":", "请打开手机付款码，出示给收费员扫码": "Open your payment code and show it to the clerk", "备份与柜台安全": "Backup and counter safety",
    "备份位置（U 盘或网络共享，如 E:/HallPay备份）": "Backup location (USB stick or network share, e.g. E:/HallPay-backup)",
    "未设置：流水只存在本机，请设置第二块盘": "not set: the journal exists on this PC only; set a second disk",
    "无操作自动锁屏（秒，0 = 不锁）": "Lock when idle (seconds, 0 = never)", "大额收款需再确认（元以上）": "Confirm payments above (¥)",
    "不打印": "No printer", "保存为文件（演示、培训）": "Save to file (demo, training)", "网络打印机": "Network printer",
    "USB 打印机": "USB printer", "串口打印机": "Serial printer", "是": "yes", "否": "no", "%1 天": "%1 days",
    "居民违约金（‰/日）": "Residential late fee (‰/day)", "非居民当年欠费（‰/日）": "Non-residential, current year (‰/day)",
    "非居民跨年欠费（‰/日）": "Non-residential, past years (‰/day)", "宽限天数": "Grace days", "违约金最低（元）": "Minimum late fee (¥)",
    "先收违约金后收电费": "Late fee before principal", "居民允许部分缴费": "Residential partial payment",
    "非居民允许分次结算": "Non-residential instalments", "单次购电上限（元）": "Maximum single purchase (¥)",
    "囤积金额上限（元）": "Maximum hoarded balance (¥)", "补卡费（元）": "Replacement card fee (¥)",
    "结班差额需主管审批（元）": "Shift difference needing a supervisor (¥)", "欠费多少天后可停电": "Days overdue before a stop",
    "居民停电通知提前天数": "Notice days, residential", "非居民停电通知提前天数": "Notice days, others",
    "日报和解款单": "Day report and deposit slip",
    "结班 %1？\n应有现金 %2 元，清点 %3 元，%4。\n\n结班后本班不能再收款或冲正，不能撤销。":
        "Close shift %1?\nExpected cash ¥%2, counted ¥%3, %4.\n\nAfter the close this shift takes no payment or void; "
        "it cannot be undone.",
    "确认结班": "Close shift", "未结班。": "The shift is still open.", "已结班，日报和解款单已生成。": "Shift closed; day report and deposit slip written.",
    "营业日报": "Day report", "解款单": "Deposit slip",
    # scanned payment codes (issue 19)
    "正在向收单机构收款…": "Collecting through the acquirer…",
    "等待客户输入支付密码… 剩余 %1 秒（Esc 撤销）": "Waiting for the customer's payment password… %1 s left (Esc cancels)",
    "正在撤销扫码收款…": "Cancelling the scanned payment…",
}

MORE.update({  # issue 14 at the counter: 零钱转预存, prepaid offset, the 1-yuan minimum
    "零钱 [F9]": "Change [F9]",
    "转预存(元)": "To balance (¥)",
    "转入预存": "To balance",
    "F2 现金  F3 银行卡  F4 微信  F5 支付宝  F6 云闪付  F7 支票  F8 收足额现金  F9 零钱转预存  Ctrl+R 重打上一张  "
    "Ctrl+Shift+V 冲正上一张  Esc 下一位":
        "F2 cash  F3 bank card  F4 WeChat  F5 Alipay  F6 UnionPay  F7 cheque  F8 exact cash  F9 change to balance  "
        "Ctrl+R reprint last  Ctrl+Shift+V void last  Esc next",
    "预收冲抵：%1 预存余额已抵缴 %2 元（%3）": "Prepaid offset: on %1 the balance paid ¥%2 (%3)",
    "违约金合计不足 %1 元，按 %1 元收取（已含补足 %2 元）":
        "Late fees under ¥%1 are charged ¥%1 (¥%2 added to reach the minimum)",
    "零钱转预存只用于现金收款：先查找用户，按 F2 选现金。":
        "Change to balance is for cash only: look the customer up and press F2 for cash.",
    "，%1 元转预存": ", ¥%1 to the balance",
    "，%1 元转预存（余额 %2 元）": ", ¥%1 to the balance (balance ¥%2)",
    "找零全部交还顾客": "All change handed back",
    "零钱转预存：找零的角分以下（不足 1 元部分）记入预存": "Fen to balance: the change below 1 yuan goes to the balance",
    "全部转预存：找零全部记入预存": "All to balance: the whole change goes to the balance",
    "，本笔 %1 元": ", ¥%1 this payment",
    "收费：找零 → 零钱转预存（角分）→ 全部转预存，每位用户从“找零”开始":
        "Counter: change handed back → fen to balance → all to balance; each customer starts at handed back",
})

MORE.update({  # issue 15: labels app/ hands the window (app/message_table.py holds its sentences)
    "100元": "¥100", "50元": "¥50", "20元": "¥20", "10元": "¥10", "5元": "¥5", "1元": "¥1",
    "5角": "¥0.50", "1角": "¥0.10", "5分": "¥0.05", "2分": "¥0.02", "1分": "¥0.01",
    "收费员": "Clerk", "主管": "Supervisor", "系统管理员": "Administrator",
    "模拟读卡器": "Simulated reader",
    # strings that arrived with provisioning (first PIN) and backup, without English
    "设置自己的密码": "Set your own PIN",
    "%1 首次登录：请把总部下发的一次性密码换成自己的密码（6 到 12 位数字）。":
        "%1, first login: replace head office's one-time PIN with your own (6 to 12 digits).",
    "新密码": "New PIN", "再输一次": "Again",
    "两次输入的新密码不一致；请重新输入。": "The two new PINs differ; type them again.",
    "请先把一次性密码换成自己的密码再登录。": "Replace the one-time PIN with your own before logging in.",
    "备份 %1": "Backup %1",
    # refunds head office ordered, paid out at the counter (issue 21: ui/refund_payout.py, app/messages.py)
    "退款待领 %1 元（%2 从钱箱支付现金）": "Refund to collect ¥%1 (%2 pays it in cash from the drawer)",
    "退款待领 %1 元：再按 %2 确认从钱箱支付现金，并请客户在凭证上签字。":
        "Refund to collect ¥%1: press %2 again to pay it in cash from the drawer; the customer signs the receipt.",
    "已支付退款 %1 元（凭证 %2）；请客户在凭证上签字。": "Refund of ¥%1 paid (receipt %2); the customer signs the receipt.",
    "用户 {customer_no} 没有待领的退款。": "Customer {customer_no} has no refund to collect.",
    "用户 {customer_no} 没有编号为 {refund_id} 的退款单；请核对退款单号。":
        "Customer {customer_no} has no refund {refund_id}; check the refund number.",
    "退款单 {refund_id} 已由本机第 {seq} 笔流水支付，不能再次支付。":
        "Refund {refund_id} was paid out by entry {seq} of this counter; it cannot be paid twice.",
    "退款单 {refund_id} 总部记录已在其他柜台支付，不能再次支付。":
        "Head office records refund {refund_id} as paid at another counter; it cannot be paid twice.",
    "退款待领 {amount_fen}": "Refund to collect {amount_fen}",
    "收费：支付总部退款（退款待领；按两次，现金出钱箱，客户在凭证上签字）":
        "Counter: pay out head office's refund (refund to collect; press twice, cash from the drawer, the customer signs)",
    "退款支付（总部退款单）%1 笔，%2 元": "Refunds paid out (head office's orders) %1, ¥%2",
    # History: the day and the type of each entry
    "收费记录": "Entries", "营业日：Alt+← 前一天，Alt+→ 后一天，Alt+Home 今天":
        "Business day: Alt+← the day before, Alt+→ the day after, Alt+Home today",
    "历史：前一天 / 后一天 / 今天（或在日期框输入营业日）":
        "History: the day before / after / today (or type the business day in the date field)",
    # issue 15: the window says when a PIN is being checked off its thread
    "正在核对密码…": "Checking the PIN…", "正在核对主管密码…": "Checking the supervisor's PIN…",
    "正在核对主管密码并保存…": "Checking the supervisor's PIN and saving…", "正在登记送达…": "Recording the service…",
    "正在设置密码…": "Setting the PIN…",
})

MORE.update({  # the collection report's own rows and its waiver count (issue 16: no Chinese in English pictures)
    "未分配": "Unassigned", "合计": "Total", "%1 / %2 笔": "%1 / %2",
})
