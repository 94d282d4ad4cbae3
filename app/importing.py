"""Parsing head office's CSV exports (DESIGN.md "Import files"). Pure: bytes or text in, rows or one error out.

A bad row names its file and line number; the caller imports nothing when any row is bad.
Nothing outside-made is taken on trust: the encoding is decided strictly (UTF-8 with or without BOM,
else GB18030, the superset of GBK that Chinese Excel saves), every number must be ASCII digits
(full-width digits as a Chinese input method types them are turned into ASCII; superscripts, circled or
Arabic-Indic digits are refused), dates must be real ISO dates near today, and text fields hold no
control characters.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata

from app.clock import SystemClock, business_day
from app.errors import InputError
from app.model import Category
from app.money import AmountError, parse_yuan

CUSTOMER_HEADER = ["customer_no", "name", "address", "phone", "category", "meter_no", "prepaid", "risk_grade"]
BILL_HEADER = ["customer_no", "period", "kwh", "amount", "due_date"]

# A due date outside [today − 10 years, today + 1 year] is a typing or export mistake, never a bill.
DUE_YEARS_BACK = 10
DUE_YEARS_AHEAD = 1

_CUSTOMER_NO = re.compile(r"^[0-9]{4,20}$", re.ASCII)
_PERIOD = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$", re.ASCII)
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", re.ASCII)
_KWH = re.compile(r"^[0-9]{1,9}$", re.ASCII)
_PLAIN_AMOUNT = re.compile(r"^[0-9]+(\.[0-9]{1,2})?$", re.ASCII)
_PHONE = re.compile(r"^[0-9\- ]{0,20}$", re.ASCII)
_FULL_WIDTH_DIGITS = {ord("０") + i: ord("0") + i for i in range(10)}
_CATEGORIES = {c.value for c in Category}


def valid_customer_no(text: str) -> bool:
    """4–20 ASCII digits (what the store keys customers by)."""
    return bool(_CUSTOMER_NO.match(text))


def normalise_customer_no(text: str) -> str:
    """Full-width digits (０-９) become ASCII; every other character is kept, so the check refuses it.

    NFKC alone would also turn '²' or '①' into '2' / '1'; those are not something a person types as a
    customer number, so only the full-width forms are translated.
    """
    return text.translate(_FULL_WIDTH_DIGITS)


def has_control(text: str) -> bool:
    """Control characters (C0, DEL, C1; tab and newline included) and line/paragraph separators."""
    return any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in text)


def _shown(value: str, limit: int = 30) -> str:
    """An input value echoed in a sentence: control characters made visible, long values cut."""
    text = "".join(ch.encode("unicode_escape").decode("ascii") if has_control(ch) else ch for ch in value)
    return text if len(text) <= limit else text[:limit] + "…"


# ------------------------------------------------------------------------------------ decoding

def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode_import(data: bytes, what: str, source: str = "") -> str:
    """The file's bytes → text: UTF-8 (a BOM is dropped) if it decodes strictly, else GB18030.

    Neither: one sentence naming the line of the first byte that fits neither (the later of the two
    failures, since the encoding that got further is the one the file was meant to be in).
    """
    name = f"{what}文件 {source} " if source else f"{what}文件"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name}是 UTF-16 编码（Excel 的“Unicode 文本”）；请在 Excel 中另存为“CSV UTF-8”或“CSV”。")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError as gb_error:
            start = utf8_error.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
            line = _line_of(data, max(start, gb_error.start))
            raise InputError(f"{name}第 {line} 行既不是 UTF-8 也不是 GB18030/GBK 编码，无法读取；"
                             f"请在 Excel 中另存为“CSV UTF-8”后重新导入。") from None


# ------------------------------------------------------------------------------------ rows

def _where(what: str, source: str, line: int) -> str:
    return f"{what}文件 {source} 第 {line} 行" if source else f"{what}文件第 {line} 行"


def _rows(text: str, header: list[str], what: str, source: str) -> list[tuple[int, dict[str, str]]]:
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text))
    try:
        first = next(reader)
    except StopIteration:
        raise InputError(f"{_where(what, source, 1)}应为表头 {','.join(header)}，但文件是空的。") from None
    except csv.Error as error:
        raise InputError(f"{_where(what, source, 1)}无法读取（{error}）。") from None
    if [h.strip() for h in first] != header:
        raise InputError(f"{_where(what, source, 1)}：表头应为 {','.join(header)}。")
    out = []
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise InputError(f"{_where(what, source, line)}：应有 {len(header)} 列，实有 {len(row)} 列。")
            out.append((line, {k: v.strip() for k, v in zip(header, row)}))
    except csv.Error as error:
        raise InputError(f"{_where(what, source, reader.line_num)}无法读取（{error}）。") from None
    if not out:
        raise InputError(f"{_where(what, source, 2)}起应有数据，但文件只有表头。")
    return out


def _customer_no(r: dict[str, str], where: str) -> str:
    no = normalise_customer_no(r["customer_no"])
    if not valid_customer_no(no):
        raise InputError(f"{where}：户号“{_shown(r['customer_no'])}”应为 4–20 位数字。")
    return no


def _text(value: str, label: str, limit: int, where: str, *, required: bool = False) -> None:
    if required and not value:
        raise InputError(f"{where}：{label}不能为空。")
    if len(value) > limit:
        raise InputError(f"{where}：{label}不超过 {limit} 字。")
    if has_control(value):
        raise InputError(f"{where}：{label}含有控制字符（如换行、制表符）；请删去后重新导入。")


def parse_customers(text: str, *, source: str = "") -> list[dict]:
    rows, seen = [], set()
    for line, r in _rows(text, CUSTOMER_HEADER, "用户", source):
        where = _where("用户", source, line)
        no = _customer_no(r, where)
        if no in seen:
            raise InputError(f"{where}：户号 {no} 重复。")
        seen.add(no)
        _text(r["name"], "户名", 100, where, required=True)
        _text(r["address"], "地址", 200, where)
        phone = normalise_customer_no(r["phone"])
        if not _PHONE.match(phone):
            raise InputError(f"{where}：电话“{_shown(r['phone'])}”格式不对（只能有数字、空格和 -，不超过 20 位）。")
        if r["category"] not in _CATEGORIES:
            raise InputError(f"{where}：用电类别应为 {', '.join(sorted(_CATEGORIES))} 之一。")
        _text(r["meter_no"], "表号", 40, where)
        if r["prepaid"] not in ("0", "1"):
            raise InputError(f"{where}：prepaid 应为 0 或 1。")
        if r["risk_grade"] not in ("", "I", "II", "III"):
            raise InputError(f"{where}：风险等级应为 I、II、III 或空。")
        rows.append({**r, "customer_no": no, "phone": phone, "prepaid": int(r["prepaid"])})
    return rows


def _years_from(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def _due_date(text: str, today: dt.date, where: str) -> dt.date:
    try:
        if not _DATE.match(text):
            raise ValueError(text)
        due = dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{where}：缴费截止日“{_shown(text)}”不是有效日期；应为 YYYY-MM-DD，如 2026-12-20。") from None
    earliest, latest = _years_from(today, -DUE_YEARS_BACK), _years_from(today, DUE_YEARS_AHEAD)
    if not earliest <= due <= latest:
        raise InputError(f"{where}：缴费截止日 {text} 不合理；应在 {earliest.isoformat()} 至 "
                         f"{latest.isoformat()} 之间。")
    return due


def parse_bills(text: str, *, today: dt.date | None = None, source: str = "") -> list[dict]:
    """Bill rows; `today` is the business day the due-date window is counted from (the caller's clock)."""
    today = today or business_day(SystemClock().now_utc())
    rows, seen = [], set()
    for line, r in _rows(text, BILL_HEADER, "账单", source):
        where = _where("账单", source, line)
        no = _customer_no(r, where)
        if not _PERIOD.match(r["period"]):
            raise InputError(f"{where}：账期“{_shown(r['period'])}”应为 YYYY-MM（月份 01–12），如 2026-10。")
        key = (no, r["period"])
        if key in seen:
            raise InputError(f"{where}：户号 {key[0]} 的账期 {key[1]} 重复。")
        seen.add(key)
        if not _KWH.match(r["kwh"]):
            raise InputError(f"{where}：电量“{_shown(r['kwh'])}”应为非负整数（半角数字，不超过 9 位）。")
        try:
            amount = parse_yuan(r["amount"], allow_zero=True)
        except AmountError:
            if _PLAIN_AMOUNT.match(r["amount"]):
                raise InputError(f"{where}：金额 {_shown(r['amount'])} 超过单张账单上限；请核对。") from None
            raise InputError(f"{where}：金额“{_shown(r['amount'])}”应为元，最多两位小数，如 123.45。") from None
        due = _due_date(r["due_date"], today, where)
        rows.append({
            "bill_id": f"{no}-{r['period']}", "customer_no": no, "period": r["period"],
            "kwh": int(r["kwh"]), "amount_fen": int(amount), "due_date": due.isoformat(), "line": line,
        })
    return rows
