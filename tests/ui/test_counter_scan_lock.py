"""Issue 28 (ux N1): while a scanned payment waits for the customer's password, the counter takes no other
payment. F2 + 100 + Enter booked cash beside the WeChat trade that then succeeded: the customer paid twice.
The method keys, F8, F9, Enter/F12 and a new lookup are refused with one sentence until the scan has its
final state (Esc cancels it); switching pages mid-scan stays on the counter."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.config import load_config
from app.wallet import WalletKind
from tests.integration.wallet_fixtures import _sim_server, sim, wire  # noqa: F401
from tests.ui.test_counter_keyboard import enter, make_window
from wallets.codes import payment_code


def _scan_waiting(qtbot: Any, terminal: Any, sim: Any) -> Any:
    wire(terminal.data_dir, sim, deadline_s=30.0)
    terminal.config = load_config(terminal.data_dir / "config.toml")
    window = make_window(qtbot, terminal)
    page = window.counter
    qtbot.keyClicks(page.search, "1000000001")
    enter(qtbot, page.search)
    qtbot.keyClick(page.amount, Qt.Key.Key_F4)  # 微信
    qtbot.keyClicks(page.reference, payment_code(WalletKind.WECHAT, "userpaying_forever"))
    qtbot.keyClick(page.reference, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "剩余" in page.message.text(), timeout=10000)
    return window


def _receipts(terminal: Any) -> list[Any]:
    with terminal.ctx.uow() as uow:
        return uow.receipts.for_day("2026-11-23")


def _cancel(qtbot: Any, page: Any) -> None:
    qtbot.keyClick(QApplication.focusWidget() or page, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not page.wallet.waiting, timeout=15000)


def test_f2_cash_while_a_scan_waits_books_nothing(qtbot: Any, terminal: Any, sim: Any) -> None:
    window = _scan_waiting(qtbot, terminal, sim)
    page = window.counter
    qtbot.keyClick(QApplication.focusWidget() or page, Qt.Key.Key_F2)  # "I'll pay cash instead"
    assert page._method().value == "wechat"  # the method does not move while the scan waits
    assert "Esc" in page.message.text() and "扫码" in page.message.text()
    qtbot.wait(700)  # the countdown ticks every 0.3 s: the refusal stays beside it
    assert "不能改用其他方式" in page.message.text() and "剩余" in page.message.text()
    assert not page.tendered.isEnabled()
    qtbot.keyClicks(QApplication.focusWidget() or page, "100")
    for key in (Qt.Key.Key_Return, Qt.Key.Key_F12, Qt.Key.Key_F8):
        qtbot.keyClick(QApplication.focusWidget() or page, key)
    qtbot.wait(300)
    assert _receipts(terminal) == [] and page.wallet.waiting
    _cancel(qtbot, page)
    assert _receipts(terminal) == [] and sim.taken() == []
    # once the scan has its final state, F2 works again
    qtbot.keyClick(QApplication.focusWidget() or page, Qt.Key.Key_F2)
    assert page._method().value == "cash" and page.tendered.isEnabled()


def test_a_new_lookup_while_a_scan_waits_is_refused(qtbot: Any, terminal: Any, sim: Any) -> None:
    window = _scan_waiting(qtbot, terminal, sim)
    page = window.counter
    page.search.setText("1000000002")
    page.do_search()
    qtbot.wait(200)
    assert page.current.customer.customer_no == "1000000001" and page.wallet.waiting
    _cancel(qtbot, page)


def test_switching_pages_mid_scan_stays_on_the_counter(qtbot: Any, terminal: Any, sim: Any) -> None:
    window = _scan_waiting(qtbot, terminal, sim)
    page = window.counter
    for key in ("Ctrl+5", "Ctrl+2"):  # IC-card purchase, History
        qtbot.keyClick(QApplication.focusWidget() or window, key[-1], Qt.KeyboardModifier.ControlModifier)
        assert window.pages.currentWidget() is page, key
    assert "扫码" in page.message.text()
    _cancel(qtbot, page)
    qtbot.keyClick(QApplication.focusWidget() or window, "2", Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.history


def test_a_cancelled_scan_leaves_the_code_field_empty(qtbot: Any, terminal: Any, sim: Any) -> None:
    """ux P3: after Esc (撤销) the spent payment code stayed in the field, selected."""
    window = _scan_waiting(qtbot, terminal, sim)
    page = window.counter
    _cancel(qtbot, page)
    assert "撤销" in page.message.text()
    assert page.reference.text() == "" and page.reference.hasFocus()
