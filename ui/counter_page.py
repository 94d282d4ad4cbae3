"""The counter page (坐收): find the customer, see what is due, take the money, print the receipt.

Keyboard first: scan or type the 户号 and Enter; the amount is filled in; type the cash
tendered and Enter. F2–F7 choose the method, F8 takes the exact amount in cash, F9 cycles what
happens to the change (找零 / 零钱转预存: only its fen / 全部转预存: all of it on the customer's balance),
F12 confirms, Ctrl+R reprints the last receipt, Esc starts over.

No payment by reflex (issue 16): an empty 实收 never pays (a scanner's trailing Enter only finds the
customer), and a payment above [counter] confirm_above_yuan asks once, with 取消 focused. After a
payment the paid amount, tendered and change stay large until the next lookup or Esc; printer news
has its own line and resolves.

The page composes the parts, each a module of its own: the customer and what is due (counter_customer),
the 收款 box (counter_tender), the second look (counter_confirm), the scanned wallet payment
(counter_wallet) and the last payment with its receipt (counter_result), laid out with the state between
keys in counter_screen. Taking the money is counter_pay; this class owns the rest of the flow: finding the
customer, the keys, the shift, the last receipt's reprint and void, and what other pages changed.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from app.services.receipt_status import shift_is_open
from ui.counter_customer import CounterView
from ui.counter_pay import CounterPayments
from ui.counter_screen import NO_SHIFT
from ui.counter_tender import METHOD_KEYS
from ui.notice_propose import PROPOSE_KEY, propose_notice
from ui.ops import OpChanges, Operations, QueryOp
from ui.void_dialog import open_void_dialog, void_message
from ui.widgets import tr0, yuan

if TYPE_CHECKING:
    from bootstrap import Services
    from ui.tasks import Worker

EXACT_CASH_KEY = "F8"
CHANGE_MODE_KEY = "F9"
REPRINT_LAST_KEY = "Ctrl+R"
VOID_LAST_KEY = "Ctrl+Shift+V"


class CounterPage(CounterPayments):
    def __init__(
        self,
        wiring: Services,
        printer_worker: Worker,
        clerk_id: str,
        parent: QWidget | None = None,
        *,
        ops: Operations | None = None,
    ) -> None:
        super().__init__(wiring, printer_worker, clerk_id, parent, ops=ops)
        self._connect()
        self._keys()
        self.new_customer()

    def _connect(self) -> None:
        """The parts' signals into the flow (the parts themselves are laid out by CounterScreen)."""
        self.customer.search_entered.connect(self.do_search)
        self.customer.chosen.connect(self.load)
        self.customer.loaded.connect(self.show_customer)
        self.tender.tendered.returnPressed.connect(self.confirm)
        self.tender.reference.returnPressed.connect(self.confirm)
        self.tender.confirm_button.clicked.connect(self.confirm)
        self.tender.exact_button.clicked.connect(self.exact_cash)

    def _keys(self) -> None:
        for index, (_m, key) in enumerate(METHOD_KEYS):
            QShortcut(QKeySequence(key), self, lambda i=index: self._choose_method(i))
        QShortcut(QKeySequence("F12"), self, self.confirm)
        QShortcut(QKeySequence(EXACT_CASH_KEY), self, self.exact_cash)
        QShortcut(QKeySequence(CHANGE_MODE_KEY), self, self.cycle_change_mode)
        QShortcut(QKeySequence(REPRINT_LAST_KEY), self, self.reprint_last)
        QShortcut(QKeySequence(VOID_LAST_KEY), self, self.void_last)
        QShortcut(QKeySequence(PROPOSE_KEY), self, self.propose_notice)
        QShortcut(QKeySequence("Escape"), self, self.new_customer)
        QShortcut(QKeySequence("Ctrl+F"), self, self.search.setFocus)

    # ---------------------------------------------------------------- flow

    def new_customer(self) -> None:
        """Esc: back to an empty search for the next customer; the last payment's figures go too.
        While a scanned payment waits for the customer's password, Esc cancels it (撤销) instead."""
        if self.wallet.waiting:
            self.wallet.cancel()
            return
        self._reset_form()
        self.result.clear_result()
        self.message.clear_message()
        self.refund_payout.clear()
        self.display.emit({"state": "idle"})

    def do_search(self) -> None:
        if self.scan_blocks():
            return
        self.customer.look_up(self.ops, self.search.text(), self._failed)

    def load(self, customer_no: str) -> None:
        if self.scan_blocks():
            return
        self.customer.read(self.ops, customer_no, self.clerk_id, self._failed)

    def show_customer(self, view_of: CounterView) -> None:
        if view_of.due is None:
            return
        self.current = view_of.due
        self.shift_open = view_of.shift_open
        self._policy = view_of.due.policy
        self.result.clear_result()  # the preview and the last figures belong to the customer on screen
        self.customer.show_view(view_of)
        self.refund_payout.show_for(view_of.due.customer.customer_no)
        q = view_of.due.quote
        self._set_pay_enabled(True)
        self.amount.set_fen(q.to_pay_fen if q.to_pay_fen > 0 else None)
        self.tendered.clear()
        if not self.shift_open:
            self.message.show_message("warn", self.no_shift_text(), topic=NO_SHIFT)
        if q.to_pay_fen == 0:
            self.message.show_message("info", self.tr("该用户当前没有应缴电费；如需预存，请输入金额。"))
            self.amount.setFocus()
        else:
            self.tender.focus_next_after_amount()

    def cycle_change_mode(self) -> None:
        """F9: the change is handed back / only its fen go to the balance / all of it goes to the balance."""
        if self.scan_blocks():
            return
        if not self.tender.cycle_change_mode():
            self.message.show_message("warn", self.tr("零钱转预存只用于现金收款：先查找用户，按 F2 选现金。"))

    def check_shift(self) -> None:
        """Ask the store, off the Qt thread, whether this clerk has an open shift; say so when not."""
        clerk = self.clerk_id

        def done(is_open: bool) -> None:
            if clerk != self.clerk_id:
                return
            self.shift_open = bool(is_open)
            if not self.shift_open and self.current is None and not self.result_box.isVisible():
                self.message.show_message("warn", self.no_shift_text(), topic=NO_SHIFT)
            elif self.shift_open and self.message.topic == NO_SHIFT:
                self.message.clear_message()

        QueryOp(self.ops, lambda ctx: shift_is_open(ctx, clerk), done, parent=self).failure(
            lambda _e: None
        ).run()

    def set_clerk(self, clerk_id: str) -> None:
        """A clerk switch (ClerkSession.switched): the last clerk's customer, change and preview leave the screen."""
        if clerk_id == self.clerk_id:
            return
        self.clerk_id = clerk_id
        self._ctx = dataclasses.replace(self._ctx, clerk_id=clerk_id)
        self.last_receipt = None
        self.new_customer()
        self.shift_open = None
        self.check_shift()

    def refresh_changes(self, changes: OpChanges) -> None:
        """Operations.changed: a shift opened or closed elsewhere changes whether this counter takes money;
        a void (here or in History) changes what the screen and the 客显 show."""
        if changes.shift:
            self.check_shift()
        if changes.reversal is not None:
            self.after_reversal(changes.reversal)
        if changes.notices and changes.customer and self.current is not None:
            self.customer.reread_risk(self.ops, changes.customer, self._failed)

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self.shift_open is None:
            self.check_shift()

    def reprint_last(self) -> None:
        """Ctrl+R: reprint this clerk's last receipt from the counter (marked 重打)."""
        r = self.last_receipt
        if r is None:
            self.message.show_message(
                "error", self.tr("本次登录还没有收款凭证可重打；更早的凭证请在历史页重打。")
            )
            return
        self.result.reprint(self._ctx, self._w.printer, r.receipt_no, self.clerk_id)

    def void_last(self) -> None:
        """Ctrl+Shift+V: void the last receipt taken here, with a supervisor (the same dialog as History)."""
        if self.last_receipt is None:
            self.message.show_message(
                "error", self.tr("本次登录还没有收款凭证可冲正；更早的凭证请在历史页冲正。")
            )
            return
        self.void_dialog = open_void_dialog(
            self, self.ops, self.clerk_id, self.last_receipt, self._after_void
        )

    def _after_void(self, result: Any) -> None:
        self.reversed.emit(result)  # the screen follows the void's OpChanges (refresh_changes)
        self.result.print_slip(self._ctx, self._w.printer, result.receipt_no)  # to sign (issue 28)

    def after_reversal(self, result: Any) -> None:
        """A receipt was voided (here or in History): the screen and the customer display follow."""
        if self.last_receipt is not None and self.last_receipt.receipt_no == result.receipt_no:
            self.last_receipt = None
        if self.shown_receipt == result.receipt_no:
            self.result.clear_result()
        if self.current is not None and self.current.customer.customer_no == result.customer_no:
            self.load(result.customer_no)  # what is due again
        self.message.show_message("warn", void_message(tr0, result))
        self.display.emit(
            {
                "state": "reversed",
                "name": "",
                "due": "",
                "tendered": "",
                "change": yuan(result.refund_fen),
                "method": result.method,
            }
        )

    def propose_notice(self) -> None:
        """Ctrl+Shift+N: propose a stop-power notice for the customer on screen (the banner says when it may)."""
        customer_no = self.current.customer.customer_no if self.current is not None else ""
        propose_notice(self.ops, customer_no, self.clerk_id, self.message.show_message, parent=self)

    def _choose_method(self, index: int) -> None:
        """F2–F7: the method; never while a scanned payment waits (its trade may still succeed)."""
        if self.scan_blocks():
            return
        self.tender.choose(index)
