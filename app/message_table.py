"""Every coded sentence app/ says, in Chinese and in English side by side: code -> (中文, English).

Rules the tests check: both templates name the same parameters; English has no Chinese characters and
no full-width punctuation. Money parameters (`*_fen`) come without a currency sign: each template says
元 or ¥ itself. ui/i18n/build.py writes the English into the .ts file's "messages" context.
"""

from __future__ import annotations

from app.message_table_cases import CASES_TABLE
from app.message_table_cli import CLI_TABLE
from app.message_table_console import CONSOLE_PAGE_TABLE, CONSOLE_TABLE
from app.message_table_edge import EDGE_TABLE
from app.message_table_office import OFFICE_TABLE
from app.message_table_pull import PULL_TABLE
from app.message_table_wallet import WALLET_TABLE

TABLE: dict[str, tuple[str, str]] = {
    "plain": ("{text}", "{text}"),  # a sentence that came without a code (a device's own words)
    # a card write that did not finish (app/services/card_rewrite.py pending_phrase)
    "card.pending": (
        "{reason_clause}；已收款并记为待写卡，请用户重新插卡，系统将自动补写，不会重复收费。",
        "{reason_clause}; the money is taken and the card write is pending: the customer inserts the card again "
        "and it is written automatically, without paying twice.",
    ),
    "card.readback_purchase": (
        "读回的卡内记录与本次购电不符。",
        "The card read back does not hold this purchase.",
    ),
    "card.readback_replace": (
        "读回的卡内记录与补卡数据不符。",
        "The card read back does not hold the replacement's data.",
    ),
    # head office's clerk file (app/services/clerks.py)
    "clerks.empty": (
        "人员文件是空的；请检查总部下发的文件。",
        "The clerk file is empty; check the file head office sent.",
    ),
    "clerks.bad_line": (
        "人员文件第 {line} 行格式错误；请检查总部下发的文件。",
        "Line {line} of the clerk file is malformed; check the file head office sent.",
    ),
    "clerks.header": (
        "人员文件的表头应为 {header}[,pin_hash]；请检查总部下发的文件。",
        "The clerk file's header should be {header}[,pin_hash]; check the file head office sent.",
    ),
    "clerks.bad_id": (
        "{where}：工号“{cid}”无效（1 到 16 位字母或数字）。",
        '{where}: clerk ID "{cid}" is not valid (1 to 16 letters or digits).',
    ),
    "clerks.duplicate": ("{where}：工号 {cid} 重复。", "{where}: clerk ID {cid} appears twice."),
    "clerks.name": ("{where}：姓名为空或过长。", "{where}: the name is empty or too long."),
    "clerks.role": (
        "{where}：角色须为 clerk、supervisor 或 admin。",
        "{where}: the role is clerk, supervisor or admin.",
    ),
    "clerks.active": ("{where}：active 须为 0 或 1。", "{where}: active is 0 or 1."),
    "clerks.pin_hash": (
        "{where}：pin_hash 须为总部生成的 scrypt 摘要，不能是明文密码。",
        "{where}: pin_hash must be a scrypt digest made by head office, never a plain PIN.",
    ),
    "clerks.no_rows": (
        "人员文件没有数据行；请检查总部下发的文件。",
        "The clerk file has no rows; check the file head office sent.",
    ),
    "clerks.none": ("没有要导入的人员。", "There are no clerks to import."),
    "sep.list": ("；", "; "),
    # payments (app/services/payments.py)
    "shift.none": (
        "收费员 {clerk_id} 没有已开的班次；请先开班（班次 → 开班，或 `shift open --float X`）。",
        "Clerk {clerk_id} has no open shift; open one first (Shift page, float, Enter).",
    ),
    "shift.earlier_day": (
        "班次 {shift_id} 是 {business_day} 营业日开的，不能再收今天（{today}）的钱；请先结班，再开新班次。",
        "Shift {shift_id} belongs to business day {business_day} and cannot take money today ({today}); "
        "close it and open a new shift.",
    ),
    "pay.reference_needed": (
        "{method}收款需要填写{hint}；请填写后再确认。",
        "{method}: the payment needs its reference ({hint}); fill it in and confirm.",
    ),
    "pay.nothing_due": (
        "用户 {customer_no} 当前没有应缴电费；如需预存，请输入金额。",
        "Customer {customer_no} owes nothing now; type an amount to pay in advance.",
    ),
    "pay.amount_zero": ("金额必须大于 0.00 元。", "The amount must be more than 0.00."),
    "pay.over_cap": (
        "应收 {amount_fen} 元超过单笔收费上限 {cap_fen} 元；请分笔收取并核对金额。",
        "¥{amount_fen} is above the single-payment limit of ¥{cap_fen}; split it and check the amount.",
    ),
    "pay.no_partial": (
        "应缴 {due_fen} 元，该用户不允许部分缴费；请至少收取 {due_fen} 元。",
        "¥{due_fen} is due and this customer may not pay in part; take at least ¥{due_fen}.",
    ),
    "pay.reference_too_long": (
        "交易参考号有 {length} 个字符，最多 {max} 个；请核对后重新输入。",
        "The reference has {length} characters, at most {max} are allowed; check it and type it again.",
    ),
    "pay.change_too_large": (
        "实收 {tendered_fen} 元要找零 {change_fen} 元，超过找零上限 {max_fen} 元，不可能是顾客交来的现金；"
        "请核对实收金额（是否多打了 0？），未收款。",
        "Tendered ¥{tendered_fen} would need ¥{change_fen} change, above the change limit of ¥{max_fen}: "
        "check the cash tendered (an extra 0?). Nothing was booked.",
    ),
    "pay.tender_short": (
        "实收现金 {tendered_fen} 元少于缴费金额 {amount_fen} 元；请补足现金或改小金额。",
        "Cash tendered ¥{tendered_fen} is less than the amount ¥{amount_fen}; take more cash or lower the amount.",
    ),
    "pay.no_change_noncash": (
        "{method}收款不找零；实收必须等于缴费金额。",
        "{method} gives no change; the tendered amount must equal the amount.",
    ),
    "pay.change_mode": (
        "零钱转预存应为 none、all 或 fen，不能是“{mode}”。",
        'Change to balance is none, all or fen, not "{mode}".',
    ),
    "pay.change_cash_only": (
        "只有现金收款有找零，零钱转预存只能用于现金。",
        "Only cash has change: change to balance is for cash payments.",
    ),
    # the day's wallet reconciliation (app/services/wallet_day.py, shift_close.py)
    "wallet.day_unsigned": (
        "{business_day} 的扫码收款对账有 {count} 项差异未经主管签认；请先签认差异，再签认日结。",
        "The wallet reconciliation of {business_day} has {count} differences no supervisor signed off; "
        "sign them off before the day.",
    ),
    "wallet.day_mismatch": (
        "扫码对账的营业日 {day} 与班次的营业日 {business_day} 不符；请重新对账后再结班。",
        "The wallet reconciliation is for {day}, the shift for {business_day}; reconcile again, then close.",
    ),
    "wallet.nothing_to_sign": (
        "{business_day} 扫码收款对账没有差异，无需签认。",
        "The wallet reconciliation of {business_day} has no differences: nothing to sign.",
    ),
    "wallet.reason_needed": (
        "签认扫码对账差异必须填写原因。",
        "Signing the wallet differences off needs a reason.",
    ),
    # refunds head office ordered, paid out at the counter (app/services/refund_payout.py)
    "refund.none": (
        "用户 {customer_no} 没有待领的退款。",
        "Customer {customer_no} has no refund to collect.",
    ),
    "refund.unknown": (
        "用户 {customer_no} 没有编号为 {refund_id} 的退款单；请核对退款单号。",
        "Customer {customer_no} has no refund {refund_id}; check the refund number.",
    ),
    "void.drawer_short": (
        "冲正需退还现金 {amount_fen} 元，超过本班钱箱现有现金 {in_drawer_fen} 元；请待钱箱现金足够后再冲正。",
        "The void gives back ¥{amount_fen} in cash, more than the ¥{in_drawer_fen} in this shift's drawer; "
        "void it once the drawer holds enough.",
    ),
    "refund.drawer_short": (
        "退款 {amount_fen} 元超过本班钱箱现有现金 {in_drawer_fen} 元；请待钱箱现金足够后再支付。",
        "The refund of ¥{amount_fen} is more than the ¥{in_drawer_fen} of cash in this shift's drawer; "
        "pay it out once the drawer holds enough.",
    ),
    "refund.already_paid": (
        "退款单 {refund_id} 已由本机第 {seq} 笔流水支付，不能再次支付。",
        "Refund {refund_id} was paid out by entry {seq} of this counter; it cannot be paid twice.",
    ),
    "refund.paid_elsewhere": (
        "退款单 {refund_id} 总部记录已在其他柜台支付，不能再次支付。",
        "Head office records refund {refund_id} as paid at another counter; it cannot be paid twice.",
    ),
    "refund.owed": ("退款待领 {amount_fen}", "Refund to collect {amount_fen}"),
    "cli.refund_owed": ("  退款待领 {owed_fen}", "  refund to collect {owed_fen}"),
    # a whole terminal's arrears export in its child process (bootstrap.Services.export_arrears_apart)
    "export.child_died": (
        "导出欠费清单的进程意外结束（退出码 {exit_code}），未写出文件；请重试。",
        "The arrears export's process ended unexpectedly (exit code {exit_code}); no file was written. Try again.",
    ),
    "export.cannot_write": (
        "无法写出文件 {path}（{reason}），未导出；请检查文件夹是否存在、是否可写。",
        "Cannot write {path} ({reason}); nothing was exported. Check that the folder exists and is writable.",
    ),
    # the card reader's status (app/ports.ReaderStatus)
    "card.ready_card": ("{reader}就绪，卡已插入。", "{reader} ready, card inserted."),
    "card.ready_empty": (
        "{reader}就绪，读卡器上没有卡，请插入购电卡。",
        "{reader} ready; insert a card.",  # short: it fits the window's status bar at 1366 wide
    ),
    # customer warnings (app/warnings.py)
    "warn.overdue": (
        "欠费 {bills} 期共 {owed_fen} 元（含违约金），最长逾期 {days} 天",
        "{bills} bills overdue, ¥{owed_fen} with late fees, oldest {days} days",
    ),
    "warn.overdue_stop": (
        "欠费 {bills} 期共 {owed_fen} 元（含违约金），最长逾期 {days} 天，已满足停电通知条件",
        "{bills} bills overdue, ¥{owed_fen} with late fees, oldest {days} days: a stop-power notice may be proposed",
    ),
    "warn.grade": ("风险等级 {grade}：{reasons}", "{grade}: {reasons}"),
    "warn.grade_ho": (
        "风险等级 {ho_grade}（总部评级）；本柜台所见：{reasons}",
        "{ho_grade} (head office's grade); seen at this counter: {reasons}",
    ),
    "warn.grade_ho_only": (
        "风险等级（总部评级）{ho_grade}；本柜台按数据计算：无风险等级",
        "Risk grade (head office) {ho_grade}; from this counter's data: none",
    ),
    "warn.notice_served": (
        "停电通知书已于 {served_on} 送达，最早可于 {stop_from} 起停电；结清欠费后自动撤销",
        "Stop-power notice served on {served_on}; supply may stop from {stop_from}; paying in full cancels it",
    ),
    "warn.notice_proposed": (
        "停电通知 已提出，待主管审批（{notice_id}）",
        "Stop-power notice proposed, waiting for a supervisor ({notice_id})",
    ),
    "warn.notice_approved": (
        "停电通知 已审批，尚未送达（{notice_id}）",
        "Stop-power notice approved, not yet served ({notice_id})",
    ),
    "warn.blacklist": (
        "列入诚信黑榜（统一社会信用代码 {credit_code}，{quarter}）",
        "On the integrity blacklist (credit code {credit_code}, {quarter})",
    ),
    "warn.important": (
        "重要用户：停电须报电力管理部门，不得简单停电",
        "Important customer: a stop must be reported to the power authority, never simply cut",
    ),
    "warn.prepaid": (
        "费控（IC卡）用户：购电请使用“IC卡购电”",
        "Prepaid (IC card) customer: use the IC card page to buy power",
    ),
    "warn.prepaid_candidate": (
        "高风险后付费用户：建议改装费控（预付费）电表",
        "High-risk postpaid customer: propose a prepaid meter",
    ),
    # sync (app/sync.py, db/central/push.py): the status bar and what stops a push
    "sync.status": ("{head} · 待上传 {pending} 笔 · {last}", "{head} · {pending} to upload · {last}"),
    "sync.state.starting": ("正在连接总部", "Connecting to head office"),
    "sync.state.online": ("总部在线", "Head office online"),
    "sync.state.offline": ("总部离线", "Head office offline"),
    "sync.state.alarm": ("总部在线（有待核查的告警）", "Head office online (alarms to check)"),
    "sync.last": ("上次同步 {at}", "last sync {at}"),
    "sync.never": ("尚未同步", "not synced yet"),
    "sync.defect": (
        "同步出错，已记入日志；本机照常收费，稍后自动重试。",
        "Sync failed and was logged; this counter keeps taking money and retries soon.",
    ),
    # the central ledger's connection (db/central/engine.py): every sync, head office's commands
    "central.offline": (
        "无法连接总部账务中心（网络中断或服务器未响应）；本机照常收费，流水待网络恢复后自动上传。",
        "Head office's ledger does not answer (the network is down or the server is not responding); payments "
        "go on here and the entries upload once the network is back.",
    ),
    "central.refused": (
        "总部账务中心拒绝了本次同步（{error}）；本机照常收费，请联系信息部门。",
        "Head office's ledger refused this sync ({error}); payments go on here; call IT.",
    ),
    "sync.not_accepted": (
        "总部账务中心未接收第 {seq} 笔及以后的流水；请联系信息部门。",
        "Head office did not accept entry {seq} and after; call IT.",
    ),
    "sync.ahead": (
        "总部已有本终端第 {seq} 笔流水，本机只有 {head} 笔：本机数据库可能被还原过，已停止上传，请联系信息部门。",
        "Head office holds entry {seq} of this terminal but this PC has only {head}: the local "
        "database may have been restored. Upload stopped; call IT.",
    ),
    "sync.uncertified": (
        "终端 {terminal_id} 的密钥 {fingerprint} 尚未经总部认证（开通步骤未完成，不是数据被改动）："
        "流水暂存本机、不会丢失，收费照常；请总部执行 central terminal approve {terminal_id}"
        "（或任何一条 central 命令），之后再同步即可。",
        "Terminal {terminal_id}'s key {fingerprint} is not certified by head office yet (a set-up step left "
        "undone, not altered data): its entries wait on this PC, nothing is lost, payments go on; head office "
        "runs central terminal approve {terminal_id} (or any central command), then sync again.",
    ),
    "sync.fork_local": (
        "本机第 {seq} 笔流水与总部留存的不一致，已停止上传，请联系信息部门核查。",
        "Entry {seq} on this PC differs from head office's copy. Upload stopped; call IT to check.",
    ),
    "sync.fork_stale_copy": (
        "终端 {terminal_id} 的本机数据库是一份旧的副本（如旧磁盘映像），又用总部已有的流水号收了费："
        "这 {held} 笔流水（收款 {money_fen} 元）已存入总部隔离区，不计入账务、不会丢失，待核查；"
        "本机停止收费。请信息部门用 python main.py restore 从备份和总部恢复本机，再由主管核查隔离区的流水。",
        "The database of terminal {terminal_id} is an old copy (such as an old disk image) that took money "
        "under entry numbers head office already holds. These {held} entries (¥{money_fen} received) are in "
        "head office's quarantine: not booked, not lost, waiting for review. This PC stops taking money. IT "
        "restores it with python main.py restore from the backup and head office, then a supervisor reviews "
        "the quarantined entries.",
    ),
    "sync.tampered_row": (
        "总部账务中心中用户 {customer_no} 的数据在签名后被改动：本机上传的该用户 {held} 笔流水（{money_fen} 元）"
        "已由总部收存、不会丢失，但暂不入账，已转总部核查；请信息部门核查总部数据库。",
        "Head office's rows of customer {customer_no} were changed after they were signed: this PC's {held} "
        "entries for the customer (¥{money_fen}) are stored at head office and not lost, but are not booked "
        "until head office has checked them; IT checks head office's database.",
    ),
    "sync.fork_two_pcs": (
        "终端号 {terminal_id} 同时被两台电脑使用：总部登记的是另一台电脑的密钥，本机（密钥 {fingerprint}…）"
        "不是那台。本机的 {held} 笔流水（收款 {money_fen} 元）已存入总部隔离区，不计入账务、"
        "不会丢失，待核查；本机停止收费。请信息部门为本机开通一个新的终端号（重新开通），"
        "再由主管核查隔离区的流水。",
        "Terminal {terminal_id} is used by two PCs: head office holds the other PC's key, not this one's "
        "(key {fingerprint}...). This PC's {held} entries (¥{money_fen} received) are in head office's "
        "quarantine: not booked, not lost, waiting for review. This PC stops taking money. IT provisions a new "
        "terminal id for it, then a supervisor reviews the quarantined entries.",
    ),
    # the backup's status (app/backup.py)
    "backup.off": (
        "未设置备份位置：本机故障时未上传的收费可能丢失",
        "No backup location set: payments not yet uploaded may be lost if this PC fails",
    ),
    "backup.missing": (
        "备份位置不可用（U 盘或共享未连接），上次备份 {age}",
        "Backup location unavailable (USB drive or share not connected), last backup {age}",
    ),
    "backup.failed_detail": ("备份失败：{detail}", "Backup failed: {detail}"),
    "backup.failed": ("备份失败，上次备份 {age}", "Backup failed, last backup {age}"),
    "backup.stale": (
        "备份已过期：上次备份 {age}，有 {behind} 笔流水未备份",
        "Backup out of date: last backup {age}, {behind} entries not backed up",
    ),
    "backup.behind": ("备份中：{behind} 笔流水待备份", "Backing up: {behind} entries to copy"),
    "backup.ok": ("已备份（{age}）", "Backed up ({age})"),
    "backup.after_command": ("已记账，但{error}", "Recorded, but {error}"),
    "age.none": ("无", "never"),
    "age.seconds": ("{n} 秒前", "{n} s ago"),
    "age.minutes": ("{n} 分钟前", "{n} min ago"),
    "age.hours": ("{n} 小时前", "{n} h ago"),
    "age.days": ("{n} 天前", "{n} days ago"),
    "sync.once_done": (
        "上传 {pushed} 笔，下载 {pulled} 条，待上传 {pending} 笔",
        "Uploaded {pushed} entries, downloaded {pulled} rows, {pending} waiting to upload",
    ),
    "backup.no_path": (
        "未设置备份位置；请在 config.toml 的 [backup] 中填写 path（U 盘或网络共享）。",
        "No backup location set; fill in path under [backup] in config.toml (USB drive or share).",
    ),
    # the card (app/card.py) and the IC-card purchase (app/services/recharge.py)
    "card.check.ok": ("卡片正常，可以购电。", "The card is fine: power can be bought."),
    "card.check.blank": (
        "这是一张未发行的空白卡，请先办理发卡或补卡。",
        "This is a blank card that was never issued; issue or replace the card first.",
    ),
    "card.check.retired": (
        "此卡已挂失作废，不能购电，请收回此卡并使用补发的新卡。",
        "This card was reported lost and is void; keep it and use the replacement card.",
    ),
    "card.check.wrong_customer": (
        "此卡属于用户 {card_customer}，不是当前办理的用户 {customer}，请核对卡片。",
        "This card belongs to customer {card_customer}, not to {customer}; check the card.",
    ),
    "card.check.bad_mac": (
        "卡内购电记录校验失败，卡片可能被改写，请收卡并交稽查人员处理。",
        "The card's purchase record fails its check and may have been altered; keep the card "
        "and hand it to the inspectors.",
    ),
    "card.check.meter_mismatch": (
        "电表返写的购电次数（{meter_count}）与卡内购电次数（{card_count}）不符，请交稽查人员处理。",
        "The meter wrote back purchase count {meter_count} but the card holds {card_count}; hand it to the "
        "inspectors.",
    ),
    "card.check.not_loaded": (
        "上次购电（第 {card_count} 次）尚未插入电表，请用户先将卡插入电表，再来购电。",
        "The last purchase (number {card_count}) is not in the meter yet; the customer inserts the card in the "
        "meter first, then buys again.",
    ),
    "card.amount_range": (
        "购电金额必须大于零且不超过卡片上限。",
        "The purchase must be more than zero and within the card's limit.",
    ),
    "card.count_full": (
        "此卡购电次数已达上限，请办理换卡。",
        "This card has reached its purchase count limit; replace the card.",
    ),
    "card.reversed_on_card": (
        "凭证 {receipt_no} 的购电已冲正，但卡内已写入该笔购电；请收卡并交主管处理。",
        "The purchase of receipt {receipt_no} was reversed but is on the card; keep the card "
        "and call a supervisor.",
    ),
    "card.pending_conflict": (
        "卡内购电记录与本机待写卡记录（凭证 {receipt_no}，第 {purchase_count} 次购电）不符，不能补写卡；请收卡并交主管处理。",
        "The card's purchase record differs from the write waiting here (receipt {receipt_no}, purchase "
        "{purchase_count}); it cannot be rewritten. Keep the card and call a supervisor.",
    ),
    "card.readback_mismatch": (
        "补写卡后读回的卡内记录不符（凭证 {receipt_no}），请重新插卡再试。",
        "The card read back after the rewrite does not match (receipt {receipt_no}); insert "
        "the card again and retry.",
    ),
    "card.postpaid_customer": (
        "用户 {customer_no} 不是费控（IC卡）用户，不能IC卡购电；请按电费缴费办理。",
        "Customer {customer_no} has no prepaid (IC card) meter; take a bill payment instead.",
    ),
    "card.single_limit": (
        "单次购电不能超过 {limit_fen} 元；请改小金额。",
        "One purchase may not exceed ¥{limit_fen}; lower the amount.",
    ),
    "card.hoard_limit": (
        "电表剩余 {hoard_fen} 元，再购 {amount_fen} 元将超过囤积上限 {limit_fen} 元；本次最多可购 {most_fen} 元。",
        "The meter holds ¥{hoard_fen}; another ¥{amount_fen} would pass the holding limit of ¥{limit_fen}. "
        "At most ¥{most_fen} can be bought now.",
    ),
    "card.meter_no_mismatch": (
        "卡内表号 {card_meter} 与用户档案表号 {meter} 不符；请核对卡片或联系主管。",
        "The card's meter no. {card_meter} differs from the customer's meter no. {meter}; "
        "check the card or call a supervisor.",
    ),
    # the card reader and the card's answers (cardreader/)
    "reader.named": ("读卡器（{name}）", "Card reader ({name})"),
    "reader.no_pyscard": (
        "未安装 pyscard（PC/SC 支持），读卡器不可用，请联系信息部门。",
        "pyscard (PC/SC support) is not installed: the card reader cannot be used; call IT.",
    ),
    "reader.no_service": (
        "读卡器服务未运行（pcscd），请联系信息部门启动读卡服务。",
        "The card reader service (pcscd) is not running; call IT to start it.",
    ),
    "reader.timeout": (
        "读卡器无响应，请拔插读卡器后重试。",
        "The card reader does not answer; unplug it, plug it back in and retry.",
    ),
    "reader.unknown_state": ("读卡器状态未知：{detail}", "Card reader state unknown: {detail}"),
    "reader.not_found": ("找不到读卡器，请检查读卡器连接。", "No card reader found; check its cable."),
    "reader.not_found_named": (
        "找不到名称含“{match}”的读卡器，请检查读卡器连接。",
        'No card reader named like "{match}" found; check its cable.',
    ),
    "reader.state_failed": (
        "读卡器状态读取失败（{detail}）。",
        "Could not read the card reader's state ({detail}).",
    ),
    "reader.disconnected": (
        "读卡器已断开，请检查读卡器连接。",
        "The card reader was disconnected; check its cable.",
    ),
    "reader.read_failed": (
        "读卡失败（{detail}），请重新插卡后重试。",
        "Reading the card failed ({detail}); insert the card again and retry.",
    ),
    "reader.key_short": (
        "config.toml 中 [card] master_key_hex 太短（至少 32 个十六进制字符）；请联系信息部门。",
        "[card] master_key_hex in config.toml is too short (at least 32 hex digits); call IT.",
    ),
    "reader.bad_timeout": (
        "读卡器设置有误：[card] timeout_s 应为秒数，而不是“{value}”。",
        'Card reader setting wrong: [card] timeout_s is a number of seconds, not "{value}".',
    ),
    "reader.bad_kind": (
        "读卡器设置有误：[card] kind 应为 simulated 或 pcsc，而不是“{kind}”。",
        'Card reader setting wrong: [card] kind is simulated or pcsc, not "{kind}".',
    ),
    "card.no_card": ("读卡器上没有卡，请插入购电卡。", "No card in the reader; insert the purchase card."),
    "card.removed": (
        "卡片在读写过程中被拔出，请重新插卡后重试。",
        "The card was pulled out while in use; insert it again and retry.",
    ),
    "card.sw.not_found": (
        "这不是本系统的购电卡（找不到 HallPay 应用），请换卡。",
        "This is not a HallPay purchase card (no HallPay application); use another card.",
    ),
    "card.sw.serial_mismatch": (
        "读卡器上的卡已被换成另一张卡，请放回原卡后重试。",
        "The card in the reader was swapped for another; put the first card back and retry.",
    ),
    "card.sw.security": (
        "此卡已发行过，不能再次发卡；补卡请使用新的空白卡。",
        "This card was already issued and cannot be issued again; use a new blank card.",
    ),
    "card.sw.conditions": (
        "卡片状态不允许此操作（空白卡或应用未选择），请核对卡片。",
        "The card's state does not allow this (blank card or application not selected); check the card.",
    ),
    "card.sw.wrong_data": (
        "卡片拒绝了写入的数据（购电次数不连续），请核对卡片与营业厅记录。",
        "The card refused the data (purchase counts not consecutive); check the card against "
        "the hall's records.",
    ),
    "card.sw.other": (
        "卡片拒绝了操作（{step}，状态字 {sw_hex}），请重新插卡后重试。",
        "The card refused the operation ({step}, status word {sw_hex}); insert it again and retry.",
    ),
    "card.bad_answer": (
        "卡片应答异常（{step}），请重新插卡后重试。",
        "The card gave a malformed answer ({step}); insert it again and retry.",
    ),
    "card.bad_serial": ("卡号无法识别，请换卡。", "The card number cannot be read; use another card."),
    "card.bad_length": (
        "卡片文件长度不对（{step}），请换卡。",
        "A card file has the wrong length ({step}); use another card.",
    ),
    "card.bad_format": (
        "卡内数据格式错误，卡片可能损坏，请交稽查人员处理。",
        "The card's data is malformed and the card may be damaged; hand it to the inspectors.",
    ),
    "card.cloned": (
        "卡内记录的卡号与芯片卡号不符，卡片可能被复制，请收卡并交稽查人员处理。",
        "The card number on file differs from the chip's and the card may be a copy; keep it and hand "
        "it to the inspectors.",
    ),
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
    "risk.large": (
        "非居民大额用户（月均电费 {monthly_fen} 元）且欠费",
        "large non-residential customer (¥{monthly_fen} a month) in arrears",
    ),
    "risk.oldest": ("最长逾期 {days} 天（>{limit}）", "oldest bill {days} days overdue (>{limit})"),
    "sep.or": ("或", " or "),
    # PINs and approvals (app/auth.py, app/services/approvals.py)
    "pin.format": ("密码须为 6 到 12 位数字。", "A PIN is 6 to 12 digits."),
    "pin.repeated": (
        "密码不能是同一个数字重复；请换一个密码。",
        "A PIN may not repeat one digit; choose another.",
    ),
    "pin.sequence": (
        "密码不能是连续数字；请换一个密码。",
        "A PIN may not be a run of digits; choose another.",
    ),
    "pin.locked": (
        "{who} 的密码连续输错次数过多，已锁定至 {until}；请稍后再试或请主管处理。",
        "Too many wrong PINs for {who}: locked until {until}. Try later or ask a supervisor.",
    ),
    "pin.wrong": (
        "{who} 的密码不正确；再错 {remaining} 次将锁定 {minutes} 分钟。",
        "Wrong PIN for {who}; {remaining} more wrong and it locks for {minutes} minutes.",
    ),
    "pin.unknown_person": (
        "本终端没有工号为 {who} 的人员；请核对工号。",
        "Nobody has ID {who} on this terminal; check the ID.",
    ),
    "pin.inactive": (
        "{who} 已停用，不能{purpose}；请联系营业厅主管。",
        "{who} is deactivated and may not do this ({purpose}); ask the hall supervisor.",
    ),
    "pin.none_set": (
        "{who} 尚未设置密码，不能{purpose}；请由系统管理员设置初始密码。",
        "{who} has no PIN yet and may not do this ({purpose}); an administrator sets a first PIN.",
    ),
    "pin.one_time": (
        "{who} 正在使用总部下发的一次性密码，须先设置自己的密码：python main.py clerk pin"
        "（或在收费窗口登录时按提示修改）。",
        "{who} is using head office's one-time PIN and must set their own first: python main.py clerk "
        "pin (or as the counter window's login asks).",
    ),
    "pin.just_changed": (
        "{who} 的密码刚刚被修改；请重新输入密码。",
        "The PIN of {who} was just changed; type it again.",
    ),
    "pin.role": (
        "{who} 是{role}，不能{action}；需要{needed_labels}。",
        "{who} is a {role} and may not do this ({action}); it needs a {needed_labels}.",
    ),
    "approve.missing": (
        "{action}需要主管审批；请填写主管工号和密码。",
        "This needs a supervisor's approval ({action}); fill in the supervisor's ID and PIN.",
    ),
    "approve.unknown": (
        "本终端没有工号为 {who} 的人员；请核对主管工号。",
        "Nobody has ID {who} on this terminal; check the supervisor's ID.",
    ),
    "approve.self": (
        "{action}不能由经办人自己审批；请由另一位主管审批。",
        "The clerk who acts may not approve it ({action}); another supervisor approves.",
    ),
    "approve.not_supervisor": (
        "{who} 不是主管，不能审批{action}；请由班长或营业厅主管审批。",
        "{who} is not a supervisor and may not approve this ({action}); ask the shift "
        "leader or the hall supervisor.",
    ),
    "sep.enum": ("、", ", "),
    # amounts and the cash count (app/money.py, app/cash.py)
    "amount.invalid": (
        "“{text}” 不是有效金额；请输入元为单位、最多两位小数的金额，如 123.45。",
        '"{text}" is not an amount; type yuan with at most two decimals, such as 123.45.',
    ),
    "amount.over_cap": (  # any amount typed (a float too: domain P3-5), not only a payment
        "{text} 元超过系统可受理的金额上限（1 亿元）；请核对金额。",
        "¥{text} is above the largest amount HallPay takes (100,000,000.00); check it.",
    ),
    "count.bad_denomination": (
        "{denomination_fen} 元不是可清点的券别；券别为 {all_list}。",
        "¥{denomination_fen} is not a denomination; the denominations are {all_list}.",
    ),
    "count.bad_pieces": (
        "{denomination_fen} 元的张数 {pieces} 不合理；请重新清点。",
        "{pieces} pieces of ¥{denomination_fen} is not plausible; count again.",
    ),
    "count.empty": (
        "请按“券别x张数”填写点钞结果，如 100x5,50x2,0.5x3；没有现金时填 100x0。",
        "Type the count as denomination x pieces, such as 100x5,50x2,0.5x3; no cash at all is 100x0.",
    ),
    "count.bad_item": (
        "“{item}”不是“券别x张数”的格式；请按 100x5,50x2,0.5x3 这样填写。",
        '"{item}" is not denomination x pieces; type it like 100x5,50x2,0.5x3.',
    ),
    "count.bad_item_denomination": (
        "“{item}”中的券别无效；券别为 {all_list}。",
        'The denomination in "{item}" is not valid; the denominations are {all_list}.',
    ),
    "count.not_denomination": (
        "“{item}”中的 {yuan} 元不是可清点的券别；券别为 {all_list}。",
        '¥{yuan} in "{item}" is not a denomination; the denominations are {all_list}.',
    ),
    # the shift and the day (app/services/shift_close.py)
    "shift.over": ("长款 {amount_fen} 元", "over by ¥{amount_fen}"),
    "shift.short": ("短款 {amount_fen} 元", "short by ¥{amount_fen}"),
    "shift.even": ("账款相符", "cash matches"),
    "shift.none_to_close": (
        "收费员 {clerk_id} 没有未结的班次；无需结班。",
        "Clerk {clerk_id} has no open shift; there is nothing to close.",
    ),
    "shift.reason_needed": (
        "点钞结果与应有现金不符（{difference}）；请填写原因后再结班。",
        "The count differs from the expected cash ({difference}); type a reason, then close.",
    ),
    "shift.changed_meanwhile": (
        "结班时应有现金或差额规则刚有变化；请重新点钞后再结班。",
        "The expected cash or the difference rule just changed; count again, then close.",
    ),
    "day.no_shifts": (
        "{business_day} 没有班次，无需签认。",
        "{business_day} has no shifts; nothing to sign off.",
    ),
    "day.shifts_open": (
        "班次 {shifts} 尚未结班；全部结班后才能签认日结。",
        "Shifts {shifts} are still open; the day is signed off once every shift is closed.",
    ),
    "day.signed_already": (
        "{business_day} 的日结已由 {who} 签认，不能重复签认。",
        "{business_day} was already signed off by {who}.",
    ),
    "day.changed_meanwhile": (
        "{business_day} 的班次刚有变化；请重新签认日结。",
        "The shifts of {business_day} just changed; sign the day off again.",
    ),
    "shift.negative_float": ("备用金不能为负数。", "The float cannot be negative."),
    "shift.unknown_clerk": (
        "本终端没有工号为 {clerk_id} 的收费员。",
        "No clerk has ID {clerk_id} on this terminal.",
    ),
    "shift.already_open": (
        "收费员 {clerk_id} 已有未结班次 {shift_id}；请先结班。",
        "Clerk {clerk_id} already has open shift {shift_id}; close it first.",
    ),
    "customer.not_found": (
        "没有户号为 {customer_no} 的用户；请核对电费单上的户号，或按姓名、电话、地址查找。",
        "There is no customer no. {customer_no}; check the number on the bill, or search by "
        "name, phone or address.",
    ),
    "waiver.reason_needed": ("违约金减免必须填写原因。", "A late-fee waiver needs a reason."),
    "waiver.too_much": (
        "减免金额 {waiver_fen} 元超出应收违约金 {fees_fen} 元；请核对减免金额。",
        "The waiver of ¥{waiver_fen} is more than the late fees due, ¥{fees_fen}; check it.",
    ),
    "card.replace_not_blank": (
        "读卡器中的卡已发行给用户，补卡请插入一张空白卡。",
        "The card in the reader was already issued; insert a blank card to replace a card.",
    ),
    "card.replace_no_meter": (
        "用户 {customer_no} 的档案没有表号，不能补卡；请联系主管核对档案。",
        "Customer {customer_no} has no meter no. on file, so no card can be issued; ask a "
        "supervisor to check the record.",
    ),
    "card.replace_serial_used": (
        "这张空白卡的卡号在本终端已使用过，不能再发行；请换一张新卡。",
        "This blank card's number was already used on this terminal; use another new card.",
    ),
    "lookup.empty": (
        "请输入户号、卡号、电话、姓名或地址。",
        "Type a customer no., card no., phone, name or address.",
    ),
    "lookup.too_short": ("请至少输入两个字再查找。", "Type at least two characters to search."),
    "receipt.not_found": (
        "没有编号为 {receipt_no} 的收费凭证；请核对凭证号。",
        "There is no receipt no. {receipt_no}; check the number.",
    ),
    # reversal (冲正, app/services/reversal.py)
    "void.reason_needed": ("冲正必须填写原因。", "A reversal needs a reason."),
    "void.not_payment": (
        "凭证 {receipt_no} 不是收费凭证，不能冲正。",
        "Receipt {receipt_no} is not a payment receipt and cannot be reversed.",
    ),
    "void.done_already": (
        "凭证 {receipt_no} 已于第 {seq} 号流水冲正，不能重复冲正。",
        "Receipt {receipt_no} was already reversed by entry {seq}.",
    ),
    "void.other_shift": (
        "凭证 {receipt_no} 属于班次 {shift_id}，不在收费员 {clerk_id} 当前的班次内；"
        "已结班次不能冲正，更正请在新班次中作为新业务办理。",
        "Receipt {receipt_no} belongs to shift {shift_id}, not to clerk {clerk_id}'s open shift; "
        "a closed shift cannot be reversed, correct it as new business in a new shift.",
    ),
    "void.entry_missing": (
        "凭证 {receipt_no} 的原始流水缺失；请联系信息部门核查后再冲正。",
        "The journal entry of receipt {receipt_no} is missing; call IT before reversing it.",
    ),
    "void.no_customer": (
        "没有户号为 {customer_no} 的用户；不能冲正。",
        "There is no customer no. {customer_no}; the receipt cannot be reversed.",
    ),
    "void.balance_spent": (
        "该笔缴费形成的预存 {delta_fen} 元已被使用（当前余额 {balance_fen} 元），不能冲正；请主管核查后另行处理。",
        "The ¥{delta_fen} this payment added to the balance was already used (balance now "
        "¥{balance_fen}); it cannot be reversed. A supervisor checks and handles it.",
    ),
    "void.bill_adjusted": (
        "凭证 {receipt_no} 所缴账期 {period} 的电费已被总部调整，不能在柜台冲正；请联系主管。",
        "The {period} bill paid by receipt {receipt_no} was adjusted by head office and cannot "
        "be reversed at the counter; call a supervisor.",
    ),
    "void.on_card": (
        "凭证 {receipt_no} 的购电已写入IC卡，不能冲正；电量已进入电表，如需退费请按退费流程办理。",
        "The purchase of receipt {receipt_no} is on the IC card and cannot be reversed; the power is "
        "in the meter, a refund follows the refund procedure.",
    ),
    "void.card_needed": (
        "凭证 {receipt_no} 的购电尚未确认写入IC卡；请先插入用户的IC卡读卡，确认卡内没有该笔购电后再冲正。",
        "The purchase of receipt {receipt_no} is not confirmed on the IC card; insert the customer's card "
        "so the counter can read that the purchase is not on it, then reverse.",
    ),
    "void.card_other": (
        "读卡器中的卡（户号 {card_customer}）不是凭证 {receipt_no} 购电所用的用户 {customer_no} 的卡；"
        "请插入该用户的卡，未冲正。",
        "The card in the reader (customer {card_customer}) is not the card customer {customer_no} bought "
        "on with receipt {receipt_no}; insert that customer's card. Nothing was reversed.",
    ),
    "void.card_replaced": (
        "卡 {serial} 已补卡停用，凭证 {receipt_no} 的购电已转到新卡，不能冲正；请主管核查。",
        "Card {serial} was replaced and retired; the purchase of receipt {receipt_no} moved to the new "
        "card and cannot be reversed. A supervisor checks it.",
    ),
    # stop-power notices (app/services/notices.py)
    "notice.not_found": (
        "没有编号为 {notice_id} 的停电通知；请核对编号。",
        "There is no stop-power notice {notice_id}; check the number.",
    ),
    "notice.wrong_state": (
        "停电通知 {notice_id} 当前状态为“{state}”，不能办理此操作。",
        "Stop-power notice {notice_id} is {state}: this cannot be done now.",
    ),
    "notice.open_already": (
        "用户 {customer_no} 已有未结的停电通知，不能重复提出。",
        "Customer {customer_no} already has an open stop-power notice.",
    ),
    "notice.not_overdue": (
        "用户 {customer_no} 没有逾期超过 {days} 天的欠费（最长逾期 {oldest} 天），不能提出停电通知。",
        "Customer {customer_no} owes nothing more than {days} days overdue (oldest {oldest} "
        "days): no stop-power notice can be proposed.",
    ),
    "notice.bad_serve_method": (
        "送达方式“{method_name}”无效；可选：{choices_list}。",
        '"{method_name}" is not a way to serve a notice; choose {choices_list}.',
    ),
    "notice.remind_early": (
        "停电前再次通知应在 {stop_from} 停电前一天起办理；现在还早。",
        "The reminder before the stop is due from the day before {stop_from}; it is too early.",
    ),
    # settings (app/services/settings_change.py) and the collection report's month
    "settings.language": ("界面语言只能是 zh_CN 或 en。", "The language is zh_CN or en."),
    "settings.terminal_id": ("终端号不能为空。", "The terminal id cannot be empty."),
    "settings.printer_kind": (
        "打印机类型只能是 none、file、network、usb 或 serial。",
        "The printer type is none, file, network, usb or serial.",
    ),
    "settings.width": ("纸宽只能是 58 或 80 毫米。", "The paper width is 58 or 80 mm."),
    "settings.card_kind": (
        "读卡器类型只能是 simulated 或 pcsc。",
        "The card reader type is simulated or pcsc.",
    ),
    "settings.idle_lock": (
        "自动锁屏时间应为不小于 0 的整数秒（0 = 不自动锁屏）。",
        "The idle lock delay is a whole number of seconds, 0 or more (0 = never).",
    ),
    "settings.unchanged": ("设置没有变化，无需保存。", "Nothing changed; there is nothing to save."),
    "pin.same": ("新密码不能与原密码相同。", "The new PIN must differ from the old one."),
    "collection.month": (
        "月份“{text}”无效；请写成 YYYY-MM，例如 {example}。",
        '"{text}" is not a month; write YYYY-MM, such as {example}.',
    ),
    # the command line's own lines (cli/), in the terminal's language
    "cli.paid": (
        "{receipt_no}  {customer_no} {name}  {method} {amount_fen}  找零 {change_fen}  余额 {balance_fen}",
        "{receipt_no}  {customer_no} {name}  {method} {amount_fen}  change {change_fen}  balance {balance_fen}",
    ),
    "cli.paid_kept": ("  零钱转预存 {kept_fen}", "  change to balance {kept_fen}"),
    "cli.paid_offset": ("  预收冲抵 {offset_fen}", "  prepaid offset {offset_fen}"),
    "cli.not_printed": ("凭证未打印：{reason}", "Receipt not printed: {reason}"),
    "cli.reprint_failed": (
        "凭证 {receipt_no} 未能打印：{reason}",
        "Receipt {receipt_no} did not print: {reason}",
    ),
    "cli.reprinted": ("{receipt_no} 已重打", "{receipt_no} reprinted"),
    "cli.reversed": (
        "已冲正 {receipt_no}：退款 {refund_fen} 元（{method}），流水 {seq}",
        "Reversed {receipt_no}: refund ¥{refund_fen} ({method}), entry {seq}",
    ),
    "cli.shift_opened": (
        "开班 {shift_id}（备用金 {float_fen} 元）",
        "Shift {shift_id} opened (float ¥{float_fen})",
    ),
    "cli.count_needed": (
        '结班需要点钞结果；请用 --count "100x5,50x2,0.5x3" 按券别填写张数。',
        'Closing needs the cash count; give --count "100x5,50x2,0.5x3" (pieces per denomination).',
    ),
    "cli.shift_closed": (
        "结班 {shift_id}：应有现金 {expected}，实点 {counted}，{difference}；应解款 {deposit}",
        "Shift {shift_id} closed: expected cash {expected}, counted {counted}, {difference}; "
        "deposit {deposit}",
    ),
    "cli.shift_status": (
        "班次 {shift_id}：应有现金 {expected_fen}",
        "Shift {shift_id}: expected cash {expected_fen}",
    ),
    "cli.signed_off": (
        "{business_day} 日结已由 {who} 签认（流水 {seq}）",
        "{business_day} signed off by {who} (entry {seq})",
    ),
    "cli.bad_day": (
        "“{text}”不是有效日期；请按 YYYY-MM-DD 填写，如 2026-11-23。",
        '"{text}" is not a date; write YYYY-MM-DD, such as 2026-11-23.',
    ),
    "cli.customer": (
        "{customer_no}  {name}  {address}  {phone}  余额 {balance_fen}",
        "{customer_no}  {name}  {address}  {phone}  balance {balance_fen}",
    ),
    "lookup.none": (
        "没有找到与“{query}”相符的用户；请核对户号、电话、姓名或地址。",
        'No customer matches "{query}"; check the customer no., phone, name or address.',
    ),
    "cli.pin_prompt": ("{who} 的密码：", "PIN of {who}: "),
    "cli.supervisor_pin_prompt": ("主管 {who} 的密码：", "PIN of supervisor {who}: "),
    "cli.pin_needed": (
        "请输入收费员 {who} 的密码（在终端中输入，或设置环境变量 HALLPAY_PIN）。",
        "Type the PIN of clerk {who} (at the terminal, or in the HALLPAY_PIN environment variable).",
    ),
    # a journal that should be there and is not: a restore or a power cut left its pieces (db/restore_swap.py)
    "store.restore_unfinished": (
        "{data_dir} 中有一次未完成的恢复（local.db.restoring），本机数据库不在：终端未启动。"
        "请重新运行 python main.py restore --from <备份位置>。",
        "{data_dir} holds an unfinished restore (local.db.restoring) and no local database, so the terminal "
        "did not start. Run python main.py restore --from <backup location> again.",
    ),
    "store.restore_leftovers": (
        "{data_dir} 中没有本机数据库，只有恢复前留下的 {aside}：为免建出一本空流水，终端未启动。"
        "请运行 python main.py restore --from <备份位置>，或请信息部门把 {aside} 改名为 local.db。",
        "{data_dir} has no local database, only {aside} kept by a restore; so as not to start an empty journal "
        "the terminal did not start. Run python main.py restore --from <backup location>, or have IT rename "
        "{aside} to local.db.",
    ),
    "store.wal_without_db": (
        "{data_dir} 中有流水的日志文件 local.db-wal，却没有数据库 local.db：为免建出一本空流水，终端未启动。"
        "请运行 python main.py restore --from <备份位置>，并把 local.db-wal 交信息部门保存。",
        "{data_dir} has the journal's log local.db-wal but no local.db; so as not to start an empty journal "
        "the terminal did not start. Run python main.py restore --from <backup location> and give local.db-wal "
        "to IT.",
    ),
    # the disk under the data directory, said from the command line instead of a traceback (cli/session.py)
    "disk.full": (
        "磁盘已满（{where}），本次操作未完成，已写的文件均完整；请清理磁盘空间后重试。",
        "The disk is full ({where}): this command did not finish and every file written is whole. Free some "
        "disk space and try again.",
    ),
    "disk.read_only": (
        "磁盘为只读（{where}），本次操作未完成，未写入任何内容；请联系信息部门检查磁盘。",
        "The disk is read-only ({where}): this command did not finish and wrote nothing. Ask IT to check the "
        "disk.",
    ),
    # an old copy of the local database refused at start (app/services/backup.py)
    "restore.behind": (
        "本机数据库的流水只到第 {head} 笔，而{source}已有本终端第 {seq} 笔：这是一份旧的数据库（如旧磁盘映像），"
        "继续使用会重复流水号和收据号，终端未启动。请运行 python main.py restore --from <备份位置> 恢复本机数据后再启动。",
        "The local database's journal ends at entry {head} but {source} holds entry {seq} of this terminal: this "
        "is an old copy (such as an old disk image) and would repeat entry and receipt numbers, so the terminal "
        "did not start. Run python main.py restore --from <backup location>, then start again.",
    ),
    "restore.other_db": (
        "本机数据库第 {seq} 笔流水与{source}记录的不一致：本机数据库不是本终端原来的那一份，终端未启动。"
        "请运行 python main.py restore --from <备份位置> 恢复本机数据后再启动。",
        "Entry {seq} of the local database differs from what {source} holds: this is not this terminal's own "
        "database, so the terminal did not start. Run python main.py restore --from <backup location>, then "
        "start again.",
    ),
    "cli.clerk_needed": ("请用 --clerk 指定工号。", "Name the clerk with --clerk."),
    "cli.old_pin_prompt": ("{who} 的原密码（或一次性密码）：", "Old PIN (or one-time PIN) of {who}: "),
    "cli.new_pin_prompt": ("{who} 的新密码（6 到 12 位数字）：", "New PIN of {who} (6 to 12 digits): "),
    "cli.again_prompt": ("再输入一次新密码：", "The new PIN again: "),
    "cli.pins_needed": (
        "请输入原密码和新密码（在终端中输入，或设置 HALLPAY_PIN 和 HALLPAY_NEW_PIN）。",
        "Type the old and the new PIN (at the terminal, or in HALLPAY_PIN and HALLPAY_NEW_PIN).",
    ),
    "cli.pins_differ": (
        "两次输入的新密码不一致；密码未修改。",
        "The two new PINs differ; the PIN is unchanged.",
    ),
    "cli.pin_changed": ("{who} 的密码已修改", "The PIN of {who} is changed"),
    "cli.adjust_needed": (
        "--reason 和 --supervisor 只用于总部退补调整；请同时加 --adjust。",
        "--reason and --supervisor are for head office's adjustments only; add --adjust too.",
    ),
    "file.missing": (
        "找不到{what}文件 {path}；请核对路径和文件名。",
        "No {what} file {path}; check the path and name.",
    ),
    "file.folder": (
        "{what}文件 {path} 是一个文件夹，不是 CSV 文件；请给出文件的路径。",
        "The {what} file {path} is a folder, not a CSV file; give the file's path.",
    ),
    "file.denied": (
        "没有权限读取{what}文件 {path}；请检查文件权限。",
        "No permission to read the {what} file {path}; check its permissions.",
    ),
    "file.unreadable": (
        "无法读取{what}文件 {path}（{detail}）。",
        "Cannot read the {what} file {path} ({detail}).",
    ),
    # head office's CSV files (app/importing.py)
    "import.file": ("{what}文件", "the {what} file"),
    "import.file_named": ("{what}文件 {source} ", "the {what} file {source}"),
    "import.where": ("{what}文件第 {line} 行", "Line {line} of the {what} file"),
    "import.where_named": ("{what}文件 {source} 第 {line} 行", "Line {line} of the {what} file {source}"),
    "import.utf16": (
        "{name}是 UTF-16 编码（Excel 的“Unicode 文本”）；请在 Excel 中另存为“CSV UTF-8”或“CSV”。",
        '{name} is UTF-16 (Excel\'s "Unicode text"); save it from Excel as "CSV UTF-8" or "CSV".',
    ),
    "import.encoding": (
        "{name}第 {line} 行既不是 UTF-8 也不是 GB18030/GBK 编码，无法读取；请在 Excel 中另存为“CSV UTF-8”后重新导入。",
        'Line {line} of {name} is neither UTF-8 nor GB18030/GBK; save it from Excel as "CSV UTF-8" '
        "and import again.",
    ),
    "import.empty": (
        "{where}应为表头 {header}，但文件是空的。",
        "{where} should be the header {header}, but the file is empty.",
    ),
    "import.unreadable": ("{where}无法读取（{detail}）。", "{where} cannot be read ({detail})."),
    "import.header": ("{where}：表头应为 {header}。", "{where}: the header should be {header}."),
    "import.columns": (
        "{where}：应有 {wanted} 列，实有 {found} 列。",
        "{where}: {wanted} columns expected, {found} found.",
    ),
    "import.no_rows": (
        "{where}起应有数据，但文件只有表头。",
        "{where}: data expected, but the file has only the header.",
    ),
    "import.customer_no": (
        "{where}：户号“{value}”应为 4–20 位数字。",
        '{where}: customer no. "{value}" should be 4-20 digits.',
    ),
    "import.required": ("{where}：{field}不能为空。", "{where}: the {field} cannot be empty."),
    "import.too_long": (
        "{where}：{field}不超过 {limit} 字。",
        "{where}: the {field} is at most {limit} characters.",
    ),
    "import.control": (
        "{where}：{field}含有控制字符（如换行、制表符）；请删去后重新导入。",
        "{where}: the {field} holds control characters (such as a line break or a tab); remove them "
        "and import again.",
    ),
    "import.duplicate_customer": (
        "{where}：户号 {customer_no} 重复。",
        "{where}: customer no. {customer_no} appears twice.",
    ),
    "import.phone": (
        "{where}：电话“{value}”格式不对（只能有数字、空格和 -，不超过 20 位）。",
        '{where}: phone "{value}" is malformed (digits, spaces and - only, at most 20).',
    ),
    "import.category": (
        "{where}：用电类别应为 {choices} 之一。",
        "{where}: the category should be one of {choices}.",
    ),
    "import.prepaid": ("{where}：prepaid 应为 0 或 1。", "{where}: prepaid should be 0 or 1."),
    "import.grade": (
        "{where}：风险等级应为 I、II、III 或空。",
        "{where}: the risk grade should be I, II, III or empty.",
    ),
    "import.due_invalid": (
        "{where}：缴费截止日“{value}”不是有效日期；应为 YYYY-MM-DD，如 2026-12-20。",
        '{where}: due date "{value}" is not a date; write YYYY-MM-DD, such as 2026-12-20.',
    ),
    "import.due_range": (
        "{where}：缴费截止日 {value} 不合理；应在 {earliest} 至 {latest} 之间。",
        "{where}: due date {value} is implausible; it should lie between {earliest} and {latest}.",
    ),
    "import.period": (
        "{where}：账期“{value}”应为 YYYY-MM（月份 01–12），如 2026-10。",
        '{where}: period "{value}" should be YYYY-MM (month 01-12), such as 2026-10.',
    ),
    "import.duplicate_bill": (
        "{where}：户号 {customer_no} 的账期 {period} 重复。",
        "{where}: customer no. {customer_no} has period {period} twice.",
    ),
    "import.kwh": (
        "{where}：电量“{value}”应为非负整数（半角数字，不超过 9 位）。",
        '{where}: kWh "{value}" should be a whole number, 0 or more (at most 9 digits).',
    ),
    "import.amount_cap": (
        "{where}：金额 {value} 超过单张账单上限；请核对。",
        "{where}: amount {value} is above the limit for one bill; check it.",
    ),
    "import.amount": (
        "{where}：金额“{value}”应为元，最多两位小数，如 123.45。",
        '{where}: amount "{value}" should be yuan with at most two decimals, such as 123.45.',
    ),
    # issue 26: another counter of the hall owes this card a purchase's write (app/card.with_owed_elsewhere)
    "card.check.owed_elsewhere": (
        "柜台 {terminal_id} 尚欠此卡第 {purchase_count} 次购电（{amount_fen} 元，票据 {receipt_no}）的写卡；"
        "请用户先到 {terminal_id} 插卡办理补写卡，本柜台不能再售电。",
        "Counter {terminal_id} still owes this card purchase number {purchase_count} (¥{amount_fen}, receipt "
        "{receipt_no}); the customer inserts the card at {terminal_id} first to finish that card write: no "
        "purchase can be sold here until then.",
    ),
}
# The split tables: the scanned payments' sentences, head office's files and commands (provisioning), the
# command line's own printed lines, a counter refusing what head office sent. A code defined twice would
# silently replace the other sentence (import.unreadable once lost its {where}): refuse it at import.
for _part in (
    WALLET_TABLE,
    OFFICE_TABLE,
    CLI_TABLE,
    PULL_TABLE,
    CONSOLE_TABLE,
    CONSOLE_PAGE_TABLE,
    CASES_TABLE,
    EDGE_TABLE,
):
    _twice = sorted(set(_part) & set(TABLE))
    if _twice:
        raise RuntimeError(f"message codes defined twice: {_twice}")
    TABLE.update(_part)

# Labels from app/ tables that reach a sentence as a parameter (LABEL_PARAMS) or a method: 中文 -> English.
LABELS_EN: dict[str, str] = {
    "现金": "Cash",
    "银行卡": "Bank card",
    "微信": "WeChat",
    "支付宝": "Alipay",
    "云闪付": "UnionPay",
    "支票": "Cheque",
    "Ⅰ级（高风险）": "Grade I (high risk)",
    "Ⅱ级（中风险）": "Grade II (medium risk)",
    "Ⅲ级（关注）": "Grade III (watch)",
    "100元": "¥100",
    "50元": "¥50",
    "20元": "¥20",
    "10元": "¥10",
    "5元": "¥5",
    "1元": "¥1",
    "5角": "¥0.50",
    "1角": "¥0.10",
    "5分": "¥0.05",
    "2分": "¥0.02",
    "1分": "¥0.01",
    "无风险等级": "no risk grade",
    "模拟读卡器": "Simulated reader",
    "POS 参考号": "POS reference",
    "微信交易单号": "WeChat transaction no.",
    "支付宝交易单号": "Alipay transaction no.",
    "云闪付交易单号": "UnionPay transaction no.",
    "支票号和开户行": "cheque no. and bank",
    # the type of a History row (app/services/history.py TYPE_LABELS)
    "缴费": "payment",
    "购电": "recharge",
    "补卡费": "card fee",
    "预收冲抵": "prepaid offset",
}

# What a PIN or an approval is for (check_pin's purpose, check_supervisor's action): 中文 -> English.
ACTIONS_EN: dict[str, str] = {
    "登录": "log in",
    "修改密码": "change the PIN",
    "解除锁定": "unlock",
    "冲正": "reversal",
    "违约金减免": "late-fee waiver",
    "日结签认": "day sign-off",
    "结班后重打凭证": "reprint after the shift",
    "停电审批": "stop-power notice",
    "扫码对账差异": "scanned-payment difference",
    "账单调整": "bill adjustment",
    "结班差额": "cash difference at close",
    "设置他人密码": "set another's PIN",
}
LABELS_EN.update(
    {
        "收费员": "clerk",
        "主管": "supervisor",
        "系统管理员": "administrator",
        **ACTIONS_EN,
        **{f"审批{zh}": f"approve {en}" for zh, en in ACTIONS_EN.items()},
    }
)

# Labels of the tables the sentences above take parameters from (each checked by tests/unit/test_message_table.py).
LABELS_EN.update(
    {
        # notice states and the ways to serve one (app/risk.py, app/services/notices.py)
        "已提出": "proposed",
        "已审批": "approved",
        "已送达": "served",
        "已再次通知": "reminded",
        "已撤销": "cancelled",
        "当面送达": "in person",
        "邮寄送达": "by post",
        "现场张贴": "posted on site",
        "短信通知": "by SMS",
        "电话通知": "by phone",
        # who saw the journal (app/services/backup.py Witness.source)
        "总部账务中心": "head office's ledger",
        "备份": "the backup",
        # head office's import files and their fields (app/importing.py)
        "用户": "customer",
        "人员": "clerk",
        "账单": "bill",
        "户名": "name",
        "地址": "address",
        "表号": "meter no.",
        # the ids and names head office provisions (app/provisioning.py check_id, check_name)
        "终端号": "terminal id",
        # the bill fields a pull refusal names (db/pull_checks.py)
        "金额": "amount",
        "缴费截止日": "due date",
        "电量": "kWh",
        "营业厅编号": "hall id",
        "营业厅名称": "hall name",
        "工号": "clerk id",
        "姓名": "name",
    }
)
