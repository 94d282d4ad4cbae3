"""Integrity blacklist (诚信黑榜) file: credit-code check character, quarters, bad rows named by line."""

from __future__ import annotations

import pytest

from app.errors import InputError
from app.messages import spoken
from app.services.blacklist import credit_code_problem, parse_blacklist

GOOD = "91310000MA1FL0000N"
GOOD2 = "91440300MA5DC12341"


def test_credit_code_check_character():
    assert credit_code_problem(GOOD) is None and credit_code_problem(GOOD2) is None
    assert str(credit_code_problem(GOOD[:-1] + "P")) == "校验位应为 N"
    assert str(credit_code_problem(GOOD[:-1])) == "应为 18 位，实为 17 位"
    assert str(credit_code_problem("9131000OMA1FL0000N")) == "含无效字符“O”"


def test_parse_chinese_header_with_bom_and_blank_lines():
    rows = parse_blacklist(
        f"\ufeff企业名称,统一社会信用代码,季度\n宏达机械厂,{GOOD.lower()},2026q3\n\n某公司,{GOOD2},2026Q3\n"
    )
    assert [(r.line, r.name, r.credit_code, r.quarter) for r in rows] == [
        (2, "宏达机械厂", GOOD, "2026Q3"),
        (4, "某公司", GOOD2, "2026Q3"),
    ]


@pytest.mark.parametrize(
    "body,message",
    [
        (
            f"甲,{GOOD},2026Q3\n乙,{GOOD[:-1]}P,2026Q3\n",
            "第 3 行：统一社会信用代码“91310000MA1FL0000P”无效（校验位应为 N）",
        ),
        (f"甲,{GOOD},2026Q5\n", "第 2 行：季度“2026Q5”无效"),
        (f",{GOOD},2026Q3\n", "第 2 行：企业名称为空"),
        (f"甲,{GOOD}\n", "第 2 行：应有 3 列，实为 2 列"),
        (
            f"甲,{GOOD},2026Q3\n乙,{GOOD},2026Q3\n",
            "第 3 行：统一社会信用代码 91310000MA1FL0000N 在 2026Q3 已出现于第 2 行",
        ),
    ],
)
def test_bad_row_names_its_line(body, message):
    with pytest.raises(InputError, match=message):
        parse_blacklist("name,credit_code,quarter\n" + body)


def test_header_must_name_the_columns():
    with pytest.raises(InputError, match="第 1 行应为表头.*缺少 credit_code"):
        parse_blacklist("企业名称,季度\n甲,2026Q3\n")


def test_the_file_is_read_in_utf8_or_gbk_like_the_master_data(tmp_path):
    from app.services.blacklist import read_blacklist

    text = f"企业名称,统一社会信用代码,季度\n宏达机械厂,{GOOD},2026Q3\n"
    for encoding in ("utf-8", "utf-8-sig", "gbk"):
        f = tmp_path / f"{encoding}.csv"
        f.write_bytes(text.encode(encoding))
        assert [(r.name, r.credit_code) for r in read_blacklist(f)] == [("宏达机械厂", GOOD)]
    f = tmp_path / "bad.csv"
    f.write_bytes(text.encode("utf-8") + b"\xff\xff,x,2026Q3\n")
    with pytest.raises(
        InputError, match=r"^诚信黑榜文件 .*bad.csv 第 3 行既不是 UTF-8 也不是 GB18030/GBK 编码"
    ):
        read_blacklist(f)


def test_a_bad_file_is_said_in_english_too():
    """Issue 16: an English terminal reads the refusal, its reason included, without Chinese."""
    text = "企业名称,统一社会信用代码,季度\n甲,91310000MA1FL0000P,2026Q3\n"
    with pytest.raises(InputError) as caught:
        parse_blacklist(text)
    assert spoken(caught.value, "en") == (
        'Line 2 of the blacklist file: the credit code "91310000MA1FL0000P" is '
        "invalid (its check character should be N)."
    )
    with pytest.raises(InputError) as caught:
        parse_blacklist("企业名称,季度\n")
    assert spoken(caught.value, "en") == (
        "Line 1 of the blacklist file should be the header name,credit_code,quarter (credit_code is missing)."
    )
