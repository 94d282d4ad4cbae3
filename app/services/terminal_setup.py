"""First start on an empty data directory: a demo terminal with clerks, policy and showcase customers.

The showcase customers make every rule visible on day one: late fees at 1‰, 2‰ and 3‰ (a bill
that crossed the year end), the 1-yuan minimum, a prepayment, a prepaid (IC card) meter and an
important customer. Their due dates are relative to today so the figures stay meaningful.
"""

from __future__ import annotations

import datetime as dt

from app.auth import hash_pin
from app.policy import DEFAULTS
from app.services.context import Context
from app.services.shifts import open_shift

DEMO_CLERKS = [
    ("C01", "李娜", "clerk"),
    ("C02", "赵磊", "clerk"),
    ("S01", "王建国", "supervisor"),
    ("A01", "系统管理员", "admin"),
]
DEMO_FLOAT_FEN = 50000
# Demo-only PINs (README names them); a real terminal's clerks come from head office without PINs.
DEMO_PINS = {"C01": "111111", "C02": "222222", "S01": "999999", "A01": "000000"}


def showcase(today: dt.date) -> tuple[list[dict], list[dict]]:
    def ago(days: int) -> str:
        return (today - dt.timedelta(days=days)).isoformat()

    last_year_dec = dt.date(today.year - 1, 12, 21)
    customers = [
        dict(
            customer_no="1000000001",
            name="王秀英",
            address="城东区解放路128号3栋2单元502室",
            phone="13800000001",
            category="residential",
            meter_no="M1000000001",
            prepaid=0,
            risk_grade="",
            important=0,
            area="城东区",
        ),
        dict(
            customer_no="1000000002",
            name="宏达机械厂",
            address="经开区工业大道66号",
            phone="13800000002",
            category="commercial",
            meter_no="M1000000002",
            prepaid=0,
            risk_grade="II",
            important=0,
            area="经开区",
        ),
        dict(
            customer_no="1000000003",
            name="李建国",
            address="城南区人民路45号1栋1单元101室",
            phone="13800000003",
            category="residential",
            meter_no="M1000000003",
            prepaid=1,
            risk_grade="",
            important=0,
            area="城南区",
        ),
        dict(
            customer_no="1000000004",
            name="张伟",
            address="城西区中山路9号6栋3单元1201室",
            phone="13800000004",
            category="residential",
            meter_no="M1000000004",
            prepaid=0,
            risk_grade="",
            important=0,
            area="城西区",
            balance_fen=2000,
        ),
        dict(
            customer_no="1000000005",
            name="市第一人民医院",
            address="城北区和平路1号",
            phone="13800000005",
            category="industrial",
            meter_no="M1000000005",
            prepaid=0,
            risk_grade="III",
            important=1,
            area="城北区",
        ),
    ]
    bills = [
        dict(
            bill_id="1000000001-a",
            customer_no="1000000001",
            period="2026-09",
            kwh=189,
            amount_fen=10000,
            due_date=ago(10),
        ),
        dict(
            bill_id="1000000001-b",
            customer_no="1000000001",
            period="2026-10",
            kwh=170,
            amount_fen=9010,
            due_date=ago(-20),
        ),
        dict(
            bill_id="1000000002-a",
            customer_no="1000000002",
            period=f"{today.year - 1}-11",
            kwh=1333,
            amount_fen=100000,
            due_date=last_year_dec.isoformat(),
        ),
        dict(
            bill_id="1000000002-b",
            customer_no="1000000002",
            period="2026-10",
            kwh=1333,
            amount_fen=100000,
            due_date=ago(20),
        ),
        dict(
            bill_id="1000000004-a",
            customer_no="1000000004",
            period="2026-10",
            kwh=120,
            amount_fen=6360,
            due_date=ago(40),
            principal_paid_fen=6360,
        ),
        dict(
            bill_id="1000000005-a",
            customer_no="1000000005",
            period="2026-08",
            kwh=52000,
            amount_fen=3224000,
            due_date=ago(65),
        ),
        dict(
            bill_id="1000000005-b",
            customer_no="1000000005",
            period="2026-09",
            kwh=48000,
            amount_fen=2976000,
            due_date=ago(35),
        ),
    ]
    return customers, bills


def init_demo_terminal(ctx: Context, *, hall_name: str) -> None:
    today = ctx.today()
    customers, bills = showcase(today)
    with ctx.uow() as uow:
        uow.settings.set("terminal_id", ctx.terminal.terminal_id)
        uow.settings.set("hall_name", hall_name)
        uow.settings.set("demo", "1")
        uow.settings.set_policy_values(dict(DEFAULTS))
        uow.settings.add_clerks(DEMO_CLERKS)
        for clerk_id, pin in DEMO_PINS.items():
            uow.settings.update_clerk(clerk_id, pin_hash=hash_pin(pin))
        uow.customers.upsert(customers)
        uow.bills.upsert(bills)
        uow.commit()
    open_shift(ctx, "C01", DEMO_FLOAT_FEN)
