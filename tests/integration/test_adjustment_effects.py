"""Issue 28 (domain P2-1, P3-1, P2-2): a head-office adjustment carries its money effect and its clock.

- a category change that lowers the late fee is a waiver: journaled with the fee before and after, and in
  the day report's adjustment waivers, which the hall's waiver line points to;
- a raised paid bill's difference is overdue (days, arrears, stop-power notice) from the day it fell due,
  the same clock as its late fee.
Real SQLite terminal, the supervisor's PIN, exact fen; the business day is 2026-11-23.
"""

from __future__ import annotations

from app.services.master_data import import_master_data
from app.services.payments import due
from tests.integration.test_money_core import S01, bills, customers, shop


def test_a_category_change_that_lowers_the_fee_is_journaled_and_reported_as_a_waiver(terminal, tmp_path):
    w = terminal
    shop(w, "2000000014")
    # commercial 1000.00 due 2026-11-03: 20 days × 2‰ = 40.00 on 11-23
    import_master_data(w.ctx, [], bills("2000000014,2026-10,900,1000.00,2026-11-03"))
    assert due(w.ctx, "2000000014").quote.late_fee_total_fen == 40_00
    r = import_master_data(
        w.ctx, customers("2000000014,测试商户,城东区1号,,residential,M2000000014,0,"), [], S01
    )
    p = r.adjustments[0].payload
    assert (p["what"], p["fee_before_fen"], p["fee_after_fen"], p["fee_waived_fen"], p["fee_raised_fen"]) == (
        "category",
        40_00,
        20_00,
        20_00,
        0,
    )
    assert due(w.ctx, "2000000014").quote.late_fee_total_fen == 20_00  # 1‰ × 20 days: the new fee
    from app.services.shift_close import load_day_report
    from printing.day_report_pdf import day_report_pdf
    from tests.unit.test_printing_pdf import _text

    report = load_day_report(w.ctx)
    assert [a.fee_waived_fen for a in report.adjustments] == [20_00]
    text = _text(day_report_pdf(report, tmp_path / "day.pdf"))
    assert "另总部调整减免20.00" in text and "其中减免违约金20.00元" in text


def test_a_category_change_that_raises_the_fee_says_so_and_waives_nothing(terminal):
    w = terminal
    shop(w, "2000000015", "residential")
    import_master_data(w.ctx, [], bills("2000000015,2026-10,900,1000.00,2026-11-03"))
    r = import_master_data(
        w.ctx, customers("2000000015,测试商户,城东区1号,,commercial,M2000000015,0,"), [], S01
    )
    p = r.adjustments[0].payload
    assert (p["fee_before_fen"], p["fee_after_fen"], p["fee_waived_fen"], p["fee_raised_fen"]) == (
        20_00,
        40_00,
        0,
        20_00,
    )


def test_a_raised_paid_bill_is_overdue_from_the_day_its_difference_fell_due(terminal):
    """The review's case: residential 100.00 due 11-13, paid in full on 11-23, raised to 150.00 the same day.
    On 12-15 the difference is 22 days overdue (its fee says so too): no stop-power notice yet; on 12-24, 31."""
    import pytest

    from app.errors import Refused
    from app.model import Method
    from app.services.notices import propose
    from app.services.payments import PayRequest, pay
    from tests.integration.test_money_core import at

    w = terminal
    shop(w, "2000000016", "residential")
    import_master_data(w.ctx, [], bills("2000000016,2026-10,90,100.00,2026-11-13"))
    pay(w.ctx, PayRequest("2000000016", Method.WECHAT, "C01", reference="WX16"))
    import_master_data(w.ctx, [], bills("2000000016,2026-10,90,150.00,2026-11-13"), S01)
    dec15 = at(w.ctx, "2026-12-15")
    assert due(dec15, "2000000016").quote.late_fee_total_fen == 1_10  # 50.00 × 1‰ × 22 days
    with pytest.raises(Refused) as refused:
        propose(dec15, "2000000016", "C01")
    assert refused.value.code == "notice.not_overdue" and refused.value.params["oldest"] == 22
    assert propose(at(w.ctx, "2026-12-24"), "2000000016", "C01").state == "proposed"  # 31 days


def test_shift_status_and_the_day_report_json_count_an_adjustment_waiver(terminal, tmp_path):
    """`shift status --json` said waivers 0 after head office's category change waived 20.00 (issue 28 round
    2): the day's adjustment waivers are reported beside the counter's own, in the status and the report."""
    from app.services.shift_close import close_preview, load_day_report
    from cli.render import day_report_json, shift_status_json

    w = terminal
    shop(w, "2000000017")
    import_master_data(w.ctx, [], bills("2000000017,2026-10,900,1000.00,2026-11-03"))
    import_master_data(w.ctx, customers("2000000017,测试商户,城东区1号,,residential,M2000000017,0,"), [], S01)
    status = shift_status_json(close_preview(w.ctx, "C01"), "C01")
    assert (status["waivers"], status["adjustment_waivers"], status["adjustment_waived"]) == (0, 1, "20.00")
    report = day_report_json(load_day_report(w.ctx), "day.pdf", "slip.pdf", [])
    assert (report["waived"], report["adjustment_waivers"], report["adjustment_waived"]) == (
        "0.00",
        1,
        "20.00",
    )
