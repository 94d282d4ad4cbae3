"""`python main.py clerk pin`: a clerk sets their own PIN (issue 17). The old PIN (or head office's one-time
PIN) from HALLPAY_PIN, the new one from HALLPAY_NEW_PIN, or both typed at the prompt (never echoed)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.errors import InputError
from app.messages import coded
from cli.output import read_secret, say, words
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
        raise coded(InputError, "cli.clerk_needed")
    old = read_secret("HALLPAY_PIN", words(w, "cli.old_pin_prompt", who=clerk))
    new = read_secret("HALLPAY_NEW_PIN", words(w, "cli.new_pin_prompt", who=clerk))
    if not old or not new:
        raise coded(InputError, "cli.pins_needed")
    if sys.stdin is not None and sys.stdin.isatty():
        again = read_secret("HALLPAY_NEW_PIN", words(w, "cli.again_prompt"))
        if again != new:
            raise coded(InputError, "cli.pins_differ")
    session = set_own_pin(w.ctx, clerk, old, new)
    if args.json:
        emit_json({"clerk_id": session.clerk_id, "changed": True})
    else:
        say(words(w, "cli.pin_changed", who=session.clerk_id))
    return 0
