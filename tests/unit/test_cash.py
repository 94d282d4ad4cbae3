"""The cash count: parsing what the clerk types, and splitting the drawer into float and deposit."""

from __future__ import annotations

import pytest

from app.cash import DENOMINATIONS_FEN, CashCount, CountError, parse_count, split_float
from app.errors import InputError


def test_parse_the_typed_count() -> None:
    count = parse_count("100x5,50x2,0.5x3")
    assert count.total_fen == 500_00 + 100_00 + 1_50
    assert count.count_of(10000) == 5 and count.count_of(5000) == 2 and count.count_of(50) == 3
    assert count.count_of(2000) == 0


@pytest.mark.parametrize(
    "text, fen",
    [
        ("100×5，50X2；0.5*3", 60150),
        ("100x1, 100x2", 30000),  # a denomination typed twice adds up
        ("  1x3 0.1x7 ", 370),
        ("100x0", 0),
        ("20x1,10x1,5x1,1x1,0.50x1,0.10x1", 3660),
        ("0.05x1,0.02x2,0.01x3", 12),  # 5, 2 and 1 fen coins
        ("100x7,20x1,5x1,1x2,0.1x4,0.05x1", 727_45),  # a drawer after change of 72.55
    ],
)
def test_parse_accepts_what_clerks_type(text: str, fen: int) -> None:
    assert parse_count(text).total_fen == fen


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "100",
        "100x",
        "x5",
        "3x2",
        "0.03x1",
        "0.2x1",
        "0.001x1",
        "100x-1",
        "1e2x1",
        "100x5,200x1",
        "100x100001",
        "１００x1",
    ],
)
def test_parse_refuses_with_one_sentence(text: str) -> None:
    with pytest.raises(CountError) as info:
        parse_count(text)
    assert isinstance(info.value, InputError)
    message = str(info.value)
    assert message and "\n" not in message


def test_text_and_payload_round_trip() -> None:
    count = parse_count("0.5x3,100x5,50x2")
    assert count.text() == "100x5,50x2,0.5x3"
    assert CashCount.from_payload(count.as_payload()) == count
    assert set(count.as_payload()) == {str(d) for d in DENOMINATIONS_FEN}
    assert count.lines()[0] == ("100元", 5, 50000)


def test_split_keeps_the_float_in_small_pieces() -> None:
    count = parse_count("100x10,50x2,20x5,10x10,5x4,1x20,0.5x4,0.1x10")
    kept, deposit = split_float(count, 500_00)
    assert kept.total_fen == 500_00
    assert kept.total_fen + deposit.total_fen == count.total_fen
    assert deposit.count_of(10000) >= 8  # the big notes go to the bank
    # 0.1x10 + 0.5x4 = 3.00, then 1-yuan coins up to what larger notes can complete: 17 (497 − 17 = 480)
    assert kept.count_of(10) == 10 and kept.count_of(50) == 4 and kept.count_of(100) == 17


def test_split_exact_even_when_greedy_from_small_would_miss() -> None:
    # Keeping 0.60 from 0.5x1 + 0.1x1 + 0.2 ... only 0.5x1 and 0.1x3: greedy small-first takes 0.1x3 then cannot.
    count = parse_count("0.5x1,0.1x3,100x1")
    kept, deposit = split_float(count, 60)
    assert kept.total_fen == 60 and kept.count_of(50) == 1 and kept.count_of(10) == 1
    assert deposit.total_fen == count.total_fen - 60


def test_split_when_the_float_cannot_be_made_exactly() -> None:
    count = parse_count("100x3")
    kept, deposit = split_float(count, 150_00)
    assert kept.total_fen == 100_00 and deposit.total_fen == 200_00


def test_split_when_the_drawer_holds_less_than_the_float() -> None:
    count = parse_count("100x2")
    kept, deposit = split_float(count, 500_00)
    assert kept == count and deposit.total_fen == 0


def test_count_of_refuses_unknown_denominations() -> None:
    with pytest.raises(CountError):
        CashCount.of({300: 1})
    with pytest.raises(CountError):
        CashCount.of({100: -1})


def test_fen_coins_are_counted_labelled_and_round_trip() -> None:
    assert DENOMINATIONS_FEN[-3:] == (5, 2, 1)
    count = parse_count("0.01x3,0.02x2,0.05x1,1x1")
    assert count.total_fen == 112 and count.text() == "1x1,0.05x1,0.02x2,0.01x3"
    assert count.lines()[-3:] == [("5分", 1, 5), ("2分", 2, 4), ("1分", 3, 3)]
    assert CashCount.from_payload(count.as_payload()) == count
    # a journal payload written before the fen coins existed still reads (they count as none)
    old = {str(d): 0 for d in (10000, 5000, 2000, 1000, 500, 100, 50, 10)}
    assert CashCount.from_payload({**old, "100": 2}).total_fen == 200


def test_split_keeps_a_float_with_fen_exactly() -> None:
    count = parse_count("100x5,1x2,0.1x4,0.05x1,0.02x2,0.01x3")  # 502.52
    kept, deposit = split_float(count, 500_07)
    assert kept.total_fen == 500_07 and deposit.total_fen == 2_45
    # the smallest pieces stay: 1分x3 + 2分x2 = 0.07, then 100x5
    assert (kept.count_of(5), kept.count_of(2), kept.count_of(1), kept.count_of(10000)) == (0, 2, 3, 5)
    assert deposit.text() == "1x2,0.1x4,0.05x1"
