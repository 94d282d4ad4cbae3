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
from app.messages import Phrase, coded
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


# bidirectional controls (format characters, Cf): U+202E made a name display reversed in lists and exports
# (issue 28, domain P3-4); refused with the control characters
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def has_control(text: str) -> bool:
    """Control characters (C0, DEL, C1; tab and newline included), line/paragraph separators and the
    bidirectional controls."""
    return any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") or ch in BIDI_CONTROLS for ch in text)


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
    name = (
        Phrase("import.file_named", {"what": what, "source": source})
        if source
        else Phrase("import.file", {"what": what})
    )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise coded(InputError, "import.utf16", name=name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError as gb_error:
            start = utf8_error.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
            line = _line_of(data, max(start, gb_error.start))
            raise coded(InputError, "import.encoding", name=name, line=line) from None


# ------------------------------------------------------------------------------------ rows


def _where(what: str, source: str, line: int) -> Phrase:
    """用户文件 F 第 3 行: where a refusal points, said in the reader's language."""
    if source:
        return Phrase("import.where_named", {"what": what, "source": source, "line": line})
    return Phrase("import.where", {"what": what, "line": line})


def _rows(text: str, header: list[str], what: str, source: str) -> list[tuple[int, dict[str, str]]]:
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text))
    try:
        first = next(reader)
    except StopIteration:
        raise coded(
            InputError, "import.empty", where=_where(what, source, 1), header=",".join(header)
        ) from None
    except csv.Error as error:
        raise coded(
            InputError, "import.unreadable", where=_where(what, source, 1), detail=str(error)
        ) from None
    if [h.strip() for h in first] != header:
        raise coded(InputError, "import.header", where=_where(what, source, 1), header=",".join(header))
    out = []
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise coded(
                    InputError,
                    "import.columns",
                    where=_where(what, source, line),
                    wanted=len(header),
                    found=len(row),
                )
            out.append((line, {k: v.strip() for k, v in zip(header, row)}))
    except csv.Error as error:
        raise coded(
            InputError, "import.unreadable", where=_where(what, source, reader.line_num), detail=str(error)
        ) from None
    if not out:
        raise coded(InputError, "import.no_rows", where=_where(what, source, 2))
    return out


def _customer_no(r: dict[str, str], where: Phrase) -> str:
    no = normalise_customer_no(r["customer_no"])
    if not valid_customer_no(no):
        raise coded(InputError, "import.customer_no", where=where, value=_shown(r["customer_no"]))
    return no


def _text(value: str, label: str, limit: int, where: Phrase, *, required: bool = False) -> None:
    if required and not value:
        raise coded(InputError, "import.required", where=where, field=label)
    if len(value) > limit:
        raise coded(InputError, "import.too_long", where=where, field=label, limit=limit)
    if has_control(value):
        raise coded(InputError, "import.control", where=where, field=label)


def parse_customers(text: str, *, source: str = "") -> list[dict]:
    rows, seen = [], set()
    for line, r in _rows(text, CUSTOMER_HEADER, "用户", source):
        where = _where("用户", source, line)
        no = _customer_no(r, where)
        if no in seen:
            raise coded(InputError, "import.duplicate_customer", where=where, customer_no=no)
        seen.add(no)
        _text(r["name"], "户名", 100, where, required=True)
        _text(r["address"], "地址", 200, where)
        phone = normalise_customer_no(r["phone"])
        if not _PHONE.match(phone):
            raise coded(InputError, "import.phone", where=where, value=_shown(r["phone"]))
        if r["category"] not in _CATEGORIES:
            raise coded(InputError, "import.category", where=where, choices=", ".join(sorted(_CATEGORIES)))
        _text(r["meter_no"], "表号", 40, where)
        if r["prepaid"] not in ("0", "1"):
            raise coded(InputError, "import.prepaid", where=where)
        if r["risk_grade"] not in ("", "I", "II", "III"):
            raise coded(InputError, "import.grade", where=where)
        rows.append({**r, "customer_no": no, "phone": phone, "prepaid": int(r["prepaid"])})
    return rows


def _years_from(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def _due_date(text: str, today: dt.date, where: Phrase) -> dt.date:
    try:
        if not _DATE.match(text):
            raise ValueError(text)
        due = dt.date.fromisoformat(text)
    except ValueError:
        raise coded(InputError, "import.due_invalid", where=where, value=_shown(text)) from None
    earliest, latest = _years_from(today, -DUE_YEARS_BACK), _years_from(today, DUE_YEARS_AHEAD)
    if not earliest <= due <= latest:
        raise coded(
            InputError,
            "import.due_range",
            where=where,
            value=text,
            earliest=earliest.isoformat(),
            latest=latest.isoformat(),
        )
    return due


def parse_bills(text: str, *, today: dt.date | None = None, source: str = "") -> list[dict]:
    """Bill rows; `today` is the business day the due-date window is counted from (the caller's clock)."""
    today = today or business_day(SystemClock().now_utc())
    rows, seen = [], set()
    for line, r in _rows(text, BILL_HEADER, "账单", source):
        where = _where("账单", source, line)
        no = _customer_no(r, where)
        if not _PERIOD.match(r["period"]):
            raise coded(InputError, "import.period", where=where, value=_shown(r["period"]))
        key = (no, r["period"])
        if key in seen:
            raise coded(InputError, "import.duplicate_bill", where=where, customer_no=key[0], period=key[1])
        seen.add(key)
        if not _KWH.match(r["kwh"]):
            raise coded(InputError, "import.kwh", where=where, value=_shown(r["kwh"]))
        try:
            amount = parse_yuan(r["amount"], allow_zero=True)
        except AmountError:
            if _PLAIN_AMOUNT.match(r["amount"]):
                raise coded(InputError, "import.amount_cap", where=where, value=_shown(r["amount"])) from None
            raise coded(InputError, "import.amount", where=where, value=_shown(r["amount"])) from None
        due = _due_date(r["due_date"], today, where)
        rows.append(
            {
                "bill_id": f"{no}-{r['period']}",
                "customer_no": no,
                "period": r["period"],
                "kwh": int(r["kwh"]),
                "amount_fen": int(amount),
                "due_date": due.isoformat(),
                "line": line,
            }
        )
    return rows
