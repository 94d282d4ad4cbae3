"""The IC-card page's 购电 box: amount, method (F2–F7), cash tendered and its change as large as the counter's,
the trade reference, 收款并写卡, and the 补卡 customer's 户号 beside its button.

The box takes input only for a card that may be sold to (`sellable`); the page owns what its buttons do.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QPushButton

from app.model import METHOD_LABELS, Method
from ui.counter_tender import METHOD_KEYS  # the counter's F2–F7, the same keys on this page (ui/key_help.py)
from ui.widgets import MoneyEdit, big, yuan


class PurchaseBox(QGroupBox):
    def __init__(
        self,
        sellable: Callable[[], bool],
        confirm: Callable[[], None],
        replace: Callable[[], None],
    ) -> None:
        super().__init__()
        self.setTitle(self.tr("购电"))
        self._sellable = sellable
        pay = QFormLayout(self)
        self.amount = MoneyEdit()
        self.amount.setObjectName("amount")
        self.amount.returnPressed.connect(self._amount_entered)
        self.method = QComboBox()
        self.method.setObjectName("method")
        for m, key in METHOD_KEYS:
            self.method.addItem(self.tr(METHOD_LABELS[m]) + f"  {key}", m)
        self.method.currentIndexChanged.connect(self.method_changed)
        self.tendered = MoneyEdit()
        self.tendered.setObjectName("tendered")
        self.tendered.textChanged.connect(self._update_change)
        self.tendered.returnPressed.connect(confirm)
        self.amount.textChanged.connect(self._update_change)
        self.reference = QLineEdit()
        self.reference.setObjectName("reference")
        self.reference.returnPressed.connect(confirm)
        self.change = big(QLabel("0.00"), 26)  # as large as the counter's: the cash mistake is the same
        self.change.setObjectName("change")
        self.change.setStyleSheet("color:#1f5c1a;")
        pay.addRow(self.tr("购电金额（元）"), self.amount)
        pay.addRow(self.tr("支付方式"), self.method)
        pay.addRow(self.tr("实收（元）"), self.tendered)
        pay.addRow(self.tr("交易参考号"), self.reference)
        pay.addRow(self.tr("找零"), self.change)
        self.confirm_button = QPushButton(self.tr("收款并写卡 F12"))
        self.confirm_button.setObjectName("confirm")
        self.confirm_button.clicked.connect(confirm)
        pay.addRow(self.confirm_button)
        self.replace_button = QPushButton(self.tr("补卡（插入空白卡后）"))
        self.replace_button.setObjectName("replace")
        self.replace_button.clicked.connect(replace)
        self.replace_customer = QLineEdit()
        self.replace_customer.setObjectName("replace_customer")
        self.replace_customer.setPlaceholderText(self.tr("补卡用户的户号"))
        pay.addRow(self.replace_customer, self.replace_button)

    def chosen(self) -> Method:
        return Method(self.method.currentData())

    def set_enabled(self, on: bool) -> None:
        for w in (self.amount, self.method, self.tendered, self.reference, self.confirm_button):
            w.setEnabled(on)
        if on:
            self.method_changed()

    def method_changed(self) -> None:
        """Cash takes the tendered amount, any other method its trade reference; neither without a card."""
        cash = self.chosen() is Method.CASH
        self.tendered.setEnabled(cash and self._sellable())
        self.reference.setEnabled(not cash and self._sellable())
        self._update_change()

    def clear(self) -> None:
        for edit in (self.amount, self.tendered, self.reference):
            edit.clear()

    def _amount_entered(self) -> None:
        (self.tendered if self.chosen() is Method.CASH else self.reference).setFocus()

    def _update_change(self) -> None:
        amount, tendered = self.amount.fen_or_none(), self.tendered.fen_or_none()
        self.change.setText(yuan(tendered - amount) if amount and tendered and tendered >= amount else "0.00")
