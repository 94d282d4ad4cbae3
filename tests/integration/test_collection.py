"""Collection responsibility report (收费责任制): collected, recovered, arrears assigned, waivers, per clerk/area."""

from __future__ import annotations

import pytest

from app.errors import InputError
from app.model import Method
from app.services.collection import collection_report, permille_text, previous_month, rate_permille
from app.services.payments import PayRequest, pay
from app.services.reversal import ReversalRequest, reverse


def _area(w, customer_no):
    with w.store.uow() as uow:
        return uow.customers.get(customer_no).area


def test_report_per_area_and_clerk(terminal):
    ctx = terminal.ctx
    area2, area1 = _area(terminal, "1000000002"), _area(terminal, "1000000001")
    with terminal.store.uow() as uow:
        uow.risk.set_area_clerk(area2, "C02")
        uow.commit()
    before = collection_report(ctx)
    owed_before = next(x for x in before.by_area if x.key == area2).arrears_fen
    r = pay(
        ctx,
        PayRequest(
            "1000000002",
            Method.CASH,
            "C01",
            waiver_fen=100100,
            waiver_reason="企业困难",
            approver_id="S01",
            approver_pin="999999",
        ),
    )
    paid1 = pay(ctx, PayRequest("1000000001", Method.CASH, "C01"))
    reverse(ctx, ReversalRequest(paid1.receipt.receipt_no, "C01", "S01", "收错户", approver_pin="999999"))
    report = collection_report(ctx, "2026-11")
    line = next(x for x in report.by_area if x.key == area2)
    recovered = sum(a.principal_paid_fen for a in r.settlement.allocations if a.days_overdue > 0)
    assert line.month.collected_fen == r.receipt.amount_fen and line.month.payments == 1
    assert line.month.recovered_fen == recovered > 0
    assert (line.month.waivers, line.month.waived_fen) == (1, 100100)
    assert line.arrears_fen == owed_before - recovered
    assert line.recovery_permille == rate_permille(recovered, recovered + line.arrears_fen)
    assert line.change_fen == line.month.collected_fen  # nothing in 2026-10
    clerk = next(x for x in report.by_clerk if x.clerk_id == "C02")
    assert clerk.areas == (area2,) and clerk.month == line.month
    if area1 != area2:  # the reversed payment counts nowhere
        assert next(x for x in report.by_area if x.key == area1).month.payments == 0
    assert report.total.month.collected_fen == r.receipt.amount_fen
    assert (
        collection_report(ctx, "2026-12").by_area[0].previous.collected_fen
        + sum(x.previous.collected_fen for x in collection_report(ctx, "2026-12").by_area[1:])
        == r.receipt.amount_fen
    )


def test_rates_months_and_bad_month(terminal):
    assert (rate_permille(1, 3), permille_text(rate_permille(1, 3)), rate_permille(0, 0)) == (
        333,
        "33.3%",
        None,
    )
    assert (previous_month("2026-01"), previous_month("2026-11")) == ("2025-12", "2026-10")
    with pytest.raises(InputError, match="YYYY-MM"):
        collection_report(terminal.ctx, "2026-13")
