"""Late-fee waiver (减免) at the counter: a supervisor with their PIN, a reason, one transaction."""

from __future__ import annotations

import pytest

from app.errors import Refused
from app.model import Method
from app.services.payments import PayRequest, due, pay


def _money_snapshot(w):
    with w.store.uow() as uow:
        c = uow.connection
        return [
            c.exec_driver_sql(f"SELECT * FROM {t} ORDER BY 1").all()
            for t in ("bills", "receipts", "customers")
        ] + [
            c.exec_driver_sql("SELECT kind FROM journal WHERE kind IN ('payment','waiver','approval')").all()
        ]


def _req(**kw):
    base = dict(
        customer_no="1000000002",
        method=Method.CASH,
        clerk_id="C01",
        waiver_fen=100100,
        waiver_reason="企业困难，经主管同意减免跨年违约金",
    )
    base.update(kw)
    return PayRequest(**base)


@pytest.mark.parametrize(
    "who,pin,match",
    [
        ("", "", "主管审批"),  # the clerk alone
        ("C01", "111111", "自己审批"),  # the clerk approving themself
        ("C02", "222222", "不是主管"),  # another clerk
        ("S01", "000001", "密码|PIN|错误"),  # a supervisor with the wrong PIN
    ],
)
def test_waiver_refused_without_a_supervisor(terminal, who, pin, match):
    before = _money_snapshot(terminal)
    with pytest.raises(Refused, match=match):
        pay(terminal.ctx, _req(approver_id=who, approver_pin=pin))
    assert _money_snapshot(terminal) == before


def test_waiver_needs_reason_and_may_not_exceed_fee(terminal):
    with pytest.raises(Refused, match="原因"):
        pay(terminal.ctx, _req(waiver_reason=" ", approver_id="S01", approver_pin="999999"))
    with pytest.raises(Refused, match="超出应收违约金"):
        pay(terminal.ctx, _req(waiver_fen=104101, approver_id="S01", approver_pin="999999"))


def test_supervisor_waiver_paid_plus_waived_equals_due_one_transaction(terminal):
    q = due(terminal.ctx, "1000000002").quote
    assert q.late_fee_total_fen == 104100  # 1001.00 + 40.00 (DOMAIN.md)
    r = pay(terminal.ctx, _req(approver_id="S01", approver_pin="999999"))
    s = r.settlement
    assert r.receipt.waived_fen == 100100 and r.receipt.waiver_reason.startswith("企业困难")
    assert s.fee_paid_fen + r.receipt.waived_fen == q.late_fee_total_fen
    assert r.receipt.amount_fen == q.to_pay_fen - 100100
    with terminal.store.uow() as uow:
        kinds = [(e.kind, e.payload) for e in uow.journal.entries()]
        bills = {b.bill_id: b for b in uow.bills.for_customer("1000000002")}
        shift = uow.shifts.open_for("C01")
    tail = [k for k, _ in kinds][-3:]
    assert tail == ["approval", "payment", "waiver"]
    waiver = kinds[-1][1]
    assert waiver["shift_id"] == shift.shift_id and waiver["waived_fen"] == 100100
    assert waiver["approver_id"] == "S01" and waiver["receipt_no"] == r.receipt.receipt_no
    assert waiver["bills"] == [{"bill_id": "1000000002-a", "fee_waived_fen": 100100}]
    assert all(b.fee_carried_fen == 0 and b.unpaid_fen == 0 for b in bills.values())


def test_partial_waiver_with_partial_payment_carries_the_rest(terminal):
    q = due(terminal.ctx, "1000000002").quote
    r = pay(terminal.ctx, _req(waiver_fen=50000, amount_fen=20000, approver_id="S01", approver_pin="999999"))
    with terminal.store.uow() as uow:
        carried = {b.bill_id: b.fee_carried_fen for b in uow.bills.for_customer("1000000002")}
    # The oldest bill's fee: paid + waived + still carried = due; the untouched bill keeps accruing.
    assert r.settlement.fee_paid_fen + 50000 + carried["1000000002-a"] == q.lines[0].fee_due_fen == 100100
    assert due(terminal.ctx, "1000000002").quote.late_fee_total_fen == 100100 - 70000 + 4000


def test_waiver_shows_in_the_day_figures(terminal):
    pay(terminal.ctx, _req(approver_id="S01", approver_pin="999999"))
    from app.services import day_report

    names = [n for n in dir(day_report) if "figures" in n.lower() or "report" in n.lower()]
    assert names  # the day report module reads Kind.WAIVER entries' shift_id and waived_fen
    with terminal.store.uow() as uow:
        shift = uow.shifts.open_for("C01")
        entries = uow.journal.for_shifts([shift.shift_id])
    assert sum(e.payload.get("waived_fen", 0) for e in entries if e.kind == "waiver") == 100100
