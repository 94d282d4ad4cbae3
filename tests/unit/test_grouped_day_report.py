"""ux #13: the day report PDF printed 现金实收 200003748.00 while the shift page showed 200,003,748.00; every
amount on paper is grouped by app.money.yuan_text, as on the screen (the receipts: tests/golden)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.services.day_report import ClerkDay, DayReport
from app.services.shift_figures import Figures, MethodTotal
from printing.day_report_pdf import day_report_pdf, deposit_slip_pdf
from tests.unit.test_printing_pdf import _text

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")


def test_the_day_report_and_deposit_slip_group_thousands(tmp_path: Path) -> None:
    f = Figures(
        label="T01-C01-1",
        float_fen=500_00,
        receipts=2,
        by_method=(MethodTotal("cash", 2, 71_765_01),),
        cash_tendered_fen=200_003_748_00,
        change_given_fen=199_931_917_99,
        shifts=("T01-C01-1",),
        closed_shifts=1,
        counted_fen=72_265_01,
        deposit_pieces=((100_00, 717), (50_00, 1), (1_00, 15), (1, 1)),
    )
    report = DayReport("城东营业厅", ("T01",), "2026-12-07", (ClerkDay("C01", "张三", f),), f)
    text = _text(day_report_pdf(report, tmp_path / "day.pdf"))
    assert "200,003,748.00" in text and "199,931,917.99" in text and "71,765.01" in text
    assert "200003748.00" not in text
    slip = _text(deposit_slip_pdf(report, tmp_path / "slip.pdf"))
    assert "71,765.01" in slip, slip
