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

from app.errors import InputError, Refused
from app.messages import coded, message
from cli.output import say, warn
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
    return url.strip()


def _check_empty(data_dir: Path) -> None:
    if data_dir.exists() and any(data_dir.iterdir()):
        raise coded(Refused, "terminal.dir_not_empty", data_dir=data_dir)


CONFIG = """\
# HallPay terminal configuration (python main.py terminal {action}). Owner-only (0600): holds secrets.
terminal_id = "{terminal_id}"
hall_name = "{hall_name}"
hall_id = "{hall_id}"
mode = "{mode}"            # production | training (培训: receipts say 非正式凭证, nothing reaches head office)
clerk = ""
language = "zh_CN"

[printer]
kind = "{printer}"        # none | file | network | usb | serial
host = "127.0.0.1"
port = 9100
width_mm = 80
mode = "text"
timeout_s = 3
cash_drawer = true

[card]
kind = "{card}"           # pcsc | simulated
reader = ""

[central]
url = "{url}"
interval_s = 30

[backup]
path = "{backup}"            # empty: no backup (the window says so on every start)
stale_after_s = 120
"""


def provision(data_dir: Path, args: argparse.Namespace, *, restore: bool) -> int:
    from app.config import write_private_text
    from app.provisioning import KeyHistory, check_id
    from app.signing import Ed25519Signer
    from db.central.admin import CentralAdmin
    from db.central.store import CentralStore
    from db.keys import save_signer
    from db.local_store import open_local_store
    from db.provision_local import pull_everything, restore_from_central, set_identity

    tid = check_id(args.terminal_id, "终端号")
    url = _url(args)
    _check_empty(data_dir)
    mode = "training" if args.training else "production"
    if restore and args.training:
        raise coded(InputError, "terminal.training_restore")
    central = CentralStore.open(url, data_dir if data_dir.exists() else Path("."))
    try:
        admin = CentralAdmin(central.engine, central.hq, central.clock)
        info = admin.terminal_info(tid)
        signer = Ed25519Signer.generate()
        history = admin.key_history(tid) if restore else KeyHistory(())
        head = central.ack(tid).seq if restore else 0
        certified: bool | None = None
        if mode == "production":  # a refusal here (not approved) leaves the directory untouched
            reg = admin.register_key(tid, signer.public_key_hex, head + 1, actor=tid)
            certified = reg.state == "active" and central_certified(central.engine, tid)
        else:
            reg = None
        data_dir.mkdir(parents=True, exist_ok=True)
        for sub in ("receipts", "reports", "logs"):
            (data_dir / sub).mkdir(exist_ok=True)
        save_signer(data_dir, signer)
        toml_url = url.replace('"', "")
        write_private_text(
            data_dir / "config.toml",
            CONFIG.format(
                action=args.action,
                terminal_id=tid,
                hall_name=info["hall_name"],
                hall_id=info["hall_id"],
                mode=mode,
                printer=args.printer,
                card=args.card,
                url=toml_url,
                backup=args.backup.replace('"', ""),
            ),
        )
        from cardreader.factory import ensure_master_key

        ensure_master_key(data_dir / "config.toml")
        store = open_local_store(data_dir / "local.db")
        try:
            keys = history.added(head + 1, signer.public_key_hex) if mode == "production" else history
            with store.uow() as uow:
                set_identity(uow.connection, tid, info["hall_id"], info["hall_name"], mode, keys.as_text())
                uow.commit()
            entries = receipts = 0
            if restore:
                entries, receipts = restore_from_central(
                    store.engine, central, tid, info["hall_name"], history
                )
            else:
                pull_everything(store.engine, central)
            with store.reader() as uow:
                clerk_ids = [c.clerk_id for c in uow.settings.all_clerks()]
                customers = uow.connection.exec_driver_sql("SELECT count(*) FROM customers").scalar()
        finally:
            store.close()
    finally:
        central.close()
    out = {
        "terminal_id": tid,
        "hall_name": info["hall_name"],
        "mode": mode,
        "data_dir": str(data_dir),
        "key_fingerprint": signer.public_key_hex[:16],
        "key_state": reg.state if reg else "training",
        "certified": certified,
        "clerks": clerk_ids,
        "customers": int(customers or 0),
        "backup": args.backup or None,
    }
    if restore:
        out.update(entries=entries, receipts=receipts)
    if args.json:
        emit_json(out)
    else:
        verb = "已恢复" if restore else "已开通"
        say(
            f"{verb}终端 {tid}（{info['hall_name']}{'，培训模式' if mode == 'training' else ''}）：人员 {len(clerk_ids)} 名，"
            f"用户 {out['customers']} 户" + (f"，流水 {entries} 笔，凭证 {receipts} 张" if restore else "")
        )
        say(f"本机密钥指纹 {out['key_fingerprint']}")
    if reg is not None and reg.state == "pending":
        warn(
            f"本机新密钥 {reg.fingerprint} 待总部批准后才能上传流水："
            f"central terminal approve {tid} --fingerprint {reg.fingerprint}"
        )
    if reg is not None and reg.state == "active" and not certified:
        warn(message("terminal.awaiting_certification", terminal_id=tid, fingerprint=reg.fingerprint))
    if restore:
        warn(message("terminal.restored_pins"))
    if not args.backup:
        warn("未设置备份位置：请尽快在 config.toml 的 [backup] path 中填写 U 盘或网络共享。")
    return 0


def central_certified(engine: Any, terminal_id: str) -> bool:
    """Whether head office already certified this terminal's key (db/central/certify.py)."""
    from db.central.certify import is_certified

    with engine.connect() as conn:
        return bool(is_certified(conn, terminal_id))


def rekey(data_dir: Path, args: argparse.Namespace) -> int:
    from app.config import load_config
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
        say(
            f"终端 {tid} 已换用新密钥 {reg.fingerprint}（自第 {reg.from_seq} 笔流水起；旧密钥 {out['old_fingerprint']} "
            f"签的流水仍可核验）" + ("" if reg.state == "active" else "，待总部批准")
        )
    return 0
