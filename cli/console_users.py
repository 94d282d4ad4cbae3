"""`python main.py console user add|password|disable|enable|list` (and the older `console add-user`): head office's
console users, for IT on the server. A new password comes from HALLPAY_CONSOLE_PASSWORD or is asked twice; a
password change and a disable end the user's sessions at once (console/sessions.py)."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from app.errors import HallPayError
from app.messages import Phrase, Voice, coded, voice
from cli.output import add_lang, language_of
from console.users import ROLES, add_user, list_users, set_disabled, set_password
from db.central.store import CentralStore

PASSWORD_ENV = "HALLPAY_CONSOLE_PASSWORD"
ACTIONS = ("add", "password", "disable", "enable", "list")


def common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--central", default=None, help="the central ledger's SQLAlchemy URL (default: embedded central.db)"
    )
    p.add_argument("--data-dir", type=Path, default=None, help="where the embedded central.db lies")
    add_lang(p)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="hallpay console user", description="总部管理台用户")
    p.add_argument("action", choices=ACTIONS)
    p.add_argument("name", nargs="?", default="")
    p.add_argument("--role", choices=ROLES, default=None)
    p.add_argument("--json", action="store_true", help="list: one JSON object")
    common(p)
    return p


def _new_password(name: str, v: Voice) -> str:
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        password = getpass.getpass(v.say("console_user.password_prompt", {"name": name}), stream=sys.stderr)
        if getpass.getpass(v.say("console_user.again_prompt", {}), stream=sys.stderr) != password:
            raise coded(HallPayError, "console.pin_mismatch")
    return password


def run(argv: list[str], opener: Callable[[str | None, Path | None], CentralStore]) -> int:
    """One user action; `opener(central, data_dir)` opens the ledger (cli/console.py's open_store)."""
    args = parser().parse_args(argv)
    v = voice(language_of(args))
    if args.action != "list" and not args.name:
        parser().error(v.say("console_user.name_needed", {"action": args.action}))
    if args.action == "add" and args.role is None:
        parser().error(v.say("console_user.role_needed", {}))
    password = _new_password(args.name, v) if args.action in ("add", "password") else ""
    store = opener(args.central, args.data_dir)
    try:
        engine = store.engine
        if args.action == "add":
            user = add_user(engine, args.name, args.role, password, store.clock.now_utc())
            print(v.say("console_user.added", {"name": user.name, "role": user.role}))
        elif args.action == "password":
            sessions = set_password(engine, args.name, password)
            print(v.say("console_user.password_set", {"name": args.name, "sessions": sessions}))
        elif args.action == "disable":
            sessions = set_disabled(engine, args.name, True)
            print(v.say("console_user.disabled", {"name": args.name, "sessions": sessions}))
        elif args.action == "enable":
            set_disabled(engine, args.name, False)
            print(v.say("console_user.enabled", {"name": args.name}))
        else:
            rows = list_users(engine)
            if args.json:
                print(json.dumps({"users": [r.__dict__ for r in rows]}, ensure_ascii=False))
            for r in [] if args.json else rows:
                state = Phrase(
                    "console_user.state_disabled" if r.disabled else "console_user.state_enabled", {}
                )
                row = {"name": r.name, "role": r.role, "sessions": r.sessions, "created_at": r.created_at}
                print(v.say("console_user.row", {**row, "state": state}))
    finally:
        store.close()
    return 0
