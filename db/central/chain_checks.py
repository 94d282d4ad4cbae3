"""Each central copy's chain verified once, from a stored checkpoint on (issue 31, c0017).

The terminals page re-read and re-verified every terminal's whole central journal on each view: 21-32 s at
876,000 entries. A chain is append-only, so what was verified stays verified unless someone edits the stored rows;
`central_chain_checks` keeps per chain (each terminal, and HQ) the last entry verified from genesis on and its
hash, and a view verifies only the entries after it, at most `budget` of them (a first view after the upgrade,
or a terminal that pushed a year at once, continues on the next view instead of taking minutes).

What a view cannot see: an entry edited in the database *below* its checkpoint. `central verify` (`full=True`)
reads every chain whole and sets each checkpoint to what it found intact (back to before the damage), so the
page shows the damage from then on; docs/install.md runs it nightly from a systemd timer.

A checkpoint is only valid for the key history it was checked with: a digest of the terminal's keys is stored
beside it, and a re-key, an approval or a retired key starts that chain's check again from genesis. Writes are
compare-and-set on the checkpoint the check started from, so a view that raced a whole check never moves a
checkpoint the whole check just moved back.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, select, text

from app.journal import GENESIS_HASH, ChainProblem, Entry, verify_chain
from app.signing import must_verify, verify_hash_signature
from db.central.engine import guarded
from db.central.hq import HQ
from db.central.push import _key_for, row_hash
from db.central_schema import central_chain_checks, terminal_keys
from db.central_schema import terminals as terminals_t

BUDGET = 20_000  # entries a page view verifies at most (~1 s of SHA-256 + Ed25519 on the 2-core machine)
_MIN_SHARE = 500  # each chain behind gets at least this many of a view's budget
_COLUMNS = "entry_id, terminal_id, seq, kind, created_at, clerk_id, prev_hash, hash, signature, payload"


@dataclass(frozen=True)
class ChainState:
    terminal_id: str
    head: int  # the last entry head office holds of this chain
    checked_seq: int  # verified from genesis through this entry
    problem: str  # "" or the first problem found after the checkpoint
    checked_now: int  # entries this call verified
    full_at: str | None  # the last whole check (`central verify`) that set the checkpoint

    @property
    def behind(self) -> int:
        """Entries not verified yet (the next views continue)."""
        return 0 if self.problem else max(0, self.head - self.checked_seq)


def check_run(
    rows: Iterable[Any],
    key_for: Callable[[int], str | None],
    after: tuple[int, str] | None,
    head: int | None = None,
) -> tuple[ChainProblem | None, Any]:
    """app.journal.verify_chain's checks, in its order, on a run of one chain's stored rows in seq order: each
    follows `after` (seq, hash: the checkpoint, (0, GENESIS_HASH) from the start) or, when None, the first row
    is taken as the anchor (its hash and signature checked, not what it chains to). Every row's sequence, link
    and hash; signatures by app/signing's rule (`head`: the chain's last entry, when the run reaches it), as the
    push checked them. Returns the first problem (or None) and the last row authenticated: a row whose
    signature verified, or one chained to it from before (where a run stops short of a required signature,
    its last row's own signature is tried; one that does not verify is no problem, the rows after the last
    authenticated one wait for the next check)."""
    good: Any = None
    pending: Any = None  # the last row checked whose signature authenticates it and the rows before it
    prev_seq, prev_hash = after if after is not None else (None, None)

    def settle() -> Any:
        key = None if pending is None else key_for(int(pending.seq))
        if pending is not None and (
            key is None or (pending.signature and verify_hash_signature(key, pending.hash, pending.signature))
        ):
            return pending
        return good

    for r in rows:
        seq = int(r.seq)
        if prev_seq is not None and seq != prev_seq + 1:
            return ChainProblem(
                seq, r.entry_id, f"sequence gap: expected #{prev_seq + 1}, found #{seq}"
            ), settle()
        if prev_hash is not None and r.prev_hash != prev_hash:
            return ChainProblem(seq, r.entry_id, "does not chain to the entry before it"), settle()
        if row_hash(r, r.payload) != r.hash:
            return ChainProblem(seq, r.entry_id, "content does not match its hash (edited)"), settle()
        key = key_for(seq)
        if key is not None and must_verify(seq, key_for, head):
            if not r.signature:
                return ChainProblem(seq, r.entry_id, "is not signed"), good
            if not verify_hash_signature(key, r.hash, r.signature):
                return ChainProblem(
                    seq, r.entry_id, "signature does not verify with the terminal's key (re-signed or forged)"
                ), good
        if key is None or must_verify(seq, key_for, head):
            good, pending = r, None
        else:
            pending = r
        prev_seq, prev_hash = seq, r.hash
    return None, settle()


def copy_problem(
    entries: Sequence[Entry], terminal_id: str, key_for: Callable[[int], str | None]
) -> ChainProblem | None:
    """A terminal's whole central copy (genesis to head) by the rule a push checks it with (app/signing):
    app.journal.verify_chain's sequence, links and hashes, then the signatures the rule requires."""
    problem = verify_chain(entries, terminal_id)
    if problem is not None or not entries:
        return problem
    head = entries[-1].seq
    for e in entries:
        key = key_for(e.seq)
        if key is None or not must_verify(e.seq, key_for, head):
            continue
        if not e.signature:
            return ChainProblem(e.seq, e.entry_id, "is not signed")
        if not verify_hash_signature(key, e.hash, e.signature):
            return ChainProblem(
                e.seq, e.entry_id, "signature does not verify with the terminal's key (re-signed or forged)"
            )
    return None


@dataclass(frozen=True)
class _Chain:
    terminal_id: str
    head: int
    key_for: Callable[[int], str | None]
    keys: str  # digest of the key history (stored as key_digest)
    stored: Any  # the checkpoint row, or None


def _chains(conn: Connection) -> list[_Chain]:
    k = terminal_keys.c
    states: dict[str, list[Any]] = {}
    for r in conn.execute(select(k.terminal_id, k.public_key, k.state, k.from_seq)):
        states.setdefault(r.terminal_id, []).append(r)
    stored = {r.terminal_id: r for r in conn.execute(select(central_chain_checks))}
    keys = {r.terminal_id: r.public_key or None for r in conn.execute(select(terminals_t))}
    # the last entry held of each chain, in one statement: a backward index probe per chain (a GROUP BY over
    # the journal reads all of it, 876,000 rows at a province's size)
    heads = conn.execute(
        text(
            "SELECT c.terminal_id, (SELECT max(j.seq) FROM central_journal j WHERE j.terminal_id = c.terminal_id) "
            "AS head FROM (SELECT terminal_id FROM terminals UNION SELECT :hq) c ORDER BY c.terminal_id"
        ),
        {"hq": HQ},
    ).all()
    out = []
    for tid, head in heads:
        if tid == HQ:  # head office's own chain (its entries' signatures are central_hq_signatures')
            if head:
                no_key = hashlib.sha256(repr((None, [])).encode()).hexdigest()
                out.append(_Chain(HQ, int(head), lambda _seq: None, no_key, stored.get(HQ)))
            continue
        history = sorted((int(s.from_seq), s.public_key, s.state) for s in states.get(tid, []))
        digest = hashlib.sha256(repr((keys.get(tid), history)).encode()).hexdigest()
        out.append(
            _Chain(tid, int(head or 0), _key_for(states.get(tid, []), keys.get(tid)), digest, stored.get(tid))
        )
    return out


def _rows_after(conn: Connection, wanted: list[tuple[str, int, int]]) -> dict[str, list[Any]]:
    """Each chain's rows after its start, at most n, in one statement. PostgreSQL: a LATERAL index range per
    chain, planned once (the same as 200 UNION ALL branches took 0.47 s to plan over a year's 13 partitions);
    SQLite: UNION ALL branches (its planning is cheap)."""
    if not wanted:
        return {}
    out: dict[str, list[Any]] = {tid: [] for tid, _, _ in wanted}
    if conn.dialect.name == "postgresql":
        cols = ", ".join(f"r.{c.strip()}" for c in _COLUMNS.split(","))
        rows = conn.execute(
            text(
                f"SELECT {cols} FROM unnest(CAST(:t AS text[]), CAST(:s AS bigint[]), CAST(:n AS bigint[])) "
                f"AS v(t, s, n) CROSS JOIN LATERAL (SELECT {_COLUMNS} FROM central_journal j "
                "WHERE j.terminal_id = v.t AND j.seq > v.s ORDER BY j.seq LIMIT v.n) r"
            ),
            {"t": [w[0] for w in wanted], "s": [w[1] for w in wanted], "n": [w[2] for w in wanted]},
        )
    else:
        branches = " UNION ALL ".join(
            f"SELECT * FROM (SELECT {_COLUMNS} FROM central_journal WHERE terminal_id = :t{i} AND seq > :s{i} "
            f"ORDER BY seq LIMIT :n{i}) b{i}"
            for i in range(len(wanted))
        )
        params: dict[str, Any] = {}
        for i, (tid, after, n) in enumerate(wanted):
            params |= {f"t{i}": tid, f"s{i}": after, f"n{i}": n}
        rows = conn.execute(text(branches), params)
    for r in rows:
        out[r.terminal_id].append(r)
    return {tid: sorted(rows, key=lambda r: int(r.seq)) for tid, rows in out.items()}


def _start(chain: _Chain, full: bool) -> tuple[int, str]:
    s = chain.stored
    if full or s is None or s.key_digest != chain.keys or int(s.seq) > chain.head:
        return 0, GENESIS_HASH  # never checked, checked with other keys, or rows gone: from genesis
    return int(s.seq), s.hash


def check_chains(engine: Engine, now: str, *, budget: int = BUDGET, full: bool = False) -> list[ChainState]:
    """Verify each chain after its checkpoint (every chain whole with `full`), move the checkpoints, and say
    where each chain stands. A view passes the default budget; `central verify` passes full=True."""
    results: list[tuple[_Chain, tuple[int, str], ChainProblem | None, Any, int]] = []
    with guarded(), engine.connect().execution_options(hallpay_write=False) as conn:
        try:
            chains = _chains(conn)
            starts = {ch.terminal_id: _start(ch, full) for ch in chains}
            behind = [ch for ch in chains if ch.head > starts[ch.terminal_id][0]]
            share = max(budget // max(1, len(behind)), _MIN_SHARE)
            limits = {
                ch.terminal_id: (ch.head - starts[ch.terminal_id][0]) if full else share for ch in behind
            }
            wanted = [(ch.terminal_id, starts[ch.terminal_id][0], limits[ch.terminal_id]) for ch in behind]
            # a view: one statement for every chain behind; the whole check: a chain at a time (its memory)
            rows_of = {} if full else _rows_after(conn, wanted)
            for ch in chains:
                after = starts[ch.terminal_id]
                if full and ch.terminal_id in limits:
                    rows_of = _rows_after(conn, [w for w in wanted if w[0] == ch.terminal_id])
                rows = rows_of.get(ch.terminal_id, [])
                problem, good = check_run(rows, ch.key_for, after, ch.head)
                done = len(rows) if problem is None else (0 if good is None else int(good.seq) - after[0])
                last = after[0] if good is None else int(good.seq)
                if problem is None and last < ch.head and len(rows) < limits.get(ch.terminal_id, 0):
                    problem = ChainProblem(last + 1, "", f"entries missing after #{last} (head #{ch.head})")
                results.append((ch, after, problem, good, done))
        finally:
            conn.rollback()
    with guarded(), engine.begin() as conn:
        moves = [
            m
            for ch, after, _problem, good, _done in results
            if (m := _save(conn, ch, after, good, now, full))
        ]
        if moves:  # one executemany (psycopg pipelines it), not a round trip per chain
            c = central_chain_checks.c
            conn.execute(
                central_chain_checks.update()
                .where(
                    c.terminal_id == bindparam("t"),
                    c.seq == bindparam("s0"),
                    c.hash == bindparam("h0"),
                    c.key_digest == bindparam("k0"),
                )
                .values(
                    seq=bindparam("n_seq"),
                    hash=bindparam("n_hash"),
                    key_digest=bindparam("n_kd"),
                    checked_at=bindparam("n_at"),
                ),
                moves,
            )
    out = []
    for ch, after, problem, good, done in results:
        seq = after[0] if good is None else int(good.seq)
        full_at = now if full else (None if ch.stored is None else ch.stored.full_at)
        out.append(
            ChainState(ch.terminal_id, ch.head, seq, "" if problem is None else str(problem), done, full_at)
        )
    return out


def _save(
    conn: Connection, ch: _Chain, after: tuple[int, str], good: Any, now: str, full: bool
) -> dict[str, Any] | None:
    """Write a whole check's or a first checkpoint; return a view's compare-and-set move for the caller to batch."""
    c = central_chain_checks.c
    seq, hash_ = after if good is None else (int(good.seq), good.hash)
    values = {"seq": seq, "hash": hash_, "key_digest": ch.keys, "checked_at": now}
    if full:  # what the whole check found is the truth, even backwards (damage below the old checkpoint)
        conn.execute(central_chain_checks.delete().where(c.terminal_id == ch.terminal_id))
        conn.execute(central_chain_checks.insert().values(terminal_id=ch.terminal_id, full_at=now, **values))
        return None
    if good is None and ch.stored is not None and ch.stored.key_digest == ch.keys:
        return None  # nothing new verified
    if ch.stored is None:
        conn.execute(
            text(
                "INSERT INTO central_chain_checks (terminal_id, seq, hash, key_digest, checked_at) "
                "VALUES (:t, :seq, :hash, :key_digest, :checked_at) ON CONFLICT (terminal_id) DO NOTHING"
            ),
            {"t": ch.terminal_id, **values},
        )
        return None
    s = ch.stored  # compare-and-set: only over the checkpoint this check started from (the caller runs it)
    return {
        "t": ch.terminal_id,
        "s0": int(s.seq),
        "h0": s.hash,
        "k0": s.key_digest,
        "n_seq": seq,
        "n_hash": hash_,
        "n_kd": ch.keys,
        "n_at": now,
    }
