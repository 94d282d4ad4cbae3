"""Parsing head office's CSV exports (DESIGN.md "Import files"). Pure: text in, rows or one error out.

A bad row names its line number; the caller imports nothing when any row is bad.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from app.errors import InputError
from app.model import Category
from app.money import AmountError, parse_yuan

CUSTOMER_HEADER = ["customer_no", "name", "address", "phone", "category", "meter_no", "prepaid", "risk_grade"]
BILL_HEADER = ["customer_no", "period", "kwh", "amount", "due_date"]

_CUSTOMER_NO = re.compile(r"^\d{4,20}$")
_PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_PHONE = re.compile(r"^[\d\- ]{0,20}$")
_CATEGORIES = {c.value for c in Category}


def valid_customer_no(text: str) -> bool:
    return bool(_CUSTOMER_NO.match(text))


def _rows(text: str, header: list[str], what: str) -> list[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(text))
    try:
        first = next(reader)
    except StopIteration:
        raise InputError(f"{what}文件是空的；第 1 行应为表头 {','.join(header)}。") from None
    except csv.Error as error:
        raise InputError(f"{what}文件第 1 行无法读取（{error}）。") from None
    if [h.strip() for h in first] != header:
        raise InputError(f"{what}文件第 1 行表头应为 {','.join(header)}。")
    out = []
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise InputError(f"{what}文件第 {line} 行应有 {len(header)} 列，实有 {len(row)} 列。")
            out.append((line, {k: v.strip() for k, v in zip(header, row)}))
    except csv.Error as error:
        raise InputError(f"{what}文件第 {reader.line_num} 行无法读取（{error}）。") from None
    return out


def parse_customers(text: str) -> list[dict]:
    rows, seen = [], set()
    for line, r in _rows(text, CUSTOMER_HEADER, "用户"):
        where = f"用户文件第 {line} 行"
        if not valid_customer_no(r["customer_no"]):
            raise InputError(f"{where}：户号“{r['customer_no']}”应为 4–20 位数字。")
        if r["customer_no"] in seen:
            raise InputError(f"{where}：户号 {r['customer_no']} 重复。")
        seen.add(r["customer_no"])
        if not r["name"] or len(r["name"]) > 100:
            raise InputError(f"{where}：户名不能为空，且不超过 100 字。")
        if len(r["address"]) > 200:
            raise InputError(f"{where}：地址不超过 200 字。")
        if not _PHONE.match(r["phone"]):
            raise InputError(f"{where}：电话“{r['phone']}”格式不对。")
        if r["category"] not in _CATEGORIES:
            raise InputError(f"{where}：用电类别应为 {', '.join(sorted(_CATEGORIES))} 之一。")
        if r["prepaid"] not in ("0", "1"):
            raise InputError(f"{where}：prepaid 应为 0 或 1。")
        if r["risk_grade"] not in ("", "I", "II", "III"):
            raise InputError(f"{where}：风险等级应为 I、II、III 或空。")
        rows.append({**r, "prepaid": int(r["prepaid"])})
    return rows


def parse_bills(text: str) -> list[dict]:
    rows, seen = [], set()
    for line, r in _rows(text, BILL_HEADER, "账单"):
        where = f"账单文件第 {line} 行"
        if not valid_customer_no(r["customer_no"]):
            raise InputError(f"{where}：户号“{r['customer_no']}”应为 4–20 位数字。")
        if not _PERIOD.match(r["period"]):
            raise InputError(f"{where}：账期“{r['period']}”应为 YYYY-MM。")
        key = (r["customer_no"], r["period"])
        if key in seen:
            raise InputError(f"{where}：户号 {key[0]} 的账期 {key[1]} 重复。")
        seen.add(key)
        if not r["kwh"].isdigit() or len(r["kwh"]) > 9:
            raise InputError(f"{where}：电量“{r['kwh']}”应为非负整数。")
        try:
            amount = parse_yuan(r["amount"], allow_zero=True)
        except AmountError:
            raise InputError(f"{where}：金额“{r['amount']}”应为元，最多两位小数，如 123.45。") from None
        try:
            due = dt.date.fromisoformat(r["due_date"])
        except ValueError:
            raise InputError(f"{where}：缴费截止日“{r['due_date']}”应为 YYYY-MM-DD。") from None
        rows.append({
            "bill_id": f"{r['customer_no']}-{r['period']}", "customer_no": r["customer_no"], "period": r["period"],
            "kwh": int(r["kwh"]), "amount_fen": int(amount), "due_date": due.isoformat(), "line": line,
        })
    return rows
