"""safe_text, the one neutraliser of outside text in CSV and XLSX exports, over any text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from app.spreadsheet import FORMULA_STARTS, safe_text

ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
SHEET = Workbook().active
dangerous = st.sampled_from([*FORMULA_STARTS, "\x07", "\x00="]).flatmap(
    lambda c: st.text(max_size=8).map(c.__add__)
)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20) | dangerous)
def test_any_text_becomes_a_text_cell_xlsx_can_hold_with_nothing_but_the_illegal_lost(value: str) -> None:
    text = safe_text(value)
    assert not text.startswith(FORMULA_STARTS)
    cleaned = ILLEGAL.sub("", value)
    assert text in (cleaned, "'" + cleaned) and (text == cleaned) != cleaned.startswith(FORMULA_STARTS)
    assert safe_text(text) == text  # a neutralised cell is left alone
    cell = SHEET.cell(1, 1)
    cell.value = text  # openpyxl raises IllegalCharacterError on what XLSX cannot hold
    assert cell.data_type == "s"
