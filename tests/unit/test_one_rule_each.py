"""One function per rule, used by every side (issue 32, STYLE 21): what "overdue" means and which way a cash
difference goes are each written once; the services and the day report call them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from app.cash import over_short
from app.ids import CustomerNo
from app.model import Bill
from app.risk import is_overdue
from app.services.shift_close import difference_phrase
from printing.day_report_pdf import difference_text

ROOT = Path(__file__).resolve().parents[2]
DUE = dt.date(2026, 11, 15)


def bill(paid_fen: int = 0) -> Bill:
    return Bill("B1", CustomerNo("1000000001"), "2026-10", 100, 5000, DUE, principal_paid_fen=paid_fen)


def test_a_bill_is_overdue_the_day_after_it_fell_due_while_it_still_owes():
    assert not is_overdue(bill(), DUE)
    assert is_overdue(bill(), DUE + dt.timedelta(days=1))
    assert not is_overdue(bill(paid_fen=5000), DUE + dt.timedelta(days=30))


def test_a_raised_bill_is_overdue_from_the_day_its_difference_fell_due():
    raised = DUE + dt.timedelta(days=20)
    assert not is_overdue(bill(), raised, since=raised)
    assert is_overdue(bill(), raised + dt.timedelta(days=1), since=raised)


def test_over_and_short_are_read_once_for_the_close_and_the_day_report():
    assert over_short(1250) == ("over", 1250)
    assert over_short(-300) == ("short", 300)
    assert over_short(0) == ("even", 0)
    assert (str(difference_phrase(1250)), difference_text(1250)) == ("长款 12.50 元", "长款 12.50")
    assert (str(difference_phrase(-300)), difference_text(-300)) == ("短款 3.00 元", "短款 3.00")
    assert difference_text(0) == "0.00"


def test_no_service_reads_overdue_on_its_own():
    own = re.compile(r"unpaid_fen > 0 and [\w.\[\]]+ < today")
    found = [
        str(p.relative_to(ROOT))
        for p in sorted((ROOT / "app").rglob("*.py"))
        if p != ROOT / "app" / "risk.py" and own.search(p.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_tender_rule_and_the_quote_preamble_are_written_once():
    """The counter and the IC card purchase check the tendered cash through app/tender.py check_tender; a
    payment, a scanned payment, the lookup and a card purchase quote through payments.quote_for."""
    sources = {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in (ROOT / "app").rglob("*.py")}
    assert [f for f, s in sources.items() if 'raise coded(Refused, "pay.tender_short"' in s] == [
        "app/tender.py"
    ]
    assert [f for f, s in sources.items() if "customer.balance_fen,\n" in s and "make_quote(" in s] == [
        "app/services/payments.py"
    ]
    assert sources["app/services/payments.py"].count("make_quote(") == 1
