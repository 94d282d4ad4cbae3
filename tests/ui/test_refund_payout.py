"""退款待领 at the counter (issue 21), by keyboard: the lookup shows the refund head office ordered, Ctrl+Shift+R
twice pays it out in cash, the receipt prints, the store has the entry and the shift's expected cash is lower
by exactly the refund."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.journal import Kind
from app.services.refund_payout import owed_refunds
from app.services.shift_close import close_preview
from db.refund_repos import apply_pulled_refunds
from tests.ui.kbd import Keyboard, open_window

CUSTOMER = "1000000004"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def order_refund(terminal, refund_id: str, amount_fen: int) -> None:
    """What the pull stores for a refund order head office signed (db/local_sync.py applies it the same way)."""
    with terminal.store.engine.begin() as conn:
        apply_pulled_refunds(
            conn,
            [
                {
                    "refund_id": refund_id,
                    "customer_no": CUSTOMER,
                    "amount_fen": amount_fen,
                    "case_id": f"double_payment:{refund_id}:",
                    "order_entry_id": f"hq-{refund_id}",
                    "ordered_at": "2026-11-23T01:00:00Z",
                    "status": "ordered",
                }
            ],
            {CUSTOMER},
        )


def test_the_counter_shows_the_refund_owed_and_pays_it_out_on_the_second_press(qtbot, terminal):
    order_refund(terminal, "r-1", 12345)
    order_refund(terminal, "r-2", 1)
    expected_before = close_preview(terminal.ctx, "C01").figures.expected_cash_fen
    window = open_window(qtbot, terminal)
    page, keys = window.counter, Keyboard(qtbot)
    keys.scan(CUSTOMER)
    payout = page.refund_payout
    assert payout.banner.isVisibleTo(page) and "退款待领 123.46 元" in payout.banner.text()

    keys.press(Qt.Key.Key_R, CTRL_SHIFT)  # the first press only asks
    assert payout.armed and "再按 Ctrl+Shift+R 确认" in payout.banner.text()
    assert [r.amount_fen for r in owed_refunds(terminal.ctx, CUSTOMER)] == [12345, 1]
    with qtbot.waitSignal(page.printer_state, timeout=10000):
        keys.press(Qt.Key.Key_R, CTRL_SHIFT)
    assert "已支付退款 123.46 元" in payout.banner.text()
    # cash leaves the drawer: a large figure, as large as a payment's change (ux P3)
    assert payout.figure.isVisibleTo(page) and payout.figure.text() == "付出现金 123.46 元"
    assert payout.figure.font().pointSize() >= 20
    assert owed_refunds(terminal.ctx, CUSTOMER) == []
    assert close_preview(terminal.ctx, "C01").figures.expected_cash_fen == expected_before - 12346
    with terminal.ctx.read() as uow:
        [entry] = uow.journal.of_kind(Kind.REFUND_PAYOUT)
        [receipt] = [r for r in uow.receipts.for_day("2026-11-23") if r.kind == Kind.REFUND_PAYOUT]
    assert entry.payload["amount_fen"] == 12346 and receipt.entry_seq == entry.seq
    assert receipt.print_state == "printed"
    window.pages.setCurrentWidget(window.shift)  # the shift page says where the cash went
    qtbot.waitUntil(
        lambda: "退款支付（总部退款单）1 笔，123.46 元" in window.shift.figures.text(), timeout=10000
    )

    keys.press(Qt.Key.Key_R, CTRL_SHIFT)  # nothing owed any more: the key does nothing
    keys.press(Qt.Key.Key_R, CTRL_SHIFT)
    with terminal.ctx.read() as uow:
        assert len(uow.journal.of_kind(Kind.REFUND_PAYOUT)) == 1


def test_esc_forgets_the_first_press(qtbot, terminal):
    order_refund(terminal, "r-1", 500)
    window = open_window(qtbot, terminal)
    page, keys = window.counter, Keyboard(qtbot)
    keys.scan(CUSTOMER)
    keys.press(Qt.Key.Key_R, CTRL_SHIFT)
    assert page.refund_payout.armed
    keys.press(Qt.Key.Key_Escape)
    assert not page.refund_payout.armed and not page.refund_payout.banner.isVisibleTo(page)
    assert [r.amount_fen for r in owed_refunds(terminal.ctx, CUSTOMER)] == [500]
