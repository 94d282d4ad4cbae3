"""退款待领 at the counter (issue 21): a refund head office ordered for the customer on screen, paid out in cash.

The counter page hands this module a place for its banner and tells it which customer it shows; the owed
refunds are read on the reader thread, the pay-out runs on the writer thread (app/services/refund_payout.py:
one journal entry, the refunds marked paid, the receipt row), then the page prints the receipt the customer
signs. Cash leaves the drawer, so the key asks twice: the first press says what will be paid, the second pays.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QBoxLayout, QLabel, QWidget

from app.errors import HallPayError
from app.receipt import Receipt
from app.services.refund_payout import PayoutRequest, PayoutResult, owed_refunds, pay_out
from app.store import OwedRefund
from ui.messages import error_text
from ui.ops import PAID, CollectionOp, Operations, QueryOp
from ui.widgets import Banner, big, yuan

PAYOUT_KEY = "Ctrl+Shift+R"


class RefundPayout(QObject):
    """The banner and the key of one counter page: `show_for(customer_no)` after each lookup, `clear()` on Esc."""

    def __init__(
        self,
        page: QWidget,
        ops: Operations,
        clerk_of: Callable[[], str],
        layout: QBoxLayout,
        print_receipt: Callable[[Receipt], None],
    ) -> None:
        super().__init__(page)
        self._ops, self._clerk_of, self._print = ops, clerk_of, print_receipt
        self.banner = Banner(page)
        self.banner.setObjectName("refund-owed")
        layout.addWidget(self.banner)
        # cash leaving the drawer, as large as the change of a payment (ux P3: only a small green line said it)
        self.figure = big(QLabel(), 26)
        self.figure.setObjectName("payout_figure")
        self.figure.setStyleSheet("color:#8a1c1c;")
        self.figure.hide()
        layout.addWidget(self.figure)
        self.customer_no = ""
        self.owed_fen = 0
        self.armed = False  # the first press asked; the next one pays
        self.paying = False
        QShortcut(QKeySequence(PAYOUT_KEY), page, self.key_pressed)

    def clear(self) -> None:
        self.customer_no, self.owed_fen, self.armed = "", 0, False
        self.banner.clear_message()
        self.figure.hide()

    def show_for(self, customer_no: str) -> None:
        """Read what head office ordered refunded to this customer and still owed here."""
        self.clear()
        self.customer_no = customer_no

        def shown(refunds: list[OwedRefund]) -> None:
            if self.customer_no != customer_no:  # the clerk moved on meanwhile
                return
            self.owed_fen = sum(r.amount_fen for r in refunds)
            if self.owed_fen:
                self.banner.show_message(
                    "warn",
                    self.tr("退款待领 %1 元（%2 从钱箱支付现金）")
                    .replace("%1", yuan(self.owed_fen))
                    .replace("%2", PAYOUT_KEY),
                )

        QueryOp(self._ops, lambda ctx: owed_refunds(ctx, customer_no), shown, parent=self).failure(
            self._failed
        ).run()

    def key_pressed(self) -> None:
        if not self.owed_fen or self.paying:
            return
        if not self.armed:
            self.armed = True
            self.banner.show_message(
                "warn",
                self.tr("退款待领 %1 元：再按 %2 确认从钱箱支付现金，并请客户在凭证上签字。")
                .replace("%1", yuan(self.owed_fen))
                .replace("%2", PAYOUT_KEY),
            )
            return
        self.paying, self.armed = True, False
        req = PayoutRequest(self.customer_no, self._clerk_of())
        CollectionOp(
            self._ops,
            lambda ctx: pay_out(ctx, req),
            self._paid,
            parent=self,
            changes=dataclasses.replace(PAID, customer=req.customer_no),
        ).failure(self._failed).run()

    def _paid(self, result: PayoutResult) -> None:
        self.paying = False
        self.owed_fen = 0
        self.banner.show_message(
            "ok",
            self.tr("已支付退款 %1 元（凭证 %2）；请客户在凭证上签字。")
            .replace("%1", yuan(result.amount_fen))
            .replace("%2", result.receipt.receipt_no),
        )
        self.figure.setText(self.tr("付出现金 %1 元").replace("%1", yuan(result.amount_fen)))
        self.figure.show()
        self._print(result.receipt)

    def _failed(self, error: BaseException) -> None:
        """A refusal is one sentence on the banner; anything else is a bug and is raised."""
        self.paying = False
        if not isinstance(error, HallPayError):
            raise error
        self.banner.show_message("error", error_text(error))
