"""`python main.py terminal init|rekey|restore`: this PC as a real terminal of a hall (issue 17).

terminal init --terminal-id T07 --central URL [--backup PATH] [--training] [--printer KIND] [--card KIND]
    on an empty data directory: a new Ed25519 key registered with head office (the terminal must be
    approved: `central terminal approve T07`), hall name, policy, clerks, customers and bills pulled,
    the backup location set. No demo clerks, no demo PIN, no simulated card reader or file printer
    unless asked for. --training: a training terminal (培训), whose journal never leaves this PC.
terminal rekey
    a new key, signed over by the old one, registered centrally from the next entry on; the old key's
    entries stay verifiable (both sides keep the key history).
terminal restore --terminal-id T07 --central URL
    a dead PC's counter on a new one, from the central ledger: journal, receipts (reprintable), open
    shift, pending card writes, receipt counter; the new PC's key waits for head office's approval
    (`central terminal approve T07 --fingerprint F`: the old key is gone with the old PC).
--lang zh|en: what the command prints (default: config.toml's language; before there is one, Chinese).

The use cases are app/services/provisioning.py and app/services/rekey.py; this module parses the command,
wires head office, the key files and local.db (db/provision_local.py) to them, and renders the result.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from app.errors import InputError
from app.messages import Phrase, Voice, coded, voice
from cli.output import add_lang, language_of, say, warn
from cli.render import emit_json


def add_parser(sub: Any) -> None:
    p = sub.add_parser("terminal", help="provision this PC as a real terminal, re-key, rebuild it")
    p.add_argument("action", choices=["init", "rekey", "restore"])
    p.add_argument("--data-dir", type=Path, default=None)
    p.add_argument("--terminal-id", default="")
    p.add_argument("--central", default=None, help="the central ledger's URL (HALLPAY_CENTRAL_URL)")
    p.add_argument("--backup", default="", help="backup location: a USB disk or network share")
    p.add_argument("--training", action="store_true", help="training terminal (培训模式): never syncs money")
    p.add_argument("--printer", default="none", choices=["none", "file", "network", "usb", "serial"])
    p.add_argument("--card", default="pcsc", choices=["pcsc", "simulated"])
    add_lang(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=None, alone=lambda args: run(None, args), clerk=None)


def run(_w: object, args: argparse.Namespace) -> int:
    from cli.output import data_dir_of

    data_dir = data_dir_of(args.data_dir)
    if args.action == "rekey":
        return rekey(data_dir, args)
    return provision(data_dir, args, restore=args.action == "restore")


def _url(args: argparse.Namespace) -> str:
    url = args.central if args.central is not None else os.environ.get("HALLPAY_CENTRAL_URL", "")
    if not url.strip():
        raise coded(InputError, "terminal.central_needed")
    return str(url.strip())


def provision(data_dir: Path, args: argparse.Namespace, *, restore: bool) -> int:
    """Parse, wire head office and the new directory's adapters, run the use case, render it."""
    from app.provisioning import check_id
    from app.services import provisioning as use_case
    from app.signing import Ed25519Signer
    from cardreader.factory import ensure_master_key
    from db.central.store import CentralStore
    from db.keys import save_signer
    from db.provision_local import HeadOfficeDesk, NewLocalStore

    check_id(args.terminal_id, "终端号")
    request = use_case.Request(
        terminal_id=args.terminal_id,
        url=_url(args),
        backup=args.backup,
        training=args.training,
        printer=args.printer,
        card=args.card,
        restore=restore,
    )
    use_case.check_empty(data_dir)
    central = CentralStore.open(request.url, data_dir if data_dir.exists() else Path("."))
    try:
        done = use_case.provision(
            HeadOfficeDesk(central),
            use_case.Directory(data_dir, save_key=save_signer, ensure_master_key=ensure_master_key),
            lambda path: NewLocalStore(path, central),
            request,
            Ed25519Signer.generate(),
        )
    finally:
        central.close()
    show_provisioned(done, args, voice(language_of(args)), data_dir=data_dir, restore=restore)
    return 0


def show_provisioned(done: Any, args: argparse.Namespace, v: Voice, *, data_dir: Path, restore: bool) -> None:
    out: dict[str, Any] = {
        "terminal_id": done.terminal_id,
        "hall_name": done.hall_name,
        "mode": done.mode,
        "data_dir": str(data_dir),
        "key_fingerprint": done.key_fingerprint,
        "key_state": done.key_state,
        "certified": done.certified,
        "clerks": done.clerks,
        "customers": done.customers,
        "backup": args.backup or None,
    }
    if restore:
        out.update(entries=done.entries, receipts=done.receipts)
    tid = done.terminal_id
    if args.json:
        emit_json(out)
    else:
        say(
            v.say(
                "terminal.restored" if restore else "terminal.provisioned",
                {
                    "terminal_id": tid,
                    "hall_name": done.hall_name,
                    "training": Phrase("terminal.training_note", {}) if done.mode == "training" else "",
                    "clerks": len(done.clerks),
                    "customers": done.customers,
                    "entries": done.entries,
                    "receipts": done.receipts,
                },
            )
        )
        say(v.say("terminal.fingerprint", {"fingerprint": done.key_fingerprint}))
    said = {"terminal_id": tid, "fingerprint": done.registered_fingerprint}
    if done.key_state == "pending":
        warn(v.say("terminal.key_pending", said))
    if done.key_state == "active" and not done.certified:
        warn(v.say("terminal.awaiting_certification", said))
    if restore:
        warn(v.say("terminal.restored_pins", {}))
    if not args.backup:
        warn(v.say("terminal.no_backup", {}))


def rekey(data_dir: Path, args: argparse.Namespace) -> int:
    """Parse, wire the key files, local.db and head office, run app/services/rekey.py, render it."""
    from app.config import load_config
    from app.errors import Refused
    from app.services.rekey import rekey as use_case
    from db.central.store import CentralStore
    from db.local_store import open_local_store
    from db.provision_local import HeadOfficeDesk, TerminalKeys

    cfg_path = data_dir / "config.toml"
    if not cfg_path.exists():
        raise coded(Refused, "terminal.not_data_dir", data_dir=data_dir)
    config = load_config(cfg_path)
    if config.mode != "production":
        raise coded(Refused, "terminal.rekey_official")
    store = open_local_store(data_dir / "local.db")
    try:
        central = CentralStore.open(
            args.central if args.central is not None else config.central_url(), data_dir
        )
        try:
            done = use_case(HeadOfficeDesk(central), store, TerminalKeys(data_dir), config.terminal_id)
        finally:
            central.close()
    finally:
        store.close()
    out = {
        "terminal_id": done.terminal_id,
        "old_fingerprint": done.old_fingerprint,
        "fingerprint": done.fingerprint,
        "from_seq": done.from_seq,
        "state": done.state,
    }
    if args.json:
        emit_json(out)
    else:
        pending = "" if done.state == "active" else Phrase("terminal.rekey_pending", {})
        say(voice(language_of(args, config.language)).say("terminal.rekeyed", {**out, "pending": pending}))
    return 0
