"""Finding the customer: typed or scanned 户号, card (meter) number, phone, name or address."""

from __future__ import annotations

from app.errors import InputError
from app.messages import coded
from app.model import Customer
from app.services.context import Context

MAX_RESULTS = 50


def find_customers(ctx: Context, query: str, limit: int = MAX_RESULTS) -> list[Customer]:
    q = " ".join(query.split())
    if not q:
        raise coded(InputError, "lookup.empty")
    if len(q) == 1 and not q.isdigit():
        raise coded(InputError, "lookup.too_short")
    with ctx.read() as uow:
        return uow.customers.find(q, limit)
