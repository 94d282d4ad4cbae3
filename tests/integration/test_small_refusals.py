"""Issue 28, the audits' cheap P3s, each one sentence that changes nothing: a bidi override in a name (domain
P3-4), a bill for an unknown customer names its file (P3-3), a 1,000-character reference (P3-6), an unknown
--method (P3-7, the command line as typed, in this process)."""

from __future__ import annotations

import pytest

from app.errors import InputError, Refused
from app.importing import has_control
from app.model import Method
from app.services.master_data import import_master_data
from app.services.payments import PayRequest, pay
from tests.e2e.cli import in_process
from tests.integration.test_money_core import bills, customers


@pytest.mark.parametrize("mark", ["\u202e", "\u202a", "\u2066", "\u2069", "\u200f"])
def test_a_bidirectional_control_in_a_name_is_refused(terminal, mark):
    assert has_control(f"王{mark}测试")
    with pytest.raises(InputError) as refused:
        customers(f"2000000090,王{mark}测试,城东区1号,,commercial,M2000000090,0,")
    assert refused.value.code == "import.control"
    assert not has_control("王小明 Wang") and not has_control("城东区（一）")


def test_a_bill_for_an_unknown_customer_names_its_file(terminal):
    with pytest.raises(InputError) as refused:
        import_master_data(
            terminal.ctx, [], bills("7777777777,2026-09,1,10.00,2026-11-20"), sources=("c.csv", "b_bad25.csv")
        )
    assert refused.value.code == "import.unknown_customer_in"
    assert "b_bad25.csv" in str(refused.value) and "第 2 行" in str(refused.value)


def test_a_thousand_character_reference_is_refused(terminal):
    with pytest.raises(Refused) as refused:
        pay(
            terminal.ctx,
            PayRequest("1000000001", Method.WECHAT, "C01", amount_fen=1_00, reference="R" * 1000),
        )
    assert refused.value.code == "pay.reference_too_long" and refused.value.params["length"] == 1000
    with terminal.ctx.read() as r:
        assert r.receipts.for_day("2026-11-23") == []
    assert pay(terminal.ctx, PayRequest("1000000001", Method.WECHAT, "C01", reference="R" * 64)).receipt


def test_an_unknown_method_is_one_sentence(terminal, capsys, monkeypatch):
    monkeypatch.setenv("HALLPAY_PIN", "111111")
    rc = in_process(["pay", "1000000001", "--method", "bogus", "--data-dir", str(terminal.data_dir)])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and len(err.splitlines()) == 1 and "bogus" in err and "cash" in err


def test_a_float_above_the_cap_is_not_called_a_payment(terminal):
    from app.errors import InputError as AmountRefused
    from app.money import parse_yuan

    with pytest.raises(AmountRefused) as refused:
        parse_yuan("100000000.01", allow_zero=True)  # `shift open --float` reads it this way (domain P3-5)
    assert refused.value.code == "amount.over_cap" and "单笔收费" not in str(refused.value)
