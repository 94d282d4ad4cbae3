"""One home for the receipt number (issue 32, STYLE 21): payments, card purchases, refunds paid out and
补卡 fees number their documents through app/receipt.py next_receipt_no, never a format of their own."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from app.receipt import next_receipt_no

ROOT = Path(__file__).resolve().parents[2]


class Counter:
    """A ReceiptRepo's numbering: one sequence per business day."""

    def __init__(self) -> None:
        self.days: dict[str, int] = {}

    def next_number(self, business_day: str) -> int:
        self.days[business_day] = self.days.get(business_day, 0) + 1
        return self.days[business_day]


def test_numbers_run_per_day_and_terminal():
    repo = Counter()
    day = dt.date(2026, 11, 23)
    assert next_receipt_no(repo, "T01", day) == "T01-20261123-0001"
    assert next_receipt_no(repo, "T01", day) == "T01-20261123-0002"
    assert next_receipt_no(repo, "T01", day + dt.timedelta(days=1)) == "T01-20261124-0001"


def test_no_service_formats_a_receipt_number_of_its_own():
    made_here = re.compile(r"%Y%m%d\}-\{[^}]*:04d\}")
    found = [
        str(p.relative_to(ROOT))
        for p in sorted((ROOT / "app").rglob("*.py"))
        if p.name != "receipt.py" and made_here.search(p.read_text(encoding="utf-8"))
    ]
    assert found == []
