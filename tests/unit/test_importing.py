"""The import parsers on their own: encodings, and every kind of garbage refused with its line number."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.errors import HallPayError, InputError
from app.importing import (
    BILL_HEADER,
    CUSTOMER_HEADER,
    decode_import,
    parse_bills,
    parse_customers,
)

TODAY = dt.date(2026, 11, 23)
CUSTOMERS = ",".join(CUSTOMER_HEADER) + "\n"
BILLS = ",".join(BILL_HEADER) + "\n"
GOOD_CUSTOMER = "5000000001,王秀英,北京路1号,13800000000,residential,M1,0,\n"
GOOD_BILL = "1000000001,2026-10,120,61.20,2026-11-30\n"


def bills(*lines: str) -> list[dict]:
    return parse_bills(BILLS + "".join(lines), today=TODAY, source="b.csv")


def refusal(call, *args, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        call(*args, **kwargs)
    text = str(info.value)
    assert "\n" not in text and text.endswith("。")
    return text


# ------------------------------------------------------------------------------------ encodings


def test_utf8_with_and_without_bom_and_gb18030_decode_to_the_same_rows() -> None:
    text = CUSTOMERS + GOOD_CUSTOMER
    utf8, bom, gbk, gb18030 = (
        text.encode("utf-8"),
        b"\xef\xbb\xbf" + text.encode("utf-8"),
        text.encode("gbk"),
        text.encode("gb18030"),
    )
    assert gbk != utf8  # the point: Excel's Chinese CSV is not UTF-8
    rows = [parse_customers(decode_import(data, "用户", "c.csv")) for data in (utf8, bom, gbk, gb18030)]
    assert rows[0] == rows[1] == rows[2] == rows[3]
    assert rows[0] == [
        {
            "customer_no": "5000000001",
            "name": "王秀英",
            "address": "北京路1号",
            "phone": "13800000000",
            "category": "residential",
            "meter_no": "M1",
            "prepaid": 0,
            "risk_grade": "",
        }
    ]


def test_gb18030_only_characters_are_read() -> None:
    # 䶮 (U+4DAE) is in GB18030 (four bytes) but not in GBK
    data = (CUSTOMERS + "5000000001,刘䶮,广州,,residential,M1,0,\n").encode("gb18030")
    assert parse_customers(decode_import(data, "用户"))[0]["name"] == "刘䶮"


def test_undecodable_byte_names_its_line() -> None:
    data = (CUSTOMERS + GOOD_CUSTOMER).encode("utf-8") + b"5000000002,\xff\xfe\xff,x,,residential,M2,0,\n"
    assert refusal(decode_import, data, "用户", "c.csv") == (
        "用户文件 c.csv 第 3 行既不是 UTF-8 也不是 GB18030/GBK 编码，无法读取；请在 Excel 中另存为“CSV UTF-8”后重新导入。"
    )


def test_utf16_is_named_as_such() -> None:
    data = (CUSTOMERS + GOOD_CUSTOMER).encode("utf-16")
    assert refusal(decode_import, data, "用户", "c.csv") == (
        "用户文件 c.csv 是 UTF-16 编码（Excel 的“Unicode 文本”）；请在 Excel 中另存为“CSV UTF-8”或“CSV”。"
    )


# ------------------------------------------------------------------------------------ customers


def test_full_width_customer_numbers_and_phones_become_ascii() -> None:
    [row] = parse_customers(
        CUSTOMERS + "５０００００００９９,王测试,北京路,１３８-０００,residential,M1,0,\n"
    )
    assert (row["customer_no"], row["phone"]) == ("5000000099", "138-000")


@pytest.mark.parametrize(
    "number",
    [
        "٥٠٠٠٠٠٠٠٩٨",
        "50000000²",
        "①0000000001",
        "5000 0001",
        "12a45",
        "123",
        "5" * 21,
        "-5000000001",
        "+5000000001",
    ],
)
def test_customer_numbers_that_are_not_digits_are_refused_with_the_line(number: str) -> None:
    text = CUSTOMERS + GOOD_CUSTOMER + f"{number},王五,北京路,,residential,M1,0,\n"
    assert refusal(parse_customers, text, source="c.csv") == (
        f"用户文件 c.csv 第 3 行：户号“{number}”应为 4–20 位数字。"
    )


@pytest.mark.parametrize("name", ["王\x00五", "王\x07五", "王\x1b[31m五", "王\t五", "王\u2028五", "王\x85五"])
def test_control_characters_in_names_are_refused(name: str) -> None:
    text = CUSTOMERS + GOOD_CUSTOMER + f"5000000002,{name},北京路,,residential,M1,0,\n"
    assert refusal(parse_customers, text, source="c.csv") == (
        "用户文件 c.csv 第 3 行：户名含有控制字符（如换行、制表符）；请删去后重新导入。"
    )


def test_a_newline_inside_a_quoted_address_is_refused_on_the_line_where_the_row_ends() -> None:
    text = CUSTOMERS + GOOD_CUSTOMER + '5000000002,王五,"北京路\n1号",,residential,M1,0,\n'
    assert refusal(parse_customers, text, source="c.csv") == (
        "用户文件 c.csv 第 4 行：地址含有控制字符（如换行、制表符）；请删去后重新导入。"
    )


def test_header_only_says_so() -> None:
    assert (
        refusal(parse_customers, CUSTOMERS, source="c.csv")
        == "用户文件 c.csv 第 2 行起应有数据，但文件只有表头。"
    )


# ------------------------------------------------------------------------------------ bills


def test_a_good_bill() -> None:
    assert bills(GOOD_BILL) == [
        {
            "bill_id": "1000000001-2026-10",
            "customer_no": "1000000001",
            "period": "2026-10",
            "kwh": 120,
            "amount_fen": 6120,
            "due_date": "2026-11-30",
            "line": 2,
        }
    ]


@pytest.mark.parametrize("kwh", ["²", "١٢", "１２", "-5", "1.5", "", "1234567890", "1e3"])
def test_kwh_that_is_not_ascii_digits_is_refused(kwh: str) -> None:
    assert refusal(bills, GOOD_BILL, f"1000000001,2026-09,{kwh},1.00,2026-11-30\n") == (
        f"账单文件 b.csv 第 3 行：电量“{kwh}”应为非负整数（半角数字，不超过 9 位）。"
    )


@pytest.mark.parametrize("period", ["2026-13", "2026-00", "2026-1", "202610", "２０２６-10", "2026/10", ""])
def test_periods_that_are_not_yyyy_mm_are_refused(period: str) -> None:
    assert refusal(bills, GOOD_BILL, f"1000000001,{period},1,1.00,2026-11-30\n") == (
        f"账单文件 b.csv 第 3 行：账期“{period}”应为 YYYY-MM（月份 01–12），如 2026-10。"
    )


@pytest.mark.parametrize(
    "due", ["20261220", "2026-W51-7", "2026-02-30", "2026/12/20", "", "２０２６-12-20", "2026-12-20T00:00"]
)
def test_due_dates_that_are_not_iso_dates_are_refused(due: str) -> None:
    assert refusal(bills, GOOD_BILL, f"1000000001,2026-09,1,1.00,{due}\n") == (
        f"账单文件 b.csv 第 3 行：缴费截止日“{due}”不是有效日期；应为 YYYY-MM-DD，如 2026-12-20。"
    )


@pytest.mark.parametrize("due", ["0001-01-01", "9999-12-31", "2016-11-22", "2027-11-24"])
def test_due_dates_outside_ten_years_back_and_one_ahead_are_refused(due: str) -> None:
    assert refusal(bills, GOOD_BILL, f"1000000001,2026-09,1,1.00,{due}\n") == (
        f"账单文件 b.csv 第 3 行：缴费截止日 {due} 不合理；应在 2016-11-23 至 2027-11-23 之间。"
    )


def test_the_window_is_inclusive_and_counts_from_the_callers_today() -> None:
    rows = bills("1000000001,2026-09,1,1.00,2016-11-23\n", "1000000001,2026-10,1,1.00,2027-11-23\n")
    assert [r["due_date"] for r in rows] == ["2016-11-23", "2027-11-23"]
    leap = parse_bills(BILLS + "1000000001,2026-09,1,1.00,2014-02-28\n", today=dt.date(2024, 2, 29))
    assert leap[0]["due_date"] == "2014-02-28"


@pytest.mark.parametrize(
    ("amount", "why"),
    [
        ("-100.00", "应为元，最多两位小数，如 123.45"),
        ("100.001", "应为元，最多两位小数，如 123.45"),
        ("abc", "应为元，最多两位小数，如 123.45"),
        ("１００.00", "应为元，最多两位小数，如 123.45"),
        ("1e3", "应为元，最多两位小数，如 123.45"),
        ("NaN", "应为元，最多两位小数，如 123.45"),
    ],
)
def test_malformed_or_negative_amounts_are_refused(amount: str, why: str) -> None:
    assert refusal(bills, GOOD_BILL, f"1000000001,2026-09,1,{amount},2026-11-30\n") == (
        f"账单文件 b.csv 第 3 行：金额“{amount}”{why}。"
    )


def test_amounts_over_the_cap_are_refused_and_the_cap_itself_is_taken() -> None:
    assert refusal(bills, GOOD_BILL, "1000000001,2026-09,1,100000000.01,2026-11-30\n") == (
        "账单文件 b.csv 第 3 行：金额 100000000.01 超过单张账单上限；请核对。"
    )
    assert bills("1000000001,2026-09,1,100000000.00,2026-11-30\n")[0]["amount_fen"] == 10_000_000_000


def test_full_width_and_ascii_forms_of_one_bill_are_one_duplicate() -> None:
    assert refusal(bills, GOOD_BILL, "１０００００００01,2026-10,1,1.00,2026-11-30\n") == (
        "账单文件 b.csv 第 3 行：户号 1000000001 的账期 2026-10 重复。"
    )


# ------------------------------------------------------------------------------------ fuzz

cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "1000000001",
            "2026-10",
            "12",
            "1.00",
            "2026-11-30",
            "²",
            "０１",
            "\x00",
            "=1",
            '"',
            "\r",
            "2026-02-30",
        ]
    ),
)
row = st.lists(cell, min_size=0, max_size=7).map(lambda cells: ",".join(cells))


@settings(max_examples=300, deadline=None)
@given(st.lists(row, max_size=5).map("\n".join), st.sampled_from(["utf-8", "gb18030", "utf-8-sig"]))
def test_parsers_either_return_clean_rows_or_refuse_in_one_sentence(body: str, encoding: str) -> None:
    for header, parse in ((CUSTOMERS, parse_customers), (BILLS, parse_bills)):
        try:
            data = (header + body).encode(encoding)
        except UnicodeEncodeError:
            continue
        try:
            rows = parse(decode_import(data, "x"))
        except HallPayError as error:
            assert str(error) and "\n" not in str(error)
            continue
        for r in rows:
            assert r["customer_no"].isascii() and r["customer_no"].isdigit()
            assert not any(ch < " " for value in r.values() if isinstance(value, str) for ch in value)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_decode_or_refuse_in_one_sentence(data: bytes) -> None:
    try:
        text = decode_import(data, "用户", "c.csv")
    except HallPayError as error:
        assert str(error).startswith("用户文件 c.csv") and "\n" not in str(error)
    else:
        assert isinstance(text, str)
