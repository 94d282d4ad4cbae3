"""How far head office's books have applied the counters' entries (issue 29, item 4). Pure: no storage.

With a projector service (`[central] projector = "service"`) a push only appends: head office acknowledges an
entry (it is stored, exactly once) before the projector folds it into the bills and balances the counters pull.
So each pull carries the projector's position from the same read snapshot as the rows (db/central/pull.py, the
`position` page): every terminal whose acknowledged entries are not all applied yet (its acknowledgement, the
last sequence applied, when the oldest unapplied entry was taken), the customers those entries touch (at most
CAP entries are read, oldest first), and how many entries the whole ledger has not applied.

What the counter does with it (db/pull_merge.py): a pulled row holds this counter's entries up to its applied
sequence and none after, so its own entries above that stay in force locally (a payment pushed but not yet
applied is neither undone nor a surplus); the status bar says how far head office has applied this counter,
and what other counters' entries it has not applied yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.clock import local_text
from app.messages import Phrase, message
from app.warnings import Warning

POSITION = "position"  # the pull's page that carries the projector's position (never a row stream)
CAP = 2000  # unapplied entries read per pull to name the customers they touch
KEPT = "central.position"  # the counter's settings key holding the last position page (db/pull_position.py)


@dataclass(frozen=True)
class Lagging:
    """One terminal whose acknowledged entries head office has not all applied."""

    terminal_id: str
    ack_seq: int
    applied_seq: int
    oldest_at: str  # created_at (UTC) of its first unapplied entry: when the counter took it

    @property
    def awaiting(self) -> int:
        return max(0, self.ack_seq - self.applied_seq)


@dataclass(frozen=True)
class Touched:
    """A customer some terminal's unapplied entries move: how many entries, the oldest one's time."""

    customer_no: str
    terminal_id: str
    entries: int
    oldest_at: str


@dataclass(frozen=True)
class Position:
    """The projector's position as one pull saw it."""

    lagging: tuple[Lagging, ...] = ()
    touched: tuple[Touched, ...] = ()
    unapplied: int = 0  # acknowledged entries of every terminal not applied yet
    capped: bool = False  # more unapplied entries than CAP: `touched` names only the oldest CAP's customers

    def applied_for(self, terminal_id: str, ack_seq: int) -> int:
        """The last of this terminal's entries head office has applied: its lagging row's, else every entry
        it had acknowledged (`ack_seq`, this counter's acknowledgement after its push)."""
        for lag in self.lagging:
            if lag.terminal_id == terminal_id:
                return min(lag.applied_seq, ack_seq)
        return ack_seq

    def mine(self, terminal_id: str) -> Lagging | None:
        return next((lag for lag in self.lagging if lag.terminal_id == terminal_id), None)

    def others(self, terminal_id: str) -> tuple[int, str]:
        """(entries, oldest time) of the other terminals' acknowledged entries head office has not applied."""
        rest = [lag for lag in self.lagging if lag.terminal_id != terminal_id]
        return sum(lag.awaiting for lag in rest), min((lag.oldest_at for lag in rest), default="")

    def elsewhere(self, customer_no: str, terminal_id: str) -> tuple[Touched, ...]:
        """Other terminals' unapplied entries that move this customer (what its pulled rows do not hold yet)."""
        return tuple(t for t in self.touched if t.customer_no == customer_no and t.terminal_id != terminal_id)

    def rows(self) -> list[dict[str, Any]]:
        """The `position` page's rows (db/central/pull.py writes them, from_rows reads them back)."""
        out: list[dict[str, Any]] = [
            {"kind": "ledger", "unapplied": self.unapplied, "capped": int(self.capped)}
        ]
        out += [
            {
                "kind": "terminal",
                "terminal_id": lag.terminal_id,
                "ack_seq": lag.ack_seq,
                "applied_seq": lag.applied_seq,
                "oldest_at": lag.oldest_at,
            }
            for lag in self.lagging
        ]
        out += [
            {
                "kind": "customer",
                "customer_no": t.customer_no,
                "terminal_id": t.terminal_id,
                "entries": t.entries,
                "oldest_at": t.oldest_at,
            }
            for t in self.touched
        ]
        return out

    @classmethod
    def from_rows(cls, rows: Sequence[Mapping[str, Any]]) -> Position:
        ledger = next((r for r in rows if r.get("kind") == "ledger"), {})
        return cls(
            tuple(
                Lagging(str(r["terminal_id"]), int(r["ack_seq"]), int(r["applied_seq"]), str(r["oldest_at"]))
                for r in rows
                if r.get("kind") == "terminal"
            ),
            tuple(
                Touched(str(r["customer_no"]), str(r["terminal_id"]), int(r["entries"]), str(r["oldest_at"]))
                for r in rows
                if r.get("kind") == "customer"
            ),
            int(ledger.get("unapplied", 0)),
            bool(ledger.get("capped", 0)),
        )


def merge_base(stored: int | None, ack_seq: int) -> int:
    """From which sequence on this counter's own entries are added to the rows it pulls: the entries above
    head office's applied position (`stored`, None when head office never said), never above this counter's
    acknowledgement (a forked id's applied entries are another machine's, not this one's)."""
    return ack_seq if stored is None else min(stored, ack_seq)


def _since(utc: str) -> str:
    """An entry's created_at (UTC text) as the hall's month-day hour:minute; the text itself if unreadable."""
    try:
        when = dt.datetime.fromisoformat(utc.replace("Z", "+00:00"))
    except ValueError:
        return utc
    return local_text(when if when.tzinfo else when.replace(tzinfo=dt.UTC))[5:16]


@dataclass(frozen=True)
class Applied:
    """What one sync learned of head office's books: the last of this counter's entries applied, its
    acknowledgement, when its oldest unapplied entry was taken, and the other counters' unapplied entries."""

    applied_seq: int
    ack_seq: int
    oldest_at: str = ""
    others: int = 0
    others_oldest_at: str = ""

    @property
    def awaiting(self) -> int:
        """This counter's entries head office holds (acknowledged) but has not applied to its books yet."""
        return max(0, self.ack_seq - self.applied_seq)

    @classmethod
    def of(cls, position: Position, terminal_id: str, ack_seq: int) -> Applied:
        mine = position.mine(terminal_id)
        others, since = position.others(terminal_id)
        return cls(
            position.applied_for(terminal_id, ack_seq), ack_seq, mine.oldest_at if mine else "", others, since
        )

    def phrase(self) -> Phrase | None:
        """The status bar's clause when head office lags (None when it has applied everything it holds)."""
        mine = (
            Phrase(
                "pull.applied_behind",
                {"applied": self.applied_seq, "awaiting": self.awaiting, "since": _since(self.oldest_at)},
            )
            if self.awaiting
            else None
        )
        others = (
            Phrase("pull.others_behind", {"count": self.others, "since": _since(self.others_oldest_at)})
            if self.others
            else None
        )
        if mine and others:
            return Phrase("pull.both_behind", {"mine": mine, "others": others})
        return mine or others


def elsewhere_warning(position: Position, customer_no: str, terminal_id: str) -> Warning | None:
    """The lookup's warning when other counters' entries moving this customer are acknowledged at head office
    but not applied yet: the bills and balance shown (head office's books) may be paid or moved already."""
    touched = position.elsewhere(customer_no, terminal_id)
    if not touched:
        return None
    params = {
        "count": sum(t.entries for t in touched),
        "terminals": ", ".join(sorted({t.terminal_id for t in touched})),
        "since": _since(min(t.oldest_at for t in touched)),
    }
    return Warning("warn", message("pull.elsewhere", **params), "pull.elsewhere", params)
