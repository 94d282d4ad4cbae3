"""Each terminal's line on the console: its last push, acknowledgement, what it reported holding, how far head
office's books applied it (issue 29: the projector's position, the entries acknowledged and not applied yet and
how long the oldest has waited), quarantined entries, open alarms and (on the terminals page) how far its central
copy's chain is verified."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, and_, func, select

from console.reading import reading
from db.central.chain_checks import ChainState, check_chains
from db.central.decide import MONEY_CASES
from db.central.hq import HQ
from db.central_schema import central_journal, central_projection, central_quarantine, review_cases
from db.central_schema import terminals as terminals_t


@dataclass(frozen=True)
class TerminalLine:
    terminal_id: str
    hall_name: str
    last_push_at: str
    ack_seq: int
    journal_length: int
    quarantined: int
    open_alarms: int
    verified: str  # "" when intact, else the first problem
    reported_head: int | None = None  # the counter's own last sequence number, as it last reported it
    head_reported_at: str = ""
    checked: bool = True  # False: the chain was not verified for this page (the overview)
    chain: ChainState | None = None  # how far the chain is verified (db/central/chain_checks.py)
    applied_seq: int | None = (
        None  # the last entry head office's books applied (None: head office's own chain)
    )
    unapplied_since: str = ""  # created_at (UTC) of the first acknowledged entry not applied yet
    unapplied_age_s: int | None = None  # how long that entry has waited since the counter took it, at `now`

    @property
    def unapplied(self) -> int:
        """Entries head office holds (acknowledged) that its books have not applied yet (the projector's lag)."""
        return 0 if self.applied_seq is None else max(0, self.ack_seq - self.applied_seq)

    @property
    def waiting(self) -> int | None:
        """Entries the counter holds that head office has not: its reported head − the acknowledgement.
        None when it never reported; below zero when its disk holds less than head office (the page warns)."""
        return None if self.reported_head is None else self.reported_head - self.ack_seq


def terminals(engine: Engine, *, verify: bool = True, now: str = "") -> list[TerminalLine]:
    """Each terminal's line; with `verify` (the terminals page) each central copy is verified after its stored
    checkpoint (db/central/chain_checks.py: only the entries pushed since the last view, once), the overview
    does not (it was 22.6 s of 30,010 entries, review P2-4)."""
    t, cj = terminals_t.c, central_journal.c
    chains = {s.terminal_id: s for s in check_chains(engine, now)} if verify else {}
    out = []
    with reading(engine) as conn:
        counts: dict[str, int] = (
            {tid: c.head for tid, c in chains.items()}  # the last entry held (intact chain: gap-free)
            if verify
            else dict(conn.execute(select(cj.terminal_id, func.count()).group_by(cj.terminal_id)).all())
        )
        quarantine: dict[str, int] = dict(
            conn.execute(
                select(central_quarantine.c.terminal_id, func.count()).group_by(
                    central_quarantine.c.terminal_id
                )
            ).all()
        )
        alarms: dict[str, int] = dict(
            conn.execute(
                select(review_cases.c.terminal_id, func.count())
                .where(review_cases.c.resolved_at.is_(None))
                .where(review_cases.c.kind.not_in(MONEY_CASES))
                .group_by(review_cases.c.terminal_id)
            ).all()
        )
        rows = conn.execute(select(terminals_t).order_by(t.terminal_id)).all()
        applied = _applied(conn)
        for r in rows:
            chain = chains.get(r.terminal_id)
            done, since = applied.get(r.terminal_id, (0, ""))
            out.append(
                TerminalLine(
                    r.terminal_id,
                    r.hall_name,
                    r.last_push_at or "",
                    int(r.ack_seq),
                    int(counts.get(r.terminal_id, 0)),
                    int(quarantine.get(r.terminal_id, 0)),
                    int(alarms.get(r.terminal_id, 0)),
                    "" if chain is None else chain.problem,
                    None if r.reported_head is None else int(r.reported_head),
                    r.head_reported_at or "",
                    verify,
                    chain,
                    done,
                    since,
                    _age(since, now),
                )
            )
        hq = chains.get(HQ)
        if hq is not None:  # head office's own chain: prepaid offsets and the console's decisions
            last = conn.execute(
                select(cj.created_at).where(cj.terminal_id == HQ).order_by(cj.seq.desc()).limit(1)
            ).scalar()
            out.append(
                TerminalLine(
                    HQ,
                    "console.head_office",
                    last or "",
                    hq.head,
                    hq.head,
                    0,
                    0,
                    hq.problem,
                    hq.head,
                    last or "",
                    True,
                    hq,
                )
            )
    return out


def _applied(conn: Any) -> dict[str, tuple[int, str]]:
    """terminal -> (its applied sequence, created_at of its first entry acknowledged and not applied, or "")."""
    p, t, j = central_projection.c, terminals_t.c, central_journal.c
    done = {str(tid): int(seq) for tid, seq in conn.execute(select(p.terminal_id, p.applied_seq)).all()}
    first = conn.execute(
        select(t.terminal_id, j.created_at)
        .select_from(
            terminals_t.outerjoin(central_projection, p.terminal_id == t.terminal_id).join(
                central_journal,
                and_(j.terminal_id == t.terminal_id, j.seq == func.coalesce(p.applied_seq, 0) + 1),
            )
        )
        .where(t.ack_seq > func.coalesce(p.applied_seq, 0))
    ).all()
    since = {str(tid): str(at) for tid, at in first}
    return {tid: (done.get(tid, 0), since.get(tid, "")) for tid in set(done) | set(since)}


def _age(since: str, now: str) -> int | None:
    """Seconds from `since` to `now` (UTC texts); None when either is missing or unreadable."""
    try:
        start = dt.datetime.fromisoformat(since.replace("Z", "+00:00"))
        end = dt.datetime.fromisoformat(now.replace("Z", "+00:00"))
    except ValueError:
        return None
    return max(0, int((end - start).total_seconds()))
