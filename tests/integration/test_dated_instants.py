"""The instants that break real systems, on the product's own clock (issue 25 part 2).

A counter and its head office share one clock (app/clock.py). Each case starts one second before a boundary
(the last second of a month, the year end, the end of a leap day), takes money, syncs, lets the second pass,
and checks what must change with the day and what must not:
- the shift of the old day takes no more money; closed and reopened, the new day's payments go on;
- head office files each entry under its own business day, in its own month's partition (PostgreSQL), the
  new month's (or year's) partition created by whoever needed it first, and its own records (a decision)
  on the day of Shanghai, not of UTC;
- an overdue bill's late fee grows with the new day (its rates across the year end: tests/unit/test_latefee.py).
The instants are the product clock's; tests/conftest.py moves the wall clock too (`HALLPAY_TEST_WALLCLOCK`).
"""

from __future__ import annotations

import datetime as dt

import pytest

from app.cash import CashCount
from app.errors import Refused
from app.model import Method
from app.services.payments import PayRequest, due, pay
from app.services.shift_close import CloseRequest, close_preview, close_shift
from app.services.shifts import open_shift
from tests.integration.pg_fixtures import (  # noqa: F401
    assert_consistent,
    central_url,
    link_for,
    make_terminal,
    pg_server,
    seed_central,
)

INSTANTS = {
    "month-end": "2026-11-30T23:59:59+08:00",
    "year-end": "2026-12-31T23:59:59+08:00",
    "leap-day": "2028-02-29T23:59:59+08:00",
}


def _pay_all(ctx, customers: list[str]) -> None:  # type: ignore[no-untyped-def]
    for cno in customers:
        if due(ctx, cno).quote.to_pay_fen:
            pay(ctx, PayRequest(cno, Method.CASH, "C01"))


@pytest.mark.parametrize("instant", list(INSTANTS.values()), ids=list(INSTANTS))
def test_a_day_boundary_on_the_shared_clock(instant, central_url, tmp_path, monkeypatch):  # noqa: F811
    from app.services.sync import run_sync
    from db.central.store import CentralStore

    monkeypatch.setenv("HALLPAY_NOW", instant)
    before = dt.datetime.fromisoformat(instant)
    (tmp_path / "hq").mkdir()
    central = CentralStore.open(central_url, tmp_path / "hq")  # head office's clock: HALLPAY_NOW
    seed_central(central, today=before.date().isoformat())
    wiring = make_terminal(tmp_path, "T01", now=instant)
    ctx = wiring.ctx  # type: ignore[attr-defined]
    try:
        fee_before = due(
            ctx, "1000000002"
        ).quote.late_fee_total_fen  # commercial, overdue since last December
        _pay_all(ctx, ["1000000001", "1000000004"])
        link = link_for(wiring, central_url)
        assert run_sync(link).pending == 0

        # one second later: a new day (and month, and maybe year), on both sides at once
        after = before + dt.timedelta(seconds=1)
        ctx.clock.now = after
        central.clock.now = after  # type: ignore[attr-defined]
        assert ctx.today() == before.date() + dt.timedelta(days=1)

        assert due(ctx, "1000000002").quote.late_fee_total_fen > fee_before  # a day later is never cheaper

        with pytest.raises(Refused) as refused:  # the old day's shift takes no more money
            pay(ctx, PayRequest("1000000002", Method.CASH, "C01"))
        assert refused.value.code == "shift.earlier_day"
        expected = close_preview(ctx, "C01").expected_cash_fen
        close_shift(ctx, CloseRequest("C01", CashCount.of({1: expected})))
        open_shift(ctx, "C01", 50000)
        _pay_all(ctx, ["1000000002", "1000000005"])
        result = run_sync(link)
        assert result.pending == 0 and not result.alarms

        journal = central.journal("T01")
        days = {e.payload.get("business_day") for e in journal if e.kind == "payment"}
        assert days == {before.date().isoformat(), after.date().isoformat()}
        if central.partitions is not None:  # PostgreSQL: each day's rows in its own month's table
            from sqlalchemy import text

            with central.engine.connect() as conn:
                where = dict(
                    conn.execute(
                        text(
                            "SELECT day, min(tableoid::regclass::text) FROM central_journal "
                            "WHERE terminal_id = 'T01' AND kind = 'payment' GROUP BY day"
                        )
                    ).all()
                )
            assert where == {
                before.date().isoformat(): f"central_journal_y{before:%Y}m{before:%m}",
                after.date().isoformat(): f"central_journal_y{after:%Y}m{after:%m}",
            }
        assert_consistent(central, [wiring], today=before.date().isoformat())
    finally:
        wiring.store.close()  # type: ignore[attr-defined]
        central.close()
