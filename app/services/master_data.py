"""Import of head office's master data: all rows or none, and the same file twice changes nothing."""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import InputError
from app.services.context import Context


@dataclass(frozen=True)
class ImportResult:
    customers: int
    bills: int


def import_master_data(ctx: Context, customers: list[dict], bills: list[dict]) -> ImportResult:
    if not customers and not bills:
        raise InputError("请给出 --customers 或 --bills 文件。")
    with ctx.uow() as uow:
        uow.customers.upsert(customers)
        known = {c["customer_no"] for c in customers}
        for bill in bills:
            if bill["customer_no"] not in known:
                if uow.customers.get(bill["customer_no"]) is None:
                    raise InputError(f"账单文件第 {bill['line']} 行：户号 {bill['customer_no']} 不存在。")
                known.add(bill["customer_no"])
        uow.bills.upsert([{k: v for k, v in b.items() if k != "line"} for b in bills])
        uow.commit()
    return ImportResult(len(customers), len(bills))
