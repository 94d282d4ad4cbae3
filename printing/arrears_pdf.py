"""The arrears list (欠费清单, A4 landscape) with totals and the ageing buckets."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from app.money import yuan_text
from app.risk import AGE_BUCKETS
from app.services.arrears import ArrearsList
from printing.export import HEADER, rows_of
from printing.pdf import build_pdf, para, table


def arrears_pdf(lst: ArrearsList, hall_name: str, path: Path | str, filter_text: str = "") -> Path:
    t = lst.totals
    flow = [
        para("欠费清单", "title"),
        para(
            f"业务日 {lst.business_day}　条件：{filter_text or '全部'}　共 {t.customers} 户，"
            f"欠费本金 {yuan_text(t.owed_fen)} 元（本页列出前 {len(lst.rows)} 户）",
            "small_center",
        ),
        Spacer(1, 3 * mm),
        table(
            [
                ["账龄（最早欠费）", *[b[2] for b in AGE_BUCKETS]],
                ["户数", *[str(n) for n in t.bucket_customers]],
                ["欠费本金", *[yuan_text(f) for f in t.bucket_fen]],
            ],
            [40 * mm] + [40 * mm] * 4,
            money_cols=(1, 2, 3, 4),
        ),
        Spacer(1, 4 * mm),
    ]
    keep = [0, 1, 2, 4, 5, 7, 8, 9, 10, 11, 12, 14]
    data = [[HEADER[i] for i in keep]] + [[r[i] for i in keep] for r in rows_of(lst)]
    widths = [22, 34, 47, 20, 14, 12, 22, 22, 22, 14, 22, 16]
    flow.append(table(data, [w * mm for w in widths], money_cols=(6, 7)))
    return build_pdf(path, "欠费清单", hall_name, flow, pagesize=landscape(A4))
