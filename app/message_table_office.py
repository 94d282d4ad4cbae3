"""Head office's and a terminal's set-up sentences (issue 16's codes): code -> (中文, English).

The integrity blacklist file, billing's imports, the central ledger's commands and terminal
provisioning; kept apart from app/message_table.py, which merges them into TABLE.
`what` is a label (app/message_table.py LABELS_EN); `problem` is a Phrase.
"""

from __future__ import annotations

OFFICE_TABLE: dict[str, tuple[str, str]] = {
    # the integrity blacklist file (app/services/blacklist.py)
    "blacklist.empty": (
        "诚信黑榜文件是空的；第 1 行应为表头：企业名称,统一社会信用代码,季度。",
        "The blacklist file is empty; its line 1 is the header: name,credit_code,quarter.",
    ),
    "blacklist.header": (
        "诚信黑榜文件第 1 行应为表头：企业名称,统一社会信用代码,季度（缺少 {missing}）。",
        "Line 1 of the blacklist file should be the header name,credit_code,quarter ({missing} is missing).",
    ),
    "blacklist.columns": (
        "诚信黑榜文件第 {line} 行：应有 {expected} 列，实为 {got} 列。",
        "Line {line} of the blacklist file has {got} columns, not {expected}.",
    ),
    "blacklist.no_name": (
        "诚信黑榜文件第 {line} 行：企业名称为空。",
        "Line {line} of the blacklist file has no company name.",
    ),
    "blacklist.bad_code": (
        "诚信黑榜文件第 {line} 行：统一社会信用代码“{credit_code}”无效（{problem}）。",
        'Line {line} of the blacklist file: the credit code "{credit_code}" is invalid ({problem}).',
    ),
    "blacklist.code_length": ("应为 18 位，实为 {got} 位", "it has {got} characters, not 18"),
    "blacklist.code_char": ("含无效字符“{char}”", 'it holds the invalid character "{char}"'),
    "blacklist.code_check": ("校验位应为 {check}", "its check character should be {check}"),
    "blacklist.bad_quarter": (
        "诚信黑榜文件第 {line} 行：季度“{quarter}”无效，应写成如 2026Q3。",
        'Line {line} of the blacklist file: the quarter "{quarter}" is invalid; write it as 2026Q3.',
    ),
    "blacklist.duplicate": (
        "诚信黑榜文件第 {line} 行：统一社会信用代码 {credit_code} 在 {quarter} 已出现于第 {first} 行。",
        "Line {line} of the blacklist file: credit code {credit_code} in {quarter} is on line {first} already.",
    ),
    "blacklist.unreadable": (
        "无法读取诚信黑榜文件 {path}：{error}。",
        "The blacklist file {path} cannot be read: {error}.",
    ),
    "blacklist.no_rows": (
        "诚信黑榜文件 {name} 没有数据行；未导入。",
        "The blacklist file {name} has no rows; nothing was imported.",
    ),
    # billing's files at a terminal and at head office (app/services/master_data.py, cli/central.py)
    "import.no_files": ("请给出 --customers 或 --bills 文件。", "Give a --customers or a --bills file."),
    "import.unknown_customer": (
        "账单文件第 {line} 行：户号 {customer_no} 不存在。",
        "Line {line} of the bill file: there is no customer {customer_no}.",
    ),
    "import.unknown_customer_in": (
        "账单文件 {source} 第 {line} 行：户号 {customer_no} 不存在。",
        "Bill file {source}, line {line}: there is no customer {customer_no}.",
    ),
    "import.unknown_at_office": (
        "账单文件第 {line} 行：户号 {customer_no} 在总部不存在。",
        "Line {line} of the bill file: head office has no customer {customer_no}.",
    ),
    "import.file_unreadable": (
        "无法读取{what}文件 {path}；请核对路径和文件名。",
        "The {what} file {path} cannot be read; check its path and name.",
    ),
    "adjust.reason_needed": (
        "账单调整必须填写原因（--reason）。",
        "A bill adjustment needs a reason (--reason).",
    ),
    # the process's clock (app/clock.py)
    "clock.bad_now": (
        "HALLPAY_NOW“{value}”不是带时区的时间；请按 2026-11-23T10:00:00+08:00 填写。",
        'HALLPAY_NOW "{value}" is not a time with a time zone; write it as 2026-11-23T10:00:00+08:00.',
    ),
    # head office's commands (cli/central.py, cli/console.py)
    "central.where": (
        "请用 --central 指定总部账务中心（如 postgresql+psycopg://hallpay@总部服务器/hallpay），"
        "或用 --data-dir 指定内置总账所在的目录。",
        "Name head office's ledger with --central (such as postgresql+psycopg://hallpay@server/hallpay), "
        "or the built-in ledger's folder with --data-dir.",
    ),
    "central.bad_action": (
        "central {group} 不支持“{action}”；可用：{choices}。",
        'central {group} has no "{action}"; it has: {choices}.',
    ),
    "central.no_actions": (
        "central {group} 不支持“{action}”；它没有子命令。",
        'central {group} has no "{action}"; it takes no action.',
    ),
    "central.id_needed": (
        "请给出编号：central {group} {action} 编号。",
        "Give the number: central {group} {action} NUMBER.",
    ),
    "central.option_missing": ("缺少 {option}；请补上后重试。", "{option} is missing; add it and try again."),
    # head office's key (db/central/hq_key.py, issue 27): never write rows counters pull without it
    "central.hq_key_missing": (
        "未找到总部签名密钥：请先在总部电脑上设置 {env}（总部密钥文件的路径，如 /srv/hallpay/hq.key）再执行；"
        "未作任何改动。",
        "Head office's signing key is not at hand: set {env} (the path of head office's key file, such as "
        "/srv/hallpay/hq.key) on head office's machine and run it again; nothing was changed.",
    ),
    "central.hq_key_not_found": (
        "{env} 指向的总部密钥文件 {path} 不存在，而总部账务中心已使用指纹为 {fingerprint} 的密钥；"
        "请把 {env} 指向该密钥文件后重试；未作任何改动。",
        "{env} names {path}, which does not exist, and head office's ledger already uses the key with "
        "fingerprint {fingerprint}; point {env} at that key file and try again; nothing was changed.",
    ),
    "central.hq_key_wrong": (
        "{env} 指向的总部密钥（指纹 {fingerprint}）不是总部账务中心使用的密钥（指纹 {published}）；"
        "请把 {env} 指向正确的密钥文件后重试；未作任何改动。",
        "The head-office key {env} names (fingerprint {fingerprint}) is not the one head office's ledger uses "
        "(fingerprint {published}); point {env} at the right key file and try again; nothing was changed.",
    ),
    "central.hq_key_created": (
        "已创建总部签名密钥 {path}（仅保存在总部；请妥善备份，并在总部各电脑上设置 {env} 指向它）。",
        "Head office's signing key was created at {path} (keep it at head office only; back it up, and set "
        "{env} to it on head office's machines).",
    ),
    # a forked terminal's quarantined entry posted to the books (db/central/quarantine_post.py, issue 27)
    "quarantine.reason_needed": (
        "请填写入账理由（--reason）；未作任何改动。",
        "Give the reason for posting it (--reason); nothing was changed.",
    ),
    "quarantine.not_found": (
        "总部隔离区没有流水 {entry_id}；请用 central quarantine 查看隔离的流水。",
        "Head office's quarantine holds no entry {entry_id}; list the held entries with central quarantine.",
    ),
    "quarantine.posted_already": (
        "隔离流水 {entry_id} 已于 {posted_at} 由 {posted_by} 入账，不能重复入账。",
        "The quarantined entry {entry_id} was posted by {posted_by} at {posted_at}; it cannot be posted twice.",
    ),
    "quarantine.not_postable": (
        "隔离流水 {entry_id}（{kind}）不是收费，不计入用户账户，不能入账；核查后请确认该告警。",
        "The quarantined entry {entry_id} ({kind}) is no payment and moves no customer's account, so it "
        "cannot be posted; acknowledge the alarm once checked.",
    ),
    "quarantine.altered": (
        "隔离流水 {entry_id} 的内容或签名与上传时不符（被改动），不能入账；请信息部门核查。",
        "The quarantined entry {entry_id} no longer matches its hash or signature (it was changed), so it "
        "cannot be posted; IT must look into it.",
    ),
    "quarantine.in_books": (
        "流水 {entry_id} 已在总部账中，不能再入账。",
        "The entry {entry_id} is in head office's books already; it cannot be posted again.",
    ),
    "quarantine.reversed": (
        "隔离流水 {entry_id} 已在副本上被冲正（终端 {terminal_id} 副本第 {seq} 笔），不能入账。",
        "The quarantined entry {entry_id} was voided on the copy (terminal {terminal_id}'s copy, entry "
        "#{seq}), so it cannot be posted.",
    ),
    "quarantine.raced": (
        "隔离流水 {entry_id} 刚被他人入账，不能重复入账。",
        "Someone else has just posted the quarantined entry {entry_id}; it cannot be posted twice.",
    ),
    "console.no_ledger": (
        "{directory} 下没有内置总账 central.db；请用 --central 指定总部账务中心，或 --data-dir 指定终端数据目录。",
        "{directory} holds no built-in ledger central.db; name head office's ledger with --central, or a "
        "terminal's data folder with --data-dir.",
    ),
    "console.pin_mismatch": ("两次输入的密码不一致。", "The two passwords differ."),
    # `central verify-books` (db/central/books.py): the stored books against the fold of every journal
    "books.difference": (
        "{stream} {key} 的 {field}：总部存储 {stored}，按流水重算为 {recomputed}。",
        "{stream} {key}, {field}: head office stores {stored}, the journals give {recomputed}.",
    ),
    "books.differ": (
        "共 {count} 处与全部流水的重算结果不符：请信息部门核查总部数据库（人工改动、暂不入账的流水）。",
        "{count} values differ from the fold of every journal: IT checks head office's database (edits by "
        "hand, entries held from the books).",
    ),
    # `central verify-books --repair` (db/central/repair.py): a held customer's rows written from the fold
    "books.repair_options": (
        "修复须指明用户和理由：central verify-books --repair --customer 用户号 --by 经办人 --reason 理由；"
        "未作任何改动。",
        "A repair names the customer and the reason: central verify-books --repair --customer NUMBER --by WHO "
        "--reason WHY; nothing was changed.",
    ),
    # `central project` (db/central/projector.py, issue 29): head office's projector, one line per run that folded
    "projector.folded": (
        "总部已入账 {applied} 笔流水（{batches} 批，账序位置 {position}，新开复核 {cases} 件）；尚待入账 {pending} 笔。",
        "Head office folded {applied} entries into the books ({batches} batches, position {position}, {cases} new "
        "review cases); {pending} still pending.",
    ),
    "projector.idle": (
        "没有待入账的流水（账序位置 {position}）。",
        "Nothing pending (position {position}).",
    ),
    "projector.interval": (
        "间隔须为正数秒（--interval）；未作任何改动。",
        "The interval is a positive number of seconds (--interval); nothing was changed.",
    ),
    "books.repair_reason": (
        "请填写修复理由（--reason）；未作任何改动。",
        "Give the reason for the repair (--reason); nothing was changed.",
    ),
    "books.repair_unknown": (
        "总部没有用户 {customer_no}；未作任何改动。",
        "Head office has no customer {customer_no}; nothing was changed.",
    ),
    "books.repair_unproven": (
        "用户 {customer_no} 的账不能仅凭流水重算证明（{stream} {key} 等 {count} 处：无初始数据、缺行，或流水未记入账序），"
        "请信息部门人工核查；未作任何改动。",
        "The books of customer {customer_no} cannot be proven by the fold of the journals alone ({stream} {key} "
        "and {count} in all: no seed, a missing row, or an entry outside the ledger's order); IT checks by hand; "
        "nothing was changed.",
    ),
    "books.repair_nothing": (
        "用户 {customer_no} 的总部存储值与流水重算一致，也没有暂不入账的流水；未作任何改动。",
        "Customer {customer_no}'s stored values equal the fold of the journals and nothing is held; nothing was "
        "changed.",
    ),
    "books.repaired": (
        "已按流水重算修复用户 {customer_no}：改正 {values} 处，放行暂不入账的流水 {released} 笔，新开待查事项 "
        "{opened} 件，总部记录第 {seq} 笔（总部签名）。",
        "Customer {customer_no} repaired from the fold of the journals: {values} values corrected, {released} "
        "held entries released, {opened} review cases opened; head office's record {seq} (signed by head "
        "office).",
    ),
    "books.ok": (
        "总部的用户余额和账单与全部流水的重算结果一致。",
        "Head office's balances and bills equal the fold of every journal.",
    ),
    # `central audit --recompute` and the console's audit page (db/central/audit_record.py): one sentence each
    "audit.balance": (
        "用户 {key} 的余额：总部存储 {stored} 元，按全部流水重算应为 {recomputed} 元。",
        "Customer {key}'s balance: head office stores {stored}, the fold of the journals gives {recomputed}.",
    ),
    "audit.category": (
        "用户 {key} 的用电类别：总部存储 {stored}，按全部流水重算应为 {recomputed}。",
        "Customer {key}'s category: head office stores {stored}, the fold of the journals gives {recomputed}.",
    ),
    "audit.bill_principal_paid": (
        "账单 {key} 的已缴电费：总部存储 {stored} 元，按全部流水重算应为 {recomputed} 元。",
        "Bill {key}'s principal paid: head office stores {stored}, the fold of the journals gives {recomputed}.",
    ),
    "audit.bill_fee_paid": (
        "账单 {key} 的已缴违约金：总部存储 {stored} 元，按全部流水重算应为 {recomputed} 元。",
        "Bill {key}'s late fee paid: head office stores {stored}, the fold of the journals gives {recomputed}.",
    ),
    "audit.bill_fee_waived": (
        "账单 {key} 的减免违约金：总部存储 {stored} 元，按全部流水重算应为 {recomputed} 元。",
        "Bill {key}'s late fee waived: head office stores {stored}, the fold of the journals gives "
        "{recomputed}.",
    ),
    "audit.bill_due_date": (
        "账单 {key} 的缴费截止日：总部存储 {stored}，按全部流水重算应为 {recomputed}。",
        "Bill {key}'s due date: head office stores {stored}, the fold of the journals gives {recomputed}.",
    ),
    "audit.bill_amount": (
        "账单 {key} 的应缴金额：总部存储 {stored} 元，按全部流水重算应为 {recomputed} 元。",
        "Bill {key}'s amount: head office stores {stored}, the fold of the journals gives {recomputed}.",
    ),
    "audit.bill_other": (
        "账单 {key} 的 {field}：总部存储 {stored}，按全部流水重算应为 {recomputed}。",
        "Bill {key}, {field}: head office stores {stored}, the fold of the journals gives {recomputed}.",
    ),
    "audit.refund": (
        "退款单 {key} 的 {field}：总部存储 {stored}，按总部退款指令和终端支付流水应为 {recomputed}。",
        "Refund {key}, {field}: head office stores {stored}, head office's order and the counters' pay-outs "
        "give {recomputed}.",
    ),
    "audit.refund_no_order": (
        "退款单 {key}（{stored} 元）没有对应的总部退款指令流水。",
        "Refund {key} ({stored}) has no refund order in head office's journal.",
    ),
    "audit.no_seed": (
        "总部存储的 {stream} {key} 没有初始导入数据可以解释。",
        "Head office's stored {stream} {key} is explained by no master data loaded.",
    ),
    "audit.no_row": (
        "按全部流水应有 {stream} {key}，总部存储中却没有这一行。",
        "The fold of the journals gives {stream} {key}, but head office stores no such row.",
    ),
    "audit.unordered": (
        "流水 {key}（{kind}）不在总部记账顺序中，无法用重算证明。",
        "Entry {key} ({kind}) is outside the ledger's order and cannot be proven by a recompute.",
    ),
    "audit.differ": (
        "共 {count} 处与全部流水的重算结果不符（重算 {customers} 户、{entries} 笔流水，用时 {seconds} 秒）："
        "请信息部门核查总部数据库。",
        "{count} values differ from the fold of the journals ({customers} customers, {entries} entries "
        "folded in {seconds} s): IT checks head office's database.",
    ),
    "audit.ok": (
        "总部存储的余额、账单和退款单与全部流水的重算结果一致（重算 {customers} 户、{entries} 笔流水，用时 {seconds} 秒）。",
        "Head office's balances, bills and refunds equal the fold of the journals ({customers} customers, "
        "{entries} entries folded in {seconds} s).",
    ),
    "audit.recompute_only": (
        "central audit 的 --customer 只用于 --recompute；未作任何改动。",
        "central audit takes --customer only with --recompute; nothing was changed.",
    ),
    # `central verify` (db/central/chain_checks.py): every central copy's chain, whole
    "chains.damaged": (
        "总部留存的终端 {terminal_id} 流水校验未通过（{problem}）：请信息部门核查总部数据库，并在该终端运行 python main.py verify。",
        "Head office's copy of terminal {terminal_id}'s journal fails the check ({problem}): IT checks head "
        "office's database and runs python main.py verify on that terminal.",
    ),
    "chains.ok": (
        "{count} 条流水链共 {entries} 笔全部核验完好（哈希链、内容哈希、签名）。",
        "All {count} chains, {entries} entries, verified intact (chain, content hash, signatures).",
    ),
    # `central backup` / `central restore-check` (db/central/backup.py)
    "hqbackup.tool_missing": (
        "找不到 {tool}：请安装 PostgreSQL 客户端（与总部数据库同一大版本），或用 HALLPAY_PG_BIN 指定其目录。",
        "{tool} was not found: install PostgreSQL's client programs (the server's major version), or name "
        "their folder with HALLPAY_PG_BIN.",
    ),
    "hqbackup.not_postgres": (
        "备份只用于总部的 PostgreSQL；内置总账 central.db 随终端数据目录一起备份。",
        "Backups are for head office's PostgreSQL; the built-in central.db is backed up with the terminal's "
        "data folder.",
    ),
    "hqbackup.failed": ("{tool} 失败：{detail}", "{tool} failed: {detail}"),
    "hqbackup.written": (
        "已备份总部账务中心到 {path}（{size} 字节）；请用 central restore-check 验证它能恢复。",
        "Head office's ledger backed up to {path} ({size} bytes); prove it restores with central restore-check.",
    ),
    "hqbackup.restored": (
        "备份 {path} 已恢复到临时数据库 {database}：{entries} 笔流水，{chains} 条流水链。",
        "The backup {path} restored into the scratch database {database}: {entries} journal entries, "
        "{chains} chains.",
    ),
    "hqbackup.no_file": ("备份文件 {path} 不存在。", "The backup file {path} does not exist."),
    "hqbackup.to_needed": ("请用 --to 指定备份文件。", "Name the backup file with --to."),
    "hqbackup.file_needed": (
        "请指定要验证的备份文件：central restore-check 文件 --central URL。",
        "Name the backup file to check: central restore-check FILE --central URL.",
    ),
    "hqbackup.problem": ("恢复的副本：{problem}", "The restored copy: {problem}"),
    "hqbackup.good": (
        "恢复演练通过：流水链完好，余额和账单与全部流水的重算一致。",
        "The restore drill passed: every chain intact, balances and bills equal the fold of every journal.",
    ),
    "hqbackup.bad": (
        "恢复演练未通过：{count} 处问题（见上）。这份备份不能作为可靠的恢复点。",
        "The restore drill failed: {count} problems (above). This backup is not a trustworthy restore point.",
    ),
    # a one-time PIN used up at two counters before either synced (db/central/clerk_pins.py)
    "case.one_time_pin_reused": (
        "{clerk_id} 的第 {issue} 个一次性密码在两台终端上都被用来设置了新密码（{first}；{second}）："
        "见过密码条的人可能冒用了该人员，请核实后为其重新下发一次性密码（central clerk reset-pin {clerk_id}）。",
        "{clerk_id}'s one-time PIN number {issue} was used to set a new PIN at two terminals ({first}; "
        "{second}): someone who saw the slip may have taken the clerk over; check, then issue a new one-time PIN "
        "(central clerk reset-pin {clerk_id}).",
    ),
    # provisioning a terminal (app/provisioning.py, cli/terminal.py)
    "terminal.restored_pins": (
        "各人员的密码已随总部数据恢复（旧电脑上改过但未同步的密码除外：该人员用改之前的密码登录）。",
        "The clerks' PINs came back with head office's data (except a PIN changed on the old PC and never "
        "synced: that clerk signs in with the PIN from before).",
    ),
    "terminal.awaiting_certification": (
        "本机密钥 {fingerprint} 已登记，待总部认证：总部下次执行任何 central 命令（如 central terminals）时"
        "自动认证；在此之前本机收费照常，流水暂存本机，同步时会说明原因。",
        "This PC's key {fingerprint} is registered and waits for head office's certificate: head office's next "
        "central command (such as central terminals) certifies it; until then payments go on and the entries "
        "wait on this PC, and a sync says why.",
    ),
    "provision.bad_id": (
        "{what}“{value}”无效：须为 1 到 16 位字母、数字、- 或 _。",
        'The {what} "{value}" is invalid: 1 to 16 letters, digits, - or _.',
    ),
    "provision.bad_name": (
        "{what}不能为空，且不超过 60 个字。",
        "The {what} must not be empty, nor longer than 60 characters.",
    ),
    "provision.bad_role": (
        "角色须为 clerk（收费员）、supervisor（主管）或 admin（系统管理员）。",
        "The role is clerk, supervisor or admin.",
    ),
    "terminal.central_needed": (
        "请用 --central 指定总部账务中心的地址（如 postgresql+psycopg://hallpay@总部服务器/hallpay）。",
        "Name head office's ledger with --central (such as postgresql+psycopg://hallpay@server/hallpay).",
    ),
    "terminal.dir_not_empty": (
        "数据目录 {data_dir} 不是空的；开通或恢复终端需要一个空目录（用 --data-dir 指定新目录）。",
        "The data folder {data_dir} is not empty; setting up or restoring a terminal needs an empty one "
        "(name a new folder with --data-dir).",
    ),
    "terminal.training_restore": (
        "培训终端不需要恢复：它的流水从不上传总部；请重新开通一台培训终端。",
        "A training terminal is never restored: its journal never goes to head office; set up a new one.",
    ),
    "terminal.not_data_dir": (
        "{data_dir} 不是终端的数据目录；请用 --data-dir 指定。",
        "{data_dir} is not a terminal's data folder; name it with --data-dir.",
    ),
    # what `terminal init|restore|rekey` prints (cli/terminal.py), in the configured language or --lang
    "terminal.provisioned": (
        "已开通终端 {terminal_id}（{hall_name}{training}）：人员 {clerks} 名，用户 {customers} 户",
        "Terminal {terminal_id} is set up ({hall_name}{training}): {clerks} clerks, {customers} customers",
    ),
    "terminal.restored": (
        "已恢复终端 {terminal_id}（{hall_name}{training}）：人员 {clerks} 名，用户 {customers} 户，"
        "流水 {entries} 笔，凭证 {receipts} 张",
        "Terminal {terminal_id} is restored ({hall_name}{training}): {clerks} clerks, {customers} customers, "
        "{entries} journal entries, {receipts} receipts",
    ),
    "terminal.training_note": ("，培训模式", ", training mode"),
    "terminal.fingerprint": ("本机密钥指纹 {fingerprint}", "This PC's key fingerprint: {fingerprint}"),
    "terminal.key_pending": (
        "本机新密钥 {fingerprint} 待总部批准后才能上传流水：central terminal approve {terminal_id} "
        "--fingerprint {fingerprint}",
        "This PC's new key {fingerprint} uploads entries once head office approves it: central terminal "
        "approve {terminal_id} --fingerprint {fingerprint}",
    ),
    "terminal.no_backup": (
        "未设置备份位置：请尽快在 config.toml 的 [backup] path 中填写 U 盘或网络共享。",
        "No backup location: set a USB disk or a network share as [backup] path in config.toml soon.",
    ),
    "terminal.rekeyed": (
        "终端 {terminal_id} 已换用新密钥 {fingerprint}（自第 {from_seq} 笔流水起；旧密钥 {old_fingerprint} "
        "签的流水仍可核验）{pending}",
        "Terminal {terminal_id} now signs with the new key {fingerprint} (from entry {from_seq} on; entries "
        "signed with the old key {old_fingerprint} stay verifiable){pending}",
    ),
    "terminal.rekey_pending": ("，待总部批准", ", waiting for head office's approval"),
    "terminal.rekey_official": (
        "只有正式终端需要更换密钥；演示和培训终端的流水不进入总部账务。",
        "Only a live terminal changes its key; a demo or training terminal's journal never reaches head office.",
    ),
    # `central projector [--mode inline|service]` (cli/central_mode.py, issue 29): the ledger's projector mode
    "projector.mode_is": (
        "本总账的入账方式为 {mode}{since}；尚待入账 {pending} 笔。",
        "This ledger's projector mode is {mode}{since}; {pending} entries pending.",
    ),
    "projector.mode_since": ("（{by} 于 {at} 设定）", " (set by {by} at {at})"),
    "projector.mode_set": (
        "本总账的入账方式已由 {before} 改为 {after}{folded}：各柜台下次上传起按此执行，不论其 config.toml 如何设置。",
        "This ledger's projector mode is now {after} (was {before}){folded}: every counter follows it from its next "
        "push, whatever its config.toml says.",
    ),
    "projector.mode_folded": (
        "；改前总部已先入账待入账的 {applied} 笔",
        "; head office first folded the {applied} pending entries",
    ),
    "projector.mode_same": (
        "本总账的入账方式已是 {mode}；未作任何改动。",
        "This ledger's projector mode is already {mode}; nothing was changed.",
    ),
    "audit.alarmed": (
        "已为 {count} 户开立数据被改动的复核事项（{customers}）：这些用户此后的流水暂不入账，直至修复。",
        "A review case of edited rows is open for {count} customers ({customers}): their later entries are held "
        "from the books until they are repaired.",
    ),
}
