"""Receipt layout: every line fits the paper, wrapping loses nothing, amounts end at the edge."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.money import yuan_text
from printing.layout import Line, layout_receipt
from printing.textwidth import char_width, text_width, wrap
from tests.unit.receipt_samples import SAMPLES, cash_with_change, late_fee_with_waiver

# ASCII, common CJK, full-width punctuation, Extension A (㐀...) and GB2312 "ambiguous" symbols
text_chars = st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),
    st.characters(min_codepoint=0x3400, max_codepoint=0x3420),
    st.sampled_from("，。（）：￥·×é—"),
)
texts = st.text(text_chars, min_size=0, max_size=80)


def _fits(lines: list[Line], columns: int) -> None:
    for line in lines:
        assert line.columns_used <= columns, f"{line.text!r} takes {line.columns_used} of {columns} columns"


def test_char_widths() -> None:
    assert char_width("a") == 1 and char_width("王") == 2 and char_width("￥") == 2 and char_width("㐀") == 2
    assert char_width("×") == 2  # GB2312 prints it full-width although Unicode calls it ambiguous
    assert text_width("128号") == 5


@given(texts, st.integers(min_value=2, max_value=48))
def test_wrap_keeps_every_character_and_width(text: str, width: int) -> None:
    pieces = wrap(text, width)
    assert "".join(pieces) == text
    assert all(text_width(p) <= width for p in pieces)


def test_wrap_keeps_a_house_number_together() -> None:
    assert wrap("城东区解放路128号", 13) == ["城东区解放路", "128号"]


@settings(max_examples=150, deadline=None)
@given(name=texts, address=texts, reference=texts, reason=texts, columns=st.sampled_from([32, 48]))
def test_no_line_wider_than_the_paper(
    name: str, address: str, reference: str, reason: str, columns: int
) -> None:
    receipt = replace(
        late_fee_with_waiver(), customer_name=name, address=address, reference=reference, waiver_reason=reason
    )
    lines = layout_receipt(receipt, columns)
    _fits(lines, columns)
    flat = "".join(line.text for line in lines if line.op == "text").replace(" ", "")
    for field in (name, address, reference):
        assert field.replace(" ", "") in flat  # wrapped, never cut


@pytest.mark.parametrize("columns", [32, 48])
@pytest.mark.parametrize("name", list(SAMPLES))
def test_samples_fit(name: str, columns: int) -> None:
    _fits(layout_receipt(SAMPLES[name](), columns), columns)


@settings(max_examples=100, deadline=None)
@given(
    fen=st.lists(st.integers(min_value=0, max_value=99_999_999_99), min_size=4, max_size=4),
    columns=st.sampled_from([32, 48]),
)
def test_amounts_are_right_aligned_to_the_last_column(fen: list[int], columns: int) -> None:
    total, tendered, change, balance = fen
    receipt = replace(
        cash_with_change(),
        total_fen=total,
        tendered_fen=tendered,
        change_fen=change,
        balance_after_fen=balance,
    )
    lines = layout_receipt(receipt, columns)
    _fits(lines, columns)
    texts_ = [line.text for line in lines]
    for label, amount in (("客户付款", tendered), ("找零", change), ("交费后预存余额", balance)):
        row = next(t for t in texts_ if t.startswith(label))
        assert row.endswith(yuan_text(amount)) and text_width(row) == columns, row
    total_row = next(t for t in texts_ if t.startswith("合计"))
    assert total_row.endswith("￥" + yuan_text(total)) and text_width(total_row) == columns


def test_yuan_sign_is_fullwidth_never_u00a5() -> None:
    for columns in (32, 48):
        text = "".join(line.text for line in layout_receipt(cash_with_change(), columns))
        assert "￥" in text and "¥" not in text


def test_reprint_is_marked_and_original_is_not() -> None:
    original = [line.text for line in layout_receipt(cash_with_change(), 32)]
    copy = layout_receipt(cash_with_change().as_reprint(), 32)
    assert not any("重打" in t for t in original)
    mark = next(line for line in copy if "重打" in line.text)
    assert mark.double and mark.bold and mark.align == "center"


def test_control_characters_in_a_name_cannot_become_printer_commands() -> None:
    receipt = replace(cash_with_change(), customer_name="王\x1b@秀\x1dV英")
    text = "".join(line.text for line in layout_receipt(receipt, 32))
    assert "\x1b" not in text and "\x1d" not in text and "王?@秀?V英" in text


def test_qr_and_cut_ops() -> None:
    lines = layout_receipt(cash_with_change(), 48)
    assert [line.text for line in lines if line.op == "qr"] == [cash_with_change().qr_text]
    assert lines[-1].op == "cut"
