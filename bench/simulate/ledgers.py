"""The daily checks' memory: what has been verified already, so each day reads only what is new.

Read whole every day, the journals made the checks quadratic in the days (a 400-day run spent most of its
time re-hashing old entries). Here each chain keeps the (seq, hash) of its last verified entry: the next day
reads from that entry on, finds it unchanged (its hash covers every entry before it through prev_hash, so an
unchanged last entry is an unchanged prefix), and verifies only the entries after it. What the invariants
sum over every entry (money received per customer, what each bill was claimed, entry ids seen, each day's
report entries) is folded in as the entries arrive. A whole re-read (`Audit.full`, the runner's
--full-check-every and the last day) stays the backstop: the same invariants from scratch.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.journal import GENESIS_HASH, Entry, entry_hash
from app.quarantine import with_posted
from bench.simulate import invariants

if TYPE_CHECKING:
    from bench.simulate.world import Province, SimTerminal

Claim = tuple[str, int, int]  # bill, principal, late fee


@dataclass
class Mark:
    """The last verified entry of one chain."""

    seq: int = 0
    hash: str = GENESIS_HASH

    @classmethod
    def of(cls, entries: list[Entry], before: Mark) -> Mark:
        return cls(entries[-1].seq, entries[-1].hash) if entries else before


def continues(entries: list[Entry], mark: Mark, tid: str) -> str | None:
    """app.journal.verify_chain from a verified entry on instead of from the genesis (no signatures: the
    full check verifies them under the key history)."""
    seq, prev = mark.seq + 1, mark.hash
    for e in entries:
        if e.terminal_id != tid:
            return f"#{e.seq} belongs to terminal {e.terminal_id}"
        if e.seq != seq:
            return f"sequence gap: expected #{seq}, found #{e.seq}"
        if e.prev_hash != prev:
            return f"#{e.seq} does not chain to the entry before it"
        if entry_hash(e.body()) != e.hash:
            return f"#{e.seq} content does not match its hash (edited)"
        seq, prev = seq + 1, e.hash
    return None


def central_from(p: Province, tid: str, seq: int) -> list[Entry]:
    """A terminal's central copy from entry `seq` on (that one included)."""
    from sqlalchemy import select

    from db.central.sql import entry_of
    from db.central_schema import central_journal

    j = central_journal.c
    with p.central.engine.connect() as conn:
        rows = conn.execute(
            select(central_journal).where(j.terminal_id == tid).where(j.seq >= seq).order_by(j.seq)
        ).all()
    return [entry_of(r) for r in rows]


def local_from(t: SimTerminal, seq: int) -> list[Entry]:
    with t.services.store.reader() as uow:
        return list(uow.journal.entries(max(seq - 1, 0)))


def claims_of(e: Entry) -> list[Claim]:
    """What one entry claims on bills (invariants.bill_claims, entry by entry)."""
    p = e.payload
    if e.kind in ("payment", "offset"):
        return [
            (a["bill_id"], int(a["principal_paid_fen"]), int(a["fee_paid_fen"]))
            for a in p.get("allocations", [])
        ]
    if e.kind == "adjustment" and p.get("bill_id") and "principal_paid_after_fen" in p:
        moved = int(p["principal_paid_after_fen"]) - int(p.get("principal_paid_before_fen", 0))
        return [(p["bill_id"], moved, 0)]
    return []


@dataclass
class Audit:
    """Running state of invariants 1, 2, 4 and 5 over head office's journals and the counters' own."""

    central: dict[str, Mark] = field(default_factory=dict)  # terminal id (and HQ) -> last verified
    local: dict[str, Mark] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)
    received: defaultdict[str, int] = field(default_factory=lambda: defaultdict(int))
    claims: defaultdict[str, tuple[int, int]] = field(default_factory=lambda: defaultdict(lambda: (0, 0)))
    counted: dict[str, list[Claim]] = field(default_factory=dict)  # entry id -> its claims, for a reversal
    reversed_ids: set[str] = field(default_factory=set)
    shift_day: dict[str, str] = field(default_factory=dict)  # shift id -> business day
    by_day: dict[tuple[str, str], list[Entry]] = field(default_factory=dict)  # (terminal, day) -> entries
    entries: int = 0
    read: int = 0  # entries read from the stores (what the incremental checks cost)

    # -------------------------------------------------------------------------- each day

    def advance(self, p: Province) -> list[str]:
        """Invariant 2 on what is new (head office's copies, then each counter's own journal against
        them), folding every new central entry into the running sums."""
        problems: list[str] = []
        fresh: dict[str, list[Entry]] = {}
        for tid in [*p.central.terminal_ids(), "HQ"]:
            mark = self.central.get(tid, Mark())
            got = central_from(p, tid, max(mark.seq, 1))
            self.read += len(got)
            if mark.seq:
                if not got or got[0].seq != mark.seq or got[0].hash != mark.hash:
                    problems.append(f"2: {tid} central entry #{mark.seq} is not the one verified before")
                    continue
                got = got[1:]
            problem = continues(got, mark, tid)
            if problem is not None:
                problems.append(f"2: {tid} central chain: {problem}")
                continue
            self.central[tid] = Mark.of(got, mark)
            fresh[tid] = got
            problems += self.fold(got)
        for t in p.terminals():
            problems += self.counter(p, t, fresh.get(t.tid, []))
        return problems

    def counter(self, p: Province, t: SimTerminal, fresh: list[Entry]) -> list[str]:
        """The counter's journal from head office's copy's previous end on: it chains on from what was
        verified, and its entries head office received today are those very entries; head office
        acknowledges exactly what it holds."""
        head = self.central.get(t.tid, Mark())
        before = fresh[0].seq - 1 if fresh else head.seq  # head office's copy ended here yesterday
        start = min(before, self.local.get(t.tid, Mark()).seq)
        known = Mark(before, fresh[0].prev_hash) if fresh else head
        mine = local_from(t, start)
        self.read += len(mine)
        problems = []
        if start:
            expect = known.hash if start == before else self.local[t.tid].hash
            if not mine or mine[0].seq != start or mine[0].hash != expect:
                return [f"2: {t.tid} local entry #{start} is not the one verified before"]
            mark, mine = Mark(start, mine[0].hash), mine[1:]
        else:
            mark = Mark()
        problem = continues(mine, mark, t.tid)
        if problem is not None:
            problems.append(f"2: {t.tid} local chain: {problem}")
        self.local[t.tid] = Mark.of(mine, mark)
        by_seq = {e.seq: e for e in mine}
        if any(by_seq.get(e.seq) != e for e in fresh):
            problems.append(
                f"2: {t.tid} central copy differs from the terminal's entries #{before + 1}-{head.seq}"
            )
        ack = p.central.ack(t.tid).seq
        if ack != head.seq:
            problems.append(f"2: {t.tid} central copy has {head.seq} entries, acknowledged {ack}")
        return problems

    def fold(self, entries: list[Entry]) -> list[str]:
        problems = []
        for e in entries:
            if e.entry_id in self.ids:
                problems.append(f"2: entry {e.entry_id} ({e.terminal_id} #{e.seq}) twice at head office")
            self.ids.add(e.entry_id)
            self.entries += 1
            self.claim(e)
            self.index(e)
        for cno, fen in invariants.money_received(with_posted(entries)).items():
            self.received[cno] += fen
        return problems

    def claim(self, e: Entry) -> None:
        """invariants.bill_claims as a running sum: a reversal takes its original's claims back, whichever
        of the two head office received first."""
        if e.kind == "reversal":
            original = str(e.payload.get("original_entry_id"))
            self.reversed_ids.add(original)
            self.add(self.counted.pop(original, []), -1)
        if e.entry_id in self.reversed_ids:
            return
        claims = claims_of(e)
        if claims:
            self.counted[e.entry_id] = claims
            self.add(claims, 1)

    def add(self, claims: list[Claim], sign: int) -> None:
        for bill_id, principal, fee in claims:
            was_principal, was_fee = self.claims[bill_id]
            self.claims[bill_id] = (was_principal + sign * principal, was_fee + sign * fee)

    def index(self, e: Entry) -> None:
        """What hall_day_report reads of a terminal's copy for one day: the day's shift opens, every entry
        of those shifts, the day's adjustments, in sequence order."""
        p = e.payload
        day = None
        if e.kind == "shift_open":
            day = self.shift_day[str(p["shift_id"])] = str(p.get("business_day"))
        elif "shift_id" in p:
            day = self.shift_day.get(str(p["shift_id"]))
        elif e.kind == "adjustment":
            day = str(p.get("business_day"))
        if day is not None:
            self.by_day.setdefault((e.terminal_id, day), []).append(e)

    def day_entries(self, tid: str, day: str) -> list[Entry]:
        return self.by_day.get((tid, day), [])

    def forget_day(self, tid: str, day: str) -> None:
        """A day whose report matched: its entries are not needed again unless new ones arrive for it."""
        self.by_day.pop((tid, day), None)

    # -------------------------------------------------------------------------- the checks

    def agrees(self, journals: dict[str, list[Entry]]) -> list[str]:
        """On a whole re-read: the running sums are the sums of every entry (the incremental checks checked
        what the whole ones would have)."""
        entries = [e for js in journals.values() for e in js]
        problems = []
        if len(entries) != self.entries or {e.entry_id for e in entries} != self.ids:
            problems.append(f"2: {len(entries)} entries at head office, {self.entries} checked day by day")
        whole = invariants.money_received(with_posted(entries))
        if {k: v for k, v in whole.items() if v} != {k: v for k, v in self.received.items() if v}:
            problems.append("1: money received summed day by day differs from the journals read whole")
        claims = invariants.bill_claims(entries)
        if {k: v for k, v in claims.items() if v != (0, 0)} != {
            k: v for k, v in self.claims.items() if v != (0, 0)
        }:
            problems.append("4: bill claims summed day by day differ from the journals read whole")
        return problems

    def check(self, p: Province) -> list[str]:
        """Invariants 1 and 4 from the running sums, against head office's tables read today."""
        return invariants.money_problems(p, self.received) + invariants.fee_problems(
            p, self.claims, self.reversed_ids
        )
