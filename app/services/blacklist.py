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
from app.services.context import Context

CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
COLUMNS = {
    "name": "name", "company": "name", "企业名称": "name", "单位名称": "name", "名称": "name",
    "credit_code": "credit_code", "code": "credit_code", "统一社会信用代码": "credit_code", "信用代码": "credit_code",
    "quarter": "quarter", "季度": "quarter",
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


def credit_code_problem(code: str) -> str | None:
    """Why this is not a valid unified social credit code, or None when it is."""
    if len(code) != 18:
        return f"应为 18 位，实为 {len(code)} 位"
    bad = [ch for ch in code if ch not in CODE_CHARS]
    if bad:
        return f"含无效字符“{bad[0]}”"
    total = sum(CODE_CHARS.index(ch) * w for ch, w in zip(code[:17], CODE_WEIGHTS, strict=True))
    check = CODE_CHARS[(31 - total % 31) % 31]
    if code[17] != check:
        return f"校验位应为 {check}"
    return None


def parse_blacklist(text: str) -> list[BlacklistRow]:
    """Every row of the file, or InputError naming the first bad line."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("诚信黑榜文件是空的；第 1 行应为表头：企业名称,统一社会信用代码,季度。") from None
    index: dict[str, int] = {}
    for i, column in enumerate(header):
        key = COLUMNS.get(column.strip().lower()) or COLUMNS.get(column.strip())
        if key:
            index[key] = i
    missing = [c for c in ("name", "credit_code", "quarter") if c not in index]
    if missing:
        raise InputError("诚信黑榜文件第 1 行应为表头：企业名称,统一社会信用代码,季度"
                         f"（缺少 {'、'.join(missing)}）。")
    rows: list[BlacklistRow] = []
    seen: dict[tuple[str, str], int] = {}
    for line, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        if len(values) < len(header):
            raise InputError(f"诚信黑榜文件第 {line} 行：应有 {len(header)} 列，实为 {len(values)} 列。")
        name = values[index["name"]].strip()
        code = values[index["credit_code"]].strip().upper()
        quarter = values[index["quarter"]].strip().upper()
        if not name:
            raise InputError(f"诚信黑榜文件第 {line} 行：企业名称为空。")
        problem = credit_code_problem(code)
        if problem:
            raise InputError(f"诚信黑榜文件第 {line} 行：统一社会信用代码“{code}”无效（{problem}）。")
        if not QUARTER.match(quarter):
            raise InputError(f"诚信黑榜文件第 {line} 行：季度“{quarter}”无效，应写成如 2026Q3。")
        if (code, quarter) in seen:
            raise InputError(f"诚信黑榜文件第 {line} 行：统一社会信用代码 {code} 在 {quarter} 已出现于第 "
                             f"{seen[(code, quarter)]} 行。")
        seen[(code, quarter)] = line
        rows.append(BlacklistRow(line, name, code, quarter))
    return rows


def read_blacklist(path: Path | str) -> list[BlacklistRow]:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"无法读取诚信黑榜文件 {path}：{error.strerror or error}。") from None
    return parse_blacklist(decode_import(raw, "诚信黑榜", str(path)))  # UTF-8 (BOM or not), else GB18030/GBK


def import_blacklist(ctx: Context, path: Path | str) -> BlacklistImport:
    """Parse the whole file first; then store it in one transaction and re-match the customers."""
    rows = read_blacklist(path)
    if not rows:
        raise InputError(f"诚信黑榜文件 {Path(path).name} 没有数据行；未导入。")
    with ctx.uow() as uow:
        matched = uow.risk.import_blacklist([(r.credit_code, r.name, r.quarter) for r in rows],
                                            utc_text(ctx.clock.now_utc()))
        uow.commit()
    return BlacklistImport(len(rows), matched)
