"""The journal leaving the counter: `sync`, `backup`, `restore`, `support-bundle`."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import HallPayError
from app.messages import coded, spoken, voice
from bootstrap import Services, default_data_dir, open_terminal
from cli.output import add_lang, language_of
from cli.render import backup_json, emit_json, restore_json, sync_json

if TYPE_CHECKING:
    from cli.parser import Add  # the grammar; cli/commands.py registers this module


def register(add: Add) -> None:
    p = add("sync", cmd_sync, "push the journal, pull master data")
    p.add_argument("--once", action="store_true")
    p.add_argument("--json", action="store_true")
    p.add_argument("--batch", type=int, default=500, help=argparse.SUPPRESS)
    p = add("backup", cmd_backup, "copy the local store to [backup] path now")
    p.add_argument("--status", action="store_true", help="only report the backup's age")
    p.add_argument("--json", action="store_true")
    p = add.alone("restore", cmd_restore, "rebuild local.db from a backup and the central ledger")
    p.add_argument("--from", dest="source", required=True, help="backup directory or its *-local.db")
    p.add_argument("--no-central", action="store_true", help="use the backup alone")
    add_lang(p)
    p.add_argument("--json", action="store_true")
    p = add.alone("support-bundle", cmd_support_bundle, "zip config (no secrets), logs and the verify report")
    p.add_argument("--out", help="the zip to write")


def cmd_sync(w: Services, args: argparse.Namespace) -> int:
    from app.services.sync import make_worker, run_sync

    link = w.sync_link()
    if not args.once:
        worker = make_worker(link, interval_s=w.config.settings.central.interval_s)
        worker.start()
        try:
            while worker.is_alive():
                worker.join(5.0)
                print(spoken(worker.status(), w.config.language), flush=True)
        except KeyboardInterrupt:
            worker.stop()
        return 0
    from cli.progress import progress_bar

    with progress_bar("上传流水 push", "笔") as progress:
        result = run_sync(link, batch_size=args.batch, progress=progress)
    if args.json:
        emit_json(sync_json(result))
    else:
        print(
            voice(w.config.language).say(
                "sync.once_done",
                {"pushed": result.pushed, "pulled": result.pulled, "pending": result.pending},
            )
        )
        lag = result.applied.phrase() if result.applied is not None else None
        if lag is not None:  # head office acknowledged entries its books have not applied yet (issue 29)
            print(spoken(lag, w.config.language))
    for alarm in result.alarms:
        print(spoken(alarm, w.config.language), file=sys.stderr)
    return 3 if result.alarms else 0


def cmd_backup(w: Services, args: argparse.Namespace) -> int:
    from app.services.backup import backup_now, status_once

    target = w.backup_target()
    if target is None:
        raise coded(HallPayError, "backup.no_path")
    if not args.status:
        backup_now(target, w.ctx.clock.now_utc)
    status = status_once(target, w.ctx.clock.now_utc())
    if args.json:
        emit_json(backup_json(status, str(target.backup_dir)))
    else:
        print(spoken(status, w.config.language))
    return 1 if status.red else 0


def cmd_restore(args: argparse.Namespace) -> int:
    from app.config import load_config
    from db.restore import restore

    data_dir = args.data_dir or default_data_dir()
    cfg_path = data_dir / "config.toml"
    config = load_config(cfg_path) if cfg_path.exists() else None
    central = None
    if not args.no_central:
        from db.central.store import CentralStore

        url = config.central_url() if config else os.environ.get("HALLPAY_CENTRAL_URL", "")
        if url or (data_dir / "central.db").exists():
            central = CentralStore.open(url, data_dir, limits=config.central_limits() if config else None)
    from cli.progress import progress_bar

    try:
        with progress_bar("恢复 restore", "条") as progress:
            report = restore(
                data_dir,
                Path(args.source),
                terminal_id=config.terminal_id if config else None,
                central=central,
                progress=progress,
            )
    finally:
        if central is not None:
            central.close()
    if args.json:
        emit_json(restore_json(report))
    else:
        v = voice(language_of(args, config.language if config else "zh_CN"))
        print(
            v.say(
                "cli.restored",
                {
                    "terminal_id": report.terminal_id,
                    "head_seq": report.head_seq,
                    "backup_seq": report.backup_seq,
                    "from_central": report.appended_from_central,
                    "receipts": report.receipts,
                },
            )
        )
    return 0


def cmd_support_bundle(args: argparse.Namespace) -> int:
    from app.services.backup import support_bundle

    data_dir = args.data_dir or default_data_dir()
    report: dict[str, Any] = {}
    try:
        from app.services.verify import verify_local

        w = open_terminal(data_dir)
        r = verify_local(w.ctx)
        report = {
            "ok": r.ok,
            "entries": r.entries,
            "head_hash": r.head_hash,
            "problem": str(r.problem) if r.problem else None,
        }
    except HallPayError as error:  # a terminal that does not start is exactly when support needs the bundle
        report = {"ok": False, "problem": str(error)}
    out = Path(args.out) if args.out else data_dir / f"support-{dt.datetime.now():%Y%m%d-%H%M%S}.zip"
    support_bundle(data_dir, out, report)
    print(out)
    return 0
