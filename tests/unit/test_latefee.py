"""DOMAIN.md's worked examples and the rules around them, with exact fen."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.allocation import make_quote
from app.latefee import accrue, apply_minimum, overdue_days
from app.model import Bill, Category
from app.policy import Policy

PAY = dt.date(2026, 11, 23)
POLICY = Policy.from_values()


def bill(amount_fen: int, due: str, **kw) -> Bill:
    return Bill("b", "1", "2026-10", 100, amount_fen, dt.date.fromisoformat(due), **kw)


def quote_fee(category: Category, *bills: Bill) -> list[int]:
    q = make_quote("1", category, list(bills), 0, PAY, POLICY)
    return [line.fee_due_fen for line in q.lines]


def test_residential_ten_days_is_one_yuan():
    assert quote_fee(Category.RESIDENTIAL, bill(10000, "2026-11-13")) == [100]


def test_residential_three_days_is_raised_to_the_one_yuan_minimum():
    assert accrue(bill(10000, "2026-11-20"), Category.RESIDENTIAL, PAY, POLICY).fee_fen == 30
    assert quote_fee(Category.RESIDENTIAL, bill(10000, "2026-11-20")) == [100]


def test_commercial_twenty_days_at_two_per_mille():
    assert quote_fee(Category.COMMERCIAL, bill(100000, "2026-11-03")) == [4000]


def test_commercial_bill_that_crossed_the_year_end():
    # 10 days in 2025 at 2‰ (20.00) + 327 days in 2026 at 3‰ (981.00)
    assert quote_fee(Category.COMMERCIAL, bill(100000, "2025-12-21")) == [100100]


def test_due_yesterday_paid_today_is_one_day():
    assert overdue_days(dt.date(2026, 11, 22), PAY, 0) == 1
    assert overdue_days(PAY, PAY, 0) == 0
    assert overdue_days(dt.date(2026, 12, 1), PAY, 0) == 0


def test_paid_on_due_date_has_no_fee():
    assert quote_fee(Category.RESIDENTIAL, bill(10000, "2026-11-23")) == [0]


def test_grace_days_come_off_the_overdue_days():
    policy = Policy.from_values({"late_fee.grace_days": "3"})
    a = accrue(bill(10000, "2026-11-13"), Category.RESIDENTIAL, PAY, policy)
    assert (a.days_overdue, a.fee_fen) == (7, 70)


def test_fee_is_on_the_unpaid_principal_only():
    assert (
        accrue(bill(100000, "2026-11-03", principal_paid_fen=50000), Category.COMMERCIAL, PAY, POLICY).fee_fen
        == 2000
    )


def test_fee_already_charged_up_to_a_date_is_not_charged_again():
    b = bill(100000, "2026-11-03", principal_paid_fen=50000, fee_accrued_through=dt.date(2026, 11, 13))
    # 10 more days on 500.00 at 2‰
    assert accrue(b, Category.COMMERCIAL, PAY, POLICY).fee_fen == 1000


def test_each_bill_is_rounded_half_up_to_the_fen():
    # 1‰ of 123.45 × 1 day = 0.12345 yuan = 12.345 fen -> 12; × 5 days = 61.725 -> 62
    assert accrue(bill(12345, "2026-11-22"), Category.RESIDENTIAL, PAY, POLICY).fee_fen == 12
    assert accrue(bill(12345, "2026-11-18"), Category.RESIDENTIAL, PAY, POLICY).fee_fen == 62


def test_minimum_applies_to_the_payment_total_not_each_bill():
    assert apply_minimum([30, 40], 100) == [60, 40]
    assert apply_minimum([60, 40], 100) == [60, 40]
    assert apply_minimum([0, 0], 100) == [0, 0]
    assert apply_minimum([0, 30], 100) == [0, 100]


def test_rates_are_policy_data():
    policy = Policy.from_values({"late_fee.residential_permille": "0.5"})
    assert accrue(bill(10000, "2026-11-13"), Category.RESIDENTIAL, PAY, policy).fee_fen == 50


@pytest.mark.parametrize("category", list(Category))
@given(amount=st.integers(1, 10**9), days=st.integers(0, 2000))
def test_fee_never_negative_and_grows_with_days(category, amount, days):
    due = PAY - dt.timedelta(days=days)
    fee = accrue(bill(amount, due.isoformat()), category, PAY, POLICY).fee_fen
    later = accrue(bill(amount, due.isoformat()), category, PAY + dt.timedelta(days=1), POLICY).fee_fen
    assert 0 <= fee <= later


# ---- the instants that break calendars (issue 25): the fee one second either side of a boundary


def test_the_first_day_of_a_new_year_is_counted_at_three_per_mille():
    due = bill(100000, "2026-12-01")  # commercial 1000.00, due in the year it is paid in until midnight
    on_new_years_eve = accrue(due, Category.COMMERCIAL, dt.date(2026, 12, 31), POLICY).fee_fen
    on_new_years_day = accrue(due, Category.COMMERCIAL, dt.date(2027, 1, 1), POLICY).fee_fen
    assert on_new_years_eve == 30 * 200  # 30 days in 2026 at 2‰
    assert on_new_years_day == 30 * 200 + 300  # + 1 day of 2027 at 3‰


def test_a_leap_day_is_a_day_late():
    due = bill(100000, "2028-02-27")  # residential 1000.00 at 1‰ a day
    assert overdue_days(due.due_date, dt.date(2028, 2, 29), POLICY.grace_days) == 2
    assert accrue(due, Category.RESIDENTIAL, dt.date(2028, 3, 1), POLICY).fee_fen == 3 * 100  # 28, 29, 1


def test_the_last_day_of_a_month_and_the_first_of_the_next_differ_by_one_day():
    due = bill(100000, "2026-11-20")
    nov_30 = accrue(due, Category.RESIDENTIAL, dt.date(2026, 11, 30), POLICY).fee_fen
    dec_1 = accrue(due, Category.RESIDENTIAL, dt.date(2026, 12, 1), POLICY).fee_fen
    assert (nov_30, dec_1) == (10 * 100, 11 * 100)
