"""The counter: F4/F5, scan the customer's payment code, the acquirer (simulator on loopback) collects."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.config import load_config
from app.wallet import WalletKind
from tests.integration.wallet_fixtures import _sim_server, sim, wire  # noqa: F401
from tests.ui.test_counter_keyboard import enter, make_window
from wallets.codes import payment_code


def _wired(terminal: Any, sim: Any, **kw: Any) -> None:
    wire(terminal.data_dir, sim, **kw)
    terminal.config = load_config(terminal.data_dir / "config.toml")


def test_f5_scan_pays_through_the_acquirer(qtbot: Any, terminal: Any, sim: Any) -> None:
    _wired(terminal, sim)
    window = make_window(qtbot, terminal)
    page = window.counter
    qtbot.keyClicks(page.search, "1000000001")
    enter(qtbot, page.search)
    qtbot.keyClick(page.amount, Qt.Key.Key_F5)  # 支付宝
    assert page._method().value == "alipay" and QApplication.focusWidget() is page.reference
    code = payment_code(WalletKind.ALIPAY, "userpaying_then_success")
    qtbot.keyClicks(page.reference, code)  # the scanner types the digits, then Enter
    with qtbot.waitSignal(page.paid, timeout=15000) as paid:
        enter(qtbot, page.reference)
    [trade] = sim.taken("alipay")
    assert paid.args == ["T01-20261123-0001"] and page.last_receipt.reference == trade.trade_no
    assert "收款成功" in page.message.text()


def test_esc_cancels_while_the_customer_types_the_password(qtbot: Any, terminal: Any, sim: Any) -> None:
    _wired(terminal, sim, deadline_s=30.0)
    window = make_window(qtbot, terminal)
    page = window.counter
    qtbot.keyClicks(page.search, "1000000001")
    enter(qtbot, page.search)
    qtbot.keyClick(page.amount, Qt.Key.Key_F4)  # 微信
    qtbot.keyClicks(page.reference, payment_code(WalletKind.WECHAT, "userpaying_forever"))
    enter(qtbot, page.reference)
    qtbot.waitUntil(lambda: "剩余" in page.message.text(), timeout=10000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: "已撤销" in page.message.text(), timeout=15000)
    assert sim.taken() == [] and page.current is not None
    with terminal.ctx.uow() as uow:
        assert uow.receipts.for_day("2026-11-23") == []


def test_wrong_wallet_key_is_corrected_and_said(qtbot: Any, terminal: Any, sim: Any) -> None:
    """微信 key pressed, an Alipay code scanned: charged via Alipay, and the counter says so (a warning)."""
    _wired(terminal, sim)
    window = make_window(qtbot, terminal)
    page = window.counter
    qtbot.keyClicks(page.search, "1000000001")
    enter(qtbot, page.search)
    qtbot.keyClick(page.amount, Qt.Key.Key_F4)  # 微信
    assert page._method().value == "wechat"
    qtbot.keyClicks(page.reference, payment_code(WalletKind.ALIPAY))
    with qtbot.waitSignal(page.paid, timeout=15000):
        enter(qtbot, page.reference)
    [trade] = sim.taken("alipay")
    assert sim.taken("wechat") == [] and page.last_receipt.method == "alipay"
    assert page.last_receipt.reference == trade.trade_no
    assert page.message.property("level") == "warn"
    assert (
        page.message.text() == "⚠ 已更正钱包：按的是微信键，付款码属于支付宝，已按支付宝收款。"
        "收款成功：凭证 T01-20261123-0001，支付宝 191.10 元。"
    )
    assert "支付宝" in page.result_receipt.text()


def test_right_wallet_key_says_nothing_about_correcting(qtbot: Any, terminal: Any, sim: Any) -> None:
    _wired(terminal, sim)
    window = make_window(qtbot, terminal)
    page = window.counter
    qtbot.keyClicks(page.search, "1000000001")
    enter(qtbot, page.search)
    qtbot.keyClick(page.amount, Qt.Key.Key_F4)  # 微信, and a WeChat code
    qtbot.keyClicks(page.reference, payment_code(WalletKind.WECHAT))
    with qtbot.waitSignal(page.paid, timeout=15000):
        enter(qtbot, page.reference)
    assert page.message.property("level") == "ok" and "更正" not in page.message.text()
