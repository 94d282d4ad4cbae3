"""Issue 14 money rules as a user types them: offset, adjustment, minimum, 零钱转预存, cap, one-day shift. The
commands run in this process through the command line's own parser and dispatch (tests/e2e/cli.in_process)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.cli import InProcess, demo_copy

CUSTOMERS = """customer_no,name,address,phone,category,meter_no,prepaid,risk_grade
2000000040,预存商户,城东区1号,,commercial,M40,0,
2000000041,零钱居民,城东区2号,,residential,M41,0,
2000000042,两单商户,城东区3号,,commercial,M42,0,
2000000043,大额工厂,城东区4号,,industrial,M43,0,
"""
BILLS = """customer_no,period,kwh,amount,due_date
2000000040,2026-10,80,100.00,2026-11-25
2000000041,2026-10,300,227.45,2026-12-20
2000000042,2026-09,80,100.00,2026-11-20
2000000042,2026-10,80,100.00,2026-11-20
2000000043,2026-09,9,60000000.00,2026-12-20
2000000043,2026-10,9,60000000.00,2026-12-20
"""


class Cli(InProcess):
    def ok_json(self, d: Path, *args: str, **kw: str) -> dict:
        r = self(d, *args, "--json", **kw)
        assert r.returncode == 0, r.stderr
        return json.loads(r.stdout)

    def refused(self, d: Path, *args: str, **kw: str) -> str:
        r = self(d, *args, **kw)
        assert r.returncode == 2, (r.stdout, r.stderr)
        assert r.stdout == "" and len(r.stderr.strip().splitlines()) == 1, r.stderr
        return r.stderr.strip()


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    """Fifteen commands: a Python start each cost this test 40-120 s on the shared machine."""
    return Cli(monkeypatch, capsys)


def test_money_rules_through_the_command_line(_terminal_template: Path, tmp_path: Path, cli: Cli) -> None:
    d = demo_copy(_terminal_template, tmp_path)
    (tmp_path / "c.csv").write_text(CUSTOMERS, encoding="utf-8")
    (tmp_path / "b.csv").write_text(BILLS, encoding="utf-8")
    assert cli(d, "import", "--customers", str(tmp_path / "c.csv")).returncode == 0
    assert (
        cli.ok_json(
            d, "pay", "2000000040", "--method", "wechat", "--amount", "123.45", "--reference", "WX40"
        )["balance_after"]
        == "123.45"
    )

    # 1. the bill enters the books and the balance pays it at once (预收冲抵)
    r = cli(d, "import", "--bills", str(tmp_path / "b.csv"))
    assert r.returncode == 0 and "1 prepaid offsets" in r.stdout, r.stderr
    look = cli.ok_json(d, "lookup", "2000000040")
    assert (
        look["due"]["bills"] == [] and look["due"]["balance"] == "23.45" and look["due"]["to_pay"] == "0.00"
    )
    assert look["offset"] == [
        {
            "business_day": "2026-11-23",
            "used": "100.00",
            "bills": [{"period": "2026-10", "principal": "100.00", "late_fee": "0.00"}],
        }
    ]
    assert "没有应缴电费" in cli.refused(d, "pay", "2000000040", "--method", "cash")

    # 3. the minimum per payment: 0.60 + 0.60 together need none; 100.60 reaching one bill is charged 1.00
    q = cli.ok_json(d, "lookup", "2000000042")["due"]
    assert (q["late_fee_total"], q["minimum_fee"], q["minimum_fee_applied"]) == ("1.20", "1.00", False)
    p = cli.ok_json(d, "pay", "2000000042", "--method", "cash", "--amount", "100.60")
    assert (p["late_fee_total"], p["minimum_fee_applied"], p["bills"][0]["principal"]) == (
        "1.00",
        True,
        "99.60",
    )
    q = cli.ok_json(d, "lookup", "2000000042")["due"]
    assert (q["to_pay"], q["minimum_fee_applied"], q["minimum_topup"]) == ("101.40", True, "0.40")

    # 6. 零钱转预存: 300.00 for 227.45 → 72.00 handed back, 0.55 kept as balance
    p = cli.ok_json(
        d, "pay", "2000000041", "--method", "cash", "--tendered", "300", "--change-to-balance", "fen"
    )
    assert (p["amount"], p["change"], p["change_to_balance"], p["balance_after"]) == (
        "228.00",
        "72.00",
        "0.55",
        "0.55",
    )

    # 5. the cap holds for pay-what-is-due
    assert "超过单笔收费上限" in cli.refused(
        d, "pay", "2000000043", "--method", "bankcard", "--reference", "BIG"
    )

    # 2. a changed bill is refused, naming the line; an approved adjustment is journaled and credits the balance
    (tmp_path / "adj.csv").write_text(
        "customer_no,period,kwh,amount,due_date\n2000000040,2026-10,80,40.00,2026-11-25\n", encoding="utf-8"
    )
    msg = cli.refused(d, "import", "--bills", str(tmp_path / "adj.csv"))
    assert "第 2 行" in msg and "金额 100.00 → 40.00" in msg
    assert "需要主管审批" in cli.refused(
        d, "import", "--bills", str(tmp_path / "adj.csv"), "--adjust", "--reason", "更正"
    )
    r = cli(
        d,
        "import",
        "--bills",
        str(tmp_path / "adj.csv"),
        "--adjust",
        "--reason",
        "抄表差错更正",
        "--supervisor",
        "S01",
        HALLPAY_SUPERVISOR_PIN="999999",
    )
    assert r.returncode == 0 and "1 adjustments" in r.stdout, r.stderr
    assert cli.ok_json(d, "lookup", "2000000040")["due"]["balance"] == "83.45"  # 23.45 + 60.00
    day = cli.ok_json(d, "shift", "report", "--pdf", str(tmp_path / "day.pdf"))
    assert Path(day["pdf"]).exists()

    # 4. a shift from an earlier business day takes no more money
    msg = cli.refused(d, "pay", "2000000042", "--method", "cash", now="2026-12-05T09:00:00+08:00")
    assert "2026-11-23" in msg and "请先结班" in msg
