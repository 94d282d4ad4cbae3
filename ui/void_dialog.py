"""冲正 in the window (issue 16): a supervisor types id, PIN and reason, sees what will be refunded, and
confirms with an explicit key (Ctrl+Enter or the button; Enter never confirms, Esc cancels). A card purchase
is voided with the customer's card as read now (Operations.card, on the reader's thread): only a card showing
the purchase did not land lets it through (app/services/void_card.py).

The reversal itself is app/services/reversal.reverse, a CollectionOp on the store's writer thread; a refusal
(wrong PIN, shift closed, card already written) is shown in the dialog and changes nothing. A void that
committed announces `voided(result)`: History, the shift page, the counter and the 客显 follow Operations.changed.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.journal import Kind
from app.model import METHOD_LABELS, Method
from app.ports import CardImage
from app.receipt import Receipt
from app.services.reversal import ReversalRequest, ReversalResult, reverse
from ui.messages import error_text
from ui.ops import CollectionOp, OpChanges, Operations
from ui.widgets import Banner, big, tr0, yuan

CONFIRM_KEYS = ("Ctrl+Return", "Ctrl+Enter")


def voided(result: ReversalResult) -> OpChanges:
    """What a void changes: the receipts (History), the drawer (the shift), the customer's bills, the 客显."""
    return OpChanges(receipts=True, shift=True, customer=result.customer_no, reversal=result)


def refund_text(tr: Any, r: Receipt) -> str:
    """What a reversal of this receipt gives back, in a clerk's words (from the receipt itself)."""
    lines = [
        tr("凭证 %1 · %2 %3")
        .replace("%1", r.receipt_no)
        .replace("%2", r.customer_no)
        .replace("%3", r.customer_name)
    ]
    how = (
        tr("现金从钱箱退还顾客")
        if r.method == Method.CASH.value
        else tr("按原支付方式退还（%1）").replace(
            "%1",
            tr(METHOD_LABELS[Method(r.method)]) if r.method in Method._value2member_map_ else r.method_label,
        )
    )
    lines.append(tr("退款 %1 元：%2").replace("%1", yuan(r.amount_fen)).replace("%2", how))
    for line in r.lines:
        text = (
            tr("  账期 %1 恢复欠费 %2 元").replace("%1", line.period).replace("%2", yuan(line.principal_fen))
        )
        if line.late_fee_fen:
            text += tr("，违约金 %1 元").replace("%1", yuan(line.late_fee_fen))
        lines.append(text)
    delta = r.balance_after_fen - r.balance_before_fen
    if delta:
        lines.append(tr("  预存余额 %1 元").replace("%1", ("-" if delta > 0 else "+") + yuan(abs(delta))))
    return "\n".join(lines)


class VoidDialog(QDialog):
    reversed = Signal(object)  # ReversalResult

    def __init__(self, parent: QWidget, ops: Operations, clerk_id: str, receipt: Receipt) -> None:
        super().__init__(parent)
        self.setObjectName("void_dialog")
        self.setWindowTitle(self.tr("冲正凭证 %1").replace("%1", receipt.receipt_no))
        self.setModal(True)
        self.ops, self.clerk_id, self.receipt = ops, clerk_id, receipt
        self.busy = False
        root = QVBoxLayout(self)
        self.summary = big(QLabel(refund_text(tr0, receipt)), 13, False)
        self.summary.setObjectName("void_summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        root.addWidget(self.summary)
        form = QFormLayout()
        self.approver = QLineEdit()
        self.approver.setObjectName("void_approver")
        self.approver.setPlaceholderText(self.tr("主管工号，如 S01"))
        self.pin = QLineEdit()
        self.pin.setObjectName("void_pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.reason = QLineEdit()
        self.reason.setObjectName("void_reason")
        self.reason.setPlaceholderText(self.tr("如：收错用户 / 金额输错"))
        form.addRow(self.tr("主管工号"), self.approver)
        form.addRow(self.tr("主管密码"), self.pin)
        form.addRow(self.tr("冲正原因"), self.reason)
        root.addLayout(form)
        self.approver.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self.reason.setFocus)
        self.message = Banner(self)
        self.reason.returnPressed.connect(
            lambda: self.message.show_message("info", self.tr("核对退款后按 Ctrl+Enter 确认冲正；Esc 取消。"))
        )
        self.message.setObjectName("void_message")
        root.addWidget(self.message)
        row = QHBoxLayout()
        self.cancel_button = QPushButton(self.tr("取消  [Esc]"))
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button = QPushButton(self.tr("确认冲正并退款  [Ctrl+Enter]"))
        self.ok_button.setObjectName("void_ok")
        self.ok_button.clicked.connect(self.submit)
        for b in (self.cancel_button, self.ok_button):
            b.setAutoDefault(False)  # Enter in a field never confirms
            b.setDefault(False)
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.ok_button)
        root.addLayout(row)
        for keys in CONFIRM_KEYS:
            QShortcut(QKeySequence(keys), self, self.submit)
        self.setMinimumWidth(480)

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.approver.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        req = ReversalRequest(
            self.receipt.receipt_no,
            self.clerk_id,
            self.approver.text().strip(),
            self.reason.text(),
            approver_pin=self.pin.text(),
        )
        self.pin.clear()
        self.busy = True
        card = self.ops.card
        if self.receipt.kind == Kind.CARD_PURCHASE and card is not None:
            # whether the purchase landed is on the card: read it on the reader's thread first (issue 26)
            self.message.show_message("info", self.tr("正在读卡…"))
            card.worker.submit(
                lambda: card.make_reader().read_card(), lambda image, error: self._void(req, image)
            )
        else:
            self._void(req, None)

    def _void(self, req: ReversalRequest, card: CardImage | None) -> None:
        """The reversal on the store's writer, with the card as read (None: no card read, and a card purchase
        whose write is owed is refused with "insert the card first")."""
        req = dataclasses.replace(req, card=card)
        self.message.show_message("info", self.tr("正在冲正…"))
        CollectionOp(
            self.ops, lambda ctx: reverse(ctx, req), self._done, changes=voided, parent=self
        ).failure(self._refused).run()

    def _refused(self, error: BaseException) -> None:
        self.busy = False
        self.message.show_message("error", error_text(error))
        (self.pin if self.approver.text().strip() else self.approver).setFocus()

    def _done(self, result: ReversalResult) -> None:
        self.busy = False
        self.outcome = result
        self.reversed.emit(result)
        self.accept()


def void_message(tr: Any, result: Any) -> str:
    """The sentence after a void, in History and at the counter: what was refunded, and how to hand it back."""
    how = tr("请将现金退给顾客") if result.method == Method.CASH.value else tr("请按原支付方式退款")
    return (
        tr("凭证 %1 已冲正，退款 %2 元；%3。")
        .replace("%1", result.receipt_no)
        .replace("%2", yuan(result.refund_fen))
        .replace("%3", how)
    )


def open_void_dialog(
    parent: QWidget, ops: Operations, clerk_id: str, receipt: Any, on_done: Any
) -> VoidDialog:
    """The void dialog over `parent` (History's selected receipt, or the counter's last one)."""
    dialog = VoidDialog(parent, ops, clerk_id, receipt)
    dialog.reversed.connect(on_done)
    dialog.finished.connect(lambda _r: parent.window().activateWindow())
    dialog.open()
    return dialog
