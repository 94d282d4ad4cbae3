"""Taking the money at the counter: F8's exact cash, Enter/F12's payment with its second look (counter_confirm),
the payment on the store's writer thread, and a scanned payment code collected by the acquirer instead
(counter_wallet, issue 19). What follows a payment on screen: the large figures, the receipt printed, the 客显.

No payment by reflex (issue 16): an empty 实收 never pays, a payment above [counter] confirm_above_yuan asks
once, and one payment at a time (`paying`). The rest of the counter's flow is counter_page.CounterPage.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from app.errors import HallPayError
from app.model import Method
from app.services.payments import PayRequest, PayResult, pay
from app.services.wallet_pay import WalletPayRequest
from app.wallet import looks_like_payment_code
from ui.counter_screen import NO_SHIFT, CounterScreen
from ui.customer_display import paid_state
from ui.messages import error_text
from ui.ops import PAID, CollectionOp


class CounterPayments(CounterScreen):
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
        self.result.print(self._ctx, self._w.printer, r)
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
