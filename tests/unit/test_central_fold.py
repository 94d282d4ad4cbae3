"""app/central_fold.py on plain data (issue 29 step 2): head office's rule for each entry kind, in exact fen,
without a database. The same function projects a push (db/central/project.py) and recomputes the books
(`central verify-books`)."""

from __future__ import annotations

import datetime as dt

from app.central_fold import Books, case_id, fold
from app.ids import CustomerNo
from app.journal import Entry, Kind
from app.messages import message
from app.model import Bill, Category
from app.settle import LedgerBill

DAY = "2026-11-23"
CNO = "1000000002"


def _bill(bill_id: str, amount: int, due: str, paid: int = 0, cno: str = CNO) -> LedgerBill:
    return LedgerBill(
        Bill(bill_id, CustomerNo(cno), "2026-10", 100, amount, dt.date.fromisoformat(due), paid)
    )


def _books(*bills: LedgerBill, balance: int = 0, category: Category = Category.COMMERCIAL) -> Books:
    books = Books(balances={CNO: balance}, categories={CNO: category})
    for b in bills:
        books.add_bill(b)
    return books


def _entry(kind: str, payload: dict, seq: int = 1, terminal: str = "T01", entry_id: str = "") -> Entry:
    return Entry(
        entry_id=entry_id or f"{terminal}-{seq}",
        terminal_id=terminal,
        seq=seq,
        kind=kind,
        created_at=f"{DAY}T02:00:00.000000Z",
        clerk_id="C01",
        payload=payload,
        prev_hash="0" * 64,
        hash=f"h{seq}",
    )


def _payment(allocations: list[dict], amount: int, before: int = 0, after: int = 0, **kw) -> Entry:
    payload = {
        "customer_no": CNO,
        "business_day": DAY,
        "amount_fen": amount,
        "balance_before_fen": before,
        "balance_after_fen": after,
        "allocations": allocations,
    }
    return _entry(Kind.PAYMENT, payload, **kw)


def _alloc(bill_id: str, principal: int, fee: int = 0, bill_amount: int = 100000, fee_due: int | None = None):
    return {
        "bill_id": bill_id,
        "period": "2026-10",
        "principal_paid_fen": principal,
        "fee_paid_fen": fee,
        "fee_due_fen": fee if fee_due is None else fee_due,
        "bill_amount_fen": bill_amount,
    }


def test_a_payment_settles_principal_and_leaves_the_input_books_alone():
    books = _books(_bill("b1", 100000, "2026-12-10"))
    out = fold(books, [_payment([_alloc("b1", 40000)], 40000)])
    assert out.books.bills["b1"].bill.principal_paid_fen == 40000
    assert out.books.balances[CNO] == 0 and out.cases == []
    assert out.touched_bills == {"b1"} and out.touched_customers == {CNO}
    assert books.bills["b1"].bill.principal_paid_fen == 0  # pure: the caller's books did not move


def test_a_bill_paid_at_another_hall_becomes_balance_and_one_case_in_exact_fen():
    books = _books(_bill("b1", 100000, "2026-12-10", paid=99000))
    out = fold(books, [_payment([_alloc("b1", 100000)], 100000)])
    assert out.books.bills["b1"].bill.principal_paid_fen == 100000
    assert out.books.balances[CNO] == 99000
    [case] = out.cases
    assert (case.kind, case.bill_id, case.amount_fen, case.fee_fen) == ("double_payment", "b1", 99000, 0)
    assert case.code == "case.double_payment_principal" and case.case_id == case_id(
        "double_payment", "T01-1", "b1"
    )
    assert message(case.code, **case.params).startswith("账单 b1（2026-10）在总部已无此应收")
    assert "电费 990.00 元，共 990.00 元，已转入用户 1000000002 预存余额" in message(case.code, **case.params)


def test_a_bill_head_office_reduced_is_its_own_case():
    books = _books(_bill("b1", 95000, "2026-12-10"))
    out = fold(books, [_payment([_alloc("b1", 100000, bill_amount=100000)], 100000)])
    [case] = out.cases
    assert (case.kind, case.amount_fen) == ("bill_reduced", 5000) and out.books.balances[CNO] == 5000
    assert "已由总部调减为 950.00 元" in message(case.code, **case.params)


def test_a_reversal_takes_back_what_its_payment_moved_to_the_balance():
    books = _books(_bill("b1", 100000, "2026-12-10", paid=99000))
    pay = _payment([_alloc("b1", 100000)], 100000)
    back = _entry(
        Kind.REVERSAL,
        {
            "customer_no": CNO,
            "business_day": DAY,
            "original_entry_id": pay.entry_id,
            "original_kind": Kind.PAYMENT,
            "refund_fen": 100000,
            "balance_before_fen": 0,
            "balance_after_fen": 0,
            "allocations": [{"bill_id": "b1", "principal_restored_fen": 100000, "fee_restored_fen": 0}],
        },
        seq=2,
    )
    out = fold(books, [pay, back])
    assert out.books.balances[CNO] == 0
    assert out.books.bills["b1"].bill.principal_paid_fen == 99000


def test_an_unknown_customer_parks_the_money_and_an_unknown_bill_goes_to_the_balance():
    out = fold(Books(), [_payment([_alloc("b1", 5000)], 5000)])
    [case] = out.cases
    assert (case.kind, case.amount_fen) == ("unknown_customer", 5000) and out.books.balances == {}
    out = fold(_books(), [_payment([_alloc("bx", 5000)], 5000)])
    [case] = out.cases
    assert (case.kind, case.bill_id, case.amount_fen) == ("unknown_bill", "bx", 5000)
    assert out.books.balances[CNO] == 5000


def test_a_balance_spent_twice_is_overdrawn_with_the_exact_shortfall():
    books = _books(balance=3000)
    spend = {"customer_no": CNO, "amount_fen": 0, "balance_before_fen": 3000, "balance_after_fen": 1000}
    out = fold(books, [_entry("card_purchase", dict(spend)), _entry("card_purchase", dict(spend), seq=2)])
    assert out.books.balances[CNO] == -1000
    [case] = out.cases
    assert (case.kind, case.amount_fen) == ("balance_overdrawn", 1000)
    assert (
        message(case.code, **case.params)
        == "用户 1000000002 的预存余额在两处同时使用，总部余额为 -10.00 元；请核查并向用户追收。"
    )


def test_an_adjustment_below_what_another_hall_paid_sends_the_rest_to_the_balance():
    books = _books(_bill("b1", 100000, "2026-12-10", paid=100000))
    adj = _entry(
        Kind.ADJUSTMENT,
        {
            "customer_no": CNO,
            "bill_id": "b1",
            "what": "bill",
            "old": {"amount_fen": 100000, "due_date": "2026-12-10", "kwh": 100},
            "new": {"amount_fen": 60000, "due_date": "2026-12-10", "kwh": 100},
            "principal_paid_before_fen": 0,
            "principal_paid_after_fen": 0,
            "balance_before_fen": 0,
            "balance_after_fen": 0,
        },
    )
    out = fold(books, [adj])
    assert out.books.bills["b1"].bill.amount_fen == 60000 == out.books.bills["b1"].bill.principal_paid_fen
    assert out.books.balances[CNO] == 40000 and out.basis == {"b1": adj.entry_id}
    [case] = out.cases
    assert (case.kind, case.amount_fen) == ("adjustment_surplus", 40000)
