"""Deterministic demo customers and bills for training, screenshots and benchmarks.

Realistic enough to look at: Chinese names and addresses, four categories, prepaid meters, and
arrears of several ages, some across the year end so the 3‰ rule shows. Same seed, same data.
Rows are plain tuples because a million customers must load in well under two minutes.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红建华文辉斌宇浩凯鹏飞志强春梅海燕雪梅晓东国庆建国丽娟淑珍德福永红卫东"
DISTRICTS = ["城东区", "城西区", "城南区", "城北区", "高新区", "经开区"]
ROADS = [
    "解放路",
    "人民路",
    "中山路",
    "建设路",
    "和平路",
    "胜利街",
    "文化路",
    "长江路",
    "黄河路",
    "工业大道",
    "光明街",
    "青年路",
]
COMPANIES = [
    "宏达机械厂",
    "鑫源商贸有限公司",
    "永兴食品厂",
    "华联超市",
    "金穗农业合作社",
    "东方纺织有限公司",
    "新世纪酒店",
    "恒通物流有限公司",
    "明珠餐饮店",
    "兴旺养殖场",
    "博远电子有限公司",
    "顺发建材商行",
]

CATEGORIES = (("residential", 85), ("commercial", 9), ("industrial", 3), ("agricultural", 3))
# Demo tariff, fen per kWh: whole fen so a bill is kWh × price exactly (real tariffs come from head office).
PRICE_FEN = {"residential": 53, "commercial": 75, "industrial": 62, "agricultural": 48}
KWH_RANGE = {
    "residential": (60, 480),
    "commercial": (300, 4000),
    "industrial": (5000, 60000),
    "agricultural": (100, 2500),
}

CUSTOMER_COLUMNS = (
    "customer_no",
    "name",
    "address",
    "phone",
    "category",
    "meter_no",
    "prepaid",
    "risk_grade",
    "important",
    "area",
    "balance_fen",
)
BILL_COLUMNS = ("bill_id", "customer_no", "period", "kwh", "amount_fen", "due_date", "principal_paid_fen")


@dataclass(frozen=True)
class DemoSpec:
    customers: int
    months: int = 12
    seed: int = 2026
    first_no: int = 3100000001


def _periods(today: dt.date, months: int) -> list[tuple[str, dt.date]]:
    """The last `months` billing periods before today's month, oldest first, with due dates
    on the 20th of the month after the period."""
    out = []
    year, month = today.year, today.month
    for _ in range(months):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        due_y, due_m = (year + 1, 1) if month == 12 else (year, month + 1)
        out.append((f"{year:04d}-{month:02d}", dt.date(due_y, due_m, 20)))
    return out[::-1]


def _category(rng: random.Random) -> str:
    roll = rng.randrange(100)
    for name, weight in CATEGORIES:
        if roll < weight:
            return name
        roll -= weight
    return "residential"


def generate(spec: DemoSpec, today: dt.date) -> Iterator[tuple[tuple, list[tuple]]]:
    """Yield (customer row, bill rows) in CUSTOMER_COLUMNS / BILL_COLUMNS order."""
    rng = random.Random(spec.seed)
    periods = _periods(today, spec.months)
    surnames, given = SURNAMES, GIVEN
    for i in range(spec.customers):
        no = str(spec.first_no + i)
        category = _category(rng)
        district = DISTRICTS[rng.randrange(len(DISTRICTS))]
        road = ROADS[rng.randrange(len(ROADS))]
        if category == "residential":
            name = surnames[rng.randrange(len(surnames))] + "".join(
                given[rng.randrange(len(given))] for _ in range(1 + (rng.random() < 0.7))
            )
            address = (
                f"{district}{road}{rng.randint(1, 400)}号{rng.randint(1, 12)}栋"
                f"{rng.randint(1, 6)}单元{rng.randint(1, 30)}{rng.randint(1, 4):02d}室"
            )
        else:
            name = (
                COMPANIES[rng.randrange(len(COMPANIES))].replace("有限公司", f"{i % 97}号有限公司", 1)
                if rng.random() < 0.3
                else district[:2] + COMPANIES[rng.randrange(len(COMPANIES))]
            )
            address = f"{district}{road}{rng.randint(1, 900)}号"
        phone = f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"
        prepaid = 1 if category == "residential" and rng.random() < 0.2 else 0
        roll = rng.random()
        # How many of the newest periods are unpaid: most customers none or just the latest.
        unpaid = (
            0
            if prepaid or roll < 0.62
            else 1
            if roll < 0.88
            else 2
            if roll < 0.94
            else 3
            if roll < 0.97
            else rng.randint(min(4, spec.months), spec.months)
        )
        unpaid = min(unpaid, spec.months)
        risk = "" if unpaid < 3 else ("III" if unpaid < 6 else "II")
        if unpaid >= 9 and category != "residential":
            risk = "I"
        important = 1 if category == "industrial" and rng.random() < 0.1 else 0
        balance = rng.randrange(0, 5000) if prepaid or rng.random() < 0.05 else 0
        customer = (no, name, address, phone, category, f"M{no}", prepaid, risk, important, district, balance)
        low, high = KWH_RANGE[category]
        price = PRICE_FEN[category]
        bills = []
        for k, (period, due) in enumerate(periods):
            kwh = rng.randint(low, high)
            amount = kwh * price
            paid = 0 if k >= len(periods) - unpaid else amount
            bills.append((f"{no}-{period}", no, period, kwh, amount, due.isoformat(), paid))
        yield customer, bills
