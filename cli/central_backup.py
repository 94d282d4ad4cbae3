"""`central backup --to FILE` and `central restore-check FILE` (db/central/backup.py): head office's PostgreSQL
dumped, and a dump proved by restoring it into a scratch database and checking it (chains whole, books folded).
Exit 0 when the drill passed, 3 when the restored copy is damaged, 2 (one sentence) on bad input."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from app.clock import clock_from_env, utc_text
from app.errors import InputError
from app.messages import coded, voice
from cli.output import language_of, say
from cli.render import emit_json


def run_backup(args: argparse.Namespace) -> int:
    from db.central.backup import backup, restore_check
    from db.central.engine import central_url

    url = central_url(
        args.central if args.central is not None else os.environ.get("HALLPAY_CENTRAL_URL", ""), Path(".")
    )
    if url.get_backend_name() != "postgresql":
        raise coded(InputError, "hqbackup.not_postgres")
    if args.group == "backup":
        if not args.to:
            raise coded(InputError, "hqbackup.to_needed")
        size = backup(url, Path(args.to))
        if args.json:
            emit_json({"path": args.to, "size": size})
        else:
            say(voice(language_of(args)).say("hqbackup.written", {"path": args.to, "size": size}))
        return 0
    if not args.action:
        raise coded(InputError, "hqbackup.file_needed")
    report = restore_check(url, Path(args.action), utc_text(clock_from_env().now_utc()), keep=args.keep)
    problems = [*report.chain_problems, *report.book_differences]
    if args.json:
        emit_json(
            {
                "ok": report.ok,
                "database": report.database,
                "kept": args.keep,
                "entries": report.entries,
                "chains": report.chains,
                "problems": problems,
            }
        )
        return 0 if report.ok else 3
    v = voice(language_of(args))
    say(
        v.say(
            "hqbackup.restored",
            {
                "path": args.action,
                "database": report.database,
                "entries": report.entries,
                "chains": report.chains,
            },
        )
    )
    for p in problems:
        say(v.say("hqbackup.problem", {"problem": p}))
    say(v.say("hqbackup.good", {}) if report.ok else v.say("hqbackup.bad", {"count": len(problems)}))
    return 0 if report.ok else 3
