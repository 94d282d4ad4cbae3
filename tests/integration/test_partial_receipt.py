"""A partial payment's receipt says what is still owed (issue 16, "the receipt states what is still owed").

市第一人民医院 (1000000005, industrial, instalments allowed) owes 68,274.40 on 2026-11-23: 2026-08 is
32,240.00 + 65 days at 2‰ and 2026-09 is 29,760.00 + 35 days at 2‰. 30,000.00 leaves 38,274.40 owed.
"""

from __future__ import annotations

from app.model import Method
from app.services.payments import PayRequest, due, pay, receipt_from_json
from printing.layout import columns_for, layout_receipt


def printed(receipt) -> str:
    return "\n".join(line.text for line in layout_receipt(receipt, columns_for(80)))


def test_partial_payment_receipt_states_what_is_still_owed(terminal):
    ctx = terminal.ctx
    assert due(ctx, "1000000005").quote.to_pay_fen == 6827440
    result = pay(ctx, PayRequest("1000000005", Method.CASH, "C01", amount_fen=3000000, tendered_fen=3000000))
    r = result.receipt
    assert (r.amount_fen, r.total_fen, r.owed_after_fen) == (3000000, 3000000, 3827440)
    assert [(line.period, line.principal_fen, line.late_fee_fen) for line in r.lines] == [
        ("2026-08", 2580880, 419120)
    ]  # the fee first (4,191.20), then 25,808.80 of the principal
    text = printed(r)
    assert "缴后尚欠（元）" in text and "￥38,274.40" in text
    with ctx.read() as uow:  # the stored receipt (reprint, PDF copy) keeps the figure
        assert receipt_from_json(uow.receipts.get(r.receipt_no).body).owed_after_fen == 3827440
    # what the counter shows now agrees with the receipt (fee on the rest accrues from today)
    assert due(ctx, "1000000005").quote.to_pay_fen == 3827440


def test_full_payment_receipt_has_no_owed_line(terminal):
    r = pay(terminal.ctx, PayRequest("1000000001", Method.CASH, "C01", tendered_fen=20000)).receipt
    assert (r.total_fen, r.change_fen, r.owed_after_fen) == (19110, 890, 0)
    assert "尚欠" not in printed(r)
