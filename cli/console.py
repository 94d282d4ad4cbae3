"""`python main.py console [serve] [--central URL] [--port 8080] [--proxies 1] [--production]`, `console check`, and
`console user …` (cli/console_users.py; `console add-user NAME --role R` is `console user add`).

The console is served by waitress (console/deploy.py says why). With no --central (and no HALLPAY_CENTRAL_URL)
it opens the embedded centre of the terminal's data directory (--data-dir, default the counter's): the demo
terminal's central.db. Its cookie key is console.secret beside head office's key (console/secret.py).
`--production` (or HALLPAY_CONSOLE_PRODUCTION=1) runs `console check` first and refuses to start on any unsafe
setting; the cookie is then always Secure and every answer carries HSTS."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app.errors import HallPayError
from app.messages import Phrase, coded, spoken, voice
from cli import console_users
from cli.console_users import PASSWORD_ENV
from cli.output import language_of
from console.deploy import THREADS, Deployment, findings
from db.central.store import CentralStore

PRODUCTION_ENV = "HALLPAY_CONSOLE_PRODUCTION"
__all__ = ["PASSWORD_ENV", "main", "open_store"]


def parser(prog: str = "hallpay console") -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=prog,
        description="总部管理台（网页）",
        epilog="用户：python main.py console user add|password|disable|enable|list …；"
        "生产检查：python main.py console check --central URL --proxies 1",
    )
    console_users.common(p)
    p.add_argument("--host", default="127.0.0.1", help="listen here (default: loopback, behind nginx)")
    p.add_argument("--port", type=int, default=8080)
    p.add_argument(
        "--proxies",
        type=int,
        default=int(os.environ.get("HALLPAY_CONSOLE_PROXIES", "0") or 0),
        help="how many proxies in front (nginx: 1) are trusted for X-Forwarded-For and -Proto; default 0",
    )
    p.add_argument("--threads", type=int, default=THREADS)
    p.add_argument("--secret-file", type=Path, default=None, help="the cookie key (default: beside hq.key)")
    p.add_argument(
        "--production",
        action="store_true",
        default=os.environ.get(PRODUCTION_ENV, "") not in ("", "0"),
        help="refuse to start on an unsafe setting (see `console check`); cookie always Secure, HSTS",
    )
    return p


def open_store(central: str | None, data_dir: Path | None, default_dir: Path) -> CentralStore:
    url = central if central is not None else os.environ.get("HALLPAY_CENTRAL_URL", "")
    directory = data_dir or default_dir
    if not url and not (directory / "central.db").exists():
        raise coded(HallPayError, "console.no_ledger", directory=directory)
    return CentralStore.open(url, directory)


def _language(argv: list[str]) -> str:
    """--lang zh|en, found before the arguments are parsed: a refusal may come first."""
    for i, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return language_of(argparse.Namespace(lang=arg.split("=", 1)[1]))
        if arg == "--lang" and i + 1 < len(argv):
            return language_of(argparse.Namespace(lang=argv[i + 1]))
    return language_of(argparse.Namespace())


def _check(args: argparse.Namespace, store: CentralStore) -> list[str]:
    """`console check`'s sentences, one per unsafe setting ([] when fit for production)."""
    from console.users import list_users

    deployment = Deployment(
        host=args.host,
        proxies=args.proxies,
        embedded=store.embedded,
        hq_key=store.hq is not None,
        users=sum(1 for u in list_users(store.engine) if not u.disabled),
    )
    v = voice(language_of(args))
    return [v.say(code, params) for code, params in findings(deployment)]


def _secret(args: argparse.Namespace, store: CentralStore) -> bytes:
    from console.secret import load_or_create_secret, secret_path

    return load_or_create_secret(secret_path(store.engine.url, args.secret_file))


def main(argv: list[str], default_dir: Path) -> int:
    try:
        if argv and argv[0] in ("user", "add-user"):
            rest = argv[1:] if argv[0] == "user" else ["add", *argv[1:]]
            return console_users.run(rest, lambda central, data: open_store(central, data, default_dir))
        checking = bool(argv) and argv[0] == "check"
        if argv and argv[0] in ("check", "serve"):
            argv = argv[1:]
        args = parser().parse_args(argv)
        store = open_store(args.central, args.data_dir, default_dir)
        try:
            return _check_only(args, store) if checking else _serve(args, store)
        finally:
            store.close()
    except HallPayError as error:  # the central ledger's errors too (CentralUnavailable, CentralRefused)
        print(spoken(error, _language(argv)), file=sys.stderr)
        return 2


def _check_only(args: argparse.Namespace, store: CentralStore) -> int:
    _secret(args, store)  # a key file others may read is refused here too
    problems = _check(args, store)
    for line in problems:
        print(line)
    v = voice(language_of(args))
    print(
        v.say("console_check.failed", {"count": len(problems)}) if problems else v.say("console_check.ok", {})
    )
    return 1 if problems else 0


def _serve(args: argparse.Namespace, store: CentralStore) -> int:
    from console.deploy import make_server
    from console.web import create_app

    secret = _secret(args, store)
    if args.production:
        problems = _check(args, store)
        if problems:
            for line in problems:
                print(line, file=sys.stderr)
            print(
                voice(language_of(args)).say("console_check.failed", {"count": len(problems)}),
                file=sys.stderr,
            )
            return 2
    app = create_app(
        store.engine, secure=args.production, secret_key=secret, hq=store.hq, proxies=args.proxies
    )
    server = make_server(app, args.host, args.port, args.threads)
    ledger = Phrase("console.ledger_embedded" if store.embedded else "console.ledger_postgres", {})
    said = {"url": f"http://{args.host}:{server.effective_port}/", "ledger": ledger, "threads": args.threads}
    print(voice(language_of(args)).say("console.serving", said), file=sys.stderr)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    return 0
