"""One simulated day's record (its own module: actions and faults both write to it)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Day:
    """One simulated day's record: what was done (the event list a violation prints) and the tallies."""

    day: dt.date
    events: list[str] = field(default_factory=list)
    stats: Counter[str] = field(default_factory=Counter)

    def note(self, what: str, kind: str = "") -> None:
        self.events.append(what)
        if kind:
            self.stats[kind] += 1
