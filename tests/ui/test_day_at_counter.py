"""A clerk's whole day at the counter, by keyboard alone: open the shift, three payments, a reprint,
an IC-card recharge, close the shift with a cash count; and the keystrokes a cash payment by scanned 户号 costs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.cash import DENOMINATIONS_FEN
from tests.recharge_helpers import card_key, issue_card
from tests.ui.kbd import Keyboard, open_window


def pieces_for(fen: int) -> list[int]:
    out = []
    for d in DENOMINATIONS_FEN:
        out.append(fen // d)
        fen %= d
    assert fen == 0
    return out


def test_cash_payment_by_scanned_customer_no_is_scan_enter_amount_enter(qtbot, terminal):
    window = open_window(qtbot, terminal)
    page, keys = window.counter, Keyboard(qtbot)
    keys.scan("1000000002")
    assert page.total_labels["to_pay"].text() == "3,041.00"
    assert QApplication.focusWidget() is page.tendered  # the amount due is filled in, focus waits for cash
    with qtbot.waitSignal(page.printer_state, timeout=10000):
        keys.type("3100")
        keys.enter()
    with terminal.ctx.uow() as uow:
        [stored] = uow.receipts.for_day("2026-11-23")
    assert (stored.amount_fen, stored.method) == (304100, "cash")
    # the report: the clerk pressed the tendered digits and Enter, nothing else
    print(
        f"\nkeystrokes for a cash payment by scanned 户号: scanner {keys.scanner_keys} (10 digits + Enter), "
        f"clerk {keys.clerk_keys} ({' '.join(keys.log)})"
    )
    assert keys.clerk_keys == len("3100") + 1
    assert keys.scanner_keys == 11


def test_full_day_by_keyboard_only(qtbot, terminal, tmp_path):
    window = open_window(qtbot, terminal, clerk="C02")  # C02 starts the day without a shift
    keys = Keyboard(qtbot)
    counter, shift, history = window.counter, window.shift, window.history

    # open the shift with a 200.00 float
    keys.ctrl(Qt.Key.Key_3)
    assert window.pages.currentWidget() is shift and QApplication.focusWidget() is shift.float_edit
    keys.type("200")
    keys.enter()
    assert "已开班" in shift.message.text() and shift.preview is not None
    assert shift.preview.shift.float_fen == 20000

    # three payments: cash with change, bank card (F3) with its POS reference, WeChat (F4)
    keys.ctrl(Qt.Key.Key_1)
    assert QApplication.focusWidget() is counter.search
    keys.scan("1000000001")
    with qtbot.waitSignal(counter.printer_state, timeout=10000):
        keys.type("200")
        keys.enter()
    keys.scan("1000000002")
    keys.press(Qt.Key.Key_F3)
    assert QApplication.focusWidget() is counter.reference
    with qtbot.waitSignal(counter.printer_state, timeout=10000):
        keys.type("POS0001")
        keys.enter()
    keys.scan("1000000005")
    keys.press(Qt.Key.Key_F4)
    keys.type("WX0002")
    keys.press(Qt.Key.Key_F12)  # 68,274.40 is above the large-payment limit: one question, 取消 focused
    qtbot.waitUntil(lambda: QApplication.focusWidget() is counter.pending_confirm.cancel_button, timeout=5000)
    with qtbot.waitSignal(counter.printer_state, timeout=10000):
        keys.press(Qt.Key.Key_Y)
    # an IC-card recharge: the customer's card goes into the reader, the clerk types amount and cash
    keys.ctrl(Qt.Key.Key_5)
    recharge = window.pages.currentWidget()
    assert window.page_names[window.pages.currentIndex()] == "recharge"
    recharge._reader.insert(issue_card(tmp_path / "li.json", card_key(terminal)))  # a hand, not a key
    qtbot.waitUntil(lambda: recharge.view is not None, timeout=5000)
    assert QApplication.focusWidget() is recharge.amount
    keys.type("100")
    keys.enter()
    keys.type("100")
    keys.enter()
    qtbot.waitUntil(lambda: recharge.last_result is not None, timeout=5000)
    assert recharge.last_result.card_state == "written"
    keys.ctrl(Qt.Key.Key_1)
    with terminal.ctx.uow() as uow:
        receipts = sorted(uow.receipts.for_day("2026-11-23"), key=lambda r: r.receipt_no)
    assert [r.method for r in receipts] == ["cash", "bankcard", "wechat", "cash"]
    assert receipts[3].kind == "card_purchase" and receipts[3].amount_fen == 10000
    assert all(r.shift_id == shift.preview.shift.shift_id for r in receipts)

    # reprint the first receipt from the history page
    keys.ctrl(Qt.Key.Key_2)
    assert QApplication.focusWidget() is history.filter and history.table.rowCount() == 4
    keys.type("0001")
    keys.enter()
    assert history.selected() == receipts[0].receipt_no
    with qtbot.waitSignal(history.reprinted, timeout=10000):
        keys.ctrl(Qt.Key.Key_R)
    assert "已重打" in history.message.text()
    with terminal.ctx.uow() as uow:
        assert uow.receipts.get(receipts[0].receipt_no).print_count == 2

    # close the shift: count exactly the expected cash, line by line, then Ctrl+Enter
    keys.ctrl(Qt.Key.Key_3)
    expected = shift.preview.expected_cash_fen
    assert expected == 20000 + receipts[0].amount_fen + receipts[3].amount_fen
    assert QApplication.focusWidget() is shift.pieces[DENOMINATIONS_FEN[0]]
    for n in pieces_for(expected):
        if n:
            keys.type(str(n))
        keys.enter()
    assert shift.counted.text() == shift.expected.text() and shift.difference.text() == "账款相符"
    keys.ctrl(Qt.Key.Key_Return)  # closing cannot be undone: one question, 取消 focused
    qtbot.waitUntil(lambda: QApplication.focusWidget() is shift.pending_confirm.cancel_button, timeout=5000)
    assert "结班" in shift.pending_confirm.text.text() and "账款相符" in shift.pending_confirm.text.text()
    keys.enter()  # a reflex Enter cancels
    qtbot.waitUntil(lambda: not shift.pending_confirm.isVisible(), timeout=5000)
    with terminal.ctx.uow() as uow:
        assert uow.shifts.open_for("C02") is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5000)
    keys.ctrl(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is shift.pending_confirm.cancel_button, timeout=5000)
    with qtbot.waitSignal(shift.reports_written, timeout=20000) as written:
        keys.press(Qt.Key.Key_Y)
    pdf, slip = written.args
    assert Path(pdf).stat().st_size > 1000 and Path(slip).stat().st_size > 1000
    with terminal.ctx.uow() as uow:
        assert uow.shifts.open_for("C02") is None
    assert shift.open_box.isVisible()  # the next shift can be opened, but only on purpose:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is shift.report_files.first_button(), timeout=5000)
    keys.press(Qt.Key.Key_Space)  # 打开 the day report (the button, not a path)
    assert shift.report_files.done == [("open", pdf)]
    keys.enter()  # one more Enter opens no shift
    with terminal.ctx.uow() as uow:
        assert uow.shifts.open_for("C02") is None
    print(f"\nfull day: {keys.clerk_keys} clerk keystrokes, {keys.scanner_keys} scanner keystrokes, no mouse")
