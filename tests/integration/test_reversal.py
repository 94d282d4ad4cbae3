"""Reversal (冲正) on a real SQLite store: the allocation undone exactly, and every refusal."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from app.errors import NotFound, Refused
from app.journal import Kind
from app.model import Method
from app.ports import CardImage
from app.services.context import append_entry
from app.services.payments import PayRequest, due, pay
from app.services.reversal import ReversalRequest, reverse
from app.services.shifts import open_shift
from app.services.verify import verify_local
from app.store import StoredReceipt

NOW = "2026-11-23T10:00:00+08:00"


@pytest.fixture
def hall(terminal: Any) -> Any:
    """The suite's demo terminal (a copy of the one built once per process) on NOW."""
    assert terminal.ctx.clock.now_utc() == dt.datetime.fromisoformat(NOW)
    return terminal


def _bills(hall: Any, customer_no: str) -> list[tuple[str, int, int]]:
    with hall.store.uow() as uow:
        return [
            (b.bill_id, b.principal_paid_fen, b.fee_carried_fen) for b in uow.bills.for_customer(customer_no)
        ]


def _head(hall: Any) -> tuple[int, str]:
    with hall.store.uow() as uow:
        return uow.journal.head()


def test_reversal_gives_the_bills_and_balance_back_exactly(hall: Any) -> None:
    ctx = hall.ctx
    before = due(ctx, "1000000002")  # commercial: 1001.00 + 40.00 late fees, two bills
    paid = pay(ctx, PayRequest("1000000002", Method.CASH, "C01", amount_fen=3100_00, tendered_fen=3100_00))
    assert paid.settlement.balance_after_fen == 3100_00 - before.quote.total_fen
    result = reverse(
        ctx, ReversalRequest(paid.receipt.receipt_no, "C01", "S01", "户号录错", approver_pin="999999")
    )
    assert (result.refund_fen, result.method, result.balance_after_fen) == (3100_00, "cash", 0)
    after = due(ctx, "1000000002")
    assert after.quote.total_fen == before.quote.total_fen
    assert after.quote.late_fee_total_fen == before.quote.late_fee_total_fen == 1041_00
    assert after.customer.balance_fen == 0
    assert [b[1] for b in _bills(hall, "1000000002")] == [0, 0]
    p = result.entry.payload
    assert result.entry.kind == Kind.REVERSAL and p["approver_id"] == "S01" and p["reason"] == "户号录错"
    assert p["fee_reversed_fen"] == 1041_00 and p["original_seq"] == paid.entry.seq
    with hall.store.uow() as uow:
        assert uow.receipts.reversed_by(paid.receipt.receipt_no) == result.entry.seq
    assert verify_local(ctx).ok


def test_a_payment_that_drew_on_the_balance_gives_the_balance_back(hall: Any) -> None:
    ctx = hall.ctx
    with hall.store.uow() as uow:  # 张伟 has 20.00 prepaid; a new 100.00 bill due later this month
        uow.bills.upsert(
            [
                dict(
                    bill_id="1000000004-n",
                    customer_no="1000000004",
                    period="2026-11",
                    kwh=150,
                    amount_fen=100_00,
                    due_date="2026-11-30",
                )
            ]
        )
        uow.commit()
    paid = pay(ctx, PayRequest("1000000004", Method.WECHAT, "C01", reference="WX9"))
    assert paid.receipt.amount_fen == 80_00 and paid.settlement.balance_after_fen == 0
    result = reverse(
        ctx, ReversalRequest(paid.receipt.receipt_no, "C01", "S01", "重复扫码", approver_pin="999999")
    )
    assert result.balance_after_fen == 20_00 and result.method == "wechat"
    assert due(ctx, "1000000004").quote.to_pay_fen == 80_00


def test_refusals_change_nothing(hall: Any) -> None:
    ctx = hall.ctx
    paid = pay(ctx, PayRequest("1000000001", Method.CASH, "C01", tendered_fen=200_00))
    no = paid.receipt.receipt_no
    head, bills = _head(hall), _bills(hall, "1000000001")
    cases: list[tuple[ReversalRequest, str]] = [
        (ReversalRequest(no, "C01", "S01", "  ", approver_pin="999999"), "原因"),
        (ReversalRequest(no, "C01", "", "错"), "主管工号"),
        (ReversalRequest(no, "C01", "C02", "错"), "不是主管"),
        (ReversalRequest(no, "C01", "S77", "错"), "没有工号"),
        (ReversalRequest(no, "C02", "S01", "错", approver_pin="999999"), "不在收费员 C02 当前的班次内"),
    ]
    for req, message in cases:
        with pytest.raises(Refused, match=message):
            reverse(ctx, req)
    with pytest.raises(NotFound):
        reverse(ctx, ReversalRequest("T01-20261123-0999", "C01", "S01", "错", approver_pin="999999"))
    assert _head(hall) == head and _bills(hall, "1000000001") == bills


def test_another_clerks_shift_is_not_yours_to_reverse(hall: Any) -> None:
    ctx = hall.ctx
    open_shift(ctx, "C02", 100_00)
    paid = pay(ctx, PayRequest("1000000001", Method.CASH, "C01"))
    with pytest.raises(Refused, match="不在收费员 C02"):
        reverse(ctx, ReversalRequest(paid.receipt.receipt_no, "C02", "S01", "错", approver_pin="999999"))


def test_already_reversed_is_refused_here_and_in_the_store(hall: Any) -> None:
    ctx = hall.ctx
    paid = pay(ctx, PayRequest("1000000001", Method.CASH, "C01"))
    first = reverse(ctx, ReversalRequest(paid.receipt.receipt_no, "C01", "S01", "错", approver_pin="999999"))
    with pytest.raises(Refused, match="不能重复冲正"):
        reverse(ctx, ReversalRequest(paid.receipt.receipt_no, "C01", "S01", "再来", approver_pin="999999"))
    with hall.store.uow() as uow:
        with pytest.raises(Exception, match="already reversed"):
            uow.receipts.mark_reversed(paid.receipt.receipt_no, first.entry.seq + 1)


def test_a_spent_prepayment_cannot_be_reversed(hall: Any) -> None:
    ctx = hall.ctx
    prepay = pay(ctx, PayRequest("1000000004", Method.CASH, "C01", amount_fen=50_00, tendered_fen=50_00))
    assert prepay.settlement.balance_after_fen == 70_00
    with hall.store.uow() as uow:
        uow.bills.upsert(
            [
                dict(
                    bill_id="1000000004-n",
                    customer_no="1000000004",
                    period="2026-11",
                    kwh=190,
                    amount_fen=100_00,
                    due_date="2026-11-30",
                )
            ]
        )
        uow.commit()
    spend = pay(ctx, PayRequest("1000000004", Method.CASH, "C01"))  # 30.00 more; the balance goes to 0
    assert spend.settlement.balance_after_fen == 0
    head = _head(hall)
    with pytest.raises(Refused, match="已被使用"):
        reverse(
            ctx,
            ReversalRequest(prepay.receipt.receipt_no, "C01", "S01", "客户要求退回", approver_pin="999999"),
        )
    assert _head(hall) == head
    # The later payment can be reversed: its 30.00 cash goes back, the 70.00 balance it spent comes back and
    # at once settles the reopened bill again (预收冲抵, DOMAIN.md), so the bill owes 30.00 and the
    # prepayment stays spent.
    reverse(
        ctx, ReversalRequest(spend.receipt.receipt_no, "C01", "S01", "客户要求退回", approver_pin="999999")
    )
    with hall.store.uow() as uow:
        assert uow.customers.get("1000000004").balance_fen == 0
        assert [b.unpaid_fen for b in uow.bills.open_for("1000000004")] == [30_00]
        assert [e.kind for e in uow.journal.entries()][-1] == "offset"
    with pytest.raises(Refused, match="已被使用"):
        reverse(
            ctx,
            ReversalRequest(prepay.receipt.receipt_no, "C01", "S01", "客户要求退回", approver_pin="999999"),
        )


def _card_purchase(hall: Any, *, written: bool) -> str:
    """A card purchase as the recharge service will journal it (hook for issue 4)."""
    ctx = hall.ctx
    now = ctx.clock.now_utc()
    with hall.store.uow() as uow:
        shift = uow.shifts.open_for("C01")
        no = "T01-20261123-0777"
        payload = {
            "receipt_no": no,
            "customer_no": "1000000003",
            "shift_id": shift.shift_id,
            "method": "cash",
            "amount_fen": 100_00,
            "tendered_fen": 100_00,
            "change_fen": 0,
            "balance_before_fen": 0,
            "balance_after_fen": 0,
            "allocations": [],
            "purchase_count": 5,
        }
        entry = append_entry(uow, ctx, Kind.CARD_PURCHASE, "C01", payload, now)
        uow.receipts.add(
            StoredReceipt(
                no,
                entry.seq,
                Kind.CARD_PURCHASE,
                "1000000003",
                shift.shift_id,
                "cash",
                100_00,
                "2026-11-23",
                "2026-11-23 10:00:00",
                "{}",
                "printed",
                "",
                1,
            )
        )
        if written:
            append_entry(
                uow, ctx, Kind.CARD_WRITTEN, "C01", {"receipt_no": no, "shift_id": shift.shift_id}, now
            )
        uow.commit()
    return no


def _card(customer_no: str, purchase_count: int) -> CardImage:
    """The card as the void reads it (the purchase journalled by _card_purchase is #5, serial unrecorded)."""
    return CardImage("", customer_no, "", 0, purchase_count, b"", None)


def test_a_card_purchase_is_reversible_only_while_its_write_is_pending(hall: Any) -> None:
    no = _card_purchase(hall, written=False)
    head = _head(hall)
    for card, refusal in (
        (None, "请先插入用户的IC卡"),  # not known to be off the card: the card must be read first
        (_card("1000000003", 5), "已写入IC卡"),  # the card holds purchase #5: it landed
        (_card("1000000001", 4), "不是凭证"),  # another customer's card says nothing about this one
    ):
        with pytest.raises(Refused, match=refusal):
            reverse(
                hall.ctx, ReversalRequest(no, "C01", "S01", "读卡器故障", approver_pin="999999", card=card)
            )
        assert _head(hall) == head
    result = reverse(
        hall.ctx,
        ReversalRequest(
            no, "C01", "S01", "读卡器故障，客户不再购电", approver_pin="999999", card=_card("1000000003", 4)
        ),
    )
    assert result.refund_fen == 100_00 and result.entry.payload["original_kind"] == Kind.CARD_PURCHASE


def test_a_written_card_purchase_is_refused(hall: Any) -> None:
    no = _card_purchase(hall, written=True)
    with pytest.raises(Refused, match="已写入IC卡"):
        reverse(hall.ctx, ReversalRequest(no, "C01", "S01", "客户反悔", approver_pin="999999"))
