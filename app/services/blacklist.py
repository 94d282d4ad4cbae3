"""The government's quarterly integrity blacklist (诚信黑榜), imported from its CSV.

The file is UTF-8 (a BOM is fine) with a header row naming three columns, in English or Chinese:
``name,credit_code,quarter`` or ``企业名称,统一社会信用代码,季度``. The credit code is the 18-character
unified social credit code (统一社会信用代码, GB 32100-2015) and its check character is verified; the
quarter is written ``2026Q3``. A bad row names its line and nothing is imported. Matching customers
(non-residential, same name) are flagged by the store and graded Ⅰ at their next lookup.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from app.clock import utc_text
from app.errors import InputError
from app.importing import decode_import
from app.messages import Phrase, coded
from app.services.context import Context

CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
COLUMNS = {
    "name": "name",
    "company": "name",
    "企业名称": "name",
    "单位名称": "name",
    "名称": "name",
    "credit_code": "credit_code",
    "code": "credit_code",
    "统一社会信用代码": "credit_code",
    "信用代码": "credit_code",
    "quarter": "quarter",
    "季度": "quarter",
}


@dataclass(frozen=True)
class BlacklistRow:
    line: int
    name: str
    credit_code: str
    quarter: str


@dataclass(frozen=True)
class BlacklistImport:
    rows: int
    matched: int  # customers on the list after the import


def credit_code_problem(code: str) -> Phrase | None:
    """Why this is not a valid unified social credit code, or None when it is."""
    if len(code) != 18:
        return Phrase("blacklist.code_length", {"got": len(code)})
    bad = [ch for ch in code if ch not in CODE_CHARS]
    if bad:
        return Phrase("blacklist.code_char", {"char": bad[0]})
    total = sum(CODE_CHARS.index(ch) * w for ch, w in zip(code[:17], CODE_WEIGHTS, strict=True))
    check = CODE_CHARS[(31 - total % 31) % 31]
    if code[17] != check:
        return Phrase("blacklist.code_check", {"check": check})
    return None


def parse_blacklist(text: str) -> list[BlacklistRow]:
    """Every row of the file, or InputError naming the first bad line."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = next(reader)
    except StopIteration:
        raise coded(InputError, "blacklist.empty") from None
    index: dict[str, int] = {}
    for i, column in enumerate(header):
        key = COLUMNS.get(column.strip().lower()) or COLUMNS.get(column.strip())
        if key:
            index[key] = i
    missing = [c for c in ("name", "credit_code", "quarter") if c not in index]
    if missing:
        raise coded(InputError, "blacklist.header", missing=", ".join(missing))
    rows: list[BlacklistRow] = []
    seen: dict[tuple[str, str], int] = {}
    for line, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        if len(values) < len(header):
            raise coded(InputError, "blacklist.columns", line=line, expected=len(header), got=len(values))
        name = values[index["name"]].strip()
        code = values[index["credit_code"]].strip().upper()
        quarter = values[index["quarter"]].strip().upper()
        if not name:
            raise coded(InputError, "blacklist.no_name", line=line)
        problem = credit_code_problem(code)
        if problem:
            raise coded(InputError, "blacklist.bad_code", line=line, credit_code=code, problem=problem)
        if not QUARTER.match(quarter):
            raise coded(InputError, "blacklist.bad_quarter", line=line, quarter=quarter)
        if (code, quarter) in seen:
            raise coded(
                InputError,
                "blacklist.duplicate",
                line=line,
                credit_code=code,
                quarter=quarter,
                first=seen[(code, quarter)],
            )
        seen[(code, quarter)] = line
        rows.append(BlacklistRow(line, name, code, quarter))
    return rows


def read_blacklist(path: Path | str) -> list[BlacklistRow]:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise coded(
            InputError, "blacklist.unreadable", path=str(path), error=error.strerror or str(error)
        ) from None
    return parse_blacklist(decode_import(raw, "诚信黑榜", str(path)))  # UTF-8 (BOM or not), else GB18030/GBK


def import_blacklist(ctx: Context, path: Path | str) -> BlacklistImport:
    """Parse the whole file first; then store it in one transaction and re-match the customers."""
    rows = read_blacklist(path)
    if not rows:
        raise coded(InputError, "blacklist.no_rows", name=Path(path).name)
    with ctx.uow() as uow:
        matched = uow.risk.import_blacklist(
            [(r.credit_code, r.name, r.quarter) for r in rows], utc_text(ctx.clock.now_utc())
        )
        uow.commit()
    return BlacklistImport(len(rows), matched)
