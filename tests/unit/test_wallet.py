"""The wallet port's pure parts: which wallet a code belongs to, the order number, reconciliation's rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import InputError
from app.messages import spoken
from app.services.wallet_reconcile import OurPayment, match
from app.wallet import StatementLine, WalletKind, detect_wallet, masked, out_trade_no
from wallets.codes import SCENARIOS, payment_code, scenario_of


@pytest.mark.parametrize(
    "code,kind",
    [
        ("134567890123456789", WalletKind.WECHAT),
        ("1012345678901234", WalletKind.WECHAT),
        ("151234567890123456789012", WalletKind.WECHAT),
        ("284567890123456789", WalletKind.ALIPAY),
        ("2512345678901234", WalletKind.ALIPAY),
        (" 301234567890123456 ", WalletKind.ALIPAY),
    ],
)
def test_the_first_digits_name_the_wallet(code: str, kind: WalletKind) -> None:
    assert detect_wallet(code) is kind


@pytest.mark.parametrize(
    "code",
    [
        "",
        "12345",
        "1234567890123456789012345",
        "164567890123456789",
        "094567890123456789",
        "31456789012345678",
        "28456789O123456789",
        "２８4567890123456789",
    ],
)
def test_anything_else_is_one_sentence(code: str) -> None:
    with pytest.raises(InputError) as caught:
        detect_wallet(code)
    assert "付款码" in str(caught.value) and "\n" not in str(caught.value)


def test_generated_codes_are_valid_and_carry_their_scenario() -> None:
    for kind in WalletKind:
        for scenario in SCENARIOS:
            code = payment_code(kind, scenario)
            assert detect_wallet(code) is kind and scenario_of(code) == scenario


def test_order_number_and_masking() -> None:
    assert out_trade_no("T01", 42) == "HPT010000000042"
    assert out_trade_no("厅-07_A", 1) == "HP07A0000000001"
    assert len(out_trade_no("X" * 40, 10**9)) <= 32
    assert masked("284567890123456789") == "28************6789"


def test_reconciliation_lists_one_extra_one_missing_one_differing() -> None:
    ours = [
        OurPayment("T1", 100_00, "R1", False),
        OurPayment("T2", 50_00, "R2", False),
        OurPayment("T3", 30_00, "R3", True),
        OurPayment("T5", 0, "R5", False),
    ]  # T5: reversed
    theirs = [
        StatementLine("o1", "T1", 100_00),
        StatementLine("o3", "T3", 33_00),
        StatementLine("o4", "T4", 12_00),  # taken by the acquirer, not in the journal
        StatementLine("o6", "T6", 8_00),
        StatementLine("o6", "T6", -8_00, "refund"),
    ]  # cancelled: nets to 0
    m = match(WalletKind.WECHAT, ours, theirs)
    assert [d.trade_no for d in m.matched] == ["T1"]
    assert [(d.trade_no, d.ours_fen, d.receipt_no) for d in m.missing_at_acquirer] == [("T2", 50_00, "R2")]
    assert [(d.trade_no, d.theirs_fen) for d in m.extra_at_acquirer] == [("T4", 12_00)]
    assert [(d.trade_no, d.ours_fen, d.theirs_fen, d.typed) for d in m.amount_differs] == [
        ("T3", 30_00, 33_00, True)
    ]
    assert not m.clean and m.ours_total_fen == 180_00 and m.theirs_total_fen == 145_00


def test_one_trade_recorded_twice_is_a_difference() -> None:
    m = match(
        WalletKind.ALIPAY,
        [OurPayment("T1", 10_00, "R1", False), OurPayment("T1", 10_00, "R2", False)],
        [StatementLine("o1", "T1", 10_00)],
    )
    assert [(d.ours_fen, d.theirs_fen) for d in m.amount_differs] == [(20_00, 10_00)]


def test_wechat_downloadbill_in_its_documented_columns() -> None:
    from wallets.wechat import parse_bill

    head = (
        "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,"
        "应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,"
        "手续费,费率,订单金额,申请退款金额,费率备注"
    )

    def line(state: str, total: str, refund: str) -> str:
        cells = [
            "2026-11-23 10:00:01",
            "wx1",
            "190",
            "0",
            "T01",
            "4200001",
            "HPT010000000002",
            "o1",
            "MICROPAY",
            state,
            "CMB_DEBIT",
            "CNY",
            total,
            "0.00",
            "",
            "",
            refund,
            "0.00",
            "",
            "",
            "电费",
            "",
            "0.01",
            "0.60%",
            total,
            refund,
            "",
        ]
        return ",".join("`" + c for c in cells)

    text = "\n".join(
        [
            head,
            line("SUCCESS", "12.34", "0.00"),
            line("REFUND", "0.00", "2.00"),
            "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额",
            "`2,`12.34,`2.00,`0.00,`0.01,`12.34,`2.00",
        ]
    )
    lines = parse_bill(text.encode())
    assert [(x.trade_no, x.amount_fen, x.kind) for x in lines] == [
        ("4200001", 1234, "pay"),
        ("4200001", -200, "refund"),
    ]


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "wallet"


@pytest.mark.parametrize("encoding", ["utf-8-bom", "gbk"])
def test_the_real_wechat_statement_is_read(encoding: str) -> None:
    """Review F3: WeChat's downloadbill ALL as served (27 columns, `应结订单金额` in the detail header and
    `应结订单总金额` only in the totals block, backtick cells, CRLF, UTF-8 with a BOM) or saved as GBK."""
    from wallets.wechat import parse_bill

    raw = (FIXTURES / "wechat_downloadbill_all.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    data = raw if encoding == "utf-8-bom" else raw.decode("utf-8-sig").encode("gbk")
    lines = parse_bill(data)
    assert [(x.out_trade_no, x.trade_no, x.amount_fen, x.kind) for x in lines] == [
        ("HPT010000000002", "4200002026112312345678901234", 12_34, "pay"),
        ("HPT010000000009", "4200002026112312345678905678", 7_05, "pay"),
        ("HPT010000000002", "4200002026112312345678901234", -12_34, "refund"),
    ]  # the REVOKED trade (paid, then reversed whole) is in neither side's books


def test_alipay_bill_zip_in_gbk_with_its_notes() -> None:
    import io
    import zipfile

    from wallets.alipay import parse_bill

    csv_text = (
        "#支付宝业务明细查询\n#账号：[2088]\n#起始日期：[2026年11月23日 00:00:00]   终止日期：[2026年11月24日 00:00:00]\n"
        "#-----------------------------------------业务明细列表----------------------------------------\n"
        "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,"
        "订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,"
        "券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注\n"
        "2026112322001\t,HPT010000000004\t,交易,电费,2026-11-23 10:00:00,2026-11-23 10:00:02,,,,,"
        "sim***,191.10,191.10,0.00,0.00,0.00,0.00,0.00,,0.00,0.00,,-1.15,0.00,\n"
        "#-----------------------------------------业务明细列表结束------------------------------------\n"
        "#交易合计：1笔，商家实收共191.10元\n"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("2088_20261123_业务明细.csv", csv_text.encode("gb18030"))
        z.writestr("2088_20261123_业务明细(汇总).csv", "#汇总\n".encode("gb18030"))
    [line] = parse_bill(buf.getvalue())
    assert (line.out_trade_no, line.trade_no, line.amount_fen, line.kind) == (
        "HPT010000000004",
        "2026112322001",
        19110,
        "pay",
    )


def test_a_scanned_code_is_told_from_a_typed_trade_number() -> None:
    from app.wallet import looks_like_payment_code

    assert looks_like_payment_code("134567890123456789") and looks_like_payment_code("284567890123456789")
    assert not looks_like_payment_code("4200001234202611231234567890")  # a WeChat transaction id (28 digits)
    assert not looks_like_payment_code("2026112322001400001234567890")  # an Alipay trade number
    assert not looks_like_payment_code("POS-123456")


@pytest.mark.parametrize(
    "code,english",
    [
        (
            "",
            "The payment code is empty: it has 16-24 digits; ask the customer to refresh it and scan again.",
        ),
        (
            "12345",
            'The payment code "12345" is invalid: it has 16-24 digits; ask the customer to refresh it '
            "and scan again.",
        ),
        (
            "164567890123456789",
            "A payment code starting with 16 is neither WeChat's (10-15) nor Alipay's (25-30); "
            "check it and scan again.",
        ),
    ],
)
def test_a_bad_code_is_said_in_english_too(code: str, english: str) -> None:
    with pytest.raises(InputError) as caught:
        detect_wallet(code)
    assert spoken(caught.value, "en") == english
