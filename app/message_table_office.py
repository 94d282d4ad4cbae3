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
    "console.no_ledger": (
        "{directory} 下没有内置总账 central.db；请用 --central 指定总部账务中心，或 --data-dir 指定终端数据目录。",
        "{directory} holds no built-in ledger central.db; name head office's ledger with --central, or a "
        "terminal's data folder with --data-dir.",
    ),
    "console.pin_mismatch": ("两次输入的密码不一致。", "The two passwords differ."),
    # provisioning a terminal (app/provisioning.py, cli/terminal.py)
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
    "terminal.rekey_official": (
        "只有正式终端需要更换密钥；演示和培训终端的流水不进入总部账务。",
        "Only a live terminal changes its key; a demo or training terminal's journal never reaches head office.",
    ),
}
