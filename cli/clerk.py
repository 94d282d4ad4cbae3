"""`python main.py clerk pin`: a clerk sets their own PIN (issue 17). The old PIN (or head office's one-time
PIN) from HALLPAY_PIN, the new one from HALLPAY_NEW_PIN, or both typed at the prompt (never echoed)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.errors import InputError
from cli.output import read_secret, say
from cli.render import emit_json


def add_parser(sub: Any) -> None:
    p = sub.add_parser("clerk", help="the clerk's own PIN")
    p.add_argument("action", choices=["pin"])
    p.add_argument("--data-dir", type=Path, default=None)
    p.add_argument("--clerk", default=None, help="clerk id (default: config's clerk)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run, alone=None)


def run(w: Any, args: argparse.Namespace) -> int:
    from app.services.clerk_pin import set_own_pin

    clerk = (args.clerk or w.config.clerk or "").strip()
    if not clerk:
        raise InputError("请用 --clerk 指定工号。")
    old = read_secret("HALLPAY_PIN", f"{clerk} 的原密码（或一次性密码）：")
    new = read_secret("HALLPAY_NEW_PIN", f"{clerk} 的新密码（6 到 12 位数字）：")
    if not old or not new:
        raise InputError("请输入原密码和新密码（在终端中输入，或设置 HALLPAY_PIN 和 HALLPAY_NEW_PIN）。")
    if sys.stdin is not None and sys.stdin.isatty():
        again = read_secret("HALLPAY_NEW_PIN", "再输入一次新密码：")
        if again != new:
            raise InputError("两次输入的新密码不一致；密码未修改。")
    session = set_own_pin(w.ctx, clerk, old, new)
    if args.json:
        emit_json({"clerk_id": session.clerk_id, "changed": True})
    else:
        say(f"{session.clerk_id} 的密码已修改")
    return 0
