"""Export the arrears list as CSV (UTF-8 with BOM, so Excel opens it in Chinese) or XLSX (openpyxl).

Both go through one cell list: text that came from outside (names, addresses, phones, areas) passes
`app.spreadsheet.safe_text` (no formula can start, no character XLSX cannot hold); money is written
from integer fen: `format_fen` text in CSV, an exact Decimal number with two decimals shown in XLSX;
counts are integers. The PDF list uses the same cells as plain text (`rows_of`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from app import durable
from app.model import CATEGORY_LABELS, Category
from app.money import fen_to_decimal, format_fen
from app.risk import GRADE_LABELS, NOTICE_STATE_LABELS
from app.services.arrears import ArrearsList
from app.spreadsheet import safe_text

HEADER = [
    "户号",
    "户名",
    "地址",
    "电话",
    "用户类别",
    "区域",
    "重要用户",
    "欠费期数",
    "欠费本金",
    "违约金（至今）",
    "最早应缴日",
    "逾期天数",
    "风险等级",
    "总部评级",
    "停电通知",
]
MONEY_FORMAT = "#,##0.00"


@dataclass(frozen=True)
class Money:
    """A money cell: integer fen until the file format decides how to write it."""

    fen: int


Cell = str | int | Money


def cells_of(lst: ArrearsList) -> list[list[Cell]]:
    rows: list[list[Cell]] = [
        [
            r.customer_no,
            r.name,
            r.address,
            r.phone,
            CATEGORY_LABELS[Category(r.category)],
            r.area,
            "是" if r.important else "",
            r.bills,
            Money(r.owed_fen),
            Money(r.late_fee_fen),
            r.oldest_due,
            r.days_overdue,
            GRADE_LABELS.get(r.grade, ""),
            GRADE_LABELS.get(r.ho_grade, ""),
            NOTICE_STATE_LABELS.get(r.notice_state or "none", r.notice_state),
        ]
        for r in lst.rows
    ]
    rows.append(["合计", f"{lst.totals.customers} 户", "", "", "", "", "", "", Money(lst.totals.owed_fen)])
    return rows


def _text(cell: Cell) -> str:
    if isinstance(cell, Money):
        return format_fen(cell.fen)
    return str(cell)


def rows_of(lst: ArrearsList) -> list[list[str]]:
    """The customer rows as plain text (the PDF list; no totals row)."""
    return [[_text(c) for c in row] for row in cells_of(lst)[:-1]]


def _csv_cell(cell: Cell) -> str:
    return safe_text(cell) if isinstance(cell, str) else _text(cell)


def _xlsx_cell(cell: Cell) -> object:
    if isinstance(cell, Money):
        return fen_to_decimal(cell.fen)
    return safe_text(cell) if isinstance(cell, str) else cell


def export_csv(lst: ArrearsList, path: Path | str) -> Path:
    path = Path(path)
    with durable.replacing(path) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)  # a full disk or a cut leaves no half file under the name asked for
        w.writerow(HEADER)
        w.writerows([_csv_cell(c) for c in row] for row in cells_of(lst))
    return path


def export_xlsx(lst: ArrearsList, path: Path | str) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    path = Path(path)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "欠费清单"
    ws.append(HEADER)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in cells_of(lst):
        ws.append([_xlsx_cell(c) for c in row])
        for cell, value in zip(ws[ws.max_row], row):
            if isinstance(value, Money):
                cell.number_format = MONEY_FORMAT
            elif isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever openpyxl would guess
    for col, width in zip("ABCDEFGHIJKLMNO", (12, 20, 34, 13, 10, 8, 8, 8, 12, 12, 12, 8, 14, 14, 10)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    with durable.replacing(path) as tmp:
        wb.save(tmp)
    return path
