"""Text output and prompts of the command groups in cli/ (their --json output: cli/render.py)."""

from __future__ import annotations

import os
import sys
from typing import Any


def say(text: str) -> None:
    print(text)


def words(w: Any, code: str, **params: object) -> str:
    """A coded sentence (app/message_table.py) in the terminal's configured language."""
    from app.messages import voice

    return voice(w.config.language).say(code, params)


LANGS = {"zh": "zh_CN", "en": "en"}


def add_lang(p: Any) -> None:
    """--lang zh|en: the language of a command that runs without a terminal's config.toml to read it from."""
    p.add_argument(
        "--lang", choices=sorted(LANGS), default=None, help="zh | en (default: config.toml's, else zh)"
    )


def language_of(args: Any, configured: str = "zh_CN") -> str:
    """--lang when given, else the configured language (a command without a config.toml: Chinese)."""
    lang = getattr(args, "lang", None)
    return LANGS[lang] if lang in LANGS else configured


def warn(text: str) -> None:
    print(text, file=sys.stderr)


def read_secret(env: str, prompt: str) -> str | None:
    """A PIN from the terminal (never echoed) when stdin is a TTY, else from `env`; None if neither."""
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        return getpass.getpass(prompt, stream=sys.stderr)
    return os.environ.get(env)


def actor(explicit: str | None) -> str:
    """Who acts at head office: --by, else HALLPAY_ADMIN, else the operating-system user."""
    if explicit:
        return explicit
    if os.environ.get("HALLPAY_ADMIN"):
        return os.environ["HALLPAY_ADMIN"]
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "?"


def data_dir_of(arg: Any) -> Any:
    """--data-dir, else the platform's user data directory (as main.py's default_data_dir)."""
    from pathlib import Path

    if arg is not None:
        return Path(arg)
    import platformdirs

    return Path(platformdirs.user_data_dir("HallPay", appauthor=False))
