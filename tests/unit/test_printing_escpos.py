"""ESC/POS encoding and decoding: Chinese mode, rare characters, drawer, decoder strictness."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PIL import ImageChops

from printing.decoder import DecodeError, decode
from printing.escpos_bytes import CHINESE_ON, DRAWER_KICK, INIT, encode_receipt
from printing.fonts import font_for
from printing.layout import layout_receipt
from tests.unit.receipt_samples import cash_with_change, rare_name

RARE = "㐀"  # U+3400: GB18030 has it, a GB2312 printer font does not


def _encode(receipt, columns=32, **kw):
    return encode_receipt(layout_receipt(receipt, columns), columns=columns, **kw)


def test_text_mode_switches_to_chinese_and_sends_gb_codes() -> None:
    data = _encode(cash_with_change()).data
    assert data.startswith(INIT + CHINESE_ON)
    assert "王秀英".encode("gb2312") in data and "￥".encode("gb2312") in data
    assert "王秀英".encode() not in data


def test_text_mode_reports_rare_char_and_prints_a_fullwidth_question_mark() -> None:
    result = _encode(rare_name())
    assert result.unprintable == (RARE,)
    assert RARE.encode("gb18030") not in result.data  # a GB2312 printer would print garbage for it
    assert "张？".encode("gb2312") in result.data
    assert "张？" in "\n".join(decode(result.data, 32).lines)


def test_common_receipt_has_nothing_unprintable() -> None:
    assert _encode(cash_with_change()).unprintable == ()


@pytest.mark.skipif(
    font_for(RARE) is None, reason="no installed font has CJK Extension A (Debian: fonts-hanazono)"
)
def test_image_mode_prints_the_rare_char() -> None:
    rare = _encode(rare_name(), image_mode=True)
    question = _encode(replace(rare_name(), customer_name="张？"), image_mode=True)
    assert rare.unprintable == ()
    assert b"\x1dv0" in rare.data and CHINESE_ON not in rare.data
    a, b = decode(rare.data, 32).image, decode(question.data, 32).image
    assert a.size == b.size and ImageChops.difference(a.convert("L"), b.convert("L")).getbbox() is not None


def test_image_mode_falls_back_to_another_font() -> None:
    char = "Ɛ"  # not in WenQuanYi Micro Hei, in DejaVu Sans
    if font_for(char) is None:
        pytest.skip("DejaVu Sans not installed")
    assert "wqy" not in font_for(char).path
    with_char = decode(_encode(replace(rare_name(), customer_name=char), image_mode=True).data, 32).image
    without = decode(_encode(replace(rare_name(), customer_name="?"), image_mode=True).data, 32).image
    assert ImageChops.difference(with_char.convert("L"), without.convert("L")).getbbox() is not None


def test_image_mode_reports_what_no_font_has() -> None:
    char = "\U00030000"  # CJK Extension G: no installed font has it
    result = _encode(replace(rare_name(), customer_name="王" + char), image_mode=True)
    assert result.unprintable == (char,)


def test_image_mode_is_a_raster_as_wide_as_the_paper() -> None:
    for columns, dots in ((32, 384), (48, 576)):
        decoded = decode(_encode(cash_with_change(), columns, image_mode=True).data, columns)
        assert decoded.rasters >= 1 and decoded.image.width == dots and decoded.lines == []


def test_drawer_kick_only_when_asked() -> None:
    assert DRAWER_KICK not in _encode(cash_with_change()).data
    data = _encode(cash_with_change(), open_drawer=True).data
    assert data.startswith(INIT + DRAWER_KICK) and decode(data, 32).drawer_kicks == 1


def test_name_cannot_inject_commands() -> None:
    data = _encode(replace(cash_with_change(), customer_name="王\x1b@\x1dV\x00英")).data
    assert data.count(INIT) == 1 and data.count(b"\x1dV") == 1


def test_decoder_refuses_what_we_do_not_send() -> None:
    with pytest.raises(DecodeError, match="unknown command ESC"):
        decode(INIT + b"\x1bt\x00", 32)
    with pytest.raises(DecodeError, match="outside Chinese mode"):
        decode(INIT + "王".encode("gb18030") + b"\n", 32)
    with pytest.raises(DecodeError, match="truncated"):
        decode(INIT + b"\x1dv0\x00\x30\x00\x10\x00" + b"\x00" * 10, 32)
    with pytest.raises(DecodeError, match="only normal and double"):
        decode(INIT + b"\x1d!\x01", 32)


def test_decoder_reads_gb18030_four_byte_sequences() -> None:
    data = INIT + CHINESE_ON + RARE.encode("gb18030") + b"\n"
    assert decode(data, 32).lines == [RARE]


def test_python_escpos_style_chinese_without_fs_ampersand_is_caught() -> None:
    """python-escpos 3.1 sends Chinese as GB18030 without switching the printer to Chinese mode."""
    with pytest.raises(DecodeError):
        decode(INIT + "电费".encode("gb18030"), 32)
