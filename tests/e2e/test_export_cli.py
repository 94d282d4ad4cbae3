"""`arrears --csv/--xlsx`: a name or address that came from outside can never run as a formula in Excel or WPS,
and a control character XLSX cannot hold no longer fails the whole workbook. Read back, exact cell text."""

from __future__ import annotations

import csv
import sqlite3
from contextlib import closing
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.spreadsheet import safe_text
from printing.export import HEADER, Money, _csv_cell, _xlsx_cell
from tests.e2e.cli import in_process

CUSTOMERS = "customer_no,name,address,phone,category,meter_no,prepaid,risk_grade\n"
BILLS = "customer_no,period,kwh,amount,due_date\n"
# customer number → (name as stored, name as the export must show it)
NAMES = {
    "6000000001": ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
    "6000000002": ("@SUM(1)", "'@SUM(1)"),
    "6000000003": ("+1", "'+1"),
    "6000000004": ("\t=1", "'\t=1"),
    "6000000005": ("王\x07五", "王五"),
    "6000000006": ("张三", "张三"),
}


@pytest.fixture
def exported(tmp_path: Path, fixed_now, capsys) -> tuple[Path, Path]:
    d = tmp_path / "T01"
    c, b = tmp_path / "c.csv", tmp_path / "b.csv"
    c.write_text(
        CUSTOMERS
        + "".join(
            f'{no},"{name.replace(chr(34), chr(34) * 2)}",-2+3,,residential,M{no},0,\n'
            for no, (name, _) in NAMES.items()
            if name.isprintable()
        ),
        encoding="utf-8",
    )
    # every customer owes 1234.56 of a bill due 2026-10-24 (30 days before 2026-11-23)
    b.write_text(BILLS + "".join(f"{no},2026-09,100,1234.56,2026-10-24\n" for no in NAMES), encoding="utf-8")
    # the tab and BEL names cannot come in through `import` (refused); they stand for what a sync could bring
    names_with_controls = [(name, no) for no, (name, _) in NAMES.items() if not name.isprintable()]
    c.write_text(
        c.read_text(encoding="utf-8")
        + "".join(f"{no},待改,-2+3,,residential,M{no},0,\n" for _, no in names_with_controls),
        encoding="utf-8",
    )
    assert in_process(["import", "--customers", str(c), "--bills", str(b), "--data-dir", str(d)]) == 0
    with closing(sqlite3.connect(d / "local.db")) as conn, conn:
        conn.executemany("UPDATE customers SET name = ? WHERE customer_no = ?", names_with_controls)
    out_csv, out_xlsx = tmp_path / "a.csv", tmp_path / "a.xlsx"
    assert (
        in_process(
            [
                "arrears",
                "--min-days",
                "30",
                "--csv",
                str(out_csv),
                "--xlsx",
                str(out_xlsx),
                "--data-dir",
                str(d),
            ]
        )
        == 0
    )
    capsys.readouterr()
    return out_csv, out_xlsx


def test_csv_cells_read_back_neutralised(exported: tuple[Path, Path]) -> None:
    with exported[0].open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == HEADER
    body = {r[0]: r for r in rows[1:-1] if r[0] in NAMES}
    assert {no: r[1] for no, r in body.items()} == {no: shown for no, (_, shown) in NAMES.items()}
    assert {r[2] for r in body.values()} == {"'-2+3"}
    assert {(r[8], r[11]) for r in body.values()} == {("1234.56", "30")}  # money and counts as plain text
    assert rows[-1][0] == "合计"


def test_xlsx_cells_read_back_neutralised_with_money_as_numbers(exported: tuple[Path, Path]) -> None:
    ws = load_workbook(exported[1]).active
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2) if r[0].value in NAMES}
    assert {no: r[1].value for no, r in rows.items()} == {no: shown for no, (_, shown) in NAMES.items()}
    assert all(r[1].data_type == "s" for r in rows.values())  # text, never a formula
    assert {r[2].value for r in rows.values()} == {"'-2+3"}
    money = {(r[8].value, r[8].number_format, r[11].value) for r in rows.values()}
    assert money == {(1234.56, "#,##0.00", 30)}


def test_one_function_decides_every_text_cell() -> None:
    assert safe_text("=1+2") == "'=1+2"
    assert safe_text("-12.30") == "'-12.30"  # outside text that looks like money is still text
    assert safe_text("\r=1") == "'\r=1"
    assert safe_text("\x00\x1b=1") == "'=1"  # dropped first, then neutralised
    assert safe_text("a=1") == "a=1" and safe_text("") == ""
    assert safe_text("王\ufffe五\x0b") == "王五"
    # money from format_fen is not outside text: a negative amount stays a number Excel can sum
    assert _csv_cell(Money(-1230)) == "-12.30"
    assert _xlsx_cell(Money(-1230)) == Decimal("-12.30")
    assert _xlsx_cell(7) == 7 and _xlsx_cell("+1") == "'+1"
