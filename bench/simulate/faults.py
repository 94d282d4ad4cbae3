"""What goes wrong (`--faults`), drawn from its own generator so a run without faults keeps its payments.

- a link cut before a push reaches head office (CentralUnavailable: nothing changed centrally);
- a lost COMMIT reply: head office committed the batch, the terminal never heard so (it must not resend
  twice's worth of money: the entry ids are the key);
- a terminal offline for days (its journal waits as the outbox; customers pay elsewhere meanwhile);
- a process killed mid-operation: a write unit of work opened and abandoned without a commit, then the
  terminal reopened from its data directory as after a restart;
- a PC that dies after its last sync and is restored from head office onto a new PC (new key, PINs reset).
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from app.messages import coded
from app.sync import CentralUnavailable
from bench.simulate.day import Day
from bench.simulate.world import Province, SimTerminal, install, open_sim_terminal


class FaultyCentral:
    """The real CentralStore behind a link that a fault may cut before a push or after its commit."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.armed = ""  # "cut" | "lost_reply" | "": the next push meets it, once

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def push(self, terminal_id: str, hall_name: str, entries: Sequence[Any], *args: Any, **kw: Any) -> Any:
        fault, self.armed = self.armed, ""
        if fault == "cut" and entries:
            raise coded(CentralUnavailable, "sim.link_cut")
        report = self.inner.push(terminal_id, hall_name, entries, *args, **kw)
        if fault == "lost_reply" and entries:
            raise coded(CentralUnavailable, "sim.reply_lost")
        return report

    def pull(self, cursors: Mapping[str, int], page_size: int) -> Iterator[Any]:
        return self.inner.pull(cursors, page_size)


def faulty(t: SimTerminal) -> FaultyCentral:
    central = t.link.central()
    if not isinstance(central, FaultyCentral):
        central = FaultyCentral(central)
        t.link._central = central
    return central


def arm_link(t: SimTerminal, rng: random.Random, day: Day) -> None:
    """Before a sync: one in eight is cut before the push, one in eight loses its COMMIT reply."""
    r = rng.random()
    kind = "cut" if r < 0.125 else "lost_reply" if r < 0.25 else ""
    faulty(t).armed = kind
    if kind:
        day.note(f"{t.tid} fault: {kind}", "fault:" + kind)


def morning(p: Province, rng: random.Random, day: Day) -> None:
    """The day's big faults, before the halls open."""
    for t in p.terminals():
        if t.offline_until is not None and t.offline_until <= day.day:
            t.offline_until = None
            day.note(f"{t.tid} back online", "")
    r = rng.random()
    if r < 0.08:
        t = rng.choice(p.terminals())
        if t.offline_until is None:
            t.offline_until = day.day + dt.timedelta(days=rng.randint(1, 4))
            day.note(f"{t.tid} fault: offline until {t.offline_until}", "fault:offline_days")
    elif r < 0.14:
        restart_mid_operation(p, rng.choice(p.terminals()), day)
    elif r < 0.17:
        restore_after_death(p, rng, day)


def restart_mid_operation(p: Province, t: SimTerminal, day: Day) -> None:
    """A write began (the counter's BEGIN IMMEDIATE) and the process died: the transaction never commits;
    the terminal then starts again from its data directory."""
    uow = t.ctx.uow()
    uow.__enter__()
    uow.__exit__(None, None, None)  # what a killed process leaves: a rollback, nothing half-written
    t.services.store.close()
    hall = p.halls[t.hall]
    fresh = open_sim_terminal(p, hall, t.tid, t.data_dir)
    fresh.offline_until = t.offline_until
    hall.terminals[hall.terminals.index(t)] = fresh
    day.note(f"{t.tid} fault: killed mid-operation and restarted", "fault:restart")


def restore_after_death(p: Province, rng: random.Random, day: Day) -> None:
    """A PC dies after a sync that left nothing pending; a new PC is restored from head office (the
    README's `terminal restore`). Its clerks' PINs are gone with the old PC: head office issues one-time
    PINs again, which the clerks will replace."""
    from app.services.sync import run_sync

    t = rng.choice(p.terminals())
    if t.offline_until is not None:
        return
    try:
        if run_sync(t.link).pending:
            return
    except Exception:  # noqa: BLE001 — a link that fails now only means the PC is not restored today
        return
    hall = p.halls[t.hall]
    t.services.store.close()
    shutil.rmtree(t.data_dir)
    fresh = install(p, hall, t.tid, t.data_dir, restore=True)
    hall.terminals[hall.terminals.index(t)] = fresh
    clerk = hall.supervisor  # the one whose PIN the simulation uses (approvals)
    p.pins[clerk] = p.one_time[clerk] = p.admin.reset_pin("SIM", clerk)
    p.pin_changed.pop(clerk, None)
    day.note(f"{t.tid} fault: PC died, restored from head office", "fault:restore")
