"""The counter's 收款 box: the method, the amount, the cash tendered and its change, the reference, and
the keys that confirm.

It knows the arithmetic on screen (the change, what 零钱转预存 keeps) and which field takes the next
keystroke; the page decides whether and how to pay.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.model import METHOD_LABELS, Method
from app.services.payments import kept_change_fen
from app.tender import MAX_CHANGE_FEN, change_needs_a_look, change_too_large
from ui.widgets import MoneyEdit, big, key_hints, yuan

METHOD_KEYS = [
    (Method.CASH, "F2"),
    (Method.BANKCARD, "F3"),
    (Method.WECHAT, "F4"),
    (Method.ALIPAY, "F5"),
    (Method.UNIONPAY, "F6"),
    (Method.CHEQUE, "F7"),
]
CHANGE_MODES = ("none", "fen", "all")  # PayRequest.change_to_balance, in the order F9 cycles them


class TenderBox(QWidget):
    method_switched = Signal()  # before the fields follow the new method (the page clears a stale error)
    figures_changed = Signal()  # amount, tendered, change or change mode: the customer display follows

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        pay_box = QGroupBox(self.tr("收款"))
        column.addWidget(pay_box)
        self.active = (
            False  # a customer is on screen (the page sets it): the chosen method's fields take input
        )
        self.change_mode = (
            "none"  # 零钱转预存 for this customer's cash payment; F9 cycles, reset per customer
        )
        self.max_change_fen = MAX_CHANGE_FEN  # [counter] max_change_yuan (the page sets it from the config)
        form = QFormLayout(pay_box)
        self.method = QComboBox()
        self.method.setObjectName("method")
        for m, key in METHOD_KEYS:
            self.method.addItem(self.tr(METHOD_LABELS[m]) + f"  [{key}]", m.value)
        self.method.currentIndexChanged.connect(self._method_changed)
        self.amount = MoneyEdit()
        self.amount.setObjectName("amount")
        self.tendered = MoneyEdit()
        self.tendered.setObjectName("tendered")
        self.tendered.setPlaceholderText(self.tr("顾客交来的现金；足额按 F8"))
        self.change = big(QLabel("0.00"), 26)
        self.change.setObjectName("change")
        self.change.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.reference = QLineEdit()
        self.reference.setObjectName("reference")
        self.amount.textChanged.connect(self.update_change)
        self.tendered.textChanged.connect(self.update_change)
        self.amount.returnPressed.connect(self.focus_next_after_amount)
        form.addRow(self.tr("支付方式"), self.method)
        form.addRow(self.tr("缴费金额(元)"), self.amount)
        form.addRow(self.tr("实收(元)"), self.tendered)
        form.addRow(self.tr("找零(元)"), self.change)
        self.change_mode_label = QLabel()
        self.change_mode_label.setObjectName("change_mode")
        self.change_mode_label.setWordWrap(True)
        form.addRow(self.tr("零钱 [F9]"), self.change_mode_label)
        self._form = form
        self.reference_label = QLabel(self.tr("交易参考号"))
        form.addRow(self.reference_label, self.reference)

        self.confirm_button = QPushButton(self.tr("确认收款  [Enter / F12]"))
        self.confirm_button.setObjectName("confirm")
        self.confirm_button.setMinimumHeight(48)
        big(self.confirm_button, 14)
        self.exact_button = QPushButton(self.tr("收足额现金  [F8]"))
        self.exact_button.setObjectName("exact_cash")
        self.exact_button.setMinimumHeight(48)
        big(self.exact_button, 12, False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm_button, 2)
        buttons.addWidget(self.exact_button, 1)
        column.addLayout(buttons)
        hint = QLabel(
            key_hints(
                self.tr(
                    "F2 现金  F3 银行卡  F4 微信  F5 支付宝  F6 云闪付  F7 支票  F8 收足额现金  "
                    "F9 零钱转预存  Ctrl+R 重打上一张  Ctrl+Shift+V 冲正上一张  Esc 下一位"
                )
            )
        )
        hint.setObjectName("counter_hint")
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#555;")
        column.addWidget(hint)

    def chosen(self) -> Method:
        return Method(self.method.currentData())

    def choose(self, index: int) -> None:
        self.method.setCurrentIndex(index)

    def choose_method(self, method: Method) -> None:
        self.choose([m for m, _key in METHOD_KEYS].index(method))

    def reset(self) -> None:
        """The next customer: cash, empty fields, 零钱转预存 asked anew."""
        self.change_mode = "none"
        self.amount.clear()
        self.tendered.clear()
        self.reference.clear()
        self.choose(0)

    def set_enabled(self, enabled: bool) -> None:
        """Method, amount and confirm take input (off while nobody is on screen, or a scanned payment waits)."""
        for widget in (self.method, self.amount, self.confirm_button):
            widget.setEnabled(enabled)
        self._method_changed()

    def _method_changed(self) -> None:
        self.method_switched.emit()
        cash = self.chosen() is Method.CASH
        self.tendered.setEnabled(cash and self.active)
        self.reference.setEnabled(not cash and self.active)
        self.reference_label.setEnabled(not cash)
        # WeChat/Alipay: the field takes the customer's payment code from the scanner (the acquirer collects);
        # typed by hand it is the trade number of a payment already made. Said so (issue 28, ux N11)
        if self.chosen() in (Method.WECHAT, Method.ALIPAY):
            self.reference_label.setText(self.tr("付款码"))
            self.reference.setPlaceholderText(self.tr("扫描顾客手机上的付款码；扫不了时输入交易单号"))
        else:
            self.reference_label.setText(self.tr("交易参考号"))
            self.reference.setPlaceholderText("")
        if not cash:
            self.tendered.clear()
            self.change_mode = "none"  # only cash has change
        # no cash, no change: the 零钱 [F9] line goes, and the greyed 实收 no longer asks for cash (ux P3)
        self._form.setRowVisible(self.change_mode_label, cash)
        self.tendered.setPlaceholderText(self.tr("顾客交来的现金；足额按 F8") if cash else "")
        if self.active:
            self.focus_next_after_amount()
        self.update_change()

    def focus_next_after_amount(self) -> None:
        if self.chosen() is Method.CASH:
            self.tendered.setFocus()
            self.tendered.selectAll()
        else:
            self.reference.setFocus()

    def cycle_change_mode(self) -> bool:
        """F9: handed back / only its fen to the balance / all of it to the balance. False: not cash now."""
        if not self.active or self.chosen() is not Method.CASH:
            return False
        self.change_mode = CHANGE_MODES[(CHANGE_MODES.index(self.change_mode) + 1) % len(CHANGE_MODES)]
        self.update_change()
        return True

    def change_split(self) -> tuple[int, int] | None:
        """(handed back, kept as balance) for the cash on screen; None when it is not (yet) enough cash."""
        amount, tendered = self.amount.fen_or_none(), self.tendered.fen_or_none()
        if self.chosen() is not Method.CASH or amount is None or tendered is None or tendered < amount:
            return None
        kept = kept_change_fen(tendered - amount, self.change_mode)
        return tendered - amount - kept, kept

    def update_change(self) -> None:
        amount, tendered = self.amount.fen_or_none(), self.tendered.fen_or_none()
        split = self.change_split()
        if split is not None:
            handed, _kept = split
            self.change.setText(yuan(handed))
            # an extra zero shows before Enter: red beyond the limit, amber from a 100-yuan note (issue 28)
            assert amount is not None and tendered is not None
            if change_too_large(amount, tendered, self.max_change_fen):
                self.change.setStyleSheet("color:#b3261e;")
            elif change_needs_a_look(amount, tendered):
                self.change.setStyleSheet("color:#9a6700;")
            else:
                self.change.setStyleSheet("color:#1f5c1a;")
        elif self.chosen() is Method.CASH and amount is not None and tendered is not None:
            self.change.setText(self.tr("不足 %1").replace("%1", yuan(amount - tendered)))
            self.change.setStyleSheet("color:#b3261e;")
        else:
            self.change.setText("0.00")
            self.change.setStyleSheet("")
        self._show_change_mode(split[1] if split is not None else None)
        self.figures_changed.emit()

    def _show_change_mode(self, kept: int | None) -> None:
        self.change_mode_label.setEnabled(self.chosen() is Method.CASH and self.active)
        if self.change_mode == "none":
            text = self.tr("找零全部交还顾客")
        elif self.change_mode == "fen":
            text = self.tr("零钱转预存：找零的角分以下（不足 1 元部分）记入预存")
        else:
            text = self.tr("全部转预存：找零全部记入预存")
        if kept is not None and self.change_mode != "none":
            text += self.tr("，本笔 %1 元").replace("%1", yuan(kept))
        self.change_mode_label.setText(text)
        self.change_mode_label.setStyleSheet(
            "color:#1d3f73; font-weight:bold;" if self.change_mode != "none" else "color:#555;"
        )
