"""`python main.py central … --central URL`: head office's side of provisioning (issue 17).

    central hall add H1 --name NAME
    central terminal add T07 --hall H1 | approve T07 [--fingerprint F] | retire-key T07 --fingerprint F
    central clerk add C11 --name NAME --role clerk|supervisor|admin --hall H1 | disable C11 | reset-pin C11
    central terminals [--json]            last sync and key fingerprint of every terminal
    central audit [--json]                who did what
    central audit --recompute [--customer N] [--json]   fold every journal again; list each stored row that
                                          differs (exit 3 on any; cli/central_audit.py)
    central quarantine [--json] | post ENTRY_ID --reason R   a forked terminal's held entries (cli/quarantine.py)
    central verify-books [--json]         fold every journal from the seed again; list each stored value that
                                          differs (exit 3 on any)
    central verify [--json]               every central copy's chain whole (hash, chain, signatures); sets the
                                          console's checkpoints (exit 3 on damage; nightly, docs/install.md)
    central backup --to FILE              pg_dump of head office's PostgreSQL (custom format, cli/central_backup.py)
    central restore-check FILE            restore a backup into a scratch database there, verify it, drop it
    central project [--once] [--interval S]   head office's projector (cli/central_project.py)
    central projector [--mode inline|service]   the ledger's projector mode, which every counter follows
    central verify-books --repair --customer N --by S --reason R   write the fold's values over a held
                                          customer's rows, signed by head office; release its held entries

--central is a SQLAlchemy URL (postgresql+psycopg://user@host/db, password from HALLPAY_CENTRAL_PASSWORD)
or empty for the embedded central.db of --data-dir. Every act is recorded centrally with --by (default:
HALLPAY_ADMIN or the operating-system user). A one-time PIN is printed once and never stored.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from app.errors import InputError
from app.messages import coded, message
from cli import central_books
from cli.output import actor, add_lang, say, warn
from cli.render import emit_json


def add_parser(sub: Any) -> None:
    p = sub.add_parser("central", help="head office: halls, terminals, clerks, one-time PINs, keys")
    p.add_argument(
        "group",
        choices=[
            "hall",
            "terminal",
            "clerk",
            "terminals",
            "audit",
            "import",
            "quarantine",
            "verify-books",
            "verify",
            "backup",
            "restore-check",
            "project",
            "projector",
        ],
    )
    p.add_argument("action", nargs="?", default="", help="add | approve | retire-key | disable | reset-pin")
    p.add_argument("target", nargs="?", default="", help="hall, terminal or clerk id")
    p.add_argument("--central", default=None, help="the central ledger's URL (empty: DATA_DIR/central.db)")
    p.add_argument("--data-dir", type=Path, default=None)
    p.add_argument("--name", default="")
    p.add_argument("--hall", default="")
    p.add_argument("--role", default="")
    p.add_argument("--fingerprint", default="")
    p.add_argument("--by", default=None, help="who does this (recorded centrally)")
    p.add_argument("--customers", default="", help="import: customers CSV (the terminal's import format)")
    p.add_argument("--bills", default="", help="import: bills CSV")
    p.add_argument("--reason", default="", help="quarantine post, verify-books --repair: why")
    p.add_argument("--to", default="", help="backup: the file to write (pg_dump's custom format)")
    p.add_argument("--keep", action="store_true", help="restore-check: keep the scratch database")
    p.add_argument("--repair", action="store_true", help="verify-books: repair one customer (--customer)")
    p.add_argument(
        "--customer", default="", help="verify-books --repair, audit --recompute: the customer number"
    )
    p.add_argument(
        "--recompute", action="store_true", help="audit: fold every journal again (cli/central_audit.py)"
    )
    add_lang(p)
    p.add_argument("--json", action="store_true")
    p.add_argument("--once", action="store_true", help="project: fold what is pending, then stop")
    p.add_argument("--interval", type=float, default=None, help="project: seconds between runs (1)")
    p.add_argument("--mode", choices=("inline", "service"), help="projector: set the ledger's mode")
    p.set_defaults(func=None, alone=lambda args: run(None, args), clerk=None)


ACTIONS = {
    "hall": ("add",),
    "terminal": ("add", "approve", "retire-key"),
    "clerk": ("add", "disable", "reset-pin"),
    "terminals": ("",),
    "audit": ("",),
    "import": ("",),
    "quarantine": ("", "post"),
    "verify-books": ("",),
    "verify": ("",),
    "backup": ("",),
}


READS = {
    ("terminals", ""),
    ("audit", ""),
    ("quarantine", ""),
    ("verify-books", ""),
    ("verify", ""),
}  # the head-office commands that write nothing counters pull


def open_admin(
    url: str | None, data_dir: Path | None, *, writes: bool = True
) -> tuple[Any, Any, Path | None]:
    """Head office's store and admin. A command that writes needs head office's key at hand (refused with one
    sentence naming HALLPAY_HQ_KEY otherwise, db/central/hq_key.py); the first one creates it and says where.
    Whenever the key is at hand, keys registered since that head office can vouch for are certified first
    (db/central/certify.py): approve-before-init ends certified at head office's next command. The third
    value is the key's path when this command created it (said once the command succeeded)."""
    from db.central.admin import CentralAdmin
    from db.central.engine import central_url
    from db.central.hq_key import require_hq_key
    from db.central.store import CentralStore
    from db.central.upkeep import hq_upkeep

    url = url if url is not None else os.environ.get("HALLPAY_CENTRAL_URL", "")
    if not url and data_dir is None:
        raise coded(InputError, "central.where")
    place = require_hq_key(central_url(url, data_dir or Path("."))) if writes else None
    store = CentralStore.open(url, data_dir or Path("."))
    admin = CentralAdmin(store.engine, store.hq, store.clock)
    try:
        admin.certify_due()
        if writes and store.hq is not None:  # head office's one-time signing work, here, never at open
            hq_upkeep(store.engine, store.hq)
    except BaseException:
        store.close()
        raise
    return store, admin, (place.path if place is not None and place.created else None)


def run(_w: object, args: argparse.Namespace) -> int:
    if args.group in ("backup", "restore-check"):  # pg_dump / pg_restore: no store opened here
        from cli.central_backup import run_backup

        return run_backup(args)
    if args.group == "project":  # head office's projector (issue 29)
        from cli.central_project import run_project

        return run_project(args, open_admin)
    if args.group == "projector":  # the ledger's projector mode (cli/central_mode.py)
        from cli.central_mode import run_mode

        return run_mode(args, open_admin)
    if args.action not in ACTIONS[args.group]:
        choices = ", ".join(a for a in ACTIONS[args.group] if a)
        raise coded(
            InputError,
            "central.bad_action" if choices else "central.no_actions",
            group=args.group,
            action=args.action,
            **({"choices": choices} if choices else {}),
        )
    if args.action and not args.target:
        raise coded(InputError, "central.id_needed", group=args.group, action=args.action)
    repair = args.group == "verify-books" and getattr(args, "repair", False)
    if args.group == "audit" and getattr(args, "customer", "") and not getattr(args, "recompute", False):
        raise coded(InputError, "audit.recompute_only")
    if repair and not (getattr(args, "customer", "") or "").strip():
        raise coded(InputError, "books.repair_options")
    store, admin, created = open_admin(
        args.central, args.data_dir, writes=repair or (args.group, args.action) not in READS
    )
    try:
        if args.group == "import":
            rc = _import(store, admin, args, actor(args.by))
        elif args.group == "quarantine":
            from cli.quarantine import run_quarantine

            rc = run_quarantine(store, args, actor(args.by))
        elif repair:
            rc = central_books.repair(store, args, actor(args.by))
        elif args.group == "verify-books":
            rc = central_books.verify_books_cmd(store, args)
        elif args.group == "audit" and getattr(args, "recompute", False):
            from cli.central_audit import run_audit

            rc = run_audit(store, args)
        elif args.group == "verify":
            rc = central_books.verify_chains(store, args)
        else:
            rc = _run(admin, args, actor(args.by))
    finally:
        store.close()
    if created is not None:
        warn(message("central.hq_key_created", path=str(created), env="HALLPAY_HQ_KEY"))
    return rc


def _need(value: str, option: str) -> str:
    if not value.strip():
        raise coded(InputError, "central.option_missing", option=option)
    return value


def _run(admin: Any, args: argparse.Namespace, who: str) -> int:
    g, a, t = args.group, args.action, args.target
    out: dict[str, Any]
    if g == "hall":
        admin.add_hall(who, t, _need(args.name, "--name 营业厅名称"))
        out, text = {"hall_id": t, "name": args.name.strip()}, f"已创建营业厅 {t}：{args.name.strip()}"
    elif g == "terminal" and a == "add":
        admin.add_terminal(who, t, _need(args.hall, "--hall 营业厅编号"))
        out, text = {"terminal_id": t, "hall_id": args.hall}, f"已登记终端 {t}（营业厅 {args.hall}），待批准"
    elif g == "terminal" and a == "approve":
        what = admin.approve_terminal(who, t, args.fingerprint)
        out = {"terminal_id": t, "approved": what, "fingerprint": args.fingerprint or None}
        text = f"已批准终端 {t} 的新密钥 {args.fingerprint}" if what == "key" else f"已批准终端 {t}"
    elif g == "terminal":
        admin.retire_key(who, t, _need(args.fingerprint, "--fingerprint 密钥指纹"))
        out = {"terminal_id": t, "retired": args.fingerprint}
        text = f"已停用终端 {t} 的密钥 {args.fingerprint}：此后用它上传的流水一律拒收并告警"
    elif g == "clerk" and a == "add":
        pin = admin.add_clerk(
            who,
            t,
            _need(args.name, "--name 姓名"),
            _need(args.role, "--role 角色"),
            _need(args.hall, "--hall 营业厅编号"),
        )
        out = {"clerk_id": t, "role": args.role, "hall_id": args.hall, "one_time_pin": pin}
        text = f"已添加 {t}（{args.role}），一次性密码 {pin}（只显示这一次；首次登录须改密码）"
    elif g == "clerk" and a == "disable":
        admin.disable_clerk(who, t)
        out, text = {"clerk_id": t, "active": False}, f"已停用 {t}：各终端下次同步后不能再登录"
    elif g == "clerk":
        pin = admin.reset_pin(who, t)
        out = {"clerk_id": t, "one_time_pin": pin}
        text = f"{t} 的新一次性密码 {pin}（只显示这一次；首次登录须改密码）"
    elif g == "terminals":
        rows = admin.terminals()
        if args.json:
            emit_json({"terminals": rows})
            return 0
        for r in rows:
            say(
                f"{r['terminal_id']}  {r['hall_id'] or '-':6} {'已批准' if r['approved'] else '待批准'}"
                f"{'' if r['certified'] or not r['key_fingerprint'] else '（密钥未经总部认证）'}  "
                f"密钥 {r['key_fingerprint'] or '-'}  上次同步 {r['last_sync'] or '从未'}  已确认 {r['ack_seq']} 笔"
            )
        return 0
    else:
        rows = admin.audit()
        if args.json:
            emit_json({"audit": rows})
            return 0
        for r in rows:
            say(f"{r['at']}  {r['actor']}  {r['action']}  {r['subject']}")
        return 0
    if args.json:
        emit_json(out)
    else:
        say(text)
    return 0


def _read(path: str, what: str) -> str:
    from app.importing import decode_import

    try:
        return decode_import(Path(path).read_bytes(), what, path)
    except OSError:
        raise coded(InputError, "import.file_unreadable", what=what, path=path) from None


def _import(store: Any, admin: Any, args: argparse.Namespace, who: str) -> int:
    """Billing's customers and bills into the central ledger (new rows only: an existing bill is never
    changed here); the default policy values when head office has none yet."""

    from app.clock import business_day
    from app.importing import parse_bills, parse_customers
    from app.policy import DEFAULTS

    if not args.customers and not args.bills:
        raise coded(InputError, "import.no_files")
    customers = (
        parse_customers(_read(args.customers, "用户"), source=args.customers) if args.customers else []
    )
    today = business_day(store.clock.now_utc())  # head office's clock, as its records
    bills = parse_bills(_read(args.bills, "账单"), today=today, source=args.bills) if args.bills else []
    known = set(store.balances())
    missing = [
        b
        for b in bills
        if b["customer_no"] not in known and b["customer_no"] not in {c["customer_no"] for c in customers}
    ]
    if missing:
        raise coded(
            InputError,
            "import.unknown_at_office",
            line=missing[0].get("line", "?"),
            customer_no=missing[0]["customer_no"],
        )
    strip = ("line",)
    customers = [{k: v for k, v in c.items() if k not in strip} for c in customers]
    existing = set(store.bills_paid())
    new_bills = [
        {k: v for k, v in b.items() if k not in strip} for b in bills if b["bill_id"] not in existing
    ]
    policy = None if admin.has_policy() else dict(DEFAULTS)
    store.load_master_data(customers, [], policy)
    if new_bills:
        store.issue_bills(new_bills, today)
    admin.record(
        who,
        "master_import",
        args.customers or args.bills,
        {"customers": len(customers), "bills": len(new_bills), "skipped_bills": len(bills) - len(new_bills)},
    )
    out = {
        "customers": len(customers),
        "bills": len(new_bills),
        "existing_bills": len(bills) - len(new_bills),
    }
    if args.json:
        emit_json(out)
    else:
        say(
            f"总部已导入用户 {out['customers']} 户、新账单 {out['bills']} 张（已有账单 {out['existing_bills']} 张未改动）"
        )
    return 0
