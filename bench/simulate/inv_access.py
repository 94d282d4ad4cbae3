"""Invariants 7 and 8: who can get in and what is held at the end of a day: a PIN set on one counter opens
the hall's counters that pulled since (and the one it replaced opens none); nobody holds a lock."""

from __future__ import annotations

from bench.simulate.world import Province, SimTerminal


def pin_state(t: SimTerminal, clerk: str) -> tuple[str, bool, bool]:
    """What a counter holds for a clerk's PIN: its hash, whether it is a one-time PIN, whether active."""
    from app.provisioning import must_change_key

    with t.services.store.reader() as uow:
        rec = uow.settings.clerk(clerk)
        one_time = uow.settings.get(must_change_key(clerk)) == "1"
    return ("", one_time, False) if rec is None else (rec.pin_hash, one_time, rec.active)


def check_pins(p: Province, synced: list[SimTerminal]) -> list[str]:
    """A clerk's new PIN, once its pin_set entry is at head office: it opens every counter of the hall that
    has pulled since, and the PIN it replaced opens none (a one-time PIN works once, anywhere; an old PIN
    is gone everywhere). A change still waiting on its counter's outbox is checked on a later day.

    The PINs are typed on the first such counter (the real login and PIN check: two scrypts); the others
    must hold the very same PIN record (hash and one-time flag), which is what makes them answer alike."""
    from app.errors import HallPayError
    from app.services.approvals import CHANGE_OWN_PIN, check_pin
    from app.services.clerks import login

    problems = []
    for clerk, change in sorted(p.pin_changed.items()):
        if p.central.ack(change.terminal).seq < change.seq:
            continue
        del p.pin_changed[clerk]
        hall = next(h for h in p.halls if clerk in (h.supervisor, *h.clerks))
        counters = [t for t in synced if t.hall == hall.index]
        if not counters:
            continue
        first = counters[0]
        try:  # the old one first: the correct PIN after it resets the failure count
            check_pin(first.ctx, clerk, change.old, purpose=CHANGE_OWN_PIN)
            problems.append(
                f"7: {clerk}'s replaced PIN still sets a PIN on {first.tid} (set on {change.terminal})"
            )
        except HallPayError:
            pass
        try:
            login(first.ctx, clerk, p.pins[clerk], record=False)
        except HallPayError as refused:
            problems.append(
                f"7: {clerk}'s own PIN (set on {change.terminal}) refused on {first.tid} after a sync: {refused}"
            )
        state = pin_state(first, clerk)
        for t in counters[1:]:
            if pin_state(t, clerk) != state:
                problems.append(f"7: {t.tid} holds another PIN record for {clerk} than {first.tid}")
    for clerk, index in sorted(p.disabled.items()):  # a disabled clerk opens no counter that pulled since
        counters = [t for t in synced if t.hall == index]
        for t in counters:
            try:
                login(t.ctx, clerk, p.pins[clerk], record=False)
                problems.append(f"7: {clerk} was disabled at head office and still logs in on {t.tid}")
            except HallPayError:
                pass
        if counters:
            del p.disabled[clerk]
    return problems


# ------------------------------------------------------------------------------ 8. locks and waits


def check_locks(p: Province) -> list[str]:
    """At the end of the day nobody holds a lock: on PostgreSQL no other session of the ledger's database is
    idle inside a transaction or holds a lock, and the sessions the product opens carry their bounds
    (lock and statement timeouts: nothing waits without end); on SQLite head office's file and every
    counter's local.db take a write transaction at once."""
    import sqlite3

    from sqlalchemy import text

    problems = []
    if p.central.engine.dialect.name == "postgresql":
        with p.central.engine.connect() as conn:
            stuck = conn.execute(
                text(
                    "SELECT pid, state, left(query, 80) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'"
                )
            ).all()
            held = conn.execute(
                text(
                    "SELECT l.pid, l.locktype, l.mode FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                    "WHERE a.datname = current_database() AND l.pid <> pg_backend_pid() AND l.granted"
                )
            ).all()
            bounds = {
                name: conn.execute(text(f"SHOW {name}")).scalar()
                for name in ("lock_timeout", "statement_timeout", "idle_in_transaction_session_timeout")
            }
        problems += [f"8: head office session {r[0]} is {r[1]} at the end of the day: {r[2]}" for r in stuck]
        problems += [
            f"8: head office session {r[0]} holds a {r[2]} lock ({r[1]}) at the end of the day" for r in held
        ]
        problems += [
            f"8: head office sessions wait without bound: {k} = {v}"
            for k, v in bounds.items()
            if v in ("0", None)
        ]
        files = []
    else:
        files = [("head office", str(p.central.engine.url.database))]
    files += [(t.tid, str(t.data_dir / "local.db")) for t in p.terminals()]
    for who, path in files:
        probe = sqlite3.connect(path, timeout=0)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
        except sqlite3.OperationalError as locked:
            problems.append(f"8: {who}'s database is locked at the end of the day: {locked}")
        finally:
            probe.close()
    return problems
