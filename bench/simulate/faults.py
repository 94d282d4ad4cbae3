"""What goes wrong (`--faults`), drawn from its own generator so a run without faults keeps its payments.

- a link cut before a push reaches head office (CentralUnavailable: nothing changed centrally);
- a lost COMMIT reply: head office committed the batch, the terminal never heard so (it must not resend
  twice's worth of money: the entry ids are the key);
- a terminal offline for days (its journal waits as the outbox; customers pay elsewhere meanwhile);
- a process killed mid-operation: a write unit of work opened and abandoned without a commit, then the
  terminal reopened from its data directory as after a restart;
- a PC that dies after its last sync and is restored from head office onto a new PC (a new key);
- a key rotated (`terminal rekey`: the new key signed by the old one, the PC restarted on it);
- a disk copied to a second PC (a fork: same terminal id, same key): the copy's entries must be quarantined
  with a `fork` review case, never counted, and the genuine PC must go on unharmed.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil

from bench.simulate.day import Day
from bench.simulate.invariants import spread
from bench.simulate.world import Province, SimTerminal, install, open_sim_terminal


def morning(p: Province, rng: random.Random, day: Day) -> None:
    """The day's big faults, before the halls open."""
    for t in p.terminals():
        if t.offline_until is not None and t.offline_until <= day.day:
            t.offline_until = None
            day.note(f"{t.tid} back online", "")
    r = rng.random()  # about one morning in two brings one of these (a short run still meets each kind)
    if r < 0.10:
        t = rng.choice(p.terminals())
        if t.offline_until is None:
            t.offline_until = day.day + dt.timedelta(days=rng.randint(1, 4))
            day.note(f"{t.tid} fault: offline until {t.offline_until}", "fault:offline_days")
    elif r < 0.20:
        restart_mid_operation(p, rng.choice(p.terminals()), day)
    elif r < 0.28:
        restore_after_death(p, rng, day)
    elif r < 0.36:
        rekey(p, rng.choice(p.terminals()), day)
    elif r < 0.44:
        fork(p, rng, day)


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
    README's `terminal restore`). The clerks' PINs come back with the pull (they roam: issue 27)."""
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
    # the receipts it printed, a spread of them from the first on, verified on the new PC tonight
    p.to_verify.update((t.tid, r) for r in spread(sorted(p.printed.get(t.tid, {}))))
    day.note(f"{t.tid} fault: PC died, restored from head office", "fault:restore")


def rekey(p: Province, t: SimTerminal, day: Day) -> None:
    """`terminal rekey` on the PC (its command, on the run's clock), then the counter restarts on the new key."""
    import argparse
    import contextlib
    import io
    import os

    from cli.terminal import rekey as rekey_command

    if t.offline_until is not None:  # the command registers the new key with head office: it needs the link
        return
    hall = p.halls[t.hall]
    t.services.store.close()
    before = os.environ.get("HALLPAY_NOW")
    os.environ["HALLPAY_NOW"] = p.clock.now_utc().isoformat()  # the command reads the clock from the env
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            rekey_command(t.data_dir, argparse.Namespace(central=p.url, json=True))
    finally:
        if before is None:
            os.environ.pop("HALLPAY_NOW", None)
        else:
            os.environ["HALLPAY_NOW"] = before
    fresh = open_sim_terminal(p, hall, t.tid, t.data_dir)
    fresh.offline_until = t.offline_until
    hall.terminals[hall.terminals.index(t)] = fresh
    p.to_verify.update((t.tid, r) for r in spread(sorted(p.printed.get(t.tid, {}))))  # under the old key
    day.note(f"{t.tid} fault: key rotated", "fault:rekey")


def fork(p: Province, rng: random.Random, day: Day) -> None:
    """Someone copies a counter's disk to a second PC after its last sync. The genuine PC works on (its
    supervisor opens and closes a shift, pushed at once); the copy takes payments under the same terminal id
    and key and pushes them: head office must keep them apart (quarantine, a `fork` case), count none of
    them, and leave the genuine PC's chain whole. The copy is then found and switched off."""
    from app.services.sync import run_sync
    from bench.simulate.actions import close_shift, open_shift, take_payment
    from db.central_schema import review_cases

    t = rng.choice(p.terminals())
    if t.offline_until is not None:
        return
    try:
        if run_sync(t.link).pending:
            return
    except Exception:  # noqa: BLE001 — a link that fails now only means no copy is made today
        return
    hall = p.halls[t.hall]
    t.services.store.close()
    copy_dir = p.base / f"{t.tid}-copy-{day.day:%Y%m%d}"
    shutil.copytree(t.data_dir, copy_dir)
    genuine = open_sim_terminal(p, hall, t.tid, t.data_dir)
    genuine.offline_until = t.offline_until
    hall.terminals[hall.terminals.index(t)] = genuine
    open_shift(p, genuine, hall.supervisor, day)
    close_shift(p, genuine, hall.supervisor, rng, day)
    run_sync(genuine.link)
    printed = dict(p.printed.get(t.tid, {}))  # the copy's receipts are no genuine PC's (invariant 6)
    copy = open_sim_terminal(p, hall, t.tid, copy_dir)
    try:
        open_shift(p, copy, hall.supervisor, day)
        for _ in range(rng.randint(1, 3)):
            take_payment(p, copy, hall.supervisor, rng, day)
        close_shift(p, copy, hall.supervisor, rng, day)
        result = run_sync(copy.link)
    finally:
        copy.services.store.close()
        shutil.rmtree(copy_dir)
        p.printed[t.tid] = printed
        p.to_verify = {(tid, r) for tid, r in p.to_verify if tid != t.tid or r in printed}
    with p.central.engine.connect() as conn:
        cases = conn.execute(
            review_cases.select()
            .where(review_cases.c.kind == "fork")
            .where(review_cases.c.terminal_id == t.tid)
        ).all()
    if not cases or result.pushed:
        p.problems.append(
            f"2: a copy of {t.tid}'s disk pushed {result.pushed} entries, {len(cases)} fork cases at head office"
        )
    day.note(
        f"{t.tid} fault: disk copied to a second PC; its push: alarms {[a.kind for a in result.alarms]}",
        "fault:fork",
    )
