"""Policy values that head office sends down (tariffs, late-fee rates, limits).

They live in the store as text key/value pairs; this module turns them into a typed value and
holds the national defaults (DOMAIN.md) used when head office has not sent a value.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, fields
from fractions import Fraction

DEFAULTS: dict[str, str] = {
    # Late fees, per mille per day (Power Supply Business Rules art. 98).
    "late_fee.residential_permille": "1",
    "late_fee.current_year_permille": "2",
    "late_fee.past_year_permille": "3",
    "late_fee.grace_days": "0",
    "late_fee.minimum_fen": "100",
    # Allocation: each bill's fee before its principal, oldest bill first.
    "allocation.fee_before_principal": "1",
    "payment.partial_residential": "0",
    "payment.partial_nonresidential": "1",
    # IC cards.
    "card.max_purchase_fen": "500000",
    "card.max_hoard_fen": "1000000",
    "card.replacement_fee_fen": "2000",
    # Shift close.
    "shift.difference_supervisor_fen": "1000",
    # Stop-power notices.
    "notice.stop_after_days": "30",
    "notice.days_residential": "7",
    "notice.days_other": "3",
    # Fee-recovery risk grades (app/risk.py): the first grade whose rule matches wins.
    "risk.grade1_months": "6",
    "risk.grade1_overdue_fen": "5000000",
    "risk.grade1_blacklist": "1",
    "risk.grade2_months": "3",
    "risk.grade2_overdue_fen": "500000",
    "risk.grade2_late_payments": "4",
    "risk.grade2_large_bill_fen": "1000000",
    "risk.grade3_days": "30",
    "risk.grade3_late_payments": "2",
    "risk.late_history_days": "365",
    "risk.prepaid_candidate_grades": "I,II",
    "notice.remind_hours": "1",
}


@dataclass(frozen=True)
class Policy:
    residential_rate: Fraction
    current_year_rate: Fraction
    past_year_rate: Fraction
    grace_days: int
    minimum_fee_fen: int
    fee_before_principal: bool
    partial_residential: bool
    partial_nonresidential: bool
    card_max_purchase_fen: int
    card_max_hoard_fen: int
    card_replacement_fee_fen: int
    shift_difference_supervisor_fen: int
    notice_stop_after_days: int
    notice_days_residential: int
    notice_days_other: int

    def allows_partial(self, residential: bool) -> bool:
        """May a payment settle less than is due? The service refuses it and the counter's dialog never offers
        it otherwise (issue 28, ux N5: the dialog offered a partial payment the service then refused)."""
        return self.partial_residential if residential else self.partial_nonresidential

    @classmethod
    def from_values(cls, values: Mapping[str, str] | None = None) -> Policy:
        # Read on every payment; the values change only when head office sends new ones.
        return _policy_from_items(tuple(sorted((values or {}).items())))

    @classmethod
    def _build(cls, values: Mapping[str, str]) -> Policy:
        merged = {**DEFAULTS, **values}

        def permille(key: str) -> Fraction:
            return Fraction(merged[key]) / 1000

        def integer(key: str) -> int:
            return int(merged[key])

        def flag(key: str) -> bool:
            return merged[key].strip() in ("1", "true", "yes")

        return cls(
            residential_rate=permille("late_fee.residential_permille"),
            current_year_rate=permille("late_fee.current_year_permille"),
            past_year_rate=permille("late_fee.past_year_permille"),
            grace_days=integer("late_fee.grace_days"),
            minimum_fee_fen=integer("late_fee.minimum_fen"),
            fee_before_principal=flag("allocation.fee_before_principal"),
            partial_residential=flag("payment.partial_residential"),
            partial_nonresidential=flag("payment.partial_nonresidential"),
            card_max_purchase_fen=integer("card.max_purchase_fen"),
            card_max_hoard_fen=integer("card.max_hoard_fen"),
            card_replacement_fee_fen=integer("card.replacement_fee_fen"),
            shift_difference_supervisor_fen=integer("shift.difference_supervisor_fen"),
            notice_stop_after_days=integer("notice.stop_after_days"),
            notice_days_residential=integer("notice.days_residential"),
            notice_days_other=integer("notice.days_other"),
        )


@functools.lru_cache(maxsize=16)
def _policy_from_items(items: tuple[tuple[str, str], ...]) -> Policy:
    return Policy._build(dict(items))


POLICY_FIELDS = [f.name for f in fields(Policy)]
