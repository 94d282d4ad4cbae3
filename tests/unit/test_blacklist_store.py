"""A blacklist import flags the matching customer at lookup; a bad file imports nothing."""

from __future__ import annotations

import pytest

from app.errors import InputError
from app.services.blacklist import import_blacklist
from app.services.payments import due
from app.services.risk import risk_view
from app.warnings import customer_warnings

GOOD = "91310000MA1FL0000N"


def _warnings(w, customer_no):
    d = due(w.ctx, customer_no)
    with w.store.uow() as uow:
        from app.services.payments import policy_of

        policy = policy_of(uow)
    view = risk_view(w.ctx, customer_no)
    return view, [x.text for x in customer_warnings(d.customer, d.quote, policy, view)]


def test_matching_customer_is_flagged_and_graded_one(terminal, tmp_path):
    f = tmp_path / "heibang.csv"
    f.write_text(
        f"企业名称,统一社会信用代码,季度\n宏达机械厂,{GOOD},2026Q3\n不在本厅的公司,91440300MA5DC12341,2026Q3\n",
        encoding="utf-8",
    )
    view, before = _warnings(terminal, "1000000002")
    assert view.blacklist is None and not any("诚信黑榜" in t for t in before)
    result = import_blacklist(terminal.ctx, f)
    assert (result.rows, result.matched) == (2, 1)
    view, texts = _warnings(terminal, "1000000002")
    assert view.blacklist == (GOOD, "2026Q3") and view.grade.grade == "I"
    assert f"列入诚信黑榜（统一社会信用代码 {GOOD}，2026Q3）" in texts
    assert any(t.startswith("风险等级 Ⅰ级（高风险）：列入诚信黑榜") for t in texts)
    assert import_blacklist(terminal.ctx, f).matched == 1  # the same file twice changes nothing


def test_bad_row_imports_nothing(terminal, tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text(
        f"name,credit_code,quarter\n宏达机械厂,{GOOD},2026Q3\n坏公司,12345,2026Q3\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match="第 3 行"):
        import_blacklist(terminal.ctx, f)
    assert risk_view(terminal.ctx, "1000000002").blacklist is None
