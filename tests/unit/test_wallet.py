"""The wallet port's pure parts: which wallet a code belongs to, the order number, reconciliation's rule."""

from __future__ import annotations

import pytest

from app.errors import InputError
from app.services.wallet_reconcile import OurPayment, match
from app.wallet import StatementLine, WalletKind, detect_wallet, masked, out_trade_no
from wallets.codes import SCENARIOS, payment_code, scenario_of


@pytest.mark.parametrize("code,kind", [
    ("134567890123456789", WalletKind.WECHAT), ("1012345678901234", WalletKind.WECHAT),
    ("151234567890123456789012", WalletKind.WECHAT), ("284567890123456789", WalletKind.ALIPAY),
    ("2512345678901234", WalletKind.ALIPAY), (" 301234567890123456 ", WalletKind.ALIPAY),
])
def test_the_first_digits_name_the_wallet(code: str, kind: WalletKind) -> None:
    assert detect_wallet(code) is kind


@pytest.mark.parametrize("code", ["", "12345", "1234567890123456789012345", "164567890123456789",
                                  "094567890123456789", "31456789012345678", "28456789O123456789",
                                  "２８4567890123456789"])
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
    ours = [OurPayment("T1", 100_00, "R1", False), OurPayment("T2", 50_00, "R2", False),
            OurPayment("T3", 30_00, "R3", True), OurPayment("T5", 0, "R5", False)]  # T5: reversed
    theirs = [StatementLine("o1", "T1", 100_00), StatementLine("o3", "T3", 33_00),
              StatementLine("o4", "T4", 12_00),  # taken by the acquirer, not in the journal
              StatementLine("o6", "T6", 8_00), StatementLine("o6", "T6", -8_00, "refund")]  # cancelled: nets to 0
    m = match(WalletKind.WECHAT, ours, theirs)
    assert [d.trade_no for d in m.matched] == ["T1"]
    assert [(d.trade_no, d.ours_fen, d.receipt_no) for d in m.missing_at_acquirer] == [("T2", 50_00, "R2")]
    assert [(d.trade_no, d.theirs_fen) for d in m.extra_at_acquirer] == [("T4", 12_00)]
    assert [(d.trade_no, d.ours_fen, d.theirs_fen, d.typed) for d in m.amount_differs] == [("T3", 30_00, 33_00, True)]
    assert not m.clean and m.ours_total_fen == 180_00 and m.theirs_total_fen == 145_00


def test_one_trade_recorded_twice_is_a_difference() -> None:
    m = match(WalletKind.ALIPAY, [OurPayment("T1", 10_00, "R1", False), OurPayment("T1", 10_00, "R2", False)],
              [StatementLine("o1", "T1", 10_00)])
    assert [(d.ours_fen, d.theirs_fen) for d in m.amount_differs] == [(20_00, 10_00)]
