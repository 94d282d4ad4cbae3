"""`blacklist import F.csv` and `collection --json`, as a customer manager types them."""

from __future__ import annotations

from tests.e2e.cli import run, run_json


def test_blacklist_import_and_collection(tmp_path):
    d = tmp_path / "T01"
    good = tmp_path / "heibang.csv"
    good.write_text(
        "企业名称,统一社会信用代码,季度\n宏达机械厂,91310000MA1FL0000N,2026Q3\n", encoding="utf-8"
    )
    bad = tmp_path / "bad.csv"
    bad.write_text("企业名称,统一社会信用代码,季度\n宏达机械厂,91310000MA1FL0000X,2026Q3\n", encoding="utf-8")
    r = run("blacklist", "import", str(bad), data_dir=d)
    assert r.returncode == 2 and "第 2 行" in r.stderr and r.stdout == ""
    assert run_json("blacklist", "import", str(good), data_dir=d) == {"rows": 1, "matched": 1}
    report = run_json("collection", "--month", "2026-11", data_dir=d)
    assert report["month"] == "2026-11" and report["previous_month"] == "2026-10"
    assert report["total"]["arrears"] == run_json("arrears", data_dir=d)["owed"]
    r = run("collection", "--month", "11/2026", data_dir=d)
    assert r.returncode == 2 and "YYYY-MM" in r.stderr
