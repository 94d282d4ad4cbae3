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
    "warn.grade": ("风险等级 {grade}：{reasons}", "{grade}: {reasons}"),
    "warn.grade_ho": ("风险等级 {grade}：{reasons}（总部评级 {ho_grade}）",
                      "{grade}: {reasons} (head office: {ho_grade})"),
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
    # sync (app/sync.py, db/central/push.py): the status bar and what stops a push
    "sync.status": ("{head} · 待上传 {pending} 笔 · {last}", "{head} · {pending} to upload · {last}"),
    "sync.state.starting": ("正在连接总部", "Connecting to head office"),
    "sync.state.online": ("总部在线", "Head office online"),
    "sync.state.offline": ("总部离线", "Head office offline"),
    "sync.state.alarm": ("总部在线（有待核查的告警）", "Head office online (alarms to check)"),
    "sync.last": ("上次同步 {at}", "last sync {at}"),
    "sync.never": ("尚未同步", "not synced yet"),
    "sync.defect": ("同步出错，已记入日志；本机照常收费，稍后自动重试。",
                    "Sync failed and was logged; this counter keeps taking money and retries soon."),
    "sync.not_accepted": ("总部账务中心未接收第 {seq} 笔及以后的流水；请联系信息部门。",
                          "Head office did not accept entry {seq} and after; call IT."),
    "sync.ahead": ("总部已有本终端第 {seq} 笔流水，本机只有 {head} 笔：本机数据库可能被还原过，已停止上传，请联系信息部门。",
                   "Head office holds entry {seq} of this terminal but this PC has only {head}: the local "
                   "database may have been restored. Upload stopped; call IT."),
    "sync.fork_local": ("本机第 {seq} 笔流水与总部留存的不一致，已停止上传，请联系信息部门核查。",
                        "Entry {seq} on this PC differs from head office's copy. Upload stopped; call IT to check."),
    "sync.fork_stale_copy": (
        "终端 {terminal_id} 的本机数据库是一份旧的副本（如旧磁盘映像），又用总部已有的流水号收了费："
        "这 {held} 笔流水（收款 {money_fen} 元）已存入总部隔离区，不计入账务、不会丢失，待核查；"
        "本机停止收费。请信息部门用 python main.py restore 从备份和总部恢复本机，再由主管核查隔离区的流水。",
        "The database of terminal {terminal_id} is an old copy (such as an old disk image) that took money "
        "under entry numbers head office already holds. These {held} entries (¥{money_fen} received) are in "
        "head office's quarantine: not booked, not lost, waiting for review. This PC stops taking money. IT "
        "restores it with python main.py restore from the backup and head office, then a supervisor reviews "
        "the quarantined entries."),
    "sync.fork_two_pcs": (
        "终端号 {terminal_id} 同时被两台电脑使用：总部登记的是另一台电脑的密钥，本机（密钥 {fingerprint}…）"
        "不是那台。本机的 {held} 笔流水（收款 {money_fen} 元）已存入总部隔离区，不计入账务、"
        "不会丢失，待核查；本机停止收费。请信息部门为本机开通一个新的终端号（重新开通），"
        "再由主管核查隔离区的流水。",
        "Terminal {terminal_id} is used by two PCs: head office holds the other PC's key, not this one's "
        "(key {fingerprint}...). This PC's {held} entries (¥{money_fen} received) are in head office's "
        "quarantine: not booked, not lost, waiting for review. This PC stops taking money. IT provisions a new "
        "terminal id for it, then a supervisor reviews the quarantined entries."),
    # the backup's status (app/backup.py)
    "backup.off": ("未设置备份位置：本机故障时未上传的收费可能丢失",
                   "No backup location set: payments not yet uploaded may be lost if this PC fails"),
    "backup.missing": ("备份位置不可用（U 盘或共享未连接），上次备份 {age}",
                       "Backup location unavailable (USB drive or share not connected), last backup {age}"),
    "backup.failed_detail": ("备份失败：{detail}", "Backup failed: {detail}"),
    "backup.failed": ("备份失败，上次备份 {age}", "Backup failed, last backup {age}"),
    "backup.stale": ("备份已过期：上次备份 {age}，有 {behind} 笔流水未备份",
                     "Backup out of date: last backup {age}, {behind} entries not backed up"),
    "backup.behind": ("备份中：{behind} 笔流水待备份", "Backing up: {behind} entries to copy"),
    "backup.ok": ("已备份（{age}）", "Backed up ({age})"),
    "backup.after_command": ("已记账，但{error}", "Recorded, but {error}"),
    "age.none": ("无", "never"),
    "age.seconds": ("{n} 秒前", "{n} s ago"),
    "age.minutes": ("{n} 分钟前", "{n} min ago"),
    "age.hours": ("{n} 小时前", "{n} h ago"),
    "age.days": ("{n} 天前", "{n} days ago"),
    "sync.once_done": ("上传 {pushed} 笔，下载 {pulled} 条，待上传 {pending} 笔",
                       "Uploaded {pushed} entries, downloaded {pulled} rows, {pending} waiting to upload"),
    "backup.no_path": ("未设置备份位置；请在 config.toml 的 [backup] 中填写 path（U 盘或网络共享）。",
                       "No backup location set; fill in path under [backup] in config.toml (USB drive or share)."),
    # the card (app/card.py) and the IC-card purchase (app/services/recharge.py)
    "card.check.ok": ("卡片正常，可以购电。", "The card is fine: power can be bought."),
    "card.check.blank": ("这是一张未发行的空白卡，请先办理发卡或补卡。",
                         "This is a blank card that was never issued; issue or replace the card first."),
    "card.check.retired": ("此卡已挂失作废，不能购电，请收回此卡并使用补发的新卡。",
                           "This card was reported lost and is void; keep it and use the replacement card."),
    "card.check.wrong_customer": ("此卡属于用户 {card_customer}，不是当前办理的用户 {customer}，请核对卡片。",
                                  "This card belongs to customer {card_customer}, not to {customer}; check the card."),
    "card.check.bad_mac": ("卡内购电记录校验失败，卡片可能被改写，请收卡并交稽查人员处理。",
                           "The card's purchase record fails its check and may have been altered; keep the card "
                           "and hand it to the inspectors."),
    "card.check.meter_mismatch": (
        "电表返写的购电次数（{meter_count}）与卡内购电次数（{card_count}）不符，请交稽查人员处理。",
        "The meter wrote back purchase count {meter_count} but the card holds {card_count}; hand it to the "
        "inspectors."),
    "card.check.not_loaded": (
        "上次购电（第 {card_count} 次）尚未插入电表，请用户先将卡插入电表，再来购电。",
        "The last purchase (number {card_count}) is not in the meter yet; the customer inserts the card in the "
        "meter first, then buys again."),
    "card.amount_range": ("购电金额必须大于零且不超过卡片上限。",
                          "The purchase must be more than zero and within the card's limit."),
    "card.count_full": ("此卡购电次数已达上限，请办理换卡。",
                        "This card has reached its purchase count limit; replace the card."),
    "card.reversed_on_card": ("凭证 {receipt_no} 的购电已冲正，但卡内已写入该笔购电；请收卡并交主管处理。",
                              "The purchase of receipt {receipt_no} was reversed but is on the card; keep the card "
                              "and call a supervisor."),
    "card.pending_conflict": (
        "卡内购电记录与本机待写卡记录（凭证 {receipt_no}，第 {purchase_count} 次购电）不符，不能补写卡；请收卡并交主管处理。",
        "The card's purchase record differs from the write waiting here (receipt {receipt_no}, purchase "
        "{purchase_count}); it cannot be rewritten. Keep the card and call a supervisor."),
    "card.readback_mismatch": ("补写卡后读回的卡内记录不符（凭证 {receipt_no}），请重新插卡再试。",
                               "The card read back after the rewrite does not match (receipt {receipt_no}); insert "
                               "the card again and retry."),
    "card.postpaid_customer": ("用户 {customer_no} 不是费控（IC卡）用户，不能IC卡购电；请按电费缴费办理。",
                               "Customer {customer_no} has no prepaid (IC card) meter; take a bill payment instead."),
    "card.single_limit": ("单次购电不能超过 {limit_fen} 元；请改小金额。",
                          "One purchase may not exceed ¥{limit_fen}; lower the amount."),
    "card.hoard_limit": (
        "电表剩余 {hoard_fen} 元，再购 {amount_fen} 元将超过囤积上限 {limit_fen} 元；本次最多可购 {most_fen} 元。",
        "The meter holds ¥{hoard_fen}; another ¥{amount_fen} would pass the holding limit of ¥{limit_fen}. "
        "At most ¥{most_fen} can be bought now."),
    "card.meter_no_mismatch": ("卡内表号 {card_meter} 与用户档案表号 {meter} 不符；请核对卡片或联系主管。",
                               "The card's meter no. {card_meter} differs from the customer's meter no. {meter}; "
                               "check the card or call a supervisor."),
    "customer.no_such": ("没有户号为 {customer_no} 的用户；请核对户号。",
                         "There is no customer no. {customer_no}; check the number."),
    # the card reader and the card's answers (cardreader/)
    "reader.named": ("读卡器（{name}）", "Card reader ({name})"),
    "reader.no_pyscard": ("未安装 pyscard（PC/SC 支持），读卡器不可用，请联系信息部门。",
                          "pyscard (PC/SC support) is not installed: the card reader cannot be used; call IT."),
    "reader.no_service": ("读卡器服务未运行（pcscd），请联系信息部门启动读卡服务。",
                          "The card reader service (pcscd) is not running; call IT to start it."),
    "reader.timeout": ("读卡器无响应，请拔插读卡器后重试。",
                       "The card reader does not answer; unplug it, plug it back in and retry."),
    "reader.unknown_state": ("读卡器状态未知：{detail}", "Card reader state unknown: {detail}"),
    "reader.not_found": ("找不到读卡器，请检查读卡器连接。", "No card reader found; check its cable."),
    "reader.not_found_named": ("找不到名称含“{match}”的读卡器，请检查读卡器连接。",
                               "No card reader named like \"{match}\" found; check its cable."),
    "reader.state_failed": ("读卡器状态读取失败（{detail}）。", "Could not read the card reader's state ({detail})."),
    "reader.disconnected": ("读卡器已断开，请检查读卡器连接。", "The card reader was disconnected; check its cable."),
    "reader.read_failed": ("读卡失败（{detail}），请重新插卡后重试。",
                           "Reading the card failed ({detail}); insert the card again and retry."),
    "reader.key_short": ("config.toml 中 [card] master_key_hex 太短（至少 32 个十六进制字符）；请联系信息部门。",
                         "[card] master_key_hex in config.toml is too short (at least 32 hex digits); call IT."),
    "reader.bad_timeout": ("读卡器设置有误：[card] timeout_s 应为秒数，而不是“{value}”。",
                           "Card reader setting wrong: [card] timeout_s is a number of seconds, not \"{value}\"."),
    "reader.bad_kind": ("读卡器设置有误：[card] kind 应为 simulated 或 pcsc，而不是“{kind}”。",
                        "Card reader setting wrong: [card] kind is simulated or pcsc, not \"{kind}\"."),
    "card.no_card": ("读卡器上没有卡，请插入购电卡。", "No card in the reader; insert the purchase card."),
    "card.removed": ("卡片在读写过程中被拔出，请重新插卡后重试。",
                     "The card was pulled out while in use; insert it again and retry."),
    "card.sw.not_found": ("这不是本系统的购电卡（找不到 HallPay 应用），请换卡。",
                          "This is not a HallPay purchase card (no HallPay application); use another card."),
    "card.sw.serial_mismatch": ("读卡器上的卡已被换成另一张卡，请放回原卡后重试。",
                                "The card in the reader was swapped for another; put the first card back and retry."),
    "card.sw.security": ("此卡已发行过，不能再次发卡；补卡请使用新的空白卡。",
                         "This card was already issued and cannot be issued again; use a new blank card."),
    "card.sw.conditions": ("卡片状态不允许此操作（空白卡或应用未选择），请核对卡片。",
                           "The card's state does not allow this (blank card or application not selected); "
                           "check the card."),
    "card.sw.wrong_data": ("卡片拒绝了写入的数据（购电次数不连续），请核对卡片与营业厅记录。",
                           "The card refused the data (purchase counts not consecutive); check the card against "
                           "the hall's records."),
    "card.sw.other": ("卡片拒绝了操作（{step}，状态字 {sw_hex}），请重新插卡后重试。",
                      "The card refused the operation ({step}, status word {sw_hex}); insert it again and retry."),
    "card.bad_answer": ("卡片应答异常（{step}），请重新插卡后重试。",
                        "The card gave a malformed answer ({step}); insert it again and retry."),
    "card.bad_serial": ("卡号无法识别，请换卡。", "The card number cannot be read; use another card."),
    "card.bad_length": ("卡片文件长度不对（{step}），请换卡。",
                        "A card file has the wrong length ({step}); use another card."),
    "card.bad_format": ("卡内数据格式错误，卡片可能损坏，请交稽查人员处理。",
                        "The card's data is malformed and the card may be damaged; hand it to the inspectors."),
    "card.cloned": ("卡内记录的卡号与芯片卡号不符，卡片可能被复制，请收卡并交稽查人员处理。",
                    "The card number on file differs from the chip's and the card may be a copy; keep it and hand "
                    "it to the inspectors."),
    "card.step.select": ("选择应用", "select application"),
    "card.step.serial": ("读卡号", "read card number"),
    "card.step.identity": ("读身份文件", "read identity file"),
    "card.step.wallet": ("读钱包", "read wallet"),
    "card.step.return_write": ("读返写区", "read meter return"),
    "card.step.write": ("写购电记录", "write purchase"),
    "card.step.issue": ("发卡", "issue card"),
    # risk reasons (app/risk.py), inside warn.grade
    "risk.blacklisted": ("列入诚信黑榜", "on the integrity blacklist"),
    "risk.months": ("欠费 {months} 个月（≥{limit}）", "{months} months in arrears (≥{limit})"),
    "risk.owed": ("欠费金额 {owed_fen} 元（≥{limit_fen}）", "¥{owed_fen} owed (≥¥{limit_fen})"),
    "risk.late": ("近一年逾期缴费 {count} 次（≥{limit}）", "paid late {count} times in a year (≥{limit})"),
    "risk.large": ("非居民大额用户（月均电费 {monthly_fen} 元）且欠费",
                   "large non-residential customer (¥{monthly_fen} a month) in arrears"),
    "risk.oldest": ("最长逾期 {days} 天（>{limit}）", "oldest bill {days} days overdue (>{limit})"),
}

# Labels from app/ tables that reach a sentence as a parameter (LABEL_PARAMS) or a method: 中文 -> English.
LABELS_EN: dict[str, str] = {
    "现金": "Cash", "银行卡": "Bank card", "微信": "WeChat", "支付宝": "Alipay", "云闪付": "UnionPay",
    "支票": "Cheque",
    "Ⅰ级（高风险）": "Grade I (high risk)", "Ⅱ级（中风险）": "Grade II (medium risk)", "Ⅲ级（关注）": "Grade III (watch)",
    "无风险等级": "no risk grade", "模拟读卡器": "Simulated reader",
    "POS 参考号": "POS reference", "微信交易单号": "WeChat transaction no.", "支付宝交易单号": "Alipay transaction no.",
    "云闪付交易单号": "UnionPay transaction no.", "支票号和开户行": "cheque no. and bank",
}
