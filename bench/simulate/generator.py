"""The province's customers and bills, drawn from the seed: nothing here reads a clock or the disk."""

from __future__ import annotations

import calendar
import datetime as dt
import random
from typing import Any

CATEGORIES = ("residential", "residential", "residential", "commercial", "industrial", "agricultural")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
BILLING_DAY = 5  # head office issues last month's bills on the 5th (抄表 → 核算 → 发行)
DUE_AFTER_DAYS = 20


def customer_no(hall: int, i: int) -> str:
    return f"{hall + 1:02d}{i + 1:08d}"


def customers_of_hall(rng: random.Random, hall: int, count: int) -> list[dict[str, Any]]:
    out = []
    for i in range(count):
        no = customer_no(hall, i)
        category = rng.choice(CATEGORIES)
        out.append(
            {
                "customer_no": no,
                "name": rng.choice(SURNAMES) + f"{i + 1}号",
                "address": f"第{hall + 1}区{rng.randint(1, 99)}路{i + 1}号",
                "phone": f"139{hall + 1:02d}{i + 1:06d}",
                "category": category,
                "meter_no": f"M{no}",
                "prepaid": 1 if rng.random() < 0.15 else 0,
                "risk_grade": "",
                "important": 0,
                "area": f"H{hall + 1:02d}",
            }
        )
    return out


def previous_period(day: dt.date) -> str:
    first = day.replace(day=1) - dt.timedelta(days=1)
    return f"{first.year:04d}-{first.month:02d}"


def bill_for(rng: random.Random, customer: dict[str, Any], period: str, issued: dt.date) -> dict[str, Any]:
    """One month's bill; a residential customer's is tens of yuan, a factory's thousands (in fen)."""
    per_kwh = 56 if customer["category"] == "residential" else 78
    kwh = rng.randint(60, 400) if customer["category"] == "residential" else rng.randint(800, 9000)
    return {
        "bill_id": f"{customer['customer_no']}-{period}",
        "customer_no": customer["customer_no"],
        "period": period,
        "kwh": kwh,
        "amount_fen": kwh * per_kwh,
        "due_date": (issued + dt.timedelta(days=DUE_AFTER_DAYS)).isoformat(),
    }


def is_billing_day(day: dt.date) -> bool:
    return day.day == BILLING_DAY


def month_end(day: dt.date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]
