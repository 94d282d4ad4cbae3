"""`arrears` and `notice` on the command line, as a customer manager types them."""

from __future__ import annotations

import csv
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


def test_arrears_grade_filter_csv_and_notice_flow(d, cli, tmp_path, monkeypatch):
    out = cli.json("arrears", "--grade", "II", "--csv", str(tmp_path / "a.csv"), data_dir=d)
    assert out["customers"] == len(out["rows"]) > 0 and all(r["grade"] == "II" for r in out["rows"])
    assert sum(int(v["customers"]) for v in out["ageing"].values()) == out["customers"]
    with open(tmp_path / "a.csv", encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][0] == "户号" and len(rows) == out["customers"] + 2
    n = cli.json("notice", "propose", "1000000002", data_dir=d)
    assert n["state"] == "proposed"
    monkeypatch.setenv("HALLPAY_SUPERVISOR_PIN", "999999")
    a = cli.json("notice", "approve", n["notice_id"], "--supervisor", "S01", data_dir=d)
    assert a["state"] == "approved"
    s = cli.json("notice", "serve", n["notice_id"], data_dir=d)
    assert (s["served_on"], s["stop_from"]) == ("2026-11-23", "2026-11-26")
    cli.run("notice", "print", n["notice_id"], "--pdf", str(tmp_path / "n.pdf"), data_dir=d, check=True)
    assert (tmp_path / "n.pdf").read_bytes().startswith(b"%PDF")
