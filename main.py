"""HallPay's composition root: parses the command line, reads config, wires adapters, runs a command.

Nothing is built at import time. Only this file knows every concrete class (DESIGN.md).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import logging
import logging.handlers
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.clock import FixedClock, SystemClock
from app.config import Config, load_config, write_default_config
from app.errors import HallPayError
from app.money import format_fen, parse_yuan
from app.ports import Clock, ReceiptPrinter
from app.services.context import Context, Terminal

DEMO_HALL = "国网示范市供电公司城东营业厅"
DEMO_GENERATED_CUSTOMERS = 300

log = logging.getLogger("hallpay")


# ------------------------------------------------------------------------------------ wiring


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("HallPay", appauthor=False))


def make_clock() -> Clock:
    """HALLPAY_NOW (ISO 8601 with offset) pins the clock: training, demos and tests."""
    fixed = os.environ.get("HALLPAY_NOW")
    if fixed:
        try:
            now = dt.datetime.fromisoformat(fixed)
        except ValueError:
            now = None
        if now is None or now.tzinfo is None:
            raise HallPayError(f"HALLPAY_NOW“{fixed}”不是带时区的时间；请按 2026-11-23T10:00:00+08:00 填写。")
        return FixedClock(now)
    return SystemClock()


@dataclass
class Wiring:
    config: Config
    store: Any  # db.local_store.LocalStore
    ctx: Context
    _printer: ReceiptPrinter | None = field(default=None, repr=False)
    _card: Any = field(default=None, repr=False)

    @property
    def data_dir(self) -> Path:
        return self.config.data_dir

    def printer(self) -> ReceiptPrinter:
        if self._printer is None:
            from printing.factory import make_printer
            from printing.marked import marked

            self._printer = marked(make_printer(self.config.section("printer"), self.data_dir / "receipts"),
                                   self.config.mark)  # DEMO / 培训 on every receipt (issue 17)
        return self._printer

    def card_key(self) -> bytes:
        """The terminal's card master key (config.toml [card] master_key_hex, generated when missing)."""
        return card_key(self)

    def insert_demo_card(self, reader: Any, customer_no: str | None, *, blank: bool = False) -> bool:
        """Simulated reader only: put that customer's card (DATA/cards/) or a new blank card in it."""
        return insert_demo_card(self, reader, customer_no, blank=blank)

    def card_reader(self) -> Any:
        """The configured card reader ([card] kind = simulated | pcsc), built on first use."""
        if self._card is None:
            from cardreader.factory import make_card_reader

            self._card = make_card_reader(self.config.section("card"))
        return self._card

    def sync_link(self) -> Any:
        return sync_link(self)

    def backup_worker(self) -> Any:
        """The continuous backup thread the window runs (issue 17); unstarted."""
        return make_backup_worker(self)

    def wallets(self) -> Any:
        """(acquirers, attempt locks, polling) for scanned payment codes: [alipay], [wechat], [wallet]."""
        from cli.wallet import locks_of, wallets_of
        from wallets.factory import polling

        return wallets_of(self), locks_of(self), polling(self.config)


def setup_logging(data_dir: Path) -> None:
    logs = data_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(logs / "hallpay.log", maxBytes=2_000_000, backupCount=5,
                                                   encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        root.addHandler(handler)
    root.setLevel(logging.INFO)


def open_terminal(data_dir: Path, *, generated_customers: int = DEMO_GENERATED_CUSTOMERS,
                  witnesses_stop: bool = True) -> Wiring:
    """Open a terminal's data directory; an empty one becomes a demo terminal first.

    witnesses_stop=False (`sync`, `verify`: they take no money) opens a journal that a witness refuses,
    so a forked or old terminal can still hand its entries over (quarantined centrally) and be checked."""
    from db.local_store import open_local_store

    data_dir.mkdir(parents=True, exist_ok=True)
    for sub in ("receipts", "reports", "logs"):
        (data_dir / sub).mkdir(exist_ok=True)
    setup_logging(data_dir)
    config_path = data_dir / "config.toml"
    fresh = not config_path.exists()
    config = write_default_config(config_path, "T01", DEMO_HALL) if fresh else load_config(config_path)
    store = open_local_store(data_dir / "local.db")
    if not fresh:  # an old disk image must never reuse sequence or receipt numbers (issue 11)
        from db.restore import startup_check

        try:
            startup_check(store, data_dir, config.terminal_id, config.central_url(), backup_dir(config))
        except HallPayError as refused:
            if witnesses_stop:
                store.close()
                raise
            log.warning("start-up check refused money, opened for %s only: %s", "sync/verify", refused)
    from db.keys import load_or_create_signer

    ctx = Context(store.uow, make_clock(), Terminal(config.terminal_id, config.hall_name),
                  signer=load_or_create_signer(data_dir), reader=store.reader)
    if fresh:
        from app.services.terminal_setup import init_demo_terminal

        init_demo_terminal(ctx, hall_name=config.hall_name)
        from cardreader.factory import ensure_master_key

        ensure_master_key(config_path)  # [card] master_key_hex: random, config.toml becomes 0600
        if generated_customers:
            seed_generated(store, generated_customers, ctx.today())
        log.info("initialised demo terminal %s in %s", config.terminal_id, data_dir)
    return Wiring(config, store, ctx)


def backup_dir(config: Config) -> Path | None:
    """[backup] path (relative: to the data directory), or None when no backup is configured."""
    raw = str(config.section("backup").get("path", "")).strip()
    return None if not raw else (config.data_dir / Path(raw).expanduser())


def backup_target(w: Wiring) -> Any:
    """The BackupTarget of app/backup.py, or None; the GUI starts make_backup_worker(w)."""
    from db.backup import SqliteBackup

    where = backup_dir(w.config)
    return SqliteBackup(w.store.path, where, w.config.terminal_id) if where is not None else None


def make_backup_worker(w: Wiring) -> Any:
    """The backup thread; the status bar shows worker.status().text() (red when .red)."""
    from app.services.backup import make_worker

    stale = float(w.config.section("backup").get("stale_after_s", 120))
    return make_worker(backup_target(w), lambda: dt.datetime.now(dt.UTC), stale_after_s=stale)


def seed_generated(store: Any, customers: int, today: dt.date, seed: int = 2026, months: int = 12) -> int:
    from db.demo_seed import seed_generated as load

    return load(store, customers, today, seed=seed, months=months)


# ------------------------------------------------------------------------------------ output


def emit_json(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=None) + "\n")


def customer_json(c: Any) -> dict[str, Any]:
    return {
        "customer_no": c.customer_no, "name": c.name, "address": c.address, "phone": c.phone,
        "category": c.category.value, "meter_no": c.meter_no, "prepaid": c.prepaid,
        "risk_grade": c.risk_grade, "important": c.important, "balance": format_fen(c.balance_fen),
    }


# ------------------------------------------------------------------------------------ commands


def cmd_lookup(w: Wiring, args: argparse.Namespace) -> int:
    from app.services.lookup import find_customers
    from app.services.payments import due

    found = find_customers(w.ctx, args.query)
    if not found:
        raise HallPayError(f"没有找到与“{args.query}”相符的用户；请核对户号、电话、姓名或地址。")
    if args.json:
        result: dict[str, Any] = {"count": len(found), "customers": [customer_json(c) for c in found]}
        if len(found) == 1:
            from app.services.payments import recent_offsets

            q = due(w.ctx, found[0].customer_no).quote
            result["due"] = quote_json(q)
            result["offset"] = [
                {"business_day": o["business_day"], "used": format_fen(o["used_fen"]),
                 "bills": [{"period": b["period"], "principal": format_fen(b["principal_fen"]),
                            "late_fee": format_fen(b["fee_fen"])} for b in o["bills"]]}
                for o in recent_offsets(w.ctx, found[0].customer_no)]
        emit_json(result)
    else:
        for c in found:
            print(f"{c.customer_no}  {c.name}  {c.address}  {c.phone}  余额 {format_fen(c.balance_fen)}")
    return 0


def quote_json(q: Any) -> dict[str, Any]:
    return {
        "bills": [
            {"period": line.bill.period, "principal": format_fen(line.principal_due_fen),
             "days_overdue": line.days_overdue, "late_fee": format_fen(line.fee_due_fen),
             "due_date": line.bill.due_date.isoformat()}
            for line in q.lines
        ],
        "late_fee_total": format_fen(q.late_fee_total_fen),
        "total": format_fen(q.total_fen),
        "balance": format_fen(q.balance_fen),
        "to_pay": format_fen(q.to_pay_fen),
        # DOMAIN.md: the late fees one payment collects, together above 0 and below the minimum, are the minimum
        "minimum_fee": format_fen(q.minimum_fen),
        "minimum_fee_applied": q.minimum_topup_fen > 0,
        "minimum_topup": format_fen(q.minimum_topup_fen),
    }


def cmd_pay(w: Wiring, args: argparse.Namespace) -> int:
    from app.model import Method
    from app.services.payments import PayRequest, pay
    from app.services.receipts import print_receipt

    req = PayRequest(
        customer_no=args.customer_no,
        method=Method(args.method),
        clerk_id=args.clerk or w.config.clerk,
        amount_fen=parse_yuan(args.amount) if args.amount is not None else None,
        tendered_fen=parse_yuan(args.tendered) if args.tendered is not None else None,
        reference=args.reference or "",
        change_to_balance=args.change_to_balance,
    )
    extra: dict[str, Any] = {}
    if args.auth_code is not None:  # a scanned payment code: the acquirer collects (cli/wallet.py)
        from cli.wallet import collect_payment

        result, extra = collect_payment(w, args)
    else:
        result = pay(w.ctx, req)
    printed = print_receipt(w.ctx, w.printer(), result.receipt)
    r, s = result.receipt, result.settlement
    if args.json:
        emit_json({
            "receipt_no": r.receipt_no, "customer_no": r.customer_no, "method": r.method,
            "bills": [
                {"period": a.period, "principal": format_fen(a.principal_paid_fen), "days_overdue": a.days_overdue,
                 "late_fee": format_fen(a.fee_paid_fen)}
                for a in s.allocations
            ],
            "late_fee_total": format_fen(s.fee_paid_fen), "total": format_fen(s.settled_fen),
            "amount": format_fen(r.amount_fen), "tendered": format_fen(r.tendered_fen),
            "change": format_fen(r.change_fen), "balance_before": format_fen(r.balance_before_fen),
            "balance_after": format_fen(r.balance_after_fen), "entry_id": r.entry_id, "entry_hash": r.entry_hash,
            "printed": printed.printed, "print_reason": printed.reason,
            "change_to_balance": format_fen(r.change_to_balance_fen), "offset": format_fen(r.offset_fen),
            "minimum_fee_applied": s.minimum_topup_fen > 0, "minimum_topup": format_fen(s.minimum_topup_fen), **extra,
        })
    else:
        print(f"{r.receipt_no}  {r.customer_no} {r.customer_name}  {r.method_label} {format_fen(r.amount_fen)}  "
              f"找零 {format_fen(r.change_fen)}  余额 {format_fen(r.balance_after_fen)}"
              + (f"  零钱转预存 {format_fen(r.change_to_balance_fen)}" if r.change_to_balance_fen else "")
              + (f"  预收冲抵 {format_fen(r.offset_fen)}" if r.offset_fen else ""))
        if not printed.printed:
            print(f"凭证未打印：{printed.reason}", file=sys.stderr)
    return 0


def cmd_reprint(w: Wiring, args: argparse.Namespace) -> int:
    from app.services.receipts import reprint

    receipt, result = reprint(w.ctx, w.printer(), args.receipt_no, args.clerk or w.config.clerk,
                              args.supervisor, args.supervisor_pin)
    if args.pdf:
        from printing.pdf import receipt_pdf

        receipt_pdf(receipt, Path(args.pdf))
    if not result.printed:
        raise HallPayError(f"凭证 {receipt.receipt_no} 未能打印：{result.reason}")
    print(f"{receipt.receipt_no} 已重打")
    return 0


def cmd_verify(w: Wiring, args: argparse.Namespace) -> int:
    from app.services.verify import verify_central, verify_local
    from app.sync import CentralRefused, CentralUnavailable
    from db.central.store import central_copy

    report = verify_local(w.ctx)
    central, central_error = None, ""
    try:  # the central copy of this terminal, when a central ledger is configured or central.db exists
        copy = central_copy(w.config.central_url(), w.data_dir, w.config.terminal_id)
        central = verify_central(w.ctx, *copy) if copy is not None else None
    except (CentralUnavailable, CentralRefused) as error:
        central_error = str(error)
    if args.json:
        emit_json({"ok": report.ok and (central is None or central.ok), "entries": report.entries,
                   "head_hash": report.head_hash, "problem": str(report.problem) if report.problem else None,
                   "central": None if central is None else {
                       "ok": central.ok, "entries": central.entries,
                       "problem": str(central.problem) if central.problem else None},
                   "central_error": central_error or None})
    else:
        if report.ok:
            print(f"journal intact: {report.entries} entries, head {report.head_hash[:16]}")
        if central is not None and central.ok:
            print(f"central copy intact: {central.entries} entries")
    if central_error:
        print(f"central copy not checked: {central_error}", file=sys.stderr)
    if not report.ok:
        print(f"journal damaged: {report.problem}", file=sys.stderr)
    if central is not None and not central.ok:
        print(f"central copy damaged: {central.problem}", file=sys.stderr)
    return 0 if report.ok and (central is None or central.ok) else 3


def cmd_verify_receipt(w: Wiring, args: argparse.Namespace) -> int:
    from app.services.receipt_status import reversal_of, reversal_sentence
    from app.services.verify import verify_receipt

    check = verify_receipt(w.ctx, args.qr_text)
    f = check.fields
    reversal = reversal_of(w.ctx, f.receipt_no) if check.genuine and f is not None else None
    if args.json:
        emit_json({"genuine": check.genuine, "reason": check.reason,
                   "receipt_no": f.receipt_no if f else None, "amount": format_fen(f.amount_fen) if f else None,
                   "reversed": reversal is not None,
                   "reversal": None if reversal is None else {
                       "seq": reversal.seq, "business_day": reversal.business_day,
                       "refund": format_fen(reversal.refund_fen), "reason": reversal.reason,
                       "approver_id": reversal.approver_id}})
    else:
        print(check.reason, file=sys.stdout if check.genuine else sys.stderr)
        if reversal is not None and f is not None:
            print(reversal_sentence(f.receipt_no, reversal))
    if not check.genuine:
        return 3
    return 4 if reversal is not None else 0  # genuine but refunded: not a proof of payment


def cmd_demo(w: Wiring, args: argparse.Namespace) -> int:
    import time

    started = time.perf_counter()
    count = seed_generated(w.store, args.customers, w.ctx.today(), seed=args.seed, months=args.months)
    print(f"{count} demo customers with {args.months} months of bills in {time.perf_counter() - started:.1f} s")
    return 0


def cmd_import(w: Wiring, args: argparse.Namespace) -> int:
    from app.importing import parse_bills, parse_customers
    from app.services.master_data import Adjust, import_master_data

    customers = parse_customers(read_import_file(args.customers, "用户"), source=args.customers) \
        if args.customers else []
    bills = parse_bills(read_import_file(args.bills, "账单"), today=w.ctx.today(), source=args.bills) \
        if args.bills else []
    if not args.adjust and (args.reason or args.supervisor):
        raise HallPayError("--reason 和 --supervisor 只用于总部退补调整；请同时加 --adjust。")
    adjust = Adjust(args.reason, args.supervisor, args.supervisor_pin) if args.adjust else None
    result = import_master_data(w.ctx, customers, bills, adjust, clerk_id=args.clerk or w.config.clerk,
                                sources=(args.customers or "", args.bills or ""))
    extra = ""
    if result.unchanged_bills or result.adjustments or result.offsets:
        extra = (f" ({result.new_bills} new, {result.unchanged_bills} unchanged, {len(result.adjustments)} adjustments, "
                 f"{len(result.offsets)} prepaid offsets)")
    print(f"imported {result.customers} customers, {result.bills} bills{extra}")
    return 0


def read_import_file(path: str, what: str) -> str:
    """An import file's text, or one sentence naming the file: missing, a directory, unreadable, undecodable."""
    from app.importing import decode_import

    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise HallPayError(f"找不到{what}文件 {path}；请核对路径和文件名。") from None
    except IsADirectoryError:
        raise HallPayError(f"{what}文件 {path} 是一个文件夹，不是 CSV 文件；请给出文件的路径。") from None
    except PermissionError:
        raise HallPayError(f"没有权限读取{what}文件 {path}；请检查文件权限。") from None
    except OSError as error:
        raise HallPayError(f"无法读取{what}文件 {path}（{error.strerror or error}）。") from None
    return decode_import(data, what, path)


def cmd_shift(w: Wiring, args: argparse.Namespace) -> int:
    from app.services.shifts import describe, open_shift

    clerk = args.clerk or w.config.clerk
    if args.action == "open":
        shift = open_shift(w.ctx, clerk, parse_yuan(args.float, allow_zero=True))
        print(f"开班 {describe(shift)}")
        return 0
    from app.cash import parse_count
    from app.services import shift_close as sc

    if args.action == "close":
        if not args.count:
            raise HallPayError('结班需要点钞结果；请用 --count "100x5,50x2,0.5x3" 按券别填写张数。')
        result = sc.close_shift(w.ctx, sc.CloseRequest(clerk, parse_count(args.count), args.reason,
                                                       args.supervisor, approver_pin=args.supervisor_pin))
        out = {**figures_json(result.figures), "shift_id": result.shift.shift_id, "clerk": clerk,
               "counted_cash": format_fen(result.counted_fen), "difference": format_fen(result.difference_fen),
               "difference_label": sc.difference_label(result.difference_fen),
               "deposit": format_fen(result.deposit.total_fen), "deposit_counts": result.deposit.text(),
               "kept_counts": result.kept.text(), "pending_card_writes": list(result.pending_card_writes),
               "unprinted_receipts": list(result.unprinted_receipts), "entry_id": result.close_entry.entry_id,
               "entry_hash": result.close_entry.hash}
        if args.json:
            emit_json(out)
        else:
            print(f"结班 {result.shift.shift_id}：应有现金 {out['expected_cash']}，实点 {out['counted_cash']}，"
                  f"{out['difference_label']}；应解款 {out['deposit']}")
        return 0
    if args.action == "status":
        preview = sc.close_preview(w.ctx, clerk)
        out = {**figures_json(preview.figures), "shift_id": preview.shift.shift_id, "clerk": clerk,
               "supervisor_above": format_fen(preview.threshold_fen),
               "pending_card_writes": list(preview.pending_card_writes),
               "unprinted_receipts": [r.receipt_no for r in preview.unprinted_receipts]}
        emit_json(out) if args.json else print(f"班次 {out['shift_id']}：应有现金 {out['expected_cash']}")
        return 0
    day = parse_day(args.day) if args.day else None
    if args.action == "signoff":
        signed = sc.sign_off_day(w.ctx, args.supervisor, day or w.ctx.today().isoformat(), clerk_id="",
                                 pin=args.supervisor_pin)
        print(f"{signed.business_day} 日结已由 {args.supervisor} 签认（流水 {signed.entry.seq}）")
        return 0
    from printing.day_report_pdf import day_report_pdf, deposit_slip_pdf

    if args.hall:  # every terminal whose journal has reached the central ledger
        from app.services.hall_report import hall_day_report
        from db.central.store import CentralStore

        central = CentralStore.open(w.config.central_url(), w.data_dir)
        try:
            journals, damaged = central.checked_journals()  # a report from an edited journal says so
            report = dataclasses.replace(hall_day_report(w.ctx, journals, day), journal_problems=tuple(damaged))
        finally:
            central.close()
    else:
        report = sc.load_day_report(w.ctx, day)  # checks this terminal's own journal
    damaged = list(report.journal_problems)  # on the PDF pages, on stderr and in the JSON
    for sentence in damaged:
        print(sentence, file=sys.stderr)
    pdf = Path(args.pdf) if args.pdf else w.data_dir / "reports" / f"day-{report.business_day}.pdf"
    slip = Path(args.slip) if args.slip else pdf.with_name(f"{pdf.stem}-deposit.pdf")
    day_report_pdf(report, pdf)
    deposit_slip_pdf(report, slip)
    if args.json:
        emit_json({**figures_json(report.hall), "business_day": report.business_day, "pdf": str(pdf),
                   "journal_damaged": damaged,
                   "slip": str(slip), "signed_off_by": report.signed_off_by,
                   "clerks": {c.clerk_id: figures_json(c.figures) for c in report.clerks}})
    else:
        print(pdf)
        print(slip)
    return 0


def parse_day(text: str) -> str:
    try:
        return dt.date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise HallPayError(f"“{text}”不是有效日期；请按 YYYY-MM-DD 填写，如 2026-11-23。") from None


def figures_json(f: Any) -> dict[str, Any]:
    """A shift's or a day's figures for --json: amounts as "123.45"."""
    return {
        "float": format_fen(f.float_fen), "expected_cash": format_fen(f.expected_cash_fen),
        "cash_tendered": format_fen(f.cash_tendered_fen), "change_given": format_fen(f.change_given_fen),
        "cash_refunds": format_fen(f.cash_refunds_fen), "receipts": f.receipts, "reversals": f.reversals,
        "reversed": format_fen(f.reversed_fen), "waivers": f.waivers, "card_purchases": f.card_purchases,
        "counted_cash": format_fen(f.counted_fen), "difference": format_fen(f.difference_fen),
        "by_method": {m.method: {"count": m.count, "amount": format_fen(m.amount_fen), "refund_count": m.refund_count,
                                 "refunded": format_fen(m.refunded_fen), "net": format_fen(m.net_fen)}
                      for m in f.by_method},
        "by_category": {c.category: {"count": c.count, "amount": format_fen(c.amount_fen)} for c in f.by_category},
    }


def cmd_reverse(w: Wiring, args: argparse.Namespace) -> int:
    from app.services.reversal import ReversalRequest
    from app.services.wallet_refund import reverse_payment
    from cli.wallet import wallets_of

    req = ReversalRequest(args.receipt_no, args.clerk or w.config.clerk, args.supervisor, args.reason,
                          approver_pin=args.supervisor_pin)
    r = reverse_payment(w.ctx, lambda: wallets_of(w), req)  # a collected wallet payment: refunded first
    if args.json:
        emit_json({"receipt_no": r.receipt_no, "customer_no": r.customer_no, "method": r.method,
                   "refund": format_fen(r.refund_fen), "balance_after": format_fen(r.balance_after_fen),
                   "shift_id": r.shift_id, "entry_id": r.entry.entry_id, "entry_hash": r.entry.hash})
    else:
        print(f"已冲正 {r.receipt_no}：退款 {format_fen(r.refund_fen)} 元（{r.method}），流水 {r.entry.seq}")
    return 0


def cmd_arrears(w: Wiring, args: argparse.Namespace) -> int:
    from app.risk import ArrearsFilter
    from app.services.arrears import arrears_list

    f = ArrearsFilter(grade=args.grade or "", category=args.category or "", area=args.area or "",
                      clerk_id=args.responsible or "", min_days=args.min_days,
                      min_fen=parse_yuan(args.min_amount) if args.min_amount else 0,
                      notice_state=args.notice or "", sort=args.sort, limit=args.limit)
    lst = arrears_list(w.ctx, f)
    if args.csv or args.xlsx:
        from printing.export import export_csv, export_xlsx

        if args.csv:
            export_csv(lst, args.csv)
        if args.xlsx:
            export_xlsx(lst, args.xlsx)
    if args.pdf:
        from printing.arrears_pdf import arrears_pdf

        arrears_pdf(lst, w.ctx.terminal.hall_name, args.pdf)
    t = lst.totals
    if args.json:
        emit_json({"customers": t.customers, "owed": format_fen(t.owed_fen),
                   "ageing": {k: {"customers": n, "owed": format_fen(v)} for k, n, v in
                              zip(("0-30", "31-60", "61-90", "90+"), t.bucket_customers, t.bucket_fen)},
                   "rows": [{"customer_no": r.customer_no, "name": r.name, "grade": r.grade, "bills": r.bills,
                             "owed": format_fen(r.owed_fen), "late_fee": format_fen(r.late_fee_fen),
                             "days_overdue": r.days_overdue, "notice": r.notice_state} for r in lst.rows]})
    else:
        for r in lst.rows:
            print(f"{r.customer_no}  {r.name}  {r.grade or '-':3}  {r.bills} 期  {format_fen(r.owed_fen)}  "
                  f"逾期 {r.days_overdue} 天  {r.notice_state}")
        print(f"合计 {t.customers} 户，欠费本金 {format_fen(t.owed_fen)} 元")
    return 0


def cmd_notice(w: Wiring, args: argparse.Namespace) -> int:
    from app.services import notices

    clerk = args.clerk or w.config.clerk
    if args.action == "propose":
        n = notices.propose(w.ctx, args.target, clerk, args.reason)
    elif args.action == "approve":
        pin = os.environ.get("HALLPAY_SUPERVISOR_PIN") or __import__("getpass").getpass("主管密码：")
        n = notices.approve(w.ctx, args.target, clerk, args.supervisor, pin)
    elif args.action == "serve":
        n = notices.serve(w.ctx, args.target, clerk, args.method)
    elif args.action == "remind":
        n = notices.remind(w.ctx, args.target, clerk)
    else:
        from app.services.payments import due
        from printing.notice_pdf import NoticeDoc, notice_pdf

        n = notices.get_notice(w.ctx, args.target)
        d = due(w.ctx, n.customer_no)
        out = Path(args.pdf or w.data_dir / "reports" / f"{n.notice_id}.pdf")
        notice_pdf(NoticeDoc(n, d.customer, d.quote, w.ctx.terminal.hall_name), out)
        print(out, file=sys.stderr)
    if args.json:
        emit_json({"notice_id": n.notice_id, "customer_no": n.customer_no, "state": n.state,
                   "owed": format_fen(n.owed_fen), "served_on": n.served_on, "pay_by": n.pay_by,
                   "stop_from": n.stop_from, "important": n.important})
    else:
        print(f"{n.notice_id}  {n.customer_no}  {n.state}  停电最早 {n.stop_from or '-'}")
    return 0


def cmd_blacklist(w: Wiring, args: argparse.Namespace) -> int:
    from app.services.blacklist import import_blacklist

    result = import_blacklist(w.ctx, args.file)
    if args.json:
        emit_json({"rows": result.rows, "matched": result.matched})
    else:
        print(f"已导入诚信黑榜 {result.rows} 条；匹配用户 {result.matched} 户")
    return 0


def cmd_collection(w: Wiring, args: argparse.Namespace) -> int:
    from app.services.collection import collection_report, report_json, report_text

    report = collection_report(w.ctx, args.month)
    if args.json:
        emit_json(report_json(report))
    else:
        print(report_text(report))
    return 0


def cmd_screenshot(w: Wiring, args: argparse.Namespace) -> int:
    """Render on a throwaway copy of the data dir: the showcase payments never reach the real journal,
    and the receipts go to a file printer inside the copy, never to the hall's printer (issue 16)."""
    import tempfile

    from db.scratch_copy import scratch_copy

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.screenshot import render_page

    out = Path(args.out).resolve()
    with tempfile.TemporaryDirectory(prefix="hallpay-screenshot-") as tmp:
        scratch = open_terminal(scratch_copy(w.data_dir, Path(tmp) / "data"), generated_customers=0)
        scratch.config.data["printer"] = {**scratch.config.section("printer"), "kind": "file"}
        scratch.config.data.pop("backup", None)  # no backup of the throwaway copy over the real one
        try:
            render_page(scratch, args.page, out, args.lang)
        finally:
            scratch.store.close()
    print(args.out)
    return 0


def cmd_gui(w: Wiring, args: argparse.Namespace) -> int:
    from cli.wallet import resolve_in_background
    from ui.app import run_gui

    resolve_in_background(w)  # scanned payments a crash left open: settled off the UI thread, never blocking
    return run_gui(w)


def sync_link(w: Wiring) -> Any:
    from app.services.sync import SyncLink
    from db.central.store import CentralStore
    from db.local_sync import LocalSync

    signer = w.ctx.signer  # signs the master data this counter's pushes change centrally (app/pulled.py)
    writer = (w.ctx.terminal.terminal_id, signer) if signer is not None else None

    def open_central() -> Any:
        central = CentralStore.open(w.config.central_url(), w.data_dir, writer)
        if w.config.mode == "training":  # a training terminal pulls, never pushes (issue 17)
            from db.central.training import PullOnlyCentral

            return PullOnlyCentral(central)
        return central

    return SyncLink(LocalSync(w.store.engine), open_central,
                    w.ctx.terminal, signer.public_key_hex if signer is not None else "")


def cmd_sync(w: Wiring, args: argparse.Namespace) -> int:
    from app.services.sync import make_worker, run_sync

    link = sync_link(w)
    if not args.once:
        worker = make_worker(link, interval_s=float(w.config.section("central").get("interval_s", 30)))
        worker.start()
        try:
            while worker.is_alive():
                worker.join(5.0)
                print(worker.status().text(), flush=True)
        except KeyboardInterrupt:
            worker.stop()
        return 0
    result = run_sync(link, batch_size=args.batch)
    if args.json:
        emit_json({"pushed": result.pushed, "duplicates": result.duplicates, "pulled": result.pulled,
                   "pending": result.pending, "ack_seq": result.ack.seq, "review_cases": result.cases,
                   "alarms": [a.reason for a in result.alarms]})
    else:
        print(f"上传 {result.pushed} 笔，下载 {result.pulled} 条，待上传 {result.pending} 笔")
    for alarm in result.alarms:
        print(alarm.reason, file=sys.stderr)
    return 3 if result.alarms else 0


def cmd_backup(w: Wiring, args: argparse.Namespace) -> int:
    from app.services.backup import backup_now, status_once

    target = backup_target(w)
    if target is None:
        raise HallPayError("未设置备份位置；请在 config.toml 的 [backup] 中填写 path（U 盘或网络共享）。")
    if not args.status:
        backup_now(target, lambda: dt.datetime.now(dt.UTC))
    status = status_once(target, dt.datetime.now(dt.UTC))
    if args.json:
        emit_json({"state": status.state, "backed_seq": status.backed_seq, "head_seq": status.head_seq,
                   "age_s": status.age_s, "text": status.text(), "path": str(target.backup_dir)})
    else:
        print(status.text())
    return 1 if status.red else 0


def cmd_restore(w: Wiring | None, args: argparse.Namespace) -> int:
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
            central = CentralStore.open(url, data_dir)
    try:
        report = restore(data_dir, Path(args.source), terminal_id=config.terminal_id if config else None,
                         central=central)
    finally:
        if central is not None:
            central.close()
    if args.json:
        emit_json({"terminal_id": report.terminal_id, "source": str(report.source), "backup_seq": report.backup_seq,
                   "central_seq": report.central_seq, "from_central": report.appended_from_central,
                   "head_seq": report.head_seq, "head_hash": report.head_hash, "receipts": report.receipts,
                   "kept_aside": [str(p) for p in report.kept_aside]})
    else:
        print(f"已恢复终端 {report.terminal_id}：流水 {report.head_seq} 笔（备份 {report.backup_seq} 笔，"
              f"总部补回 {report.appended_from_central} 笔），收据 {report.receipts} 张，校验通过")
    return 0


def cmd_support_bundle(w: Wiring | None, args: argparse.Namespace) -> int:
    from app.services.backup import support_bundle

    data_dir = args.data_dir or default_data_dir()
    report: dict[str, Any] = {}
    try:
        from app.services.verify import verify_local

        w = w or open_terminal(data_dir)
        r = verify_local(w.ctx)
        report = {"ok": r.ok, "entries": r.entries, "head_hash": r.head_hash,
                  "problem": str(r.problem) if r.problem else None}
    except HallPayError as error:  # a terminal that does not start is exactly when support needs the bundle
        report = {"ok": False, "problem": str(error)}
    out = Path(args.out) if args.out else data_dir / f"support-{dt.datetime.now():%Y%m%d-%H%M%S}.zip"
    support_bundle(data_dir, out, report)
    print(out)
    return 0


def card_key(w: Wiring) -> bytes:
    """The terminal's card master key ([card] master_key_hex in config.toml, generated when missing)."""
    from cardreader.factory import ensure_master_key

    return ensure_master_key(w.config.path)


def card_for(w: Wiring, customer_no: str | None, *, blank: bool = False) -> Any:
    """The card reader; in simulated mode, with that customer's card (DATA/cards/) or a blank card in it."""
    from cardreader.factory import make_card_reader
    from cardreader.simulated import SimulatedCardReader

    reader = make_card_reader(w.config.section("card"))
    if reader.card is None if isinstance(reader, SimulatedCardReader) else False:
        insert_demo_card(w, reader, customer_no, blank=blank)
    return reader


def insert_demo_card(w: Wiring, reader: Any, customer_no: str | None, *, blank: bool = False) -> bool:
    from cardreader.factory import blank_card, simulated_card
    from cardreader.simulated import SimulatedCardReader

    if not isinstance(reader, SimulatedCardReader):
        return False
    reader.remove()
    if blank:
        import secrets

        reader.insert(blank_card(w.data_dir, "BL" + secrets.token_hex(7).upper()))
    elif customer_no:
        from app.services.recharge import find_customer

        c = find_customer(w.ctx, customer_no)
        reader.insert(simulated_card(w.data_dir, c.customer_no, c.meter_no, card_key(w)))
    return True


def cmd_recharge(w: Wiring, args: argparse.Namespace) -> int:
    from app.model import Method
    from app.services.receipts import print_receipt
    from app.services.recharge import RechargeRequest, recharge

    req = RechargeRequest(customer_no=args.customer_no.strip(), amount_fen=parse_yuan(args.amount),
                          method=Method(args.method), clerk_id=args.clerk or w.config.clerk,
                          tendered_fen=parse_yuan(args.tendered) if args.tendered is not None else None,
                          reference=args.reference or "")
    result = recharge(w.ctx, card_for(w, req.customer_no), card_key(w), req)
    printed = print_receipt(w.ctx, w.printer(), result.receipt)
    r = result.receipt
    if args.json:
        emit_json({
            "receipt_no": r.receipt_no, "customer_no": r.customer_no, "method": r.method, "bills": [],
            "late_fee_total": "0.00", "total": format_fen(r.total_fen), "amount": format_fen(r.amount_fen),
            "tendered": format_fen(r.tendered_fen), "change": format_fen(r.change_fen),
            "balance_before": format_fen(r.balance_before_fen), "balance_after": format_fen(r.balance_after_fen),
            "entry_id": r.entry_id, "entry_hash": r.entry_hash, "printed": printed.printed,
            "print_reason": printed.reason, "purchase_count": result.purchase_count, "card_state": result.card_state,
            "card_message": result.card_message, "meter_no": r.meter_no, "rewritten": list(result.completed),
            "meter_balance": None if result.meter_balance_fen is None else format_fen(result.meter_balance_fen),
        })
    else:
        print(f"{r.receipt_no}  {r.customer_no} {r.customer_name}  购电 {format_fen(r.amount_fen)}  "
              f"第 {result.purchase_count} 次  {'已写卡' if result.card_state == 'written' else '待写卡'}")
        if result.card_message:
            print(result.card_message, file=sys.stderr)
        if not printed.printed:
            print(f"凭证未打印：{printed.reason}", file=sys.stderr)
    return 0 if result.card_state == "written" else 4


def cmd_card(w: Wiring, args: argparse.Namespace) -> int:
    from app.model import Method
    from app.services.card_replace import ReplaceRequest, replace_card
    from app.services.recharge import read_card_view

    clerk = args.clerk or w.config.clerk
    if args.action == "rewrite":  # 补写卡: finish what the inserted card is owed
        view = read_card_view(w.ctx, card_for(w, args.customer_no), card_key(w), clerk, args.customer_no)
        out = {"serial": view.image.serial, "customer_no": view.image.customer_no, "rewritten": list(view.completed),
               "purchase_count": view.image.purchase_count, "check": view.check.code, "message": view.check.message}
        emit_json(out) if args.json else print(
            f"补写卡完成：{'、'.join(view.completed)}" if view.completed else "该卡没有待补写的购电。")
        return 0
    reader = card_for(w, None, blank=True)
    r = replace_card(w.ctx, reader, card_key(w),
                     ReplaceRequest(args.customer_no.strip(), clerk, Method(args.method),
                                    parse_yuan(args.tendered) if args.tendered is not None else None,
                                    args.reference or ""))
    if r.card_state == "written" and getattr(getattr(reader, "card", None), "path", None):
        from cardreader.factory import adopt_replacement

        adopt_replacement(w.data_dir, args.customer_no.strip(), reader.card.path)
    out = {"receipt_no": r.receipt_no, "serial": r.new_serial, "retired": list(r.retired), "fee": format_fen(r.fee_fen),
           "tendered": format_fen(r.tendered_fen), "change": format_fen(r.change_fen),
           "purchase_count": r.purchase_count, "purchase": format_fen(r.purchase_fen), "card_state": r.card_state,
           "card_message": r.card_message, "entry_id": r.entry.entry_id, "entry_hash": r.entry.hash}
    if args.json:
        emit_json(out)
    else:
        print(f"补卡 {r.new_serial}：作废 {'、'.join(r.retired) or '无'}，卡内第 {r.purchase_count} 次购电，"
              f"工本费 {out['fee']}，{'已写卡' if r.card_state == 'written' else '待写卡'}")
        if r.card_message:
            print(r.card_message, file=sys.stderr)
    return 0 if r.card_state == "written" else 4


def cmd_card_sim(w: Wiring, args: argparse.Namespace) -> int:
    from app.card import CardIdentity
    from app.services.recharge import find_customer
    from cardreader.factory import card_path
    from cardreader.sim_cli import default_serial, run_card_sim

    c = find_customer(w.ctx, args.customer)
    identity = CardIdentity(default_serial(c.customer_no), c.customer_no, c.meter_no)
    return run_card_sim(card_path(w.data_dir, c.customer_no), create=identity, master_key=card_key(w),
                        meter_insert=args.meter_insert, port=args.port)


# Commands that act for nobody in particular; every other command logs its clerk in first (issue 8).
NO_LOGIN_COMMANDS = {"gui", "bench", "screenshot", "demo", "verify", "verify-receipt", "card-sim", "sync", "clerk"}


def read_secret(env: str, prompt: str) -> str | None:
    """A PIN from the terminal (getpass, never echoed) when stdin is a TTY, else from env; None if neither."""
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        return getpass.getpass(prompt, stream=sys.stderr)
    return os.environ.get(env)


def cli_login(w: Wiring, args: argparse.Namespace) -> None:
    """Log the command's clerk in (PIN: prompt or HALLPAY_PIN; a demo terminal falls back to the demo PIN)
    and read the approving supervisor's PIN (prompt or HALLPAY_SUPERVISOR_PIN; never a fallback)."""
    import dataclasses

    from app.services.clerks import demo_pin, login

    args.supervisor_pin = ""
    if getattr(args, "supervisor", ""):
        args.supervisor_pin = read_secret("HALLPAY_SUPERVISOR_PIN", f"主管 {args.supervisor} 的密码：") or ""
    if args.command in NO_LOGIN_COMMANDS:
        return
    clerk = args.clerk or w.config.clerk
    pin = read_secret("HALLPAY_PIN", f"{clerk} 的密码：")
    if pin is None and w.config.mode == "demo":  # only the showcase terminal has demo PINs (issue 17)
        pin = demo_pin(w.ctx, clerk)
    if pin is None:
        raise HallPayError(f"请输入收费员 {clerk} 的密码（在终端中输入，或设置环境变量 HALLPAY_PIN）。")
    session = login(w.ctx, clerk, pin, record=False)
    w.ctx = dataclasses.replace(w.ctx, clerk_id=session.clerk_id)


def cmd_bench(w: Wiring | None, args: argparse.Namespace) -> int:
    from db.bench import run_bench

    return run_bench(args, open_terminal=open_terminal)


def _stall_during_recharges(runs: int) -> int:
    """Recharges of the prepaid showcase card, each loaded by its meter before the next, beside a Qt timer."""
    import tempfile

    from app.model import Method
    from app.services.recharge import RechargeRequest, recharge
    from cardreader.factory import simulated_card
    from cardreader.sim_cli import insert_into_meter
    from cardreader.simulated import SimulatedCardReader
    from ui.stall import measure_stall

    with tempfile.TemporaryDirectory(prefix="hallpay-stall-") as tmp:
        w = open_terminal(Path(tmp) / "T01", generated_customers=0)
        key = card_key(w)
        reader = SimulatedCardReader()

        def work() -> int:
            for _ in range(runs):
                card = simulated_card(w.data_dir, "1000000003", "M1000000003", key)
                insert_into_meter(card, key)
                reader.insert(card)
                recharge(w.ctx, reader, key, RechargeRequest("1000000003", 1000, Method.CASH, "C01"))
                reader.remove()
            return runs

        result = measure_stall(work)
        w.store.close()
    emit_json({k: v for k, v in result.items() if k != "value"} | {"recharges": result.get("value")})
    return 0


def cmd_stall_probe(w: Wiring | None, args: argparse.Namespace) -> int:
    """Hidden, for `bench`: the longest UI-thread stall while a sync drains N queued entries."""
    import random
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.sync import push_pending
    from db.central.store import CentralStore
    from db.local_sync import LocalSync
    from db.sync_bench import _entries, _queue
    from ui.stall import measure_stall

    if args.work == "recharge":
        return _stall_during_recharges(args.runs)
    with tempfile.TemporaryDirectory(prefix="hallpay-stall-") as tmp:
        entries = _entries("P01", args.entries, "8P01", random.Random(1))
        store = _queue(Path(tmp) / "local.db", entries)
        central = CentralStore.open(args.central_url, Path(tmp))
        try:
            outbox = LocalSync(store.engine)
            result = measure_stall(lambda: push_pending(outbox, central, "P01", "压测营业厅", 500)[0])
        finally:
            central.close()
            store.close()
    emit_json({k: v for k, v in result.items() if k != "value"} | {"pushed": result.get("value")})
    return 0


# ------------------------------------------------------------------------------------ parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hallpay", description="HallPay — 供电营业厅收费终端")
    sub = parser.add_subparsers(dest="command")

    def add(name: str, func: Callable[..., int], help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_)
        p.add_argument("--data-dir", type=Path, default=None, help="the terminal's data directory")
        p.add_argument("--clerk", default=None, help="clerk id (default: config's clerk)")
        p.set_defaults(func=func)
        return p

    add("gui", cmd_gui, "the counter window (default)")
    p = add("demo", cmd_demo, "seed demo customers and bills")
    p.add_argument("--customers", type=int, required=True)
    p.add_argument("--months", type=int, default=12)
    p.add_argument("--seed", type=int, default=2026)
    p = add("import", cmd_import, "load master data exported by head office")
    p.add_argument("--customers")
    p.add_argument("--bills")
    p.add_argument("--adjust", action="store_true", help="changed bills/categories are a head-office adjustment")
    p.add_argument("--reason", default="", help="the adjustment's reason")
    p.add_argument("--supervisor", default="", help="approving supervisor's id (PIN: HALLPAY_SUPERVISOR_PIN)")
    p = add("lookup", cmd_lookup, "find a customer")
    p.add_argument("query")
    p.add_argument("--json", action="store_true")
    p = add("pay", cmd_pay, "take a payment")
    p.add_argument("customer_no")
    p.add_argument("--method", required=True, choices=["cash", "bankcard", "wechat", "alipay", "unionpay", "cheque"])
    p.add_argument("--amount")
    p.add_argument("--tendered")
    p.add_argument("--reference")
    p.add_argument("--change-to-balance", choices=["none", "all", "fen"], default="none",
                   help="零钱转预存: keep all the change, or its part below 1 yuan, as prepaid balance")
    p.add_argument("--auth-code", help="the customer's scanned payment code (付款码): collect via the acquirer")
    p.add_argument("--json", action="store_true")
    p = add("reprint", cmd_reprint, "print a receipt again, marked 重打")
    p.add_argument("receipt_no")
    p.add_argument("--pdf", help="also write an A5 PDF copy here")
    p.add_argument("--supervisor", default="", help="approving supervisor's id (reprint after the shift's close)")
    p = add("verify", cmd_verify, "check the journal's hash chain")
    p.add_argument("--json", action="store_true")
    p = add("verify-receipt", cmd_verify_receipt,
            "is a receipt's QR text genuine (against the journal); exit 3 not genuine, 4 genuine but reversed")
    p.add_argument("qr_text")
    p.add_argument("--json", action="store_true")
    p = add("shift", cmd_shift, "the clerk's shift")
    p.add_argument("action", choices=["open", "status", "close", "report", "signoff"])
    p.add_argument("--hall", action="store_true", help="report: every terminal synced to the central ledger")
    p.add_argument("--float", default="0")
    p.add_argument("--count", help='cash by denomination (yuan x pieces, down to the 1-fen coin), '
                                   'e.g. "100x5,50x2,0.5x3,0.05x1"')
    p.add_argument("--reason", default="")
    p.add_argument("--supervisor", default="", help="approving supervisor's id")
    p.add_argument("--day", help="business day YYYY-MM-DD (default: today)")
    p.add_argument("--pdf", help="write the day report PDF here")
    p.add_argument("--slip", help="write the bank deposit slip PDF here (default: beside --pdf)")
    p.add_argument("--json", action="store_true")
    p = add("reverse", cmd_reverse, "reverse (冲正) a payment of the current shift")
    p.add_argument("receipt_no")
    p.add_argument("--reason", default="")
    p.add_argument("--supervisor", default="", help="approving supervisor's id")
    p.add_argument("--json", action="store_true")
    p = add("arrears", cmd_arrears, "the arrears list (欠费清单): filter, totals, export")
    p.add_argument("--grade", choices=["I", "II", "III"])
    p.add_argument("--category", choices=["residential", "commercial", "industrial", "agricultural"])
    p.add_argument("--area")
    p.add_argument("--responsible", help="clerk answering for the area (收费责任制)")
    p.add_argument("--min-days", type=int, default=0)
    p.add_argument("--min-amount")
    p.add_argument("--notice", choices=["none", "proposed", "approved", "served", "reminded"])
    p.add_argument("--sort", default="owed_desc", choices=["owed_desc", "age_desc", "customer_no"])
    p.add_argument("--limit", type=int, default=200)
    p.add_argument("--csv")
    p.add_argument("--xlsx")
    p.add_argument("--pdf")
    p.add_argument("--json", action="store_true")
    p = add("notice", cmd_notice, "stop-power notice: propose CUSTOMER_NO | approve|serve|remind|print NOTICE_ID")
    p.add_argument("action", choices=["propose", "approve", "serve", "remind", "print"])
    p.add_argument("target", help="customer number (propose) or notice id")
    p.add_argument("--reason", default="")
    p.add_argument("--supervisor", default="")
    p.add_argument("--method", default="in_person")
    p.add_argument("--pdf")
    p.add_argument("--json", action="store_true")
    p = add("blacklist", cmd_blacklist, "import the government's integrity blacklist (诚信黑榜) CSV")
    p.add_argument("action", choices=["import"])
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p = add("collection", cmd_collection, "collection responsibility report (收费责任制) per clerk and area")
    p.add_argument("--month", help="YYYY-MM (default: this month)")
    p.add_argument("--json", action="store_true")
    p = add("screenshot", cmd_screenshot, "render a GUI page offscreen to a PNG")
    p.add_argument("--page", default="counter")
    p.add_argument("--lang", choices=["zh_CN", "en"], default=None, help="default: config's language")
    p.add_argument("out")
    p = add("sync", cmd_sync, "push the journal, pull master data")
    p.add_argument("--once", action="store_true")
    p.add_argument("--json", action="store_true")
    p.add_argument("--batch", type=int, default=500, help=argparse.SUPPRESS)
    p = add("backup", cmd_backup, "copy the local store to [backup] path now")
    p.add_argument("--status", action="store_true", help="only report the backup's age")
    p.add_argument("--json", action="store_true")
    p = add("restore", cmd_restore, "rebuild local.db from a backup and the central ledger")
    p.add_argument("--from", dest="source", required=True, help="backup directory or its *-local.db")
    p.add_argument("--no-central", action="store_true", help="use the backup alone")
    p.add_argument("--json", action="store_true")
    p = add("support-bundle", cmd_support_bundle, "zip config (no secrets), logs and the verify report")
    p.add_argument("--out", help="the zip to write")
    p = add("recharge", cmd_recharge, "IC-card purchase (IC卡购电) onto the card in the reader")
    p.add_argument("customer_no")
    p.add_argument("--amount", required=True)
    p.add_argument("--method", required=True, choices=["cash", "bankcard", "wechat", "alipay", "unionpay", "cheque"])
    p.add_argument("--tendered")
    p.add_argument("--reference")
    p.add_argument("--json", action="store_true")
    p = add("card", cmd_card, "补写卡 (rewrite the card's pending purchase) or 补卡 (replace a lost card)")
    p.add_argument("action", choices=["rewrite", "replace"])
    p.add_argument("customer_no")
    p.add_argument("--method", default="cash", choices=["cash", "bankcard", "wechat", "alipay", "unionpay", "cheque"])
    p.add_argument("--tendered")
    p.add_argument("--reference")
    p.add_argument("--json", action="store_true")
    p = add("card-sim", cmd_card_sim, "plug a customer's virtual IC card into the vpcd reader until stopped")
    p.add_argument("--customer", required=True)
    p.add_argument("--meter-insert", action="store_true", help="first take the card through its simulated meter")
    p.add_argument("--port", type=int, default=35963)
    p = sub.add_parser("stall-probe")  # hidden: run by `bench` in a child process
    p.add_argument("--entries", type=int, default=10_000)
    p.add_argument("--central-url", default="")
    p.add_argument("--work", choices=["sync", "recharge"], default="sync")
    p.add_argument("--runs", type=int, default=50)
    p.set_defaults(func=cmd_stall_probe, data_dir=None, clerk=None)
    from cli.wallet import add_parser as add_wallet_parser

    add_wallet_parser(add)
    p = add("bench", cmd_bench, "the benchmark suite")
    p.add_argument("--json", action="store_true")
    p.add_argument("--quick", action="store_true")
    p.add_argument("--customers", type=int, default=None)
    from cli import central, clerk, terminal

    for group in (central, terminal, clerk):  # command groups of cli/ (issue 17)
        group.add_parser(sub)
    return parser


MONEY_COMMANDS = ("pay", "recharge", "reverse", "shift", "waive", "card", "import")  # import: offsets, adjustments


def backup_after_command(w: Wiring) -> None:
    """A money command's entry reaches the backup path before the command returns; a failure is told."""
    target = backup_target(w)
    if target is None:
        return
    from app.services.backup import backup_now

    try:
        backup_now(target, lambda: dt.datetime.now(dt.UTC))
    except HallPayError as error:
        print(f"已记账，但{error}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv = ["gui", *argv]
    if argv and argv[0] == "console":  # head office's web console (issue 21): its own argv
        from cli.console import main as console_main

        return console_main(argv[1:], default_data_dir())
    args = build_parser().parse_args(argv)
    try:
        if args.command in ("bench", "stall-probe", "restore", "support-bundle", "central", "terminal"):
            return int(args.func(None, args))
        wiring = open_terminal(args.data_dir or default_data_dir(),
                               generated_customers=0 if args.command == "demo" else DEMO_GENERATED_CUSTOMERS,
                               witnesses_stop=args.command not in ("sync", "verify"))
        cli_login(wiring, args)
        if args.command in MONEY_COMMANDS:  # a wallet payment a crash left open: query, record once or cancel
            from cli.wallet import resolve_pending

            resolve_pending(wiring, args)
        rc = int(args.func(wiring, args))
        if args.command in MONEY_COMMANDS:
            backup_after_command(wiring)
        return rc
    except HallPayError as error:
        print(str(error), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
