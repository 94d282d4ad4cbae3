"""Finding the customer: typed or scanned 户号, card (meter) number, phone, name or address."""

from __future__ import annotations

from app.errors import InputError
from app.model import Customer
from app.services.context import Context

MAX_RESULTS = 50


def find_customers(ctx: Context, query: str, limit: int = MAX_RESULTS) -> list[Customer]:
    q = " ".join(query.split())
    if not q:
        raise InputError("请输入户号、卡号、电话、姓名或地址。")
    if len(q) == 1 and not q.isdigit():
        raise InputError("请至少输入两个字再查找。")
    with ctx.read() as uow:
        return uow.customers.find(q, limit)
