"""Issue 14 at the counter, by keyboard: F9 puts the change (or only its fen) on the customer's balance,
the counter shows the prepaid offset and the 1-yuan minimum. Exact fen, checked in the store afterwards."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from tests.ui.kbd import Keyboard, open_window

CUSTOMER = "1000000004"  # 张伟: his one bill is paid; each test gives him what it needs


def add_bill(terminal, bill_id: str, amount_fen: int, due_date: str, period: str = "2026-11") -> None:
    with terminal.ctx.uow() as uow:
        uow.bills.upsert(
            [
                dict(
                    bill_id=bill_id,
                    customer_no=CUSTOMER,
                    period=period,
                    kwh=429,
                    amount_fen=amount_fen,
                    due_date=due_date,
                )
            ]
        )
        uow.customers.set_balance(CUSTOMER, 0)  # the showcase gives him 20.00: the figures start from none
        uow.commit()


def stored(terminal):
    with terminal.ctx.uow() as uow:
        [receipt] = uow.receipts.for_day("2026-11-23")
        return uow.customers.get(CUSTOMER).balance_fen, receipt, json.loads(receipt.body)


@pytest.mark.parametrize(
    ("presses", "mode_text", "handed", "kept"),
    [
        (0, "找零全部交还顾客", "72.55", 0),
        (1, "零钱转预存", "72.00", 55),
        (2, "全部转预存", "0.00", 7255),
    ],
)
def test_f9_puts_change_on_the_balance(qtbot, terminal, presses, mode_text, handed, kept):
    add_bill(terminal, f"{CUSTOMER}-c", 22745, "2026-12-10")  # no late fee: 227.45 due
    window = open_window(qtbot, terminal)
    page, keys = window.counter, Keyboard(qtbot)
    keys.scan(CUSTOMER)
    assert page.total_labels["to_pay"].text() == "227.45"
    keys.type("300")
    assert page.change.text() == "72.55"
    for _ in range(presses):
        keys.press(Qt.Key.Key_F9)
    assert page.change.text() == handed  # what the clerk hands back
    assert page.change_mode_label.text().startswith(mode_text)
    assert window.display.values["change"].text() == f"{handed} 元"
    with qtbot.waitSignal(page.printer_state, timeout=10000):
        keys.enter()
    balance, receipt, body = stored(terminal)
    assert balance == kept
    assert receipt.amount_fen == 22745 + kept
    assert (body["tendered_fen"], body["change_fen"], body["change_to_balance_fen"]) == (
        30000,
        7255 - kept,
        kept,
    )
    assert page.result_labels["change"].text() == handed
    assert page.result_labels["to_balance"].isVisibleTo(page.result_box) == bool(kept)
    if kept:
        assert page.result_labels["to_balance"].text() == f"{kept // 100}.{kept % 100:02d}"
        assert window.display.values["to_balance"].text() == page.result_labels["to_balance"].text() + " 元"
        assert "转预存" in page.message.text()
    # the next customer starts at "hand the change back"
    keys.press(Qt.Key.Key_Escape)
    assert page.change_mode == "none"


def test_f9_only_for_cash(qtbot, terminal):
    add_bill(terminal, f"{CUSTOMER}-c", 22745, "2026-12-10")
    window = open_window(qtbot, terminal)
    page, keys = window.counter, Keyboard(qtbot)
    keys.scan(CUSTOMER)
    keys.press(Qt.Key.Key_F3)  # bank card: no change
    keys.press(Qt.Key.Key_F9)
    assert page.change_mode == "none" and page.message.property("level") == "warn"


def test_counter_shows_minimum_fee_and_prepaid_offset(qtbot, terminal):
    from app.services.offset import offset_from_balance

    add_bill(terminal, f"{CUSTOMER}-m", 10000, "2026-11-20")  # 3 days at 1‰: 0.30, charged 1.00
    window = open_window(qtbot, terminal)
    page, keys = window.counter, Keyboard(qtbot)
    keys.scan(CUSTOMER)
    assert page.total_labels["late_fee"].text() == "1.00"
    assert page.quote_notes.isVisible() and "补足 0.70" in page.quote_notes.text()
    # a 50.00 balance pays part of a new bill by itself (预收冲抵); the counter says so
    with terminal.ctx.uow() as uow:
        uow.customers.set_balance(CUSTOMER, 5000)
        add = dict(
            bill_id=f"{CUSTOMER}-n",
            customer_no=CUSTOMER,
            period="2026-12",
            kwh=100,
            amount_fen=8000,
            due_date="2026-12-20",
        )
        uow.bills.upsert([add])
        offset_from_balance(uow, terminal.ctx, CUSTOMER, "C01", terminal.ctx.clock.now_utc(), "import")
        uow.commit()
    keys.press(Qt.Key.Key_Escape)
    keys.scan(CUSTOMER)
    assert "预收冲抵" in page.quote_notes.text() and "50.00" in page.quote_notes.text()
