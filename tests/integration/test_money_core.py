"""Issue 14, money core, through the services on a real SQLite store: prepaid offset (预收冲抵), bill
adjustments (退补), the 1-yuan minimum per payment, one business day per shift, the cap, 零钱转预存.

Exact fen everywhere; the business day is 2026-11-23 (tests/conftest.py) unless a test moves the clock.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from app.clock import FixedClock
from app.errors import HallPayError, InputError, Refused
from app.importing import parse_bills, parse_customers
from app.model import Method
from app.services.master_data import Adjust, import_master_data
from app.services.payments import PayRequest, due, pay
from app.services.reversal import ReversalRequest, reverse

CUSTOMERS = "customer_no,name,address,phone,category,meter_no,prepaid,risk_grade\n"
BILLS = "customer_no,period,kwh,amount,due_date\n"
S01 = Adjust("总部电费核算差错更正", "S01", "999999")


def customers(*rows: str) -> list[dict]:
    return parse_customers(CUSTOMERS + "".join(r + "\n" for r in rows))


def bills(*rows: str) -> list[dict]:
    return parse_bills(BILLS + "".join(r + "\n" for r in rows))


def at(ctx, day: str):
    return dataclasses.replace(ctx, clock=FixedClock(dt.datetime.fromisoformat(f"{day}T10:00:00+08:00")))


def state(w, cno: str) -> tuple[int, list[tuple]]:
    with w.store.uow() as uow:
        c = uow.customers.get(cno)
        return c.balance_fen, [
            (b.period, b.amount_fen, b.principal_paid_fen, b.fee_carried_fen, b.due_date.isoformat(), b.kwh)
            for b in uow.bills.for_customer(cno)
        ]


def kinds(w) -> list[str]:
    with w.store.uow() as uow:
        return [e.kind for e in uow.journal.entries()]


def snapshot(w):
    with w.store.uow() as uow:
        c = uow.connection
        return [
            c.exec_driver_sql(f"SELECT * FROM {t} ORDER BY 1").all()
            for t in ("bills", "customers", "receipts", "journal")
        ]


def shop(w, cno: str = "2000000040", category: str = "commercial") -> None:
    import_master_data(w.ctx, customers(f"{cno},测试商户,城东区1号,,{category},M{cno},0,"), [])


# ------------------------------------------------------------------ 1. prepaid offset


def test_a_balance_pays_an_imported_bill_so_no_fee_no_arrears_no_notice(terminal):
    w = terminal
    shop(w)
    prepay = pay(w.ctx, PayRequest("2000000040", Method.WECHAT, "C01", amount_fen=123_45, reference="WX40"))
    assert prepay.settlement.balance_after_fen == 123_45
    result = import_master_data(w.ctx, [], bills("2000000040,2026-10,80,100.00,2026-11-25"))
    assert len(result.offsets) == 1
    offset = result.offsets[0].payload
    assert offset["amount_fen"] == 0 and offset["balance_before_fen"] == 123_45
    assert offset["balance_after_fen"] == 23_45
    assert [(a["bill_id"], a["principal_paid_fen"], a["fee_paid_fen"]) for a in offset["allocations"]] == [
        ("2000000040-2026-10", 100_00, 0)
    ]
    assert "shift_id" not in offset and kinds(w)[-1] == "offset"
    assert state(w, "2000000040") == (23_45, [("2026-10", 100_00, 100_00, 0, "2026-11-25", 80)])
    later = at(w.ctx, "2026-12-05")  # the day the review saw a 2.00 fee, an arrears row and a notice
    q = due(later, "2000000040").quote
    assert q.lines == () and q.late_fee_total_fen == 0 and q.to_pay_fen == 0
    from app.risk import ArrearsFilter
    from app.services.arrears import arrears_list

    assert "2000000040" not in [r.customer_no for r in arrears_list(later, ArrearsFilter(limit=10_000)).rows]
    from app.services import notices
    from app.services.risk import facts_for, rules_of

    with w.store.uow() as uow:
        c = uow.customers.get("2000000040")
        facts = facts_for(uow, c, dt.date(2027, 1, 5), later.clock.now_utc(), rules_of(uow))
    assert facts.overdue_fen == 0
    with pytest.raises(HallPayError, match="没有逾期超过"):
        notices.propose(at(w.ctx, "2027-01-05"), "2000000040", "C01", "欠费")


def test_a_partial_offset_settles_fee_first_and_the_next_receipt_shows_it(terminal):
    w = terminal
    shop(w)
    pay(w.ctx, PayRequest("2000000040", Method.WECHAT, "C01", amount_fen=10_00, reference="WX1"))
    # due 10 days ago: 100.00 × 2‰ × 10 = 2.00 late fee, paid first from the 10.00 balance
    result = import_master_data(w.ctx, [], bills("2000000040,2026-10,80,100.00,2026-11-13"))
    a = result.offsets[0].payload["allocations"][0]
    assert (a["fee_due_fen"], a["fee_paid_fen"], a["principal_paid_fen"]) == (2_00, 2_00, 8_00)
    assert state(w, "2000000040")[0] == 0
    q = due(w.ctx, "2000000040").quote  # fee fixed through today on what was unpaid: nothing more today
    assert (q.principal_total_fen, q.late_fee_total_fen, q.to_pay_fen) == (92_00, 0, 92_00)
    r = pay(w.ctx, PayRequest("2000000040", Method.CASH, "C01"))  # pay without an amount: exactly what is due
    assert r.receipt.amount_fen == 92_00 and r.receipt.offset_fen == 10_00
    from printing.layout import layout_receipt

    assert any("预收冲抵" in line.text and "10.00" in line.text for line in layout_receipt(r.receipt, 48))
    # shown once: the receipt after that one has no offset line
    pay(w.ctx, PayRequest("2000000040", Method.WECHAT, "C01", amount_fen=1_00, reference="WX2"))
    r3 = pay(w.ctx, PayRequest("2000000040", Method.WECHAT, "C01", amount_fen=1_00, reference="WX3"))
    assert r3.receipt.offset_fen == 0


def test_a_reversal_that_gives_back_balance_offsets_the_reopened_bill(terminal):
    w = terminal
    shop(w)
    pay(w.ctx, PayRequest("2000000040", Method.WECHAT, "C01", amount_fen=70_00, reference="WX1"))
    import_master_data(w.ctx, [], bills("2000000040,2026-10,80,100.00,2026-11-30"))  # 70.00 offset, 30.00 due
    spend = pay(w.ctx, PayRequest("2000000040", Method.CASH, "C01"))
    assert spend.receipt.amount_fen == 30_00
    reverse(w.ctx, ReversalRequest(spend.receipt.receipt_no, "C01", "S01", "收错", approver_pin="999999"))
    assert kinds(w)[-1] == "reversal"  # the balance was spent before: nothing comes back, no offset
    assert state(w, "2000000040") == (0, [("2026-10", 100_00, 70_00, 0, "2026-11-30", 80)])


# ------------------------------------------------------------------ 2. adjustments


def _paid_bill(w, amount: str = "1000.00") -> None:
    shop(w, "2000000014")
    import_master_data(w.ctx, [], bills(f"2000000014,2026-09,900,{amount},2026-11-30"))
    pay(w.ctx, PayRequest("2000000014", Method.BANKCARD, "C01", reference="POS1"))


def test_identical_reimport_is_a_no_op(terminal):
    w = terminal
    _paid_bill(w)
    before = snapshot(w)
    result = import_master_data(
        w.ctx,
        customers("2000000014,测试商户,城东区1号,,commercial,M2000000014,0,"),
        bills("2000000014,2026-09,900,1000.00,2026-11-30"),
    )
    assert (result.new_bills, result.unchanged_bills, result.adjustments) == (0, 1, ())
    assert snapshot(w) == before


@pytest.mark.parametrize(
    "row,words",
    [
        ("2000000014,2026-09,900,50.00,2026-11-30", "金额 1000.00 → 50.00"),
        ("2000000014,2026-09,900,1000.00,2026-12-30", "缴费截止日 2026-11-30 → 2026-12-30"),
        ("2000000014,2026-09,901,1000.00,2026-11-30", "电量 900 → 901"),
    ],
)
def test_a_changed_bill_is_refused_without_an_adjustment_and_changes_nothing(terminal, row, words):
    w = terminal
    _paid_bill(w)
    before = snapshot(w)
    with pytest.raises(InputError) as refused:
        import_master_data(w.ctx, [], bills("2000000014,2026-10,10,1.00,2026-12-30", row))
    assert (
        "账单文件第 3 行" in str(refused.value)
        and words in str(refused.value)
        and "--adjust" in str(refused.value)
    )
    assert snapshot(w) == before


def test_a_category_change_is_refused_without_an_adjustment(terminal):
    w = terminal
    shop(w, "2000000014")
    before = snapshot(w)
    with pytest.raises(InputError, match="用电类别不能直接由一般工商业改为居民"):
        import_master_data(w.ctx, customers("2000000014,测试商户,城东区1号,,residential,M2000000014,0,"), [])
    assert snapshot(w) == before
    r = import_master_data(
        w.ctx, customers("2000000014,测试商户,城东区1号,,residential,M2000000014,0,"), [], S01
    )
    p = r.adjustments[0].payload
    assert (p["what"], p["old"], p["new"], p["approver_id"]) == (
        "category",
        {"category": "commercial"},
        {"category": "residential"},
        "S01",
    )


def test_a_lowered_paid_bill_turns_the_excess_into_balance_which_pays_the_next_bill(terminal):
    w = terminal
    _paid_bill(w)
    import_master_data(w.ctx, [], bills("2000000014,2026-10,300,300.00,2026-12-20"))
    with pytest.raises(Refused, match="密码"):
        import_master_data(
            w.ctx, [], bills("2000000014,2026-09,900,50.00,2026-11-30"), Adjust("更正", "S01", "000000")
        )
    r = import_master_data(w.ctx, [], bills("2000000014,2026-09,900,50.00,2026-11-30"), S01)
    p = r.adjustments[0].payload
    assert (p["old"]["amount_fen"], p["new"]["amount_fen"]) == (1000_00, 50_00)
    assert (p["principal_paid_before_fen"], p["principal_paid_after_fen"], p["to_balance_fen"]) == (
        1000_00,
        50_00,
        950_00,
    )
    assert (p["balance_before_fen"], p["balance_after_fen"], p["reason"]) == (
        0,
        950_00,
        "总部电费核算差错更正",
    )
    # the 950.00 balance settles the open 300.00 bill at once
    assert r.offsets[0].payload["allocations"][0]["principal_paid_fen"] == 300_00
    assert state(w, "2000000014") == (
        650_00,
        [("2026-09", 50_00, 50_00, 0, "2026-11-30", 900), ("2026-10", 300_00, 300_00, 0, "2026-12-20", 300)],
    )
    assert kinds(w)[-3:] == ["approval", "adjustment", "offset"]
    from app.services.clerks import audit_trail

    assert any(row["event"] == "adjustment" and row["subject"] == "S01" for row in audit_trail(w.ctx))
    from app.services.shift_close import load_day_report

    report = load_day_report(w.ctx)
    assert [(a.customer_no, a.subject, a.to_balance_fen) for a in report.adjustments] == [
        ("2000000014", "2026-09", 950_00)
    ]


def test_a_raised_paid_bill_makes_the_difference_due(terminal):
    w = terminal
    _paid_bill(w, "100.00")
    r = import_master_data(w.ctx, [], bills("2000000014,2026-09,900,200.00,2026-11-30"), S01)
    assert r.adjustments[0].payload["difference_due_fen"] == 100_00
    assert due(w.ctx, "2000000014").quote.to_pay_fen == 100_00


def test_a_later_due_date_is_a_reported_waiver(terminal):
    w = terminal
    shop(w, "2000000015")
    import_master_data(w.ctx, [], bills("2000000015,2025-11,1000,1000.00,2025-12-21"))
    assert due(w.ctx, "2000000015").quote.late_fee_total_fen == 1001_00  # DOMAIN.md's worked example
    r = import_master_data(w.ctx, [], bills("2000000015,2025-11,1000,1000.00,2026-11-20"), S01)
    p = r.adjustments[0].payload
    assert (p["fee_before_fen"], p["fee_after_fen"], p["fee_waived_fen"]) == (1001_00, 6_00, 995_00)
    assert due(w.ctx, "2000000015").quote.late_fee_total_fen == 6_00
    from app.services.shift_close import load_day_report
    from printing.day_report_pdf import day_report_pdf

    report = load_day_report(w.ctx)
    assert [a.fee_waived_fen for a in report.adjustments] == [995_00]
    day_report_pdf(report, w.data_dir / "reports" / "adj.pdf")


# ------------------------------------------------------------------ 3. the 1-yuan minimum, per payment


def test_two_identical_bills_paid_one_at_a_time_are_charged_alike(terminal):
    w = terminal
    shop(w)
    # commercial, due 3 days ago: 100.00 × 2‰ × 3 = 0.60 each; together 1.20 (no minimum when paid at once)
    import_master_data(
        w.ctx, [], bills("2000000040,2026-09,80,100.00,2026-11-20", "2000000040,2026-10,80,100.00,2026-11-20")
    )
    q = due(w.ctx, "2000000040").quote
    assert ([line.fee_due_fen for line in q.lines], q.minimum_topup_fen) == ([60, 60], 0)
    # the review's case: 100.60 (the first bill's line) reaches only the first bill; its fee alone is 0.60,
    # so this payment is charged the minimum 1.00 — as the second bill's payment will be
    first = pay(w.ctx, PayRequest("2000000040", Method.CASH, "C01", amount_fen=100_60))
    a = first.settlement.allocations
    assert [(x.fee_paid_fen, x.principal_paid_fen) for x in a] == [(1_00, 99_60)]
    assert first.settlement.minimum_topup_fen == 40 and first.entry.payload["minimum_topup_fen"] == 40
    q2 = due(w.ctx, "2000000040").quote
    assert [(line.principal_due_fen, line.fee_due_fen) for line in q2.lines] == [(40, 0), (100_00, 1_00)]
    assert (q2.minimum_topup_fen, q2.to_pay_fen) == (40, 101_40)
    second = pay(w.ctx, PayRequest("2000000040", Method.CASH, "C01"))
    assert second.settlement.fee_paid_fen == 1_00 and second.receipt.amount_fen == 101_40


def test_one_payment_over_both_bills_collects_their_fees_without_a_top_up(terminal):
    w = terminal
    shop(w)
    import_master_data(
        w.ctx, [], bills("2000000040,2026-09,80,100.00,2026-11-20", "2000000040,2026-10,80,100.00,2026-11-20")
    )
    r = pay(w.ctx, PayRequest("2000000040", Method.CASH, "C01", amount_fen=101_00))  # reaches both fees
    assert [(x.fee_paid_fen, x.principal_paid_fen) for x in r.settlement.allocations] == [
        (60, 100_00),
        (40, 0),
    ]
    assert r.settlement.minimum_topup_fen == 0
    assert due(w.ctx, "2000000040").quote.to_pay_fen == 100_20  # 0.20 carried, no second minimum


def test_a_partial_payment_reaching_two_of_three_bills_collects_exactly_one_yuan(terminal):
    w = terminal
    shop(w)
    # 3 × 10.00 due 3 days ago: 0.06 each; the quote for all three tops up to 1.00 (0.88 + 0.06 + 0.06)
    import_master_data(w.ctx, [], bills(*(f"2000000040,2026-0{m},8,10.00,2026-11-20" for m in (7, 8, 9))))
    q = due(w.ctx, "2000000040").quote
    assert [line.fee_due_fen for line in q.lines] == [88, 6, 6] and q.minimum_topup_fen == 82
    r = pay(w.ctx, PayRequest("2000000040", Method.CASH, "C01", amount_fen=11_00))
    assert [(a.fee_paid_fen, a.principal_paid_fen) for a in r.settlement.allocations] == [(94, 10_00), (6, 0)]
    assert r.settlement.fee_paid_fen == 1_00


def test_a_payment_smaller_than_the_minimum_carries_the_rest_of_it_once(terminal):
    w = terminal
    shop(w)
    import_master_data(w.ctx, [], bills("2000000040,2026-10,80,100.00,2026-11-20"))  # fee 0.60 → 1.00
    r = pay(w.ctx, PayRequest("2000000040", Method.CASH, "C01", amount_fen=30))
    assert [(a.fee_due_fen, a.fee_paid_fen, a.principal_paid_fen) for a in r.settlement.allocations] == [
        (1_00, 30, 0)
    ]
    q = due(w.ctx, "2000000040").quote  # 0.70 carried, no second minimum on it
    assert (q.late_fee_total_fen, q.minimum_topup_fen, q.to_pay_fen) == (70, 0, 100_70)


# ------------------------------------------------------------------ 4. one business day per shift, 5. the cap


def test_a_shift_from_an_earlier_day_takes_no_money_but_still_closes(terminal):
    w = terminal
    shop(w)
    import_master_data(w.ctx, [], bills("2000000040,2026-10,80,100.00,2026-12-20"))
    later = at(w.ctx, "2026-12-05")
    before = snapshot(w)
    with pytest.raises(Refused, match=r"2026-11-23 营业日开的.*请先结班"):
        pay(later, PayRequest("2000000040", Method.CASH, "C01"))
    assert snapshot(w) == before
    from app.cash import parse_count
    from app.services import shift_close as sc
    from app.services.shifts import open_shift

    closed = sc.close_shift(later, sc.CloseRequest("C01", parse_count("100x5")))
    assert closed.shift.business_day == "2026-11-23" and closed.difference_fen == 0
    open_shift(later, "C01", 200_00)
    r = pay(later, PayRequest("2000000040", Method.CASH, "C01"))
    assert (
        r.receipt.receipt_no.startswith("T01-20261205-") and r.entry.payload["business_day"] == "2026-12-05"
    )


def test_pay_what_is_due_is_capped_like_a_typed_amount(terminal):
    w = terminal
    shop(w)
    import_master_data(
        w.ctx,
        [],
        bills("2000000040,2026-09,80,60000000.00,2026-12-20", "2000000040,2026-10,80,60000000.00,2026-12-20"),
    )
    before = snapshot(w)
    with pytest.raises(Refused, match="应收 120,000,000.00 元超过单笔收费上限 100,000,000.00 元"):
        pay(w.ctx, PayRequest("2000000040", Method.BANKCARD, "C01", reference="BIG"))
    assert snapshot(w) == before
    r = pay(
        w.ctx, PayRequest("2000000040", Method.BANKCARD, "C01", amount_fen=100_000_000_00, reference="B1")
    )
    assert r.settlement.principal_paid_fen == 100_000_000_00


# ------------------------------------------------------------------ 6. 零钱转预存


@pytest.mark.parametrize("mode,kept,handed", [("none", 0, 72_55), ("fen", 55, 72_00), ("all", 72_55, 0)])
def test_change_to_balance(terminal, mode, kept, handed):
    w = terminal
    shop(w, "2000000041", "residential")
    import_master_data(w.ctx, [], bills("2000000041,2026-10,300,227.45,2026-12-20"))
    r = pay(w.ctx, PayRequest("2000000041", Method.CASH, "C01", tendered_fen=300_00, change_to_balance=mode))
    assert (r.receipt.change_to_balance_fen, r.receipt.change_fen) == (kept, handed)
    assert r.receipt.amount_fen == 227_45 + kept and r.receipt.balance_after_fen == kept
    assert r.settlement.principal_paid_fen == 227_45
    assert state(w, "2000000041")[0] == kept
    from app.services.shift_close import close_preview

    figures = close_preview(w.ctx, "C01").figures
    assert figures.change_given_fen == handed and figures.expected_cash_fen == 500_00 + 300_00 - handed
    if kept:
        from printing.layout import layout_receipt

        assert any("零钱转预存" in line.text for line in layout_receipt(r.receipt, 32))


# 零钱转预存 is cash only: a rule, tests/unit/services/test_counter_rules.py.


def test_recharge_and_card_replacement_refuse_a_shift_from_an_earlier_day(terminal, tmp_path):
    from app.services.card_replace import ReplaceRequest, replace_card
    from app.services.recharge import recharge
    from cardreader.simulated import SimulatedCardReader
    from tests.recharge_helpers import LI, blank_card, card_key, issue_card, money_rows, req

    key = card_key(terminal)
    reader = SimulatedCardReader()
    reader.insert(issue_card(tmp_path / "li.json", key))
    later = at(terminal.ctx, "2026-11-24")
    before = money_rows(terminal)
    with pytest.raises(Refused, match="请先结班"):
        recharge(later, reader, key, req(100_00))
    reader.insert(blank_card(tmp_path / "new.json", "NEWCARD000000001"))
    with pytest.raises(Refused, match="请先结班"):
        replace_card(later, reader, key, ReplaceRequest(LI, "C01", Method.CASH, tendered_fen=50_00))
    assert money_rows(terminal) == before


# The cash void the drawer cannot pay (issue 26, seed 11) is a rule: tests/unit/services/test_counter_rules.py.
