"""What happens around every command: the terminal opened (bootstrap), its clerk logged in, the command run,
the backup after money, and a refusal told as one sentence on stderr with exit 2. main.py parses and calls
`dispatch`; in-process tests call it the same way.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app.errors import HallPayError
from app.messages import Phrase, coded, spoken, voice
from bootstrap import DEMO_GENERATED_CUSTOMERS, Services, default_data_dir, open_terminal
from cli.output import language_of, words

# Commands that act for nobody in particular; every other command logs its clerk in first (issue 8).
NO_LOGIN_COMMANDS = {
    "gui",
    "bench",
    "screenshot",
    "demo",
    "verify",
    "verify-receipt",
    "card-sim",
    "sync",
    "clerk",
}
# Commands that take no money: they open a journal a witness refuses, to hand it over or check it.
NO_WITNESS_COMMANDS = ("sync", "verify")
MONEY_COMMANDS = (
    "pay",
    "recharge",
    "reverse",
    "shift",
    "waive",
    "card",
    "import",
    "refund",
)  # import: offsets, adjustments


def dispatch(args: argparse.Namespace) -> int:
    """Run the parsed command: on the terminal of --data-dir with its clerk logged in, or alone.
    A refusal is said in the terminal's configured language (until the terminal is open: --lang, else Chinese)."""
    language = language_of(args)
    try:
        if args.alone is not None:
            return int(args.alone(args))
        services = open_for(args)
        language = services.config.language
        login(services, args)
        if args.command in MONEY_COMMANDS:  # a wallet payment a crash left open: query, record once or cancel
            from cli.wallet import resolve_pending

            resolve_pending(services, args)
        rc = int(args.func(services, args))
        after(services, args)
        return rc
    except HallPayError as error:
        print(spoken(error, language), file=sys.stderr)
        return 2
    except Exception as error:  # a full or read-only disk is one sentence; anything else stays a traceback
        from cli.disk import disk_trouble

        said = disk_trouble(error, Path(getattr(args, "data_dir", None) or default_data_dir()))
        if said is None:
            raise
        print(spoken(said, language), file=sys.stderr)
        return 2


def open_for(args: argparse.Namespace) -> Services:
    """The terminal of --data-dir (an empty one becomes a demo terminal; `demo` seeds its own customers)."""
    return open_terminal(
        args.data_dir or default_data_dir(),
        generated_customers=0 if args.command == "demo" else DEMO_GENERATED_CUSTOMERS,
        witnesses_stop=args.command not in NO_WITNESS_COMMANDS,
    )


def after(w: Services, args: argparse.Namespace) -> None:
    if args.command in MONEY_COMMANDS:
        backup_after_command(w)


def read_secret(env: str, prompt: str) -> str | None:
    """A PIN from the terminal (getpass, never echoed) when stdin is a TTY, else from env; None if neither."""
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        return getpass.getpass(prompt, stream=sys.stderr)
    return os.environ.get(env)


def login(w: Services, args: argparse.Namespace) -> None:
    """Log the command's clerk in (PIN: prompt or HALLPAY_PIN; a demo terminal falls back to the demo PIN)
    and read the approving supervisor's PIN (prompt or HALLPAY_SUPERVISOR_PIN; never a fallback)."""
    import dataclasses

    from app.services.clerks import demo_pin
    from app.services.clerks import login as check_pin

    args.supervisor_pin = ""
    if getattr(args, "supervisor", ""):
        args.supervisor_pin = (
            read_secret("HALLPAY_SUPERVISOR_PIN", words(w, "cli.supervisor_pin_prompt", who=args.supervisor))
            or ""
        )
    if args.command in NO_LOGIN_COMMANDS:
        return
    clerk = args.clerk or w.config.clerk
    pin = read_secret("HALLPAY_PIN", words(w, "cli.pin_prompt", who=clerk))
    if pin is None and w.config.mode == "demo":  # only the showcase terminal has demo PINs (issue 17)
        pin = demo_pin(w.ctx, clerk)
    if pin is None:
        raise coded(HallPayError, "cli.pin_needed", who=clerk)
    session = check_pin(w.ctx, clerk, pin, record=False)
    w.ctx = dataclasses.replace(w.ctx, clerk_id=session.clerk_id)


def backup_after_command(w: Services) -> None:
    """A money command's entry reaches the backup path before the command returns; a failure is told."""
    target = w.backup_target()
    if target is None:
        return
    from app.services.backup import backup_now

    try:
        backup_now(target, w.ctx.clock.now_utc)
    except HallPayError as error:
        print(
            voice(w.config.language).say("backup.after_command", {"error": Phrase(error.code, error.params)})
            if error.code
            else f"已记账，但{error}",
            file=sys.stderr,
        )
