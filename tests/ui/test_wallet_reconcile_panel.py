"""扫码收款对账 on the shift page (issue 19), by keyboard, against the simulator on loopback: the close
shows and records the day's differences, a supervisor signs them off (a wrong PIN signs nothing); an
acquirer that went away leaves the reconciliation pending and the shift closes all the same."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.config import load_config
from app.model import Method
from app.services.shift_close import load_day_report
from app.services.wallet_day import WALLET_RECONCILIATION
from app.services.wallet_pay import WalletPayRequest, collect
from app.wallet import WalletKind
from tests.integration.wallet_fixtures import DAY, FAST, _sim_server, sim, wire  # noqa: F401
from tests.ui.kbd import Keyboard, open_window
from tests.ui.test_day_at_counter import pieces_for
from wallets.codes import payment_code
from wallets.sim import AcquirerSim


def _wired(terminal: Any, acquirer: AcquirerSim) -> None:
    wire(terminal.data_dir, acquirer)
    terminal.config = load_config(terminal.data_dir / "config.toml")


def _paid_by_wallet(terminal: Any, kind: WalletKind, fen: int) -> Any:
    wallets, _locks, _poll = terminal.wallets()
    return collect(
        terminal.ctx,
        wallets,
        WalletPayRequest("1000000004", Method(kind.value), payment_code(kind), "C01", amount_fen=fen),
        polling=FAST,
    )


def _close_by_keyboard(qtbot: Any, window: Any) -> None:
    keys, shift = Keyboard(qtbot), window.shift
    keys.ctrl(Qt.Key.Key_3)
    qtbot.waitUntil(lambda: shift.preview is not None, timeout=5000)
    qtbot.waitUntil(
        lambda: QApplication.focusWidget() is shift.pieces[next(iter(shift.pieces))], timeout=5000
    )
    for n in pieces_for(shift.preview.expected_cash_fen):
        if n:
            keys.type(str(n))
        keys.enter()
    keys.ctrl(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is shift.pending_confirm.cancel_button, timeout=5000)
    with qtbot.waitSignal(shift.reports_written, timeout=30000):
        keys.press(Qt.Key.Key_Y)


def _recorded(terminal: Any) -> list[Any]:
    with terminal.ctx.read() as uow:
        return list(uow.journal.of_kind(WALLET_RECONCILIATION))


def test_close_shows_the_differences_and_a_supervisor_signs_them(qtbot: Any, terminal: Any, sim: Any) -> None:
    _wired(terminal, sim)
    _paid_by_wallet(terminal, WalletKind.ALIPAY, 10_00)
    sim._pay("wechat", "HPOTHER0000000001", 7_00, payment_code(WalletKind.WECHAT))  # not in the journal
    extra = sim.trade("wechat", "HPOTHER0000000001").trade_no
    window = open_window(qtbot, terminal)
    panel = window.shift.wallets
    _close_by_keyboard(qtbot, window)
    assert panel.status.property("level") == "error" and "1 项差异" in panel.status.text()
    assert panel.table.rowCount() == 1 and panel.table.item(0, 2).text() == extra
    assert panel.table.item(0, 5).text() == "7.00" and panel.sign_button.isEnabled()
    [entry] = _recorded(terminal)
    assert entry.payload["state"] == "differences"

    for widget, text in (
        (panel.supervisor, "S01"),
        (panel.pin, "000000"),
        (panel.reason, "收单机构多记一笔"),
    ):
        widget.setText(text)
    panel.sign_button.click()
    qtbot.waitUntil(lambda: panel.status.property("level") == "error" and not panel.pin.text(), timeout=10000)
    assert load_day_report(terminal.ctx, DAY.isoformat()).wallet_reconciliation.state == "differences"
    panel.pin.setText("999999")
    panel.sign_button.click()
    qtbot.waitUntil(lambda: panel.status.property("level") == "ok", timeout=10000)
    assert "S01" in panel.status.text() and not panel.sign_button.isEnabled()
    day = load_day_report(terminal.ctx, DAY.isoformat()).wallet_reconciliation
    assert day.state == "signed" and day.signed_by == ("S01",) and day.reasons == ("收单机构多记一笔",)


def test_acquirer_gone_the_close_goes_on_and_says_pending(qtbot: Any, terminal: Any) -> None:
    own = AcquirerSim(delay_s=0.5).start()
    own.today = lambda: DAY
    try:
        _wired(terminal, own)
        _paid_by_wallet(terminal, WalletKind.WECHAT, 8_88)
    finally:
        own.stop()  # the acquirer is gone before the close
    window = open_window(qtbot, terminal)
    panel = window.shift.wallets
    _close_by_keyboard(qtbot, window)
    with terminal.ctx.read() as uow:
        assert uow.shifts.open_for("C01") is None  # closed all the same
    assert panel.status.property("level") == "warn" and "待完成" in panel.status.text()
    assert panel.table.rowCount() == 1 and panel.table.item(0, 4).text() == "8.88"
    assert not panel.sign_button.isEnabled()  # nothing to sign: pending is not a difference
    [entry] = _recorded(terminal)
    assert entry.payload["state"] == "pending"

    own.start()  # the acquirer is back: 立即对账 completes the day the close left pending
    try:
        _wired(terminal, own)
        panel.check_button.click()
        qtbot.waitUntil(lambda: "已补记" in panel.status.text(), timeout=15000)
    finally:
        own.stop()
    assert panel.status.property("level") == "ok" and "相符" in panel.status.text()
    assert [e.payload["state"] for e in _recorded(terminal)] == ["pending", "clean"]


def test_the_statement_is_fetched_on_the_reports_thread(
    qtbot: Any, terminal: Any, sim: Any, monkeypatch: Any
) -> None:
    """The acquirer may take its whole timeout: the counter's reader thread (lookups) must not wait on it."""
    from PySide6.QtCore import QThread

    import ui.wallet_reconcile_panel as panel_module

    threads: list[str] = []
    real = panel_module.reconcile_for_close

    def noted(*args: Any, **kwargs: Any) -> Any:
        threads.append(QThread.currentThread().objectName())
        return real(*args, **kwargs)

    monkeypatch.setattr(panel_module, "reconcile_for_close", noted)
    _wired(terminal, sim)
    _paid_by_wallet(terminal, WalletKind.ALIPAY, 10_00)
    window = open_window(qtbot, terminal)
    _close_by_keyboard(qtbot, window)
    assert threads and set(threads) == {"store-report"}, threads


def test_before_any_check_the_panel_does_not_say_there_were_no_scanned_payments(
    qtbot: Any, terminal: Any
) -> None:
    """Issue 28 (ux N7): before the close the panel said "今天没有扫码收款" beside a summary with three."""
    window = open_window(qtbot, terminal)
    text = window.shift.wallets.status.text()
    assert "没有扫码收款" not in text and "尚未对账" in text
