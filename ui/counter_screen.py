"""What is on the counter's screen: its parts laid out (the customer and what is due, the 收款 box, the message
line, 退款待领, the last payment with its receipt), the state the flow keeps between keys (the customer on
screen, the last receipt, whether the clerk's shift is open, a payment on the writer thread), and the small
reads and writes of the parts every step uses.

The flow is above it: taking the money in counter_pay.CounterPayments, everything else in
counter_page.CounterPage. This class never asks the store and handles no key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from app.errors import HallPayError
from app.model import METHOD_LABELS, Method
from app.receipt import Receipt
from app.services.payments import Due
from ui.confirm import ConfirmDialog
from ui.counter_confirm import PaymentCheck
from ui.counter_customer import CustomerPanel
from ui.counter_result import ResultPanel
from ui.counter_tender import TenderBox
from ui.counter_wallet import WalletCollection
from ui.customer_display import due_state
from ui.messages import error_text
from ui.ops import ClerkSession, Operations
from ui.refund_payout import RefundPayout
from ui.widgets import Banner

if TYPE_CHECKING:
    from bootstrap import Services
    from ui.tasks import Worker

NO_SHIFT = "no_shift"  # the message bar's topic while it says there is no open shift


class CounterScreen(QWidget):
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

    # ---------------------------------------------------------------- the parts

    def _build(self, printer_worker: Worker) -> None:
        root = QHBoxLayout(self)
        self.customer = CustomerPanel(self)
        self.customer.matched.connect(lambda: self.message.clear_message())
        self.customer.not_found.connect(
            lambda query: self.message.show_message(
                "error",
                self.tr("没有找到与“%1”相符的用户；请核对户号、电话、姓名或地址。").replace("%1", query),
            )
        )
        root.addWidget(self.customer, 3)
        right = QVBoxLayout()
        root.addLayout(right, 2)

        self.tender = TenderBox(self)
        self.tender.max_change_fen = self._w.config.max_change_fen
        self.tender.method_switched.connect(self._method_switched)
        self.tender.figures_changed.connect(self._emit_display)
        right.addWidget(self.tender)
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
            lambda receipt: self.result.print(self._ctx, self._w.printer, receipt),
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

    # ---------------------------------------------------------------- what every step uses

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

    def no_shift_text(self) -> str:
        return self.tr("还没有开班，不能收款。请按 Ctrl+3 到“班次”页，输入备用金后按回车开班。")

    def _method_text(self, method: str) -> str:
        try:
            return self.tr(METHOD_LABELS[Method(method)])
        except ValueError:
            return method

    def _method(self) -> Method:
        return self.tender.chosen()

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
