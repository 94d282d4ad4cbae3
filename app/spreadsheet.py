"""Text cells that cannot attack the person who opens an export in Excel or WPS.

One function, `safe_text`, used by every CSV and XLSX export for every free-text cell that came from
outside (names, addresses, phones, references, reasons):
- characters an XLSX file cannot hold (C0 controls other than tab, LF and CR; U+FFFE/U+FFFF; lone
  surrogates) are dropped, so one odd name never fails a whole Excel export and CSV reads the same;
- a cell that then begins with `=`, `+`, `-`, `@`, tab or CR gets a single quote `'` in front
  (OWASP's CSV-injection rule), so a spreadsheet shows it as text instead of running it as a formula.
Money produced by `app.money.format_fen` ("-12.30") and counts we compute are safe by construction and
are written as they are (numbers in XLSX), so a negative amount stays a number Excel can sum.
"""

from __future__ import annotations

import re

_XLSX_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    """'=HYPERLINK(…)' → "'=HYPERLINK(…)"; '王\\x07五' → '王五'; '王五' → '王五'."""
    text = _XLSX_ILLEGAL.sub("", value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
