"""`python main.py bench` and its hidden child `stall-probe`: registered by main.py when bench/ is present
(it is not in the installed counter: packaging/hallpay.spec excludes it)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bootstrap import open_terminal
from cli.render import emit_json

if TYPE_CHECKING:
    from cli.parser import Add  # the grammar; cli/commands.py registers this module


def register(add: Add) -> None:
    p = add.hidden("stall-probe", cmd_stall_probe)  # run by `bench` in a child process
    p.add_argument("--entries", type=int, default=10_000)
    p.add_argument("--central-url", default="")
    p.add_argument("--work", choices=["sync", "recharge", "export", "verify", "login"], default="sync")
    p.add_argument("--runs", type=int, default=50)
    p.add_argument("--data-dir", default="", help="export, verify, login: the terminal to work on")
    p = add.alone("bench", cmd_bench, "the benchmark suite")
    p.add_argument("--json", action="store_true")
    p.add_argument("--quick", action="store_true")
    p.add_argument("--customers", type=int, default=None)
    p.add_argument(
        "--province-full",
        action="store_true",
        help="the province rows at full size: 1,000 entries per terminal (default 50)",
    )


def cmd_bench(args: argparse.Namespace) -> int:
    from bench.suite import run_bench

    return run_bench(args, open_terminal=open_terminal)


def _stall_during_recharges(runs: int) -> int:
    """Recharges of the prepaid showcase card, each loaded by its meter before the next, beside a Qt timer."""
    import tempfile

    from app.model import Method
    from app.services.recharge import RechargeRequest, recharge
    from bench.stall import measure_stall
    from cardreader.factory import simulated_card
    from cardreader.sim_cli import insert_into_meter
    from cardreader.simulated import SimulatedCardReader

    with tempfile.TemporaryDirectory(prefix="hallpay-stall-") as tmp:
        w = open_terminal(Path(tmp) / "T01", generated_customers=0)
        key = w.card_key()
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


def _stall_during_store_work(work: str, data_dir: Path, runs: int) -> int:
    """The Qt thread beside a whole-terminal arrears export, a `verify` of the journal, or `runs` logins
    (each one scrypt), on an existing terminal, as the window runs them: on a worker thread."""
    import tempfile

    from app.risk import ArrearsFilter
    from app.services.clerks import demo_pin, login
    from app.services.verify import verify_local
    from bench.stall import measure_stall
    from ui.app import settle_heap

    w = open_terminal(data_dir, generated_customers=0)
    with tempfile.TemporaryDirectory(prefix="hallpay-stall-") as tmp:

        def export() -> int:  # as the counter exports a whole terminal: in a child process
            return w.export_arrears_apart(ArrearsFilter(limit=100_000_000), Path(tmp) / "arrears.csv")

        def logins() -> int:
            pin = demo_pin(w.ctx, "C01") or ""
            for _ in range(runs):
                login(w.ctx, "C01", pin, record=False)
            return runs

        jobs = {"export": export, "verify": lambda: verify_local(w.ctx).entries, "login": logins}
        settle_heap()  # as the window does once it is open (ui/app.py)
        result = measure_stall(jobs[work])
    w.store.close()
    emit_json({k: v for k, v in result.items() if k != "value"} | {"done": result.get("value")})
    return 0


def _queued_sync(tmp: Path, entries: int) -> tuple[Any, Any]:
    """A local store holding `entries` queued journal entries; the entries themselves are not kept in
    memory (the window never holds its journal: the outbox reads it in batches)."""
    import random

    from bench.sync_drain import fake_entries, queued_store
    from db.local_sync import LocalSync

    store = queued_store(tmp / "local.db", fake_entries("P01", entries, "8P01", random.Random(1)))
    return store, LocalSync(store.engine)


def cmd_stall_probe(args: argparse.Namespace) -> int:
    """Hidden, for `bench`: the longest UI-thread stall while a sync drains N queued entries (or while
    recharges, an export, a verify or logins run)."""
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.sync import push_pending
    from bench.stall import measure_stall
    from db.central.store import CentralStore
    from ui.app import settle_heap

    if args.work == "recharge":
        return _stall_during_recharges(args.runs)
    if args.work != "sync":
        return _stall_during_store_work(args.work, Path(args.data_dir), args.runs)
    with tempfile.TemporaryDirectory(prefix="hallpay-stall-") as tmp:
        store, outbox = _queued_sync(Path(tmp), args.entries)
        central = CentralStore.open(args.central_url, Path(tmp))
        settle_heap()  # as the window does once it is open (ui/app.py)
        try:
            result = measure_stall(lambda: push_pending(outbox, central, "P01", "压测营业厅", 500)[0])
        finally:
            central.close()
            store.close()
    emit_json({k: v for k, v in result.items() if k != "value"} | {"pushed": result.get("value")})
    return 0
