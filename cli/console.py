"""`python main.py console [--central URL] [--port 8080]` and `python main.py console add-user NAME --role R`

With no --central (and no HALLPAY_CENTRAL_URL), the console opens the embedded centre of the terminal's data
directory (--data-dir, default the counter's): the demo terminal's central.db."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from app.errors import HallPayError
from app.messages import coded
from console.users import ROLES, add_user
from db.central.store import CentralStore

PASSWORD_ENV = "HALLPAY_CONSOLE_PASSWORD"


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--central", default=None, help="the central ledger's SQLAlchemy URL (default: embedded central.db)"
    )
    p.add_argument("--data-dir", type=Path, default=None, help="where the embedded central.db lies")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="hallpay console",
        description="总部管理台（网页）",
        epilog="新增用户：python main.py console add-user NAME --role finance|it|manager "
        f"（密码从提示输入或 {PASSWORD_ENV}）",
    )
    _common(p)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8080)
    p.add_argument(
        "--cert", default=None, help="TLS certificate (PEM); with --key, served over https (Secure cookies)"
    )
    p.add_argument("--key", default=None)
    return p


def user_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="hallpay console add-user", description="新增总部管理台用户")
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=ROLES)
    _common(p)
    return p


def open_store(central: str | None, data_dir: Path | None, default_dir: Path) -> CentralStore:
    url = central if central is not None else os.environ.get("HALLPAY_CENTRAL_URL", "")
    directory = data_dir or default_dir
    if not url and not (directory / "central.db").exists():
        raise coded(HallPayError, "console.no_ledger", directory=directory)
    return CentralStore.open(url, directory)


def main(argv: list[str], default_dir: Path) -> int:
    try:
        if argv and argv[0] == "add-user":
            args = user_parser().parse_args(argv[1:])
            password = os.environ.get(PASSWORD_ENV)
            if password is None:
                password = getpass.getpass(f"{args.name} 的密码：", stream=sys.stderr)
                if getpass.getpass("再输入一次：", stream=sys.stderr) != password:
                    raise coded(HallPayError, "console.pin_mismatch")
            store = open_store(args.central, args.data_dir, default_dir)
            try:
                user = add_user(store.engine, args.name, args.role, password, store.clock.now_utc())
            finally:
                store.close()
            print(f"已新增用户 {user.name}（{user.role}）")
            return 0
        args = parser().parse_args(argv)
        from console.web import create_app

        store = open_store(args.central, args.data_dir, default_dir)
        tls = (args.cert, args.key) if args.cert and args.key else None
        app = create_app(store.engine, secure=tls is not None, hq=store.hq)
        print(
            f"总部管理台：{'https' if tls else 'http'}://{args.host}:{args.port}/（{store.describe()}）",
            file=sys.stderr,
        )
        app.run(host=args.host, port=args.port, ssl_context=tls, threaded=True)
        return 0
    except HallPayError as error:  # the central ledger's errors too (CentralUnavailable, CentralRefused)
        print(str(error), file=sys.stderr)
        return 2
