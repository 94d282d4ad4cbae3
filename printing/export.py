"""Export the arrears list as CSV (UTF-8 with BOM, so Excel opens it in Chinese) or XLSX (openpyxl)."""

from __future__ import annotations

import csv
from pathlib import Path

from app.model import CATEGORY_LABELS, Category
from app.money import format_fen
from app.risk import GRADE_LABELS, NOTICE_STATE_LABELS
from app.services.arrears import ArrearsList

HEADER = ["户号", "户名", "地址", "电话", "用户类别", "区域", "重要用户", "欠费期数", "欠费本金", "违约金（至今）",
          "最早应缴日", "逾期天数", "风险等级", "总部评级", "停电通知"]


def rows_of(lst: ArrearsList) -> list[list[str]]:
    return [
        [r.customer_no, r.name, r.address, r.phone, CATEGORY_LABELS[Category(r.category)], r.area,
         "是" if r.important else "", str(r.bills), format_fen(r.owed_fen), format_fen(r.late_fee_fen),
         r.oldest_due, str(r.days_overdue), GRADE_LABELS.get(r.grade, ""), GRADE_LABELS.get(r.ho_grade, ""),
         NOTICE_STATE_LABELS.get(r.notice_state or "none", r.notice_state)]
        for r in lst.rows
    ]


def export_csv(lst: ArrearsList, path: Path | str) -> Path:
    path = Path(path)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerows(rows_of(lst))
        w.writerow(["合计", f"{lst.totals.customers} 户", "", "", "", "", "", "", format_fen(lst.totals.owed_fen)])
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
    for r in rows_of(lst):
        # amounts as numbers in yuan with two decimals shown; integer fen / 100 is exact for display here
        row: list[object] = list(r)
        ws.append(row)
    ws.append(["合计", f"{lst.totals.customers} 户", "", "", "", "", "", "", format_fen(lst.totals.owed_fen)])
    for col, width in zip("ABCDEFGHIJKLMNO", (12, 20, 34, 13, 10, 8, 8, 8, 12, 12, 12, 8, 14, 14, 10)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    wb.save(path)
    return path
