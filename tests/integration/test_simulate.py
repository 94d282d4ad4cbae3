"""The province simulation (issue 26) as the suite runs it: short runs that cross a month end and the year
end, every invariant checked every day, and the digest that makes a run repeatable byte for byte."""

from __future__ import annotations

import datetime as dt

import pytest

from bench.simulate.report import as_text
from bench.simulate.runner import Outcome, run
from bench.simulate.world import Options, build
from tests.integration.pg_fixtures import pg_server  # noqa: F401

YEAR_END = dt.date(2026, 12, 29)  # 31 Dec (a month end and the year end), 5 Jan: last month's bills issued


def _passes(options: Options) -> Outcome:
    out = run(options)
    assert out.violation is None, as_text(out)
    assert out.days_run == options.days and out.checks >= 3 * options.days
    assert out.stats["payment"] > 0 and out.stats["shift_close"] > 0
    return out


def test_same_seed_same_digest_other_seed_another():
    """Determinism: two runs of one seed (faults on) end in the same central state, head office's times
    included; another seed does not."""
    options = Options(days=4, halls=1, terminals=2, seed=7, start=dt.date(2027, 1, 1), busy=0.1, faults=True)
    first = _passes(options).digest
    assert _passes(options).digest == first
    assert _passes(Options(**{**options.__dict__, "seed": 8})).digest != first


def test_a_pin_set_on_one_counter_opens_the_others():
    """Invariant 7 (it failed on day one before PINs roamed, issue 27): every clerk replaces head office's
    one-time PIN on the first counter they sit at; after the evening sync the new PIN opens the hall's
    other counter and the one-time PIN opens none."""
    out = run(Options(days=1, halls=1, terminals=2, seed=7, start=dt.date(2027, 1, 1), busy=0.1))
    assert out.violation is None, as_text(out)
    assert out.stats["pin_replaced"] >= 2


# 20 Dec to 2 Feb: the year end (a month end), the billing day of 5 January, the end of January. Seed 2031
# meets every kind of fault in it (a rate change must not drop one silently: the assertion below).
SHORT = Options(
    days=45,
    halls=3,
    terminals=2,
    seed=2031,
    start=dt.date(2026, 12, 20),
    customers=10,
    busy=0.05,
    faults=True,
)
EVERY_FAULT = {"fork", "rekey", "restore", "restart", "offline_days", "cut", "lost_reply", "silent"}


@pytest.mark.timeout(600)
def test_three_halls_45_days_across_the_year_end_embedded():
    out = run(SHORT, full_every=15)
    assert out.violation is None, as_text(out)
    assert out.days_run == 45 and out.full_checks == 3 and out.checks == 8 * 45
    assert EVERY_FAULT <= set(out.faults), out.faults
    assert out.stats["silent_committed"] and out.stats["silent_not_committed"], out.stats
    assert out.stats["bills"] >= 1 and out.stats["payment"] > 0 and out.stats["shift_close"] > 0
    # incremental: each entry is read about twice (its central copy, the counter's own), not once a day
    assert out.read < 4 * out.entries, (out.read, out.entries)


@pytest.mark.postgres
@pytest.mark.timeout(600)
def test_three_halls_45_days_across_the_year_end_postgres(pg_server, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setenv("HALLPAY_HQ_KEY", str(tmp_path / "hq.key"))
    url = pg_server.url(pg_server.new_database())
    out = run(Options(**{**SHORT.__dict__, "halls": 2, "central": url}), full_every=15)  # 2: the budget
    assert out.violation is None, as_text(out)
    assert out.days_run == 45 and {"silent", "fork", "restore"} <= set(out.faults), out.faults


def test_across_a_leap_day():
    """26 February to 2 March 2028: the 29th is a business day like any other (late fees accrue on it,
    the day report of the 29th matches head office's) and March begins after it."""
    out = _passes(
        Options(days=6, halls=1, terminals=2, seed=3, start=dt.date(2028, 2, 26), busy=0.1, faults=True)
    )
    assert out.days_run == 6


def test_a_pc_with_a_closed_shift_is_restored_from_head_office(tmp_path):
    """Found by the simulation (seed 5, day 2027-01-14, faults on): `terminal restore` of a PC whose journal
    holds a closed shift with receipts failed with 'shift is closed' (the rebuild closed the shift before
    adding its receipts, and the store's trigger refuses a receipt in a closed shift)."""
    import random
    import shutil

    from bench.simulate import actions
    from bench.simulate.world import build, install

    p = build(Options(halls=1, terminals=1, customers=4), tmp_path, random.Random(1))
    try:
        t, rng = p.terminals()[0], random.Random(2)
        day = actions.Day(p.today())
        actions.open_shift(p, t, "C011", day)
        for _ in range(3):
            actions.take_payment(p, t, "C011", rng, day)
        actions.close_shift(p, t, "C011", rng, day)
        assert actions.sync(p, t, rng, day) is not None
        t.services.store.close()
        shutil.rmtree(t.data_dir)
        back = install(p, p.halls[0], t.tid, t.data_dir, restore=True)
        p.halls[0].terminals[0] = back
        with back.services.store.reader() as uow:
            assert uow.journal.head()[0] == p.central.ack(t.tid).seq
    finally:
        p.close()


def test_the_invariants_catch_what_they_are_named_after(tmp_path):
    """Invariants 4, 5, 6 and 8 on one simulated counter day, then each meets the damage it is about."""
    import random
    import sqlite3

    from sqlalchemy import select, update

    from bench.simulate import actions, inv_access, invariants
    from bench.simulate.runner import evening
    from db.central_schema import central_bills

    p = build(Options(halls=1, terminals=1, customers=4), tmp_path, random.Random(1))
    try:
        t, rng = p.terminals()[0], random.Random(2)
        day = actions.Day(p.today())
        actions.open_shift(p, t, "C011", day)
        for _ in range(4):
            actions.take_payment(p, t, "C011", rng, day)
        actions.close_shift(p, t, "C011", rng, day)
        synced = evening(p, rng, day)
        journals = invariants.central_entries(p)
        assert synced == [t] and len(p.to_verify) == 4
        assert invariants.check_fees(p, journals) == []
        assert inv_access.check_locks(p) == []
        assert invariants.check_receipts(p, every=True) == []
        assert invariants.check_day_reports(p, synced) == []

        b = central_bills.c
        with p.central.engine.begin() as conn:  # a late fee applied a second time at head office
            paid = conn.execute(select(b.bill_id).where(b.fee_paid_fen > 0)).scalars().first()
            conn.execute(
                update(central_bills).where(b.bill_id == paid).values(fee_paid_fen=b.fee_paid_fen + 100)
            )
        actions.open_shift(p, t, "C012", day)  # money head office has not seen: the reports differ
        actions.take_payment(p, t, "C012", rng, day)
        actions.close_shift(p, t, "C012", rng, day)
        assert [x[:2] for x in invariants.check_fees(p, invariants.central_entries(p))] == [
            "4:",
            "4:",
        ]  # the fee, and the total
        assert [x[:2] for x in invariants.check_day_reports(p, synced)] == ["5:"]

        receipt_no, qr = next(iter(p.printed[t.tid].items()))
        p.reversed.add(receipt_no)  # the customer was refunded: the check must hear it from verify-receipt
        other = next(r for r in p.printed[t.tid] if r != receipt_no)
        qr = p.printed[t.tid][other]
        p.printed[t.tid][other] = qr[:-1] + ("0" if qr[-1] != "0" else "1")  # a forged signature
        assert sorted(x[:2] for x in invariants.check_receipts(p, every=True)) == ["6:", "6:"]

        holder = sqlite3.connect(str(p.central.engine.url.database))
        holder.execute("BEGIN IMMEDIATE")  # a session that never ends its transaction
        try:
            assert [x[:2] for x in inv_access.check_locks(p)] == ["8:"]
        finally:
            holder.close()
    finally:
        p.close()


@pytest.mark.parametrize("committed", [True, False], ids=["committed", "not-committed"])
def test_a_centre_that_goes_silent_mid_push(tmp_path, committed):
    """Head office stops answering in the middle of a push (the link stays up; the commit happened or not):
    the sync gives up with the offline error the bounded link raises, the counter keeps taking payments,
    and once head office answers again every entry is there exactly once."""
    import random

    from app.messages import message
    from bench.simulate import actions
    from bench.simulate.ledgers import Audit
    from bench.simulate.link_faults import faulty

    p = build(Options(halls=1, terminals=1, customers=4), tmp_path, random.Random(1))
    try:
        t, rng, audit = p.terminals()[0], random.Random(2), Audit()
        day = actions.Day(p.today())
        actions.open_shift(p, t, "C011", day)
        for _ in range(3):
            actions.take_payment(p, t, "C011", rng, day)
        link = faulty(t)
        link.armed, link.commits = "silent", committed
        assert actions.sync(p, t, rng, day) is None
        assert day.events[-1] == f"{t.tid} sync failed: {message('central.offline')}"
        assert p.central.ack(t.tid).seq == (4 if committed else 0)  # the shift's open and 3 payments
        actions.take_payment(p, t, "C011", rng, day)  # the counter goes on
        actions.close_shift(p, t, "C011", rng, day)
        result = actions.sync(p, t, rng, day)
        assert result is not None and result.pending == 0
        with t.services.store.reader() as uow:
            head = uow.journal.head()[0]
        assert p.central.ack(t.tid).seq == head == len(p.central.journal(t.tid))
        assert audit.advance(p) == [] and audit.check(p) == []
        assert audit.agrees(invariants_entries(p)) == []
    finally:
        p.close()


def invariants_entries(p):
    from bench.simulate.invariants import central_entries

    return central_entries(p)


def test_the_running_checks_see_what_is_new_and_what_changed(tmp_path):
    """The incremental checks (ledgers.Audit): a clean day passes; an entry edited at head office after it
    arrived, a verified entry changed afterwards, a balance edited, a fee applied twice: each is named."""
    import random

    from sqlalchemy import select, text, update

    from bench.simulate import actions
    from bench.simulate.ledgers import Audit
    from bench.simulate.runner import evening
    from db.central_schema import central_bills, central_customers, central_journal

    p = build(Options(halls=1, terminals=1, customers=4), tmp_path, random.Random(1))
    try:
        t, rng, audit = p.terminals()[0], random.Random(2), Audit()
        day = actions.Day(p.today())
        actions.open_shift(p, t, "C011", day)
        for _ in range(4):
            actions.take_payment(p, t, "C011", rng, day)
        assert evening(p, rng, day) == [t]
        assert audit.advance(p) == [] and audit.check(p) == []
        assert audit.advance(p) == []  # nothing new: nothing read but each chain's last entry
        j, b, c = central_journal.c, central_bills.c, central_customers.c
        head = audit.central[t.tid].seq

        where = (j.terminal_id == t.tid, j.seq == head)
        with p.central.engine.begin() as conn:  # the last verified entry, edited afterwards (past the guard)
            conn.execute(text("DROP TRIGGER central_journal_no_update"))
            genuine = conn.execute(select(j.hash).where(*where)).scalar_one()
            conn.execute(update(central_journal).where(*where).values(hash="f" * 64))
        assert [x[:5] for x in audit.advance(p)] == ["2: T0"]
        fresh = Audit()  # a run that meets the same damage in what is new to it: the chain check names it
        assert any("does not match its hash" in x for x in fresh.advance(p))
        with p.central.engine.begin() as conn:
            conn.execute(update(central_journal).where(*where).values(hash=genuine))

        p2 = Audit()
        with p.central.engine.begin() as conn:  # a balance edited by hand, a late fee applied twice
            cno = conn.execute(select(c.customer_no)).scalars().first()
            conn.execute(
                update(central_customers).where(c.customer_no == cno).values(balance_fen=c.balance_fen + 500)
            )
            paid = conn.execute(select(b.bill_id).where(b.fee_paid_fen > 0)).scalars().first()
            if paid is not None:
                conn.execute(
                    update(central_bills).where(b.bill_id == paid).values(fee_paid_fen=b.fee_paid_fen + 100)
                )
        p2.advance(p)
        kinds = sorted({x[:2] for x in p2.check(p)})
        assert kinds == (["1:", "4:"] if paid is not None else ["1:"]), p2.check(p)
    finally:
        p.close()
