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
    from app.config import load_config
    from app.errors import Refused
    from app.provisioning import KEY_HISTORY, KeyHistory, fingerprint, rekey_message
    from db.central.admin import CentralAdmin
    from db.central.store import CentralStore
    from db.keys import adopt_staged, finish_rekey, load_or_create_signer, staged_signer
    from db.local_store import open_local_store

    cfg_path = data_dir / "config.toml"
    if not cfg_path.exists():
        raise coded(Refused, "terminal.not_data_dir", data_dir=data_dir)
    config = load_config(cfg_path)
    if config.mode != "production":
        raise coded(Refused, "terminal.rekey_official")
    tid = config.terminal_id
    store = open_local_store(data_dir / "local.db")
    try:
        with store.reader() as uow:
            head = uow.journal.head()[0]
            history = KeyHistory.parse(uow.settings.get(KEY_HISTORY))
        finish_rekey(data_dir, lambda: history.current)  # the last re-key's swap, if a power cut stopped it
        old = load_or_create_signer(data_dir)
        new = staged_signer(data_dir)  # a re-key that crashed after registering resumes with the same key
        url = args.central if args.central is not None else config.central_url()
        central = CentralStore.open(url, data_dir)
        try:
            signature = old.sign_hash(rekey_message(tid, new.public_key_hex, head + 1))
            reg = CentralAdmin(central.engine, central.hq, central.clock).register_key(
                tid, new.public_key_hex, head + 1, old_signature=signature, actor=tid
            )
        finally:
            central.close()
        with store.uow() as uow:
            keys = history if history.keys else KeyHistory.of([(1, old.public_key_hex)])
            uow.settings.set(KEY_HISTORY, keys.added(reg.from_seq, new.public_key_hex).as_text())
            uow.commit()
        adopt_staged(data_dir)
    finally:
        store.close()
    out = {
        "terminal_id": tid,
        "old_fingerprint": fingerprint(old.public_key_hex),
        "fingerprint": reg.fingerprint,
        "from_seq": reg.from_seq,
        "state": reg.state,
    }
    if args.json:
        emit_json(out)
    else:
        pending = "" if reg.state == "active" else Phrase("terminal.rekey_pending", {})
        say(voice(language_of(args, config.language)).say("terminal.rekeyed", {**out, "pending": pending}))
    return 0
