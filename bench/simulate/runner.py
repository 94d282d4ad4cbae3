"""The loop: build the province, then day after day head office's morning, the counters' day, the evening
syncs and every invariant; stop at the first violation with the seed, the day and the events that show it."""

from __future__ import annotations

import datetime as dt
import random
import re
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.simulate import actions, faults, inv_access, invariants
from bench.simulate.day import Day
from bench.simulate.digest import digest
from bench.simulate.ledgers import Audit
from bench.simulate.shortcuts import cheap_pin_hashes
from bench.simulate.world import Options, Province, SimTerminal, at, build


@dataclass
class Violation:
    seed: int
    day: dt.date
    problems: list[str]
    events: list[str]


@dataclass
class Outcome:
    options: Options
    days_run: int = 0
    entries: int = 0
    checks: int = 0
    stats: Counter[str] = field(default_factory=Counter)
    faults: Counter[str] = field(default_factory=Counter)
    violation: Violation | None = None
    digest: str = ""
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # this process's CPU time: what the run costs on a machine shared with others
    full_every: int = 0
    full_checks: int = 0  # days whose checks also re-read every journal whole
    out_of_time: bool = False  # stopped before --days at --time-limit
    read: int = 0  # journal entries the daily checks read (incremental: about each entry twice)


def streams(seed: int) -> dict[str, random.Random]:
    """One generator per concern, each from the seed: a new kind of fault does not move the payments."""
    return {
        name: random.Random(f"{seed}:{name}") for name in ("world", "office", "counter", "faults", "sync")
    }


def evening(p: Province, rng: random.Random, day: Day) -> list[SimTerminal]:
    """Every reachable terminal syncs until each has pulled after head office's last change (a push that
    took entries changes it; a pull-only sync does not): those are the terminals invariant 3 holds for."""
    online = [t for t in p.terminals() if t.offline_until is None or t.offline_until <= day.day]
    fresh: list[SimTerminal] = []
    for _ in range(4):
        todo = [t for t in online if t not in fresh]
        if not todo:
            break
        rng.shuffle(todo)
        for t in todo:
            result = actions.sync(p, t, rng, day)
            if result is None:  # a push may have committed before its reply was lost: head office changed
                fresh = []
                continue
            if result.pushed:
                fresh = []
            if result.pending == 0:
                fresh.append(t)
    return fresh


def relative(filename: str) -> str:
    root = str(Path(__file__).resolve().parents[2]) + "/"
    return filename[len(root) :] if filename.startswith(root) else filename


def shortest_events(problems: list[str], events: list[str]) -> list[str]:
    """The day's events that name a terminal, customer or bill a problem names (all of them if none does)."""
    names = set(re.findall(r"\b(T\d{3}|\d{10}(?:-\d{4}-\d{2})?)\b", " ".join(problems)))
    names |= {n.split("-")[0] for n in names}
    picked = [e for e in events if any(n in e for n in names)]
    return picked or events


def live_day(p: Province, options: Options, rng: dict[str, random.Random], day: Day) -> None:
    p.clock.now = at(day.day, 7)
    actions.head_office_morning(p, rng["office"], day)
    if options.faults:
        faults.morning(p, rng["faults"], day)
    actions.counter_day(p, rng["counter"], day, rng["faults"])
    p.clock.now = at(day.day, 19)


def check_day(p: Province, audit: Audit, synced: list[SimTerminal], *, full: bool, last: bool) -> list[str]:
    """The 8 invariants at the end of a day: 1, 2 and 4 on what is new since yesterday (ledgers.py), and
    on `full` days also from every journal read whole (the signatures under each key history on the last)."""
    problems = audit.advance(p)
    problems += audit.check(p)
    if full:
        journals = invariants.central_entries(p)
        problems += invariants.check_money(p, journals)
        problems += invariants.check_books(p)
        problems += invariants.check_journals(p, journals, signatures=last)
        problems += invariants.check_fees(p, journals)
        problems += audit.agrees(journals)
    problems += invariants.check_agreement(p, synced)
    problems += invariants.check_day_reports(p, synced, audit.day_entries, audit.forget_day)
    problems += invariants.check_receipts(p, every=last)
    if 7 not in p.options.skip:
        problems += inv_access.check_pins(p, synced)
    problems += inv_access.check_locks(p)
    return list(dict.fromkeys(problems))  # a fault found by both the running and the whole check: once


def run(
    options: Options,
    base: Path | None = None,
    progress: Callable[[Outcome], None] = lambda _out: None,
    full_every: int = 0,
    time_limit: float | None = None,
) -> Outcome:
    """The run; with `full_every` K > 0 every K-th day (and always the last) also re-reads every journal
    whole and checks invariants 1, 2 and 4 from scratch, the backstop of the incremental checks. Past
    `time_limit` seconds the day being checked becomes the last (with the last day's whole checks)."""
    started, cpu = time.perf_counter(), time.process_time()
    out = Outcome(options, full_every=full_every)
    rng = streams(options.seed)
    # in memory when the machine has /dev/shm: every commit's fsync is real work the simulation does not test
    shm = Path("/dev/shm")
    where = str(shm) if shm.is_dir() else None
    with tempfile.TemporaryDirectory(prefix="hallpay-sim-", dir=where) as tmp, cheap_pin_hashes():
        p = build(options, base or Path(tmp), rng["world"])
        audit = Audit()
        try:
            for i in range(options.days):
                day = Day(options.start + dt.timedelta(days=i))
                try:
                    live_day(p, options, rng, day)
                    synced = evening(p, rng["sync"], day)
                except Exception as crash:  # noqa: BLE001 — a service that fails is a finding, with its day
                    out.stats.update(day.stats)
                    out.days_run = i + 1
                    frames = traceback.extract_tb(crash.__traceback__)[-4:]
                    problems = [f"0: {type(crash).__name__}: {crash}"] + [
                        f"   at {relative(f.filename)}:{f.lineno} {f.name}" for f in frames
                    ]
                    out.violation = Violation(options.seed, day.day, problems, day.events[-30:])
                    break
                out_of_time = time_limit is not None and time.perf_counter() - started > time_limit
                last = i + 1 == options.days or out_of_time
                full = last or (full_every > 0 and (i + 1) % full_every == 0)
                problems = p.problems + check_day(p, audit, synced, full=full, last=last)
                p.problems = []
                out.full_checks += full
                out.checks += 8
                out.stats.update({k: n for k, n in day.stats.items() if not k.startswith("fault:")})
                out.faults.update({k[6:]: n for k, n in day.stats.items() if k.startswith("fault:")})
                out.days_run = i + 1
                out.entries = audit.entries
                out.seconds = time.perf_counter() - started
                progress(out)
                if problems:
                    out.violation = Violation(
                        options.seed, day.day, problems, shortest_events(problems, day.events)
                    )
                    break
                if last:
                    out.out_of_time = out_of_time and i + 1 < options.days
                    break
            out.entries = audit.entries
            out.read = audit.read
            out.digest = digest(p)
        finally:
            p.close()
    out.seconds = time.perf_counter() - started
    out.cpu_seconds = time.process_time() - cpu
    return out
