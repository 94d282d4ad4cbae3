"""收费责任制报表 (collection responsibility report) as an A4 landscape PDF: per clerk, per area, total."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from app.money import yuan_text
from app.services.collection import CollectionLine, CollectionReport
from printing.pdf import build_pdf, para, table

HEADER = [
    "责任人 / 区域",
    "本月实收",
    "笔数",
    "收回欠费",
    "当前欠费户",
    "当前欠费",
    "回收率",
    "减免",
    "上月实收",
    "环比",
]
WIDTHS = [48, 28, 14, 28, 20, 28, 18, 28, 28, 28]


def collection_row(x: CollectionLine) -> list[str]:
    m = x.month
    return [
        x.label,
        yuan_text(m.collected_fen),
        str(m.payments),
        yuan_text(m.recovered_fen),
        str(x.customers_in_arrears),
        yuan_text(x.arrears_fen),
        x.recovery_text,
        f"{yuan_text(m.waived_fen)} / {m.waivers} 笔",
        yuan_text(x.previous.collected_fen),
        yuan_text(x.change_fen),
    ]


def collection_pdf(r: CollectionReport, hall_name: str, path: Path | str) -> Path:
    money = (1, 3, 5, 7, 8, 9)
    widths = [w * mm for w in WIDTHS]
    flow = [
        para(f"收费责任制报表 {r.month}", "title"),
        para(f"上月 {r.previous_month}；欠费截至 {r.business_day}", "small_center"),
        Spacer(1, 4 * mm),
        para("按责任人"),
        table([HEADER] + [collection_row(x) for x in r.by_clerk], widths, money_cols=money),
        Spacer(1, 4 * mm),
        para("按区域"),
        table(
            [HEADER] + [collection_row(x) for x in r.by_area] + [collection_row(r.total)],
            widths,
            money_cols=money,
        ),
    ]
    return build_pdf(path, "收费责任制报表", hall_name, flow, pagesize=landscape(A4))
