from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.money import AmountError, format_fen, parse_yuan, round_half_up


@pytest.mark.parametrize(
    "text,fen", [("123.45", 12345), ("0.5", 50), ("7", 700), (" 1.05 ", 105), ("0.01", 1)]
)
def test_parse(text, fen):
    assert parse_yuan(text) == fen


@pytest.mark.parametrize(
    "text", ["abc", "-5", "1.234", "", "1e3", "1,00", "0", "0.00", "１２", "NaN", "1.", ".5"]
)
def test_parse_refuses(text):
    with pytest.raises(AmountError):
        parse_yuan(text)


def test_zero_allowed_when_asked():
    assert parse_yuan("0", allow_zero=True) == 0


@given(st.integers(-(10**12), 10**12))
def test_format_parse_round_trip(fen):
    text = format_fen(fen)
    if fen > 0 and fen <= 100_000_000_00:
        assert parse_yuan(text) == fen
    assert text.count(".") == 1 and len(text.split(".")[1]) == 2


@pytest.mark.parametrize(
    "num,den,out", [(1, 2, 1), (3, 2, 2), (5, 2, 3), (-5, 2, -3), (12345, 1000, 12), (61725, 1000, 62)]
)
def test_round_half_up(num, den, out):
    assert round_half_up(Fraction(num, den)) == out


@given(st.text(max_size=20))
def test_parse_never_crashes_otherwise(text):
    try:
        fen = parse_yuan(text)
    except AmountError:
        return
    assert isinstance(fen, int) and fen > 0


@pytest.mark.parametrize(
    "fen,text", [(12345678, "123,456.78"), (-5, "-0.05"), (100000000, "1,000,000.00"), (0, "0.00")]
)
def test_grouped_format(fen, text):
    assert format_fen(fen, grouped=True) == text


def test_yuan_text_groups_and_parse_yuan_reads_it_back():
    """ux #13: one formatter for every amount a person reads, and a field's grouped text parses back."""
    from app.money import yuan_text

    assert (yuan_text(6827440), yuan_text(5), yuan_text(-123456)) == ("68,274.40", "0.05", "-1,234.56")
    for fen in (0, 5, 99_999, 100_000, 6827440, 99_999_999_99):
        assert parse_yuan(yuan_text(fen), allow_zero=True) == fen
    for bad in ("1,2", "12,34.00", ",100", "1,000,", "1.000,00", "1,0000"):
        with pytest.raises(AmountError):
            parse_yuan(bad)
