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
(counter_wallet) and the last payment with its receipt (counter_result). It owns the flow between them.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from app.errors import HallPayError
from app.model import METHOD_LABELS, Method
from app.receipt import Receipt
from app.services.payments import Due, PayRequest, PayResult, pay
from app.services.receipt_status import shift_is_open
from app.services.wallet_pay import WalletPayRequest
from app.wallet import looks_like_payment_code
from ui.confirm import ConfirmDialog
from ui.counter_confirm import PaymentCheck
from ui.counter_customer import CounterView, CustomerPanel
from ui.counter_result import ResultPanel
from ui.counter_tender import METHOD_KEYS, TenderBox
from ui.counter_wallet import WalletCollection
from ui.customer_display import due_state, paid_state
from ui.messages import error_text
from ui.notice_propose import PROPOSE_KEY, propose_notice
from ui.ops import PAID, ClerkSession, CollectionOp, OpChanges, Operations, QueryOp
from ui.refund_payout import RefundPayout
from ui.widgets import Banner, tr0, yuan

if TYPE_CHECKING:
    from bootstrap import Services
    from ui.tasks import Worker

EXACT_CASH_KEY = "F8"
CHANGE_MODE_KEY = "F9"
REPRINT_LAST_KEY = "Ctrl+R"
VOID_LAST_KEY = "Ctrl+Shift+V"
NO_SHIFT = "no_shift"  # the message bar's topic while it says there is no open shift


class CounterPage(QWidget):
    paid = Signal(str)  # receipt number
    reversed = Signal(object)  # ReversalResult, after a void of the last receipt from the counter
    printer_state = Signal(str)
    display = Signal(
        dict
    )  # what the customer display (客显) shows: state, name, due, tendered, change, method
    message: Banner  # built in _build after the parts whose signals already speak through it

    def __init__(
        self,
        wiring: Services,
        printer_worker: Worker,
        clerk_id: str,
        parent: QWidget | None = None,
        *,
        ops: Operations | None = None,
    ) -> None:
        super().__init__(parent)
        self._w = wiring
        self._ctx = wiring.ctx
        # the store, off the Qt thread: the window's operations, or the page's own when it stands alone
        self.ops = ops if ops is not None else Operations(wiring.ctx, ClerkSession(clerk_id), self)
        self.clerk_id = clerk_id
        self._current: Due | None = None
        self.last_receipt: Receipt | None = None
        self._policy: Any = None
        self.shift_open: bool | None = None  # from the last lookup or check_shift(); None: not asked yet
        self.void_dialog: Any = None
        self.paying = False  # a payment is on the writer thread
        self.check = PaymentCheck(self)
        self.wallet = WalletCollection(lambda level, text: self.message.show_message(level, text), self)
        self._build(printer_worker)
        self._keys()
        self.new_customer()

    # ---------------------------------------------------------------- the parts

    def _build(self, printer_worker: Worker) -> None:
        root = QHBoxLayout(self)
        self.customer = CustomerPanel(self)
        self.customer.search_entered.connect(self.do_search)
        self.customer.chosen.connect(self.load)
        self.customer.matched.connect(lambda: self.message.clear_message())
        self.customer.not_found.connect(
            lambda query: self.message.show_message(
                "error",
                self.tr("没有找到与“%1”相符的用户；请核对户号、电话、姓名或地址。").replace("%1", query),
            )
        )
        self.customer.loaded.connect(self.show_customer)
        root.addWidget(self.customer, 3)
        right = QVBoxLayout()
        root.addLayout(right, 2)

        self.tender = TenderBox(self)
        self.tender.max_change_fen = self._w.config.max_change_fen
        self.tender.method_switched.connect(self._method_switched)
        self.tender.figures_changed.connect(self._emit_display)
        self.tender.tendered.returnPressed.connect(self.confirm)
        self.tender.reference.returnPressed.connect(self.confirm)
        right.addWidget(self.tender)

        self.tender.confirm_button.clicked.connect(self.confirm)
        self.tender.exact_button.clicked.connect(self.exact_cash)
        self.confirm_button, self.exact_button = self.tender.confirm_button, self.tender.exact_button

        self.message = Banner()
        self.message.setObjectName("message")
        right.addWidget(self.message)
        # 退款待领 (issue 21): its banner under the message, its key, its reads and the pay-out
        self.refund_payout = RefundPayout(
            self,
            self.ops,
            lambda: self.clerk_id,
            right,
            lambda receipt: self.result.print(self._ctx, self._w.printer(), receipt),
        )

        self.result = ResultPanel(printer_worker, self)
        self.result.printer_state.connect(self.printer_state)
        right.addWidget(self.result, 1)

        # the parts' fields under the names the window, the screenshots and the tests have always used
        c, t, r = self.customer, self.tender, self.result
        self.search, self.results, self.fields, self.bills = c.search, c.results, c.fields, c.bills
        self.total_labels, self.quote_notes = c.total_labels, c.quote_notes
        self.method, self.amount, self.tendered, self.change = t.method, t.amount, t.tendered, t.change
        self.reference, self.change_mode_label = t.reference, t.change_mode_label
        self.result_box, self.result_labels, self.result_receipt = (
            r.result_box,
            r.result_labels,
            r.result_receipt,
        )
        self.print_status, self.preview, self.preview_scroll = r.print_status, r.preview, r.preview_scroll

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

    @property
    def current(self) -> Due | None:
        return self._current

    @current.setter
    def current(self, value: Due | None) -> None:
        self._current = value
        self.tender.active = value is not None  # the 收款 fields take input only with a customer on screen

    @property
    def change_mode(self) -> str:
        return self.tender.change_mode

    @property
    def shown_receipt(self) -> str | None:
        return self.result.shown_receipt

    @property
    def pending_confirm(self) -> ConfirmDialog | None:
        return self.check.pending

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

    def _reset_form(self) -> None:
        self.current = None
        self.customer.clear()
        self.tender.reset()
        self._set_pay_enabled(False)
        self.search.setFocus()

    def _failed(self, error: BaseException) -> None:
        """A store operation refused (one sentence for the clerk); anything else is a bug and is raised."""
        if not isinstance(error, HallPayError):
            raise error
        self.message.show_message("error", error_text(error))

    def scan_blocks(self) -> bool:
        """While a scanned payment waits for its final state, the counter takes no other payment and no other
        customer (issue 28: F2, 100, Enter booked cash beside the WeChat trade that then succeeded, and the
        customer paid twice). True, and one sentence on the message line, when that is now."""
        if not self.wallet.waiting:
            return False
        self.wallet.refuse(self.scan_wait_text())
        return True

    def scan_wait_text(self) -> str:
        return self.tr("扫码收款正在等待结果：不能改用其他方式收款或换下一位。请等结果，或按 Esc 撤销。")

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

    def exact_cash(self) -> None:
        """F8: cash, tendered = the amount (the explicit key for "the customer gave exactly this")."""
        if self.scan_blocks():
            return
        if self.current is None:
            self.message.show_message("error", self.tr("请先查找用户。"))
            self.search.setFocus()
            return
        self.tender.choose(0)
        amount = self.amount.fen_or_none()
        if amount is None:
            amount = self.current.quote.to_pay_fen
            self.amount.set_fen(amount if amount > 0 else None)
        if not amount:
            self.message.show_message("error", self.tr("请先输入缴费金额。"))
            self.amount.setFocus()
            return
        self.tendered.set_fen(amount)
        self.confirm()

    def confirm(self) -> None:
        if self.current is None:
            self.message.show_message("error", self.tr("请先查找用户。"))
            self.search.setFocus()
            return
        if self.paying or self.check.asking or self.scan_blocks():
            return
        method = self._method()
        if method is Method.CASH and not self.tendered.text().strip():
            # an empty 实收 never pays: a scanner's trailing Enter or a reflex Enter books nothing
            self.message.show_message("warn", self.tr("请输入顾客交来的现金（实收），或按 F8 收足额现金。"))
            self.tendered.setFocus()
            return
        try:
            amount = self.amount.fen()
            tendered = self.tendered.fen() if method is Method.CASH else None
        except HallPayError as error:
            self.message.show_message("error", error_text(error))
            return
        if self.shift_open is False:
            self.message.show_message("warn", self.no_shift_text(), topic=NO_SHIFT)
            return

        def cancelled() -> None:
            self.message.show_message("info", self.tr("已取消，未收款。"))
            self.tender.focus_next_after_amount()

        if not self.check.ask_if_needed(
            self.current,
            self._policy,
            method,
            amount,
            tendered,
            self.change_mode,
            self._w.config.confirm_above_fen,
            lambda: self._pay(amount, tendered),
            cancelled,
            self._w.config.max_change_fen,
        ):
            self._pay(amount, tendered)
        elif self.message.property("level") == "error":
            # the dialog asks about what the clerk typed now: an earlier refusal is no longer about it (ux P3:
            # "1000000002 元超过单笔收费上限" stayed behind the large-payment dialog)
            self.message.clear_message()

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

    def no_shift_text(self) -> str:
        return self.tr("还没有开班，不能收款。请按 Ctrl+3 到“班次”页，输入备用金后按回车开班。")

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self.shift_open is None:
            self.check_shift()

    def _pay(self, amount: int | None, tendered: int | None) -> None:
        if self.current is None:
            return
        if self._method() in (Method.WECHAT, Method.ALIPAY) and looks_like_payment_code(
            self.reference.text()
        ):
            self._collect(amount)  # a scanned payment code: the acquirer collects (issue 19)
            return
        req = PayRequest(
            customer_no=self.current.customer.customer_no,
            method=self._method(),
            clerk_id=self.clerk_id,
            amount_fen=amount,
            tendered_fen=tendered,
            reference=self.reference.text(),
            change_to_balance=self.change_mode if tendered is not None else "none",
            max_change_fen=self._w.config.max_change_fen,
        )
        self.paying = True  # one payment at a time: a second Enter while this one is booked does nothing

        def refused(error: BaseException) -> None:
            self.paying = False
            self._pay_failed(error)

        CollectionOp(
            self.ops,
            lambda ctx: pay(ctx, req),
            self._paid,
            parent=self,
            changes=lambda result: dataclasses.replace(PAID, customer=result.receipt.customer_no),
        ).failure(refused).run()

    def _pay_failed(self, error: BaseException) -> None:
        if (
            getattr(error, "code", "") == "shift.none"
        ):  # the CLI's sentence names a command; the clerk gets words
            self.shift_open = False
            self.message.show_message("warn", self.no_shift_text(), topic=NO_SHIFT)
        else:
            self.message.show_message("error", error_text(error))

    def _paid(self, result: PayResult) -> None:
        self.paying = False
        r = result.receipt
        self.last_receipt = r
        self.message.show_message("ok", self.result.paid_sentence(r, self._method_text(r.method)))
        self.paid.emit(r.receipt_no)
        self._reset_form()
        self.result.clear_result()
        self.result.show_result(r, self._method_text(r.method))
        self.result.print(self._ctx, self._w.printer(), r)
        self.display.emit(paid_state(r))

    def _collect(self, amount: int | None) -> None:
        """F4/F5, scan the customer's payment code (the scanner's Enter confirms): the acquirer collects on the
        wallet worker; the message counts down while the customer types the password; Esc cancels (撤销)."""
        assert self.current is not None
        req = WalletPayRequest(
            self.current.customer.customer_no,
            self._method(),
            self.reference.text().strip(),
            self.clerk_id,
            amount_fen=amount,
        )

        def done(value: Any, error: BaseException | None) -> None:
            self._set_pay_enabled(self.current is not None)
            if error is not None:
                self._pay_failed(error)
                if getattr(error, "code", "").startswith("wallet.cancelled"):
                    # a cancelled trade's code is spent: the field is ready for a new scan (ux P3: the used
                    # code stayed, selected)
                    self.reference.clear()
                else:
                    self.reference.selectAll()
                self.reference.setFocus()
                return
            self._paid(value.paid)
            if (
                value.corrected
            ):  # the code's digits chose the other wallet: said, never left for the clerk to spot
                r, label = value.paid.receipt, self._method_text
                said = self.wallet.corrected_text(label(req.method.value), label(value.wallet.value))
                self.message.show_message("warn", said + self.result.paid_sentence(r, label(r.method)))
            self.ops.changed.emit(dataclasses.replace(PAID, customer=value.paid.receipt.customer_no))

        if self.wallet.start(self._ctx, self._w, req, done):
            self._set_pay_enabled(False)

    def reprint_last(self) -> None:
        """Ctrl+R: reprint this clerk's last receipt from the counter (marked 重打)."""
        r = self.last_receipt
        if r is None:
            self.message.show_message(
                "error", self.tr("本次登录还没有收款凭证可重打；更早的凭证请在历史页重打。")
            )
            return
        self.result.reprint(self._ctx, self._w.printer(), r.receipt_no, self.clerk_id)

    def void_last(self) -> None:
        """Ctrl+Shift+V: void the last receipt taken here, with a supervisor (the same dialog as History)."""
        from ui.history_page import open_void_dialog

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
        self.result.print_slip(self._ctx, self._w.printer(), result.receipt_no)  # to sign (issue 28)

    def after_reversal(self, result: Any) -> None:
        """A receipt was voided (here or in History): the screen and the customer display follow."""
        from ui.history_page import void_message

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

    # ---------------------------------------------------------------- helpers

    def _method_text(self, method: str) -> str:
        try:
            return self.tr(METHOD_LABELS[Method(method)])
        except ValueError:
            return method

    def _method(self) -> Method:
        return self.tender.chosen()

    def _choose_method(self, index: int) -> None:
        """F2–F7: the method; never while a scanned payment waits (its trade may still succeed)."""
        if self.scan_blocks():
            return
        self.tender.choose(index)

    def _method_switched(self) -> None:
        if self.message.property("level") == "error":  # e.g. "bank card needs its reference" after F5 Alipay
            self.message.clear_message()

    def _emit_display(self) -> None:
        if self.current is not None:
            self.display.emit(
                due_state(
                    self.current.customer.name,
                    self._method().value,
                    self.amount.fen_or_none(),
                    self.tendered.fen_or_none(),
                    self.tender.change_split(),
                )
            )

    def _set_pay_enabled(self, enabled: bool) -> None:
        self.tender.set_enabled(enabled)
