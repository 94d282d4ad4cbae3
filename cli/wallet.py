"""`pay --auth-code` and `wallet resolve|reconcile|code|sim`: the wallet flow on the command line."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import signal
import sys
import threading
import time
from typing import Any

from app.errors import HallPayError, InputError
from app.messages import coded
from app.money import parse_yuan
from app.wallet import WALLET_LABELS, TradeState, WalletKind
from cli.methods import method_arg
from cli.output import words

log = logging.getLogger(__name__)


def wallets_of(w: Any) -> dict:
    """The terminal's acquirers as its wiring hands them out (the demo simulator's, while a window runs one)."""
    wallets: dict = w.wallets()[0]
    return wallets


def locks_of(w: Any) -> Any:
    from wallets.locks import FileLocks

    return FileLocks(w.data_dir / "wallet-locks")


def collect_payment(w: Any, args: argparse.Namespace) -> tuple[Any, dict[str, Any]]:
    """Collect by the scanned code; returns (PayResult, extra JSON fields). Ctrl+C is the cancel key."""
    from app.services.wallet_pay import Hooks, WalletPayRequest, collect
    from wallets.factory import polling

    if args.method not in ("wechat", "alipay"):
        raise coded(InputError, "wallet.cli_method")
    if args.reference:
        raise coded(InputError, "wallet.cli_reference")
    if args.tendered is not None or getattr(args, "change_to_balance", "none") != "none":
        raise coded(InputError, "wallet.cli_tendered")
    req = WalletPayRequest(
        args.customer_no,
        method_arg(args.method),
        args.auth_code,
        args.clerk or w.config.clerk,
        amount_fen=parse_yuan(args.amount) if args.amount is not None else None,
    )
    stop = {"asked": False}

    def on_sigint(signum: int, frame: Any) -> None:
        stop["asked"] = True

    def on_wait(left: float, state: TradeState) -> None:
        what = "等待客户输入支付密码" if state is TradeState.USERPAYING else "收单机构未应答，正在查询"
        print(f"{what}…… 剩余 {int(left + 0.999)} 秒（Ctrl+C 撤销）", file=sys.stderr, flush=True)

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        done = collect(
            w.ctx,
            wallets_of(w),
            req,
            polling=polling(w.config),
            locks=locks_of(w),
            hooks=Hooks(on_wait=on_wait, stop_requested=lambda: stop["asked"], sleep=time.sleep),
        )
    finally:
        signal.signal(signal.SIGINT, previous)
    if done.corrected:
        print(
            f"付款码属于{WALLET_LABELS[done.wallet]}，已按{WALLET_LABELS[done.wallet]}收款。", file=sys.stderr
        )
    return done.paid, {
        "wallet": done.wallet.value,
        "out_trade_no": done.out_trade_no,
        "trade_no": done.trade_no,
        "corrected": done.corrected,
    }


def resolve_pending(w: Any, args: argparse.Namespace | None = None, *, quiet: bool = False) -> list[Any]:
    """Settle attempts a crash left open: before a wallet payment and a shift close (which need them
    settled and may wait on the acquirer); before any other money command only say that some are open,
    because a cash payment never waits on the network."""
    from app.services.wallet_attempts import open_attempts
    from app.services.wallet_recovery import resolve_open

    pending = open_attempts(w.ctx)
    if not pending:
        return []
    settles = getattr(args, "auth_code", None) or (
        args is not None and args.command == "shift" and getattr(args, "action", "") == "close"
    )
    if args is not None and not settles:
        print(f"有 {len(pending)} 笔扫码收款结果待核实（python main.py wallet resolve）。", file=sys.stderr)
        return []
    try:
        wallets = wallets_of(w)
    except HallPayError as error:
        if not quiet:
            print(f"有未完成的扫码收款待核实，但{error}", file=sys.stderr)
        return []
    done = resolve_open(w.ctx, wallets, locks=locks_of(w))
    if not quiet:
        words = {
            "paid": "已补记入账",
            "linked": "已入账",
            "cancelled": "已撤销",
            "failed": "交易已关闭",
            "open": "仍待核实",
        }
        for r in done:
            extra = f"，凭证 {r.receipt_no}" if r.receipt_no else ""
            print(f"扫码收款 {r.out_trade_no}：{words.get(r.outcome, r.outcome)}{extra}", file=sys.stderr)
    return done


def resolve_in_background(w: Any) -> threading.Thread | None:
    """At the counter's start: settle open attempts on a thread of their own (its own units of work), so a
    silent acquirer never delays the window; the outcome goes to the log (and is settled before the next
    wallet payment in any case)."""
    from app.services.wallet_attempts import open_attempts
    from app.services.wallet_recovery import resolve_open

    if not open_attempts(w.ctx):
        return None

    def work() -> None:
        try:
            for r in resolve_open(w.ctx, wallets_of(w), locks=locks_of(w)):
                log.info("start-up: wallet attempt %s %s %s", r.out_trade_no, r.outcome, r.receipt_no)
        except Exception:  # noqa: BLE001 - a start-up helper: the attempt stays open, the next payment retries
            log.exception("start-up: settling open wallet attempts failed; they stay open")

    thread = threading.Thread(target=work, name="wallet-resolve", daemon=True)
    thread.start()
    return thread


def cmd_wallet(w: Any, args: argparse.Namespace) -> int:
    from cli.render import emit_json

    if args.action == "resolve":
        done = resolve_pending(w, quiet=args.json)
        if args.json:
            emit_json({"resolved": [r.__dict__ for r in done]})
        return 0
    if args.action == "code":
        from wallets.codes import SCENARIOS, payment_code

        if args.scenario not in SCENARIOS:
            raise coded(
                InputError, "wallet.cli_scenario", scenario=args.scenario, choices=", ".join(SCENARIOS)
            )
        print(payment_code(WalletKind(args.kind), args.scenario))
        return 0
    if args.action == "reconcile":
        from app.services.wallet_reconcile import reconcile_day, reconcile_live

        try:
            day = dt.date.fromisoformat(args.day) if args.day else w.ctx.today()
        except ValueError as error:
            raise coded(InputError, "wallet.cli_day", day=args.day) from error
        report = (reconcile_live if args.live else reconcile_day)(w.ctx, wallets_of(w), day)
        recorded = False
        if not args.live:  # a close left this day pending: the statement now completes it in the day report
            from app.services.wallet_reconcile import record_if_pending

            recorded = record_if_pending(w.ctx, report, args.clerk or w.config.clerk)
        signed = None
        if args.supervisor:
            from app.services.wallet_reconcile import sign_off

            signed = sign_off(
                w.ctx, report, args.clerk or w.config.clerk, args.supervisor, args.supervisor_pin, args.reason
            )
        if args.json:
            emit_json({**report.as_json(), "signed_off_seq": signed, "recorded": recorded})
        else:
            for line in report.lines():
                print(line)
            if signed is not None:
                print(words(w, "wallet.cli_signed", supervisor=args.supervisor, seq=signed))
            if recorded:
                print(words(w, "wallet.cli_recorded"))
        return 0 if report.clean or signed is not None else 1
    if args.action == "sim":
        return run_sim(w, args)
    raise coded(InputError, "wallet.cli_action", action=args.action)


def run_sim(w: Any, args: argparse.Namespace) -> int:
    """Start the acquirer simulator and point this (demo) terminal's config at it, until Ctrl+C."""
    from wallets.sim import AcquirerSim

    sim = AcquirerSim(delay_s=float(args.delay)).start(args.port)
    sim.today = w.ctx.today  # the terminal's business day (HALLPAY_NOW in training) dates the statement
    sections = sim.configure(w.data_dir / "keys", timeout_s=5.0)
    from app.config import save_config

    save_config(w.config.path, {**sections, "wallet": {"interval_s": 1}})  # comments kept, 0600
    print(f"收单模拟器已在 {sim.url} 运行，本终端的 [alipay] [wechat] 已指向它；Ctrl+C 停止。", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        sim.stop()
    return 0


def add_parser(add: Any) -> None:
    p = add("wallet", cmd_wallet, "scanned wallet payments: resolve | reconcile [--day D] | code | sim")
    p.add_argument("action", choices=["resolve", "reconcile", "code", "sim"])
    p.add_argument("--day", help="reconcile: business day YYYY-MM-DD (default: today)")
    p.add_argument("--kind", choices=["alipay", "wechat"], default="alipay", help="code: which wallet")
    p.add_argument("--scenario", default="success", help="code: the simulator's scenario for this code")
    p.add_argument("--port", type=int, default=0, help="sim: port on 127.0.0.1 (default: any free one)")
    p.add_argument("--delay", default="2", help="sim: seconds an answer is held back (timeout scenarios)")
    p.add_argument(
        "--live",
        action="store_true",
        help="reconcile: query each collected trade (before the acquirer's statement exists)",
    )
    p.add_argument("--supervisor", default="", help="reconcile: the supervisor signing the differences off")
    p.add_argument("--reason", default="", help="reconcile: why the differences are accepted")
    p.add_argument("--json", action="store_true")
