"""A counter refusing what head office sent says why in either language (issue 16): the refusal is a code
with its record and reason, and the Chinese sentence is the one supervisors already know."""

from __future__ import annotations

from types import SimpleNamespace

from app.messages import Phrase, spoken
from app.pulled import row_problem, stale_row
from app.sync import Problem
from db.pull_checks import bill_refusal


def test_a_changed_bill_is_refused_in_both_languages():
    mine = SimpleNamespace(amount_fen=100000, due_date="2026-11-03", kwh=1333)
    row = {
        "bill_id": "1000000002-b",
        "period": "2026-10",
        "amount_fen": 1000,
        "due_date": "2026-11-03",
        "kwh": 1333,
    }
    problem = bill_refusal(row, mine, 2)
    assert str(problem) == (
        "总部下发的账单 1000000002-b（2026-10）与本机不同（金额 1000.00 → 10.00）（共 2 张账单如此），"
        "却没有说明这一改动的退补调整记录（或记录与之不符）：本次下发的数据全部拒收，本机账单未改动；"
        "请信息部门核查总部账务中心的账单是否被改动。"
    )
    assert spoken(problem, "en") == (
        "Head office's bill 1000000002-b (2026-10) differs from this PC's (amount 1000.00 → 10.00) (2 bills like "
        "it) without an adjustment that explains it (or one that does not match): everything head office sent "
        "this time is refused and no bill here changed; IT checks whether head office's bills were altered."
    )


def test_an_unsigned_or_stale_row_is_refused_in_both_languages():
    why = row_problem("customers", {"customer_no": "1000000004"}, {})
    problem = Problem.coded(
        "pull_refused",
        "HQ",
        0,
        "",
        "pull.row",
        subject=Phrase("pull.subject.customers", {"key": "1000000004"}),
        why=why,
    )
    assert str(problem) == (
        "总部下发的用户 1000000004没有总部签名：本次下发的数据全部拒收，本机数据未改动；"
        "请信息部门核查总部账务中心的数据是否被改动。"
    )
    assert spoken(problem, "en") == (
        "Head office's customer 1000000004 is not signed by head office: everything head office sent this time "
        "is refused and nothing here changed; IT checks whether head office's data was altered."
    )
    stale = stale_row({"txn": 3}, 7)
    assert stale is not None and str(stale) == "是旧版本（版本 3，本机已同步到版本 7），疑为重放的旧数据"
