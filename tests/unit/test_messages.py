"""Messages with codes (issue 15): the core raises a code and parameters, the CLI keeps its Chinese sentence,
the window renders the code through ui/messages.py (grouped money, its own language)."""

from __future__ import annotations

from app.errors import Refused
from app.messages import MESSAGES, coded, message


def test_a_coded_error_is_todays_sentence_with_its_code():
    error = coded(Refused, "pay.tender_short", tendered_fen=3000000, amount_fen=6827440)
    assert str(error) == "实收现金 30,000.00 元少于缴费金额 68,274.40 元；请补足现金或改小金额。"
    assert (error.code, error.params) == (
        "pay.tender_short",
        {"tendered_fen": 3000000, "amount_fen": 6827440},
    )
    assert (
        message("pay.reference_needed", method="bankcard", hint="POS 参考号")
        == "银行卡收款需要填写POS 参考号；请填写后再确认。"
    )


def test_every_template_renders_with_its_own_parameters():
    import string

    for code, template in MESSAGES.items():
        names = {name for _t, name, _f, _c in string.Formatter().parse(template) if name}
        params = {n: 100 if n.endswith("_fen") else "cash" if n == "method" else n for n in names}
        assert "{" not in message(code, **params), code


def test_the_window_renders_codes_grouped(qtbot):
    from ui.messages import denomination, error_text, role

    error = coded(Refused, "pay.tender_short", tendered_fen=3000000, amount_fen=6827440)
    assert error_text(error) == "实收现金 30,000.00 元少于缴费金额 68,274.40 元；请补足现金或改小金额。"
    assert error_text(Refused("一句话。")) == "一句话。"  # an error without a code keeps its sentence
    assert (denomination(5), role("supervisor")) == ("5分", "主管")


def test_customer_warnings_carry_codes(terminal):
    from app.services.payments import due
    from app.warnings import customer_warnings

    d = due(terminal.ctx, "1000000005")
    assert d.policy is not None
    codes = [w.code for w in customer_warnings(d.customer, d.quote, d.policy)]
    assert codes[0] == "warn.overdue_stop" and "warn.important" in codes
