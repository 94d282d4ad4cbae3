"""The link faults a sync meets (its own module: the counter's day arms them, and the day's big faults in
faults.py drive the counter's own actions, so neither imports the other's module in a cycle)."""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from app.messages import coded
from app.sync import CentralUnavailable
from bench.simulate.day import Day
from bench.simulate.world import SimTerminal


class FaultyCentral:
    """The real CentralStore behind a link that a fault may cut before a push or after its commit, or that
    goes silent: the TCP link stays up and head office stops answering in the middle of a push.

    A silent centre is modelled at this port, on either ledger: the push's transaction commits or not (the
    run's generator decides: the counter cannot know which), then the push raises what the bounded link
    raises when `answer_s` (app/link_limits.py) passes without an answer: the psycopg wait's deadline
    closes the connection, and guarded() makes the disconnect the coded CentralUnavailable central.offline. The silence
    lasts `silent` more attempts of this counter; each meets the same. The counter keeps taking payments
    meanwhile, and its entries must reach head office exactly once when the link answers again."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.armed = ""  # "cut" | "lost_reply" | "silent" | "": the next push meets it, once
        self.silent = 0  # attempts still to meet a silent centre after this one
        self.commits = False  # whether the silent push's transaction committed before the silence

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def push(self, terminal_id: str, hall_name: str, entries: Sequence[Any], *args: Any, **kw: Any) -> Any:
        fault, self.armed = self.armed, ""
        if fault == "cut" and entries:
            raise coded(CentralUnavailable, "sim.link_cut")
        if fault == "silent":
            if self.commits:
                self.inner.push(terminal_id, hall_name, entries, *args, **kw)
            raise coded(
                CentralUnavailable, "central.offline"
            )  # what a silent link becomes (db/central/link.py, engine.py)
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
    """Before a sync: one in eight is cut before the push, one in eight loses its COMMIT reply, one in
    fifty meets a centre that goes silent mid-push (for this attempt and, one time in two, the next)."""
    link = faulty(t)
    r = rng.random()
    if link.silent > 0:
        link.silent -= 1
        kind = "silent"
    else:
        kind = "cut" if r < 0.125 else "lost_reply" if r < 0.25 else "silent" if r < 0.27 else ""
        if kind == "silent":
            link.silent = rng.randint(0, 1)
    link.armed = kind
    if kind == "silent":
        link.commits = rng.random() < 0.5
        committed = "committed" if link.commits else "not committed"
        day.note(f"{t.tid} fault: silent centre mid-push ({committed})", "fault:silent")
        day.stats["silent_" + committed.replace(" ", "_")] += 1
    elif kind:
        day.note(f"{t.tid} fault: {kind}", "fault:" + kind)
