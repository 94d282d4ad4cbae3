"""`import --customers/--bills` as a user types it: every bad file is one sentence naming the file and the
line, exit 2, and the money tables (customers with their balances, bills, journal, receipts, shifts) unchanged.

Runs `tests.e2e.cli.in_process(argv)` in this process (the same argv parsing, wiring and error handling as the
installed command, without a Python start per case), plus one real subprocess to see the exit code.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from db.local_schema import MONEY_TABLES
from tests.e2e.cli import ROOT, env, in_process

CUSTOMERS = "customer_no,name,address,phone,category,meter_no,prepaid,risk_grade\n"
BILLS = "customer_no,period,kwh,amount,due_date\n"


def money_tables(data_dir: Path) -> dict[str, list]:
    with closing(sqlite3.connect(data_dir / "local.db")) as conn, conn:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in (*MONEY_TABLES, "audit")}


@pytest.fixture(scope="module")
def hall(tmp_path_factory) -> Path:
    """One demo terminal for the refusals: each of them must leave it exactly as it was."""
    d = tmp_path_factory.mktemp("import") / "T01"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HALLPAY_NOW", "2026-11-23T10:00:00+08:00")
        assert in_process(["lookup", "1000000001", "--data-dir", str(d)]) == 0
    return d


def cli(capsys, data_dir: Path, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    rc = in_process(["import", *args, "--data-dir", str(data_dir)])
    out, err = capsys.readouterr()
    return rc, out, err


def refused(capsys, data_dir: Path, *args: str) -> str:
    before = money_tables(data_dir)
    rc, out, err = cli(capsys, data_dir, *args)
    assert (rc, out) == (2, "")
    assert len(err.splitlines()) == 1, err
    assert money_tables(data_dir) == before
    return err.strip()


def write(path: Path, text: str, encoding: str = "utf-8") -> str:
    path.write_bytes(text.encode(encoding))
    return str(path)


def test_missing_file_and_directory(capsys, fixed_now, hall: Path, tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.csv")
    assert refused(capsys, hall, "--customers", missing) == f"找不到用户文件 {missing}；请核对路径和文件名。"
    assert refused(capsys, hall, "--bills", str(tmp_path)) == (
        f"账单文件 {tmp_path} 是一个文件夹，不是 CSV 文件；请给出文件的路径。"
    )


def test_undecodable_file_names_the_line(capsys, fixed_now, hall: Path, tmp_path: Path) -> None:
    f = tmp_path / "c.csv"
    f.write_bytes(
        (CUSTOMERS + "5000000001,王五,北京路,,residential,M1,0,\n").encode("gbk")
        + b"5000000002,\x80\x80,x,,residential,M2,0,\n"
    )
    assert refused(capsys, hall, "--customers", str(f)) == (
        f"用户文件 {f} 第 3 行既不是 UTF-8 也不是 GB18030/GBK 编码，无法读取；请在 Excel 中另存为“CSV UTF-8”后重新导入。"
    )


@pytest.mark.parametrize(
    ("row", "why"),
    [
        ("1000000001,2026-09,²,1.00,2026-11-30", "电量“²”应为非负整数（半角数字，不超过 9 位）"),
        ("1000000001,2026-13,1,1.00,2026-11-30", "账期“2026-13”应为 YYYY-MM（月份 01–12），如 2026-10"),
        (
            "1000000001,2026-09,1,1.00,20261220",
            "缴费截止日“20261220”不是有效日期；应为 YYYY-MM-DD，如 2026-12-20",
        ),
        (
            "1000000001,2026-09,1,1.00,2026-W51-7",
            "缴费截止日“2026-W51-7”不是有效日期；应为 YYYY-MM-DD，如 2026-12-20",
        ),
        (
            "1000000001,2026-09,1,1.00,0001-01-01",
            "缴费截止日 0001-01-01 不合理；应在 2016-11-23 至 2027-11-23 之间",
        ),
        (
            "1000000001,2026-09,1,1.00,9999-12-31",
            "缴费截止日 9999-12-31 不合理；应在 2016-11-23 至 2027-11-23 之间",
        ),
        ("٥٠٠٠٠٠٠٠٩٨,2026-09,1,1.00,2026-11-30", "户号“٥٠٠٠٠٠٠٠٩٨”应为 4–20 位数字"),
        ("1000000001,2026-09,1,-100.00,2026-11-30", "金额“-100.00”应为元，最多两位小数，如 123.45"),
        ("1000000001,2026-09,1,100000000.01,2026-11-30", "金额 100000000.01 超过单张账单上限；请核对"),
    ],
)
def test_a_bad_bill_after_good_ones_imports_nothing_and_names_line_4(
    capsys, fixed_now, hall: Path, tmp_path: Path, row: str, why: str
) -> None:
    f = write(
        tmp_path / "b.csv",
        BILLS + "1000000001,2026-07,1,1.00,2026-11-30\n1000000002,2026-07,1,1.00,2026-11-30\n" + row + "\n",
        "gb18030",
    )
    assert refused(capsys, hall, "--bills", f) == f"账单文件 {f} 第 4 行：{why}。"


@pytest.mark.parametrize(
    ("name", "shown"), [("王\x07测试", "户名"), ('"王\n测试"', "户名"), ("王\x1b[31m测试", "户名")]
)
def test_control_characters_refuse_the_whole_import(
    capsys, fixed_now, hall: Path, tmp_path: Path, name: str, shown: str
) -> None:
    customers = write(
        tmp_path / "c.csv",
        CUSTOMERS + "5000000001,张三,北京路,,residential,M1,0,\n"
        f"5000000002,{name},北京路,,residential,M2,0,\n",
    )
    bills = write(tmp_path / "b.csv", BILLS + "5000000001,2026-10,1,1.00,2026-11-30\n")
    line = 3 if "\n" not in name else 4
    assert refused(capsys, hall, "--customers", customers, "--bills", bills) == (
        f"用户文件 {customers} 第 {line} 行：{shown}含有控制字符（如换行、制表符）；请删去后重新导入。"
    )


def test_good_bills_file_with_a_bad_customers_file_imports_neither(
    capsys, fixed_now, hall: Path, tmp_path: Path
) -> None:
    customers = write(
        tmp_path / "c.csv",
        CUSTOMERS + "5000000001,张三,北京路,,residential,M1,0,\n5000000002,李四,北京路,,household,M2,0,\n",
    )
    bills = write(tmp_path / "b.csv", BILLS + "1000000001,2026-07,1,1.00,2026-11-30\n")
    assert refused(capsys, hall, "--customers", customers, "--bills", bills) == (
        f"用户文件 {customers} 第 3 行：用电类别应为 agricultural, commercial, industrial, residential 之一。"
    )


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8", "utf-8-sig"])
def test_excel_encodings_import_and_full_width_numbers_are_found_by_ascii(
    capsys, fixed_now, tmp_path: Path, encoding: str
) -> None:
    d = tmp_path / "T01"
    customers = write(
        tmp_path / "c.csv",
        CUSTOMERS + "５０００００００９９,王测试,北京路１号,,commercial,M9,0,II\n",
        encoding,
    )
    bills = write(tmp_path / "b.csv", BILLS + "5000000099,2026-10,120,61.20,2026-12-20\n", encoding)
    assert cli(capsys, d, "--customers", customers, "--bills", bills)[:2] == (
        0,
        "imported 1 customers, 1 bills\n",
    )
    with closing(sqlite3.connect(d / "local.db")) as conn, conn:
        assert conn.execute(
            "SELECT customer_no, name, address, category FROM customers WHERE name = '王测试'"
        ).fetchall() == [("5000000099", "王测试", "北京路１号", "commercial")]
        assert conn.execute(
            "SELECT bill_id, kwh, amount_fen, due_date FROM bills WHERE customer_no = '5000000099'"
        ).fetchall() == [("5000000099-2026-10", 120, 6120, "2026-12-20")]


def test_the_installed_command_exits_2_without_a_traceback(hall: Path, tmp_path: Path) -> None:
    f = write(tmp_path / "b.csv", BILLS + "1000000001,2026-09,²,1.00,2026-11-30\n", "gb18030")
    before = money_tables(hall)
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "import", "--bills", f, "--data-dir", str(hall)],
        capture_output=True,
        text=True,
        env=env(),
        cwd=ROOT,
        timeout=120,
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"账单文件 {f} 第 2 行：电量“²”应为非负整数（半角数字，不超过 9 位）。\n"
    assert money_tables(hall) == before


@pytest.mark.parametrize("now", ["garbage", "2026-11-23T10:00:00"])
def test_a_bad_pinned_clock_is_one_sentence(capsys, monkeypatch, hall: Path, now: str) -> None:
    monkeypatch.setenv("HALLPAY_NOW", now)
    before = money_tables(hall)
    capsys.readouterr()
    assert in_process(["lookup", "1000000001", "--data-dir", str(hall)]) == 2
    assert (
        capsys.readouterr().err
        == f"HALLPAY_NOW“{now}”不是带时区的时间；请按 2026-11-23T10:00:00+08:00 填写。\n"
    )
    assert money_tables(hall) == before
