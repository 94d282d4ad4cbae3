"""The command line speaks the terminal's configured language (config.toml `language`): a refusal, a status
and a count error in English on an English terminal, in Chinese on a Chinese one, and nothing changes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.e2e.cli import demo_copy
from tests.e2e.test_shift_cli import Cli


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    """The commands in this process through the command line's own parser and dispatch (tests/e2e/cli.py)."""
    return Cli(monkeypatch, capsys, HALLPAY_SUPERVISOR_PIN="999999")


CHINESE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def set_language(data_dir: Path, language: str) -> None:
    config = data_dir / "config.toml"
    text = re.sub(r'(?m)^language = ".*"$', f'language = "{language}"', config.read_text(encoding="utf-8"))
    config.write_text(text, encoding="utf-8")


def test_an_english_terminal_refuses_in_english(_terminal_template: Path, tmp_path: Path, cli: Cli) -> None:
    d = demo_copy(_terminal_template, tmp_path)
    cli.ok_json(d, "shift", "status")  # the demo terminal exists, its shift open
    set_language(d, "en")
    short = cli.refused(d, "pay", "1000000001", "--method", "cash", "--tendered", "1")
    assert short == "Cash tendered ¥1.00 is less than the amount ¥191.10; take more cash or lower the amount."
    assert (
        cli.refused(d, "shift", "close", "--count", "100x6,abc")
        == '"abc" is not denomination x pieces; type it like 100x5,50x2,0.5x3.'
    )
    assert (
        cli.refused(d, "pay", "9999999999", "--method", "cash")
        == "There is no customer no. 9999999999; check the number on the bill, or search by name, phone or address."
    )
    backup = cli(d, "backup")
    assert (
        backup.returncode == 2
        and backup.stderr.strip()
        == "No backup location set; fill in path under [backup] in config.toml (USB drive or share)."
    )
    synced = cli(d, "sync", "--once")
    assert synced.returncode == 0, synced.stderr
    assert re.fullmatch(r"Uploaded \d+ entries, downloaded \d+ rows, 0 waiting to upload\n", synced.stdout)
    for text in (short, backup.stderr, synced.stdout):
        assert not CHINESE.search(text), text

    paid = cli(d, "pay", "1000000001", "--method", "cash", "--tendered", "200")
    assert paid.returncode == 0, paid.stderr
    assert re.fullmatch(r"\S+  1000000001 \S+  Cash 191\.10  change 8\.90  balance 0\.00\n", paid.stdout), (
        paid.stdout
    )
    assert (
        cli.refused(d, "shift", "report", "--day", "2026-13-01")
        == '"2026-13-01" is not a date; write YYYY-MM-DD, such as 2026-11-23.'
    )

    bad = tmp_path / "customers.csv"
    bad.write_text("customer_no,name\n1000000099,X\n", encoding="utf-8")
    assert cli.refused(d, "import", "--customers", str(bad)) == (
        f"Line 1 of the customer file {bad}: the header should be "
        "customer_no,name,address,phone,category,meter_no,prepaid,risk_grade."
    )

    set_language(d, "zh_CN")
    assert (
        cli.refused(d, "pay", "1000000002", "--method", "cash", "--tendered", "1")
        == "实收现金 1.00 元少于缴费金额 3,041.00 元；请补足现金或改小金额。"
    )


def test_an_english_terminal_prints_arrears_and_card_lines_in_english(
    _terminal_template: Path, tmp_path: Path, cli: Cli
) -> None:
    d = demo_copy(_terminal_template, tmp_path)
    cli.ok_json(d, "shift", "status")
    set_language(d, "en")
    listed = cli(d, "arrears", "--grade", "II")  # the showcase's 1000000002
    assert listed.returncode == 0, listed.stderr
    *rows, total = listed.stdout.strip().splitlines()
    assert rows and all(re.search(r"  \d+ bills  [\d.]+  \d+ days overdue  ", row) for row in rows), rows
    assert re.fullmatch(r"Total \d+ customers, principal owed ¥[\d,]+\.\d\d", total), total
    rewrite = cli(d, "card", "rewrite", "1000000003")
    assert rewrite.returncode == 0, rewrite.stderr
    assert rewrite.stdout == "The card has no purchase left to write.\n"

    set_language(d, "zh_CN")
    listed = cli(d, "arrears", "--grade", "II")  # the showcase's 1000000002
    assert re.fullmatch(r"合计 \d+ 户，欠费本金 [\d,]+\.\d\d 元", listed.stdout.strip().splitlines()[-1])
