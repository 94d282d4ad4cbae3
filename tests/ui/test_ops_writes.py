"""Issue 15, the last pages: a void and a notice proposal are CollectionOps on the store's writer that announce
what they changed (OpChanges), an IC-card purchase announces its money from the card's thread, and a write
that committed is announced even when the dialog that asked for it is gone."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QWidget

import ui.notice_propose as notice_propose
import ui.recharge_page as recharge_page
import ui.void_dialog as void_dialog
from app.journal import Kind
from app.services import notices
from app.services.payments import due
from tests.recharge_helpers import LI, PullAcross, card_key, issue_card, pending, written
from tests.ui.kbd import Keyboard, open_window
from ui import ops


def on_thread(monkeypatch, module, name: str, seen: list[str]) -> None:
    """Record the thread each call of module.name runs on; it must never be the Qt thread."""
    real = getattr(module, name)

    def wrapper(*args, **kwargs):
        seen.append(QThread.currentThread().objectName() or threading.current_thread().name)
        assert QThread.currentThread() is not QApplication.instance().thread(), f"{name} on the Qt thread"
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapper)


def pay_cash(qtbot, window, keys: Keyboard, customer: str, tendered: str) -> str:
    keys.scan(customer)
    keys.type(tendered)
    with qtbot.waitSignal(window.counter.printer_state, timeout=10000):
        keys.enter()
    return window.counter.last_receipt.receipt_no


def shift_cash(qtbot, window) -> int:
    """The open shift's expected cash, as the shift page shows it once its read answered."""
    window.shift.preview = None
    window.shift.refresh()
    qtbot.waitUntil(lambda: window.shift.preview is not None, timeout=5000)
    return window.shift.preview.expected_cash_fen


def void_in_dialog(qtbot, dialog, pin: str) -> None:
    dialog.approver.setText("S01")
    dialog.pin.setText(pin)
    dialog.reason.setText("收错户")
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)


def test_a_void_from_history_is_a_collection_op_and_every_page_follows_its_changes(
    qtbot, terminal, monkeypatch
):
    threads: list[str] = []
    on_thread(monkeypatch, void_dialog, "reverse", threads)
    window = open_window(qtbot, terminal)
    keys = Keyboard(qtbot)
    receipt_no = pay_cash(qtbot, window, keys, "1000000002", "3100")
    before = shift_cash(qtbot, window)
    changes: list[ops.OpChanges] = []
    window.ops.changed.connect(changes.append)
    history = window.history
    history.show_day(history.day)
    qtbot.waitUntil(lambda: receipt_no in [r.receipt_no for r in history.rows], timeout=5000)
    history.table.selectRow([r.receipt_no for r in history.rows].index(receipt_no))
    history.void_selected()
    qtbot.waitUntil(lambda: history.void_dialog is not None, timeout=5000)
    # the shift page is not asked by anyone but the change: a stale figure would stay
    window.shift.preview = None
    void_in_dialog(qtbot, history.void_dialog, "999999")
    assert threads == ["store-write"]
    assert [c.reversal.receipt_no for c in changes if c.reversal is not None] == [receipt_no]
    change = changes[-1]
    assert (change.receipts, change.shift, change.customer) == (True, True, "1000000002")
    qtbot.waitUntil(lambda: window.shift.preview is not None, timeout=5000)
    assert window.shift.preview.expected_cash_fen == before - 304100  # the 3,041.00 left the drawer
    assert due(terminal.ctx, "1000000002").quote.to_pay_fen == 304100
    qtbot.waitUntil(lambda: bool(history.rows) and history.rows[0].type == "reversal", timeout=5000)
    assert "冲正" in window.display.prompt.text() and "3,041.00" in window.display.prompt.text()
    assert window.counter.last_receipt is None and "已冲正" in window.counter.message.text()


def test_a_refused_void_announces_nothing_and_changes_nothing(qtbot, terminal):
    window = open_window(qtbot, terminal)
    keys = Keyboard(qtbot)
    receipt_no = pay_cash(qtbot, window, keys, "1000000001", "200")
    before = shift_cash(qtbot, window)
    changes: list[ops.OpChanges] = []
    window.ops.changed.connect(changes.append)
    window.counter.void_last()
    dialog = window.counter.void_dialog
    void_in_dialog(qtbot, dialog, "000000")  # a wrong PIN
    assert dialog.isVisible() and dialog.message.property("level") == "error"
    assert changes == []
    with terminal.ctx.read() as uow:
        assert uow.receipts.reversed_by(receipt_no) is None
    assert shift_cash(qtbot, window) == before


def test_a_void_from_the_counter_speaks_once(qtbot, terminal):
    window = open_window(qtbot, terminal)
    keys = Keyboard(qtbot)
    pay_cash(qtbot, window, keys, "1000000001", "200")
    shown: list[dict] = []
    window.counter.display.connect(
        lambda state: shown.append(state) if state.get("state") == "reversed" else None
    )
    window.counter.void_last()
    with qtbot.waitSignal(window.counter.reversed, timeout=10000):
        void_in_dialog(qtbot, window.counter.void_dialog, "999999")
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    QApplication.processEvents()
    assert len(shown) == 1 and window.counter.last_receipt is None


def test_a_notice_proposal_is_a_collection_op_with_its_changes(qtbot, terminal, monkeypatch):
    threads: list[str] = []
    on_thread(monkeypatch, notice_propose.notices, "propose", threads)
    window = open_window(qtbot, terminal)
    changes: list[ops.OpChanges] = []
    window.ops.changed.connect(changes.append)
    Keyboard(qtbot).scan("1000000002")
    window.counter.propose_notice()
    qtbot.waitUntil(lambda: bool(changes), timeout=5000)
    assert threads == ["store-write"]
    assert changes == [ops.OpChanges(notices=True, customer="1000000002")]
    assert [n.customer_no for n in notices.notice_list(terminal.ctx, "proposed")] == ["1000000002"]
    # a second proposal is refused: one sentence, nothing announced, still one notice
    window.counter.propose_notice()
    qtbot.waitUntil(lambda: window.counter.message.property("level") == "error", timeout=5000)
    assert len(changes) == 1 and len(notices.notice_list(terminal.ctx, "proposed")) == 1


def test_a_committed_write_is_announced_after_its_widget_is_gone(qtbot, terminal):
    window = open_window(qtbot, terminal)
    changes: list[ops.OpChanges] = []
    window.ops.changed.connect(changes.append)
    asker = QWidget()
    gate = threading.Event()
    answered: list[int] = []

    def write(_ctx) -> int:
        gate.wait(5)
        return 1

    ops.CollectionOp(
        window.ops, write, answered.append, changes=ops.OpChanges(receipts=True), parent=asker
    ).run()
    asker.deleteLater()
    QApplication.processEvents()
    gate.set()
    qtbot.waitUntil(lambda: bool(changes), timeout=5000)
    assert changes == [ops.OpChanges(receipts=True)] and answered == []  # the dialog is not called back


def test_a_card_purchase_announces_its_money_even_when_the_card_is_pulled_mid_write(
    qtbot, terminal, tmp_path: Path
):
    window = open_window(qtbot, terminal)
    keys = Keyboard(qtbot)
    before = shift_cash(qtbot, window)
    keys.ctrl("5")
    recharge = window.pages.currentWidget()
    assert window.page_names[window.pages.currentIndex()] == "recharge"
    card = issue_card(tmp_path / "li.json", card_key(terminal))
    recharge.reader.insert(card)
    qtbot.waitUntil(lambda: recharge.view is not None and ops.idle(), timeout=5000)
    changes: list[ops.OpChanges] = []
    window.ops.changed.connect(changes.append)
    # the customer snatches the card at the first write APDU, after the read (5 APDUs) and the commit
    recharge._reader = PullAcross(recharge.reader, before=6)
    window.shift.preview = None  # only the purchase's change may bring the figures back
    keys.type("100")
    keys.enter()
    keys.type("150")
    keys.enter()
    qtbot.waitUntil(lambda: recharge.last_result is not None, timeout=10000)
    assert recharge.last_result.card_state == "pending"
    receipt_no = recharge.last_result.receipt.receipt_no
    assert changes == [ops.OpChanges(receipts=True, shift=True, customer=LI)]
    # the books: the money is in the journal and the shift, the card write is owed, nothing is on the card
    with terminal.ctx.read() as uow:
        purchases = uow.journal.of_kind(Kind.CARD_PURCHASE)
    assert [(e.payload["receipt_no"], e.payload["amount_fen"]) for e in purchases] == [(receipt_no, 10000)]
    assert [w.receipt_no for w in pending(terminal)] == [receipt_no] and written(terminal) == []
    qtbot.waitUntil(lambda: window.shift.preview is not None, timeout=5000)
    assert window.shift.preview.expected_cash_fen == before + 10000
    qtbot.waitUntil(lambda: receipt_no in [r.receipt_no for r in window.history.rows], timeout=5000)


def test_an_inserted_card_is_read_on_its_thread_and_its_account_on_the_stores(
    qtbot, terminal, monkeypatch, tmp_path
):
    threads: list[str] = []
    for name in ("inserted_card", "card_view", "remember_card"):
        on_thread(monkeypatch, recharge_page, name, threads)
    window = open_window(qtbot, terminal)
    Keyboard(qtbot).ctrl("5")
    recharge = window.pages.currentWidget()
    card = issue_card(tmp_path / "li.json", card_key(terminal))
    recharge.reader.insert(card)
    qtbot.waitUntil(lambda: recharge.view is not None and ops.idle(), timeout=5000)
    assert threads == ["card", "store-read", "store-write"]
    assert recharge.view.check.ok and "李建国" in recharge.fields["customer"].text()
    with terminal.ctx.read() as uow:  # the good card is remembered, by its own write
        assert uow.cards.get(recharge.view.image.serial) is not None
    # a card pulled before its account view answers leaves nothing on screen
    recharge.reader.remove()
    qtbot.waitUntil(lambda: recharge.view is None, timeout=5000)
    recharge._card_read(recharge._insertion - 1, card_view_of(terminal, card))  # a late answer
    assert recharge.view is None and not recharge.confirm_button.isEnabled()


def card_view_of(terminal, card: Path):
    """The view a late answer would carry (the card as the counter last read it)."""
    from app.services.card_view import card_view
    from cardreader.simulated import SimulatedCardReader

    reader = SimulatedCardReader()
    reader.insert(card)
    return card_view(terminal.ctx, reader.read_card(), card_key(terminal))
