"""The sentences raised at the edges (db/, printing/, wallets/, ui/screenshot, the bench): code -> (中文, English).

Kept apart from app/message_table.py, which merges them into TABLE (issue 32: codes at every edge).
"""

from __future__ import annotations

EDGE_TABLE: dict[str, tuple[str, str]] = {
    "backup.place_unavailable": (
        "备份位置 {backup_dir} 不可用（U 盘未插或网络共享未连接），本次未备份。",
        "The backup place {backup_dir} is unavailable (USB stick not inserted or network share not connected); nothing was backed up this time.",
    ),
    "backup.copy_check_failed": (
        "备份副本校验未通过（{check}），已保留上一份备份。",
        "The backup copy failed its check ({check}); the previous backup is kept.",
    ),
    "backup.copy_failed": (
        "备份到 {backup_dir} 失败（{error}），已保留上一份备份。",
        "Backing up to {backup_dir} failed ({error}); the previous backup is kept.",
    ),
    "office.no_hall": (
        "没有编号为 {hall_id} 的营业厅；请先执行 central hall add {hall_id} --name 名称。",
        "There is no hall numbered {hall_id}; run central hall add {hall_id} --name NAME first.",
    ),
    "office.no_terminal": (
        "总部没有终端 {terminal_id}；请先执行 central terminal add {terminal_id} --hall 营业厅编号。",
        "Head office has no terminal {terminal_id}; run central terminal add {terminal_id} --hall HALL first.",
    ),
    "office.no_clerk": (
        "总部没有工号为 {clerk_id} 的人员；请核对工号。",
        "Head office has no clerk numbered {clerk_id}; check the number.",
    ),
    "office.region_bad": (
        "区域不能为空，且不超过 64 个字。",
        "The region must not be empty and has at most 64 characters.",
    ),
    "office.hall_exists": (
        "营业厅 {hall_id} 已存在；不能重复创建。",
        "Hall {hall_id} already exists; it cannot be created twice.",
    ),
    "office.terminal_taken": (
        "终端号 {terminal_id} 已被使用；一个终端号只能属于一台电脑，请换一个终端号。",
        "Terminal id {terminal_id} is already in use; a terminal id belongs to one computer only, choose another.",
    ),
    "office.no_pending_key": (
        "终端 {terminal_id} 没有待批准的密钥 {key_fingerprint}；请用 central terminals 核对指纹。",
        "Terminal {terminal_id} has no key {key_fingerprint} awaiting approval; check the fingerprint with central terminals.",
    ),
    "office.no_key": (
        "终端 {terminal_id} 没有指纹为 {key_fingerprint} 的密钥；请用 central terminals 核对。",
        "Terminal {terminal_id} has no key with fingerprint {key_fingerprint}; check with central terminals.",
    ),
    "office.key_already_revoked": (
        "终端 {terminal_id} 的密钥 {key_fingerprint} 已经停用。",
        "Key {key_fingerprint} of terminal {terminal_id} is already revoked.",
    ),
    "office.clerk_exists": (
        "工号 {clerk_id} 已存在；如需新密码请用 central clerk reset-pin {clerk_id}。",
        "Clerk number {clerk_id} already exists; for a new PIN use central clerk reset-pin {clerk_id}.",
    ),
    "office.no_clerk_nor_takings": (
        "总部没有工号为 {clerk_id} 的人员，也没有他收费的记录；请核对工号。",
        "Head office has no clerk numbered {clerk_id} and no takings of theirs; check the number.",
    ),
    "office.key_revoked": (
        "终端 {terminal_id} 的密钥 {key_fingerprint} 已被总部停用，不能再登记。",
        "Head office revoked key {key_fingerprint} of terminal {terminal_id}; it cannot be registered again.",
    ),
    "office.terminal_unapproved": (
        "总部尚未批准终端 {terminal_id}；请总部执行 central terminal approve {terminal_id} 后重试。",
        "Head office has not approved terminal {terminal_id} yet; ask head office to run central terminal approve {terminal_id}, then try again.",
    ),
    "case.unknown_decision": ("未知的处理方式：{decision}", "Unknown decision: {decision}"),
    "case.reason_needed": ("请填写处理理由。", "Give a reason for the decision."),
    "case.not_found": ("没有待查事项 {case_id}。", "There is no open case {case_id}."),
    "case.already_decided": (
        "待查事项 {case_id} 已于 {resolved_at} 由 {resolved_by} 处理，不能再改；如需更正，请另行登记新的处理。",
        "Case {case_id} was decided at {resolved_at} by {resolved_by} and cannot be changed; to correct it, record a new decision.",
    ),
    "case.only_overpaid": (
        "只有重复缴费（多收款项）才能转预存或退款；告警请在处理后确认。",
        "Only a duplicate payment (money taken twice) can go to the balance or be refunded; acknowledge alarms once handled.",
    ),
    "case.overpaid_needs_choice": (
        "多收款项须决定转预存或退款。",
        "Money taken twice must go to the balance or be refunded.",
    ),
    "case.decided_meanwhile": (
        "待查事项 {case_id} 刚被他人处理，不能再改。",
        "Case {case_id} was just decided by someone else and cannot be changed.",
    ),
    "case.balance_short": (
        "用户 {customer_no} 的总部预存余额（{balance_fen} 元）已不足退款金额，多收款项已被抵扣电费；请转预存处理。",
        "Customer {customer_no}'s balance at head office ({balance_fen} yuan) no longer covers the refund: the overpayment has paid for electricity; put it to the balance instead.",
    ),
    "demo.already_seeded": (
        "本终端已有演示用户；如需重新生成，请使用新的数据目录。",
        "This terminal already has demo customers; to generate them again use a new data directory.",
    ),
    "keys.too_open": (
        "终端密钥文件 {path} 的权限过宽（{mode}），其他用户可以读取；请执行 chmod 600 后重试。",
        "The terminal key file {path} is readable by others ({mode}); run chmod 600 on it and try again.",
    ),
    "keys.not_ed25519": (
        "终端密钥文件 {path} 不是 Ed25519 密钥；请联系信息部门。",
        "The terminal key file {path} is not an Ed25519 key; call the IT department.",
    ),
    "provision.journal_bad": (
        "总部留存的终端 {terminal_id} 流水校验未通过（{problem}），未恢复；请信息部门核查。",
        "The journal of terminal {terminal_id} kept by head office failed its check ({problem}); nothing was restored; ask the IT department to look into it.",
    ),
    "restore.no_copy": (
        "{backup_dir} 中没有终端 {terminal_id} 的备份（*-local.db）。",
        "{backup_dir} holds no backup (*-local.db) of terminal {terminal_id}.",
    ),
    "restore.no_place": (
        "找不到备份位置 {backup_dir}；请插入备份 U 盘或连接网络共享后重试。",
        "The backup place {backup_dir} cannot be found; insert the backup USB stick or connect the network share and try again.",
    ),
    "restore.db_check_failed": (
        "恢复出的数据库校验未通过（{check}），未恢复。",
        "The restored database failed its check ({check}); nothing was restored.",
    ),
    "restore.held_elsewhere": (
        "{fork}（本机不能收费；sync 与 verify 仍可运行。）",
        "{fork} (This terminal cannot take money; sync and verify still run.)",
    ),
    "restore.copy_unreadable": (
        "备份文件 {copy} 无法读取（{error}）；请换一份备份。",
        "The backup file {copy} cannot be read ({error}); use another backup.",
    ),
    "restore.journal_broken": (
        "备份中的流水已损坏（{problem}）；请换一份备份。",
        "The journal in the backup is damaged ({problem}); use another backup.",
    ),
    "restore.journal_check_failed": (
        "恢复后的流水校验未通过（{problem}），未恢复。",
        "The restored journal failed its check ({problem}); nothing was restored.",
    ),
    "restore.not_this_journal": (
        "备份第 {seq} 笔流水与总部账务中心的记录不一致：这份备份不属于本终端的这条流水，未恢复。",
        "Journal entry {seq} of the backup differs from head office's accounting centre's record: this backup is not of this terminal's journal; nothing was restored.",
    ),
    "printer.not_number": (
        "[printer] {key} 应为数字，而不是 {value}",
        "[printer] {key} should be a number, not {value}",
    ),
    "printer.bad_kind": (
        "[printer] kind 应为 {kinds} 之一，而不是 “{kind}”",
        '[printer] kind should be one of {kinds}, not "{kind}"',
    ),
    "printer.bad_width": (
        "[printer] width_mm 应为 58 或 80，而不是 {width_mm}",
        "[printer] width_mm should be 58 or 80, not {width_mm}",
    ),
    "printer.bad_mode": (
        "[printer] mode 应为 text 或 image，而不是 “{mode}”",
        '[printer] mode should be text or image, not "{mode}"',
    ),
    "printer.bad_timeout": (
        "[printer] timeout_s 应在 0 到 30 秒之间，而不是 {timeout_s}",
        "[printer] timeout_s should be between 0 and 30 seconds, not {timeout_s}",
    ),
    "printer.bad_drawer": (
        "[printer] cash_drawer 应为 true 或 false",
        "[printer] cash_drawer should be true or false",
    ),
    "printer.bad_port": (
        "[printer] port 应为 1 到 65535 的整数，而不是 {port}",
        "[printer] port should be a whole number from 1 to 65535, not {port}",
    ),
    "printer.not_number_quoted": (
        "[printer] {key} 应为数字，而不是 “{value}”",
        '[printer] {key} should be a number, not "{value}"',
    ),
    "printer.no_host": (
        "找不到打印机地址 {host}，请检查打印机设置",
        "The printer address {host} cannot be found; check the printer settings",
    ),
    "printer.connect_timeout": (
        "连接打印机（{where}）超时，请检查打印机电源和网线后重打",
        "Connecting to the printer ({where}) timed out; check its power and network cable, then print again",
    ),
    "printer.connect_refused": (
        "连接不上打印机（{where}），请检查打印机电源和网线后重打",
        "The printer ({where}) cannot be connected to; check its power and network cable, then print again",
    ),
    "printer.no_response": (
        "{device}没有响应，请检查打印机电源和连线后重打",
        "The {device} does not respond; check the printer's power and cable, then print again",
    ),
    "printer.open_failed": (
        "打开{device}失败，请检查打印机电源和连线后重打（{error}）",
        "Opening the {device} failed; check the printer's power and cable, then print again ({error})",
    ),
    "printer.send_failed": (
        "向{device}发送失败，凭证可能没有打完，请检查打印机后重打",
        "Sending to the {device} failed and the receipt may be incomplete; check the printer, then print again",
    ),
    "wallet.alipay_statement_format": (
        "支付宝对账单格式无法识别（缺少交易号、订单号、业务类型或金额列）。",
        "The Alipay statement's format is not recognised (no trade number, order number, business type or amount column).",
    ),
    "wallet.alipay_statement_refused": (
        "支付宝对账单不可用：{detail}",
        "The Alipay statement is not available: {detail}",
    ),
    "keyfile.too_open": (
        "{what}文件 {path} 的权限过宽（{mode}）；请执行 chmod 600 {path} 后重试。",
        "The {what} file {path} is readable by others ({mode}); run chmod 600 {path} and try again.",
    ),
    "keyfile.not_private": (
        "{what}文件 {path} 不是 RSA 私钥。",
        "The {what} file {path} is not an RSA private key.",
    ),
    "keyfile.not_public": (
        "{what}文件 {path} 不是 RSA 公钥。",
        "The {what} file {path} is not an RSA public key.",
    ),
    "keyfile.unreadable": (
        "{what}文件 {path} 无法读取；请检查 config.toml 中的路径。",
        "The {what} file {path} cannot be read; check the path in config.toml.",
    ),
    "keyfile.bad_private": (
        "{what}文件 {path} 不是有效的 RSA 私钥（PEM 或 base64）。",
        "The {what} file {path} is not a valid RSA private key (PEM or base64).",
    ),
    "keyfile.bad_public": (
        "{what}文件 {path} 不是有效的 RSA 公钥（PEM 或 base64）。",
        "The {what} file {path} is not a valid RSA public key (PEM or base64).",
    ),
    "wallet.wechat_statement_format": (
        "微信对账单格式无法识别（缺少订单号、状态或金额列）。",
        "The WeChat statement's format is not recognised (no order number, state or amount column).",
    ),
    "wallet.answer_not_ours": (
        "应答的 appid / mch_id 不是本商户的",
        "the answer's appid / mch_id are not this merchant's",
    ),
    "wallet.wechat_statement_refused": (
        "微信对账单不可用：{detail}",
        "The WeChat statement is not available: {detail}",
    ),
    "wallet.answer_not_xml": ("应答不是有效的 XML", "the answer is not valid XML"),
    "screenshot.no_page": (
        "没有名为 {page} 的页面；可用：{pages}。",
        "There is no page named {page}; available: {pages}.",
    ),
    "screenshot.unwritable": ("无法写入 {out}。", "{out} cannot be written."),
    "wallet.statement_failed": (
        "无法取得{acquirer} {day} 的对账单（{error}）；请稍后重试。",
        "The {acquirer} statement of {day} cannot be had ({error}); try again later.",
    ),
    # the local store's failures (db/uow.py store_error)
    "store.busy": (
        "本机数据库被其他程序占用，本次操作未记录；请稍后重试。",
        "The local database is in use by another program; nothing was recorded; try again shortly.",
    ),
    "store.disk_full": (
        "本机磁盘已满，本次操作未记录；请清理磁盘空间后重试。",
        "This PC's disk is full; nothing was recorded; free some disk space and try again.",
    ),
    "store.read_only": (
        "本机数据库为只读，本次操作未记录；请联系信息部门检查数据目录。",
        "The local database is read-only; nothing was recorded; ask the IT department to check the data directory.",
    ),
    "store.failed": (
        "本机数据库出错（{detail}），本次操作未记录。",
        "The local database failed ({detail}); nothing was recorded.",
    ),
    # a network printer's link breaking (printing/network.py)
    "printer.stopped_mid_job": (
        "打印中打印机停止响应，凭证可能没有打完，请检查打印机后重打",
        "The printer stopped responding while printing and the receipt may be incomplete; check the printer, then print again",
    ),
    "printer.host_silent": (
        "打印机（{where}）没有响应，请检查打印机后重打",
        "The printer ({where}) does not respond; check the printer, then print again",
    ),
    "printer.cut_mid_job": (
        "打印中与打印机的连接断开，凭证可能没有打完，请检查打印机后重打",
        "The link to the printer broke while printing and the receipt may be incomplete; check the printer, then print again",
    ),
    "printer.cut": (
        "与打印机（{where}）的连接断开，请检查打印机后重打",
        "The link to the printer ({where}) broke; check the printer, then print again",
    ),
    "wallet.answer_unsigned": ("应答签名无效", "the answer's signature is invalid"),
    # the simulation's injected faults (bench/simulate/faults.py)
    "sim.link_cut": ("模拟：连接在上传前中断", "Simulated: the link was cut before the push"),
    "sim.reply_lost": ("模拟：总部已提交，应答丢失", "Simulated: head office committed, the reply was lost"),
}
