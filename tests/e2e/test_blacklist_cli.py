"""`blacklist import F.csv` and `collection --json`, as a customer manager types them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.e2e.cli import Commands


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Commands:
    """The commands run in this process (tests/e2e/cli.InProcess): a Python start per command was the cost."""
    return Commands(monkeypatch, capsys)


@pytest.fixture
def d(_terminal_template: Path, tmp_path: Path) -> Path:
    """A copy of the demo terminal an empty directory becomes (tests/conftest.py), not a process building
    a 300-customer demo per test."""
    shutil.copytree(_terminal_template, tmp_path / "T01")
    return tmp_path / "T01"


def test_blacklist_import_and_collection(d, cli, tmp_path):
    good = tmp_path / "heibang.csv"
    good.write_text(
        "企业名称,统一社会信用代码,季度\n宏达机械厂,91310000MA1FL0000N,2026Q3\n", encoding="utf-8"
    )
    bad = tmp_path / "bad.csv"
    bad.write_text("企业名称,统一社会信用代码,季度\n宏达机械厂,91310000MA1FL0000X,2026Q3\n", encoding="utf-8")
    r = cli.run("blacklist", "import", str(bad), data_dir=d)
    assert r.returncode == 2 and "第 2 行" in r.stderr and r.stdout == ""
    assert cli.json("blacklist", "import", str(good), data_dir=d) == {"rows": 1, "matched": 1}
    report = cli.json("collection", "--month", "2026-11", data_dir=d)
    assert report["month"] == "2026-11" and report["previous_month"] == "2026-10"
    assert report["total"]["arrears"] == cli.json("arrears", data_dir=d)["owed"]
    r = cli.run("collection", "--month", "11/2026", data_dir=d)
    assert r.returncode == 2 and "YYYY-MM" in r.stderr
