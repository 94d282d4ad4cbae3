"""`python main.py simulate`: registered by main.py beside `bench` (bench/ is not in the installed counter,
and the layer rules keep cli/ from importing it)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cli.parser import Add


def register(add: Add) -> None:
    p = add.alone("simulate", cmd_simulate, "a deterministic simulation of a province, invariants every day")
    p.add_argument("--days", type=int, default=45)
    p.add_argument("--halls", type=int, default=1)
    p.add_argument("--terminals", type=int, default=2, help="per hall")
    p.add_argument("--clerks", type=int, default=3, help="per hall, besides its supervisor")
    p.add_argument("--customers", type=int, default=24, help="per hall")
    p.add_argument("--busy", type=float, default=0.15, help="chance of a customer per counter and 10 minutes")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument(
        "--start",
        type=dt.date.fromisoformat,
        default=dt.date(2026, 12, 10),
        help="the first simulated day, YYYY-MM-DD (e.g. 2028-02-20 crosses a leap day); the run's own clock",
    )
    p.add_argument("--faults", action="store_true")
    p.add_argument("--central", default="", help="head office's PostgreSQL URL (default: embedded SQLite)")
    p.add_argument(
        "--skip", type=int, action="append", default=[], help="an invariant not to check (repeatable)"
    )
    p.add_argument(
        "--full-check-every",
        type=int,
        default=30,
        metavar="K",
        help="every K-th day also re-read every journal whole (0: only on the last day, which always does)",
    )
    p.add_argument(
        "--time-limit",
        type=float,
        default=None,
        metavar="SECONDS",
        help="stop after the first day that ends past this (its checks are the last day's: whole)",
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    p.add_argument("--json", action="store_true")


def cmd_simulate(args: argparse.Namespace) -> int:
    from bench.simulate.report import as_json, as_text, progress_bar
    from bench.simulate.runner import run
    from bench.simulate.world import Options
    from cli.render import emit_json

    options = Options(
        days=args.days,
        halls=args.halls,
        terminals=args.terminals,
        clerks=args.clerks,
        customers=args.customers,
        busy=args.busy,
        skip=frozenset(args.skip),
        seed=args.seed,
        start=args.start,
        faults=args.faults,
        central=args.central,
    )

    if args.full_check_every < 0:
        print("--full-check-every must be 0 or more", file=sys.stderr)
        return 2
    bar = (lambda _out: None) if args.no_progress else progress_bar(sys.stderr)
    out = run(options, progress=bar, full_every=args.full_check_every, time_limit=args.time_limit)
    if args.json:
        emit_json(as_json(out))
    else:
        print(as_text(out))
    return 1 if out.violation is not None else 0
