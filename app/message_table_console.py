"""Head office's console: its users' commands and the production check (issue 31): code -> (中文, English).

Kept apart from app/message_table.py, which merges them into TABLE.
"""

from __future__ import annotations

CONSOLE_TABLE: dict[str, tuple[str, str]] = {
    # console users (console/users.py, cli/console_users.py)
    "console_user.bad_name": ("用户名须为 1–32 个字符。", "A user name has 1 to 32 characters."),
    "console_user.bad_role": ("角色须为 {roles} 之一。", "The role is one of {roles}."),
    "console_user.short_password": (
        "密码至少 {minimum} 个字符。",
        "A password has at least {minimum} characters.",
    ),
    "console_user.exists": ("用户 {name} 已存在。", "The user {name} exists already."),
    "console_user.unknown": ("没有用户 {name}。", "There is no user {name}."),
    "console_user.added": ("已新增用户 {name}（{role}）", "User {name} added ({role})"),
    "console_user.disabled": (
        "已停用用户 {name}，结束其 {sessions} 个会话。",
        "User {name} disabled; {sessions} session(s) ended.",
    ),
    "console_user.enabled": ("已启用用户 {name}。", "User {name} enabled."),
    "console_user.password_set": (
        "已为 {name} 设置新密码，结束其 {sessions} 个会话。",
        "New password set for {name}; {sessions} session(s) ended.",
    ),
    # the console's secret key file (console/secret.py)
    "console_secret.too_open": (
        "管理台密钥文件 {path} 的权限过宽（{mode}），其他用户可以读取；请执行 chmod 600 后重试。",
        "The console's key file {path} is readable by others ({mode}); run chmod 600 on it and try again.",
    ),
    "console_secret.bad": (
        "管理台密钥文件 {path} 内容不对（应为 32 字节以上）；请删除它后重启（所有人须重新登录）。",
        "The console's key file {path} is damaged (32 bytes or more expected); delete it and restart "
        "(everyone logs in again).",
    ),
    "console_secret.nowhere": (
        "总部 PostgreSQL 的管理台密钥放在总部密钥旁：请设置 HALLPAY_HQ_KEY（如 /etc/hallpay/hq.key），"
        "或用 --secret-file 指定。",
        "On head office's PostgreSQL the console's key lies beside head office's key: set HALLPAY_HQ_KEY "
        "(such as /etc/hallpay/hq.key) or name it with --secret-file.",
    ),
    # `console check` (console/deploy_check.py)
    "console_check.ok": ("检查通过：可以用于生产。", "Checked: fit for production."),
    "console_check.failed": (
        "检查未通过：{count} 项不安全的设置，生产模式拒绝启动。",
        "Check failed: {count} unsafe setting(s); production mode refuses to start.",
    ),
    "console_check.embedded": (
        "总账是内置的 central.db（演示用）；生产请用 --central 指定总部 PostgreSQL。",
        "The ledger is the built-in central.db (for demos); production names head office's PostgreSQL "
        "with --central.",
    ),
    "console_check.no_hq_key": (
        "本进程没有总部密钥：退款等决定写出的行未经签名，所有柜台都会拒收；请设置 HALLPAY_HQ_KEY。",
        "This process has no head-office key: the rows a decision writes (refunds) are unsigned and every "
        "counter refuses them; set HALLPAY_HQ_KEY.",
    ),
    "console_check.no_proxy": (
        "未设置可信代理（--proxies 0）：生产中管理台须在 nginx 等 TLS 代理之后，Cookie 才会加 Secure、"
        "限流才按真实来源地址计数。",
        "No trusted proxy (--proxies 0): in production the console sits behind a TLS proxy such as nginx, "
        "so that the cookie is Secure and the throttle counts real source addresses.",
    ),
    "console_check.public_host": (
        "监听地址 {host} 不是本机回环地址：请只监听 127.0.0.1，由代理对外。",
        "Listening on {host}, not loopback: listen on 127.0.0.1 only and let the proxy face the network.",
    ),
    "console_check.no_users": (
        "还没有管理台用户：请先执行 console user add。",
        "There is no console user yet: run console user add first.",
    ),
}
