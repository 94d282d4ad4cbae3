"""Exact risk grades for crafted histories (app/risk.py), rules from policy values."""

from __future__ import annotations

from app.risk import RiskFacts, RiskRules, grade

RULES = RiskRules.from_values()


def facts(**kw) -> RiskFacts:
    base = dict(
        customer_no="1",
        residential=True,
        prepaid=False,
        months_in_arrears=0,
        overdue_fen=0,
        oldest_days_overdue=0,
        late_payments=0,
        monthly_bill_fen=10000,
    )
    base.update(kw)
    return RiskFacts(**base)


def test_clean_history_has_no_grade():
    g = grade(facts(), RULES)
    assert (g.grade, g.reasons, g.prepaid_candidate) == ("", (), False)


def test_one_month_recent_arrears_is_not_graded():
    assert grade(facts(months_in_arrears=1, overdue_fen=9000, oldest_days_overdue=3), RULES).grade == ""


def test_over_30_days_is_grade_three_with_reason():
    g = grade(facts(months_in_arrears=2, overdue_fen=20000, oldest_days_overdue=65), RULES)
    assert g.grade == "III"
    assert g.reasons == ("最长逾期 65 天（>30）",)
    assert not g.prepaid_candidate


def test_three_months_is_grade_two_and_prepaid_candidate():
    g = grade(facts(months_in_arrears=3, overdue_fen=30000, oldest_days_overdue=95), RULES)
    assert g.grade == "II"
    assert g.reasons == ("欠费 3 个月（≥3）", "最长逾期 95 天（>30）")
    assert g.prepaid_candidate


def test_prepaid_customer_is_never_a_prepaid_candidate():
    g = grade(facts(prepaid=True, months_in_arrears=7, overdue_fen=70000, oldest_days_overdue=220), RULES)
    assert g.grade == "I" and not g.prepaid_candidate


def test_late_payment_history_alone():
    assert grade(facts(late_payments=2), RULES).reasons == ("近一年逾期缴费 2 次（≥2）",)
    assert grade(facts(late_payments=2), RULES).grade == "III"
    assert grade(facts(late_payments=4), RULES).grade == "II"


def test_amount_thresholds_and_blacklist_give_grade_one_most_severe_first():
    g = grade(
        facts(
            residential=False,
            months_in_arrears=2,
            overdue_fen=6000000,
            oldest_days_overdue=65,
            monthly_bill_fen=3100000,
            blacklisted=True,
        ),
        RULES,
    )
    assert g.grade == "I"
    assert g.reasons == (
        "列入诚信黑榜",
        "欠费金额 60,000.00 元（≥50,000.00）",
        "非居民大额用户（月均电费 31,000.00 元）且欠费",
        "最长逾期 65 天（>30）",
    )


def test_large_bill_rule_only_for_non_residential():
    f = dict(months_in_arrears=1, overdue_fen=1500000, oldest_days_overdue=10, monthly_bill_fen=1500000)
    assert grade(facts(residential=True, **f), RULES).grade == "II"  # amount ≥ 5000.00 only
    assert len(grade(facts(residential=False, **f), RULES).reasons) == 2


def test_thresholds_are_policy_values():
    strict = RiskRules.from_values({"risk.grade1_months": "2", "risk.prepaid_candidate_grades": "I"})
    g = grade(facts(months_in_arrears=2, overdue_fen=100, oldest_days_overdue=40), strict)
    assert g.grade == "I" and g.reasons[0] == "欠费 2 个月（≥2）" and g.prepaid_candidate
    lax = RiskRules.from_values({"risk.grade3_days": "90"})
    assert grade(facts(months_in_arrears=2, overdue_fen=100, oldest_days_overdue=40), lax).grade == ""
