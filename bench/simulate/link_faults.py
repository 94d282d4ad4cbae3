"""The link faults a sync meets (its own module: the counter's day arms them, and the day's big faults in
faults.py drive the counter's own actions, so neither imports the other's module in a cycle)."""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from app.sync import CentralUnavailable
from bench.simulate.day import Day
from bench.simulate.world import SimTerminal


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
            raise CentralUnavailable("模拟：连接在上传前中断")
        report = self.inner.push(terminal_id, hall_name, entries, *args, **kw)
        if fault == "lost_reply" and entries:
            raise CentralUnavailable("模拟：总部已提交，应答丢失")
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
