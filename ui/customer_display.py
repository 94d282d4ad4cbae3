"""客显: the customer-facing window on the counter's second screen.

It shows the hall's name, the amount due, what was tendered and the change, and a thank-you or a
QR payment prompt. It follows the counter live through CounterPage.display (a dict, never a widget).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from app.receipt import Receipt
from ui.widgets import big, yuan

QR_METHODS = ("wechat", "alipay", "unionpay")


def due_state(
    name: str, method: str, amount: int | None, tendered: int | None, split: tuple[int, int] | None
) -> dict[str, str]:
    """While the clerk types: what is due, the cash tendered and the change as (handed back, kept)."""
    cash = method == "cash"
    return {
        "state": "due",
        "name": name,
        "due": yuan(amount) if amount is not None else "",
        "tendered": yuan(tendered) if cash and tendered is not None else "",
        "change": yuan(split[0]) if split is not None else "",
        "to_balance": yuan(split[1]) if split is not None and split[1] else "",
        "method": method,
    }


def paid_state(r: Receipt) -> dict[str, str]:
    """After the payment is booked: what was received and the change, from the receipt itself."""
    cash = r.method == "cash"
    return {
        "state": "paid",
        "name": r.customer_name,
        "due": yuan(r.amount_fen),
        "tendered": yuan(r.tendered_fen) if cash else "",
        "change": yuan(r.change_fen) if cash else "",
        "to_balance": yuan(r.change_to_balance_fen) if r.change_to_balance_fen else "",
        "method": r.method,
    }


class CustomerDisplay(QWidget):
    def __init__(self, hall_name: str, parent: QWidget | None = None) -> None:
        # never the keyboard's (issue 28, ux N6: Ctrl+D took the focus and the next 户号 typed was lost), and
        # above the counter on one screen (the window raised again hid it)
        super().__init__(
            parent,
            Qt.WindowType.Window
            | Qt.WindowType.WindowDoesNotAcceptFocus
            | Qt.WindowType.WindowStaysOnTopHint,
        )
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setObjectName("customer_display")
        self.setWindowTitle(self.tr("客显 — %1").replace("%1", hall_name))
        self.setStyleSheet("QWidget#customer_display { background:#0b3d2e; } QLabel { color:#ffffff; }")
        root = QVBoxLayout(self)
        self.hall = big(QLabel(hall_name), 22)
        self.hall.setAlignment(Qt.AlignmentFlag.AlignCenter)
        root.addWidget(self.hall)
        self.customer = big(QLabel(""), 18, False)
        self.customer.setObjectName("cd_customer")
        self.customer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        root.addWidget(self.customer)
        grid = QGridLayout()
        self.values: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        for row, (key, text) in enumerate(
            [
                ("due", self.tr("应缴金额")),
                ("tendered", self.tr("实收")),
                ("change", self.tr("找零")),
                ("to_balance", self.tr("转入预存")),
            ]
        ):
            caption = big(QLabel(text), 22, False)
            value = big(QLabel("—"), 40 if key == "due" else 30)
            value.setObjectName(f"cd_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(caption, row, 0)
            grid.addWidget(value, row, 1)
            self.values[key] = value
            self.captions[key] = caption
        root.addLayout(grid, 1)
        self.prompt = big(QLabel(), 22)
        self.prompt.setObjectName("cd_prompt")
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prompt.setWordWrap(True)
        root.addWidget(self.prompt)
        self.show_state({"state": "idle"})

    def show_state(self, state: dict[str, Any]) -> None:
        kind = state.get("state", "idle")
        self.customer.setText(state.get("name", "") if kind != "idle" else "")
        for key in ("due", "tendered", "change"):
            text = state.get(key)
            self.values[key].setText(self.tr("%1 元").replace("%1", text) if text else "—")
        kept = state.get("to_balance", "")  # 零钱转预存: shown only when the customer leaves change
        self.values["to_balance"].setText(self.tr("%1 元").replace("%1", kept) if kept else "")
        for widget in (self.values["to_balance"], self.captions["to_balance"]):
            widget.setVisible(bool(kept))
        if kind == "idle":
            self.prompt.setText(self.tr("欢迎光临，请出示电费通知单或报户号"))
        elif kind == "reversed":
            self.prompt.setText(self.tr("该笔缴费已冲正，退款 %1 元").replace("%1", state.get("change", "")))
            self.values["change"].setText("—")
        elif kind == "paid":
            self.prompt.setText(self.tr("缴费成功，谢谢！请收好凭证和找零"))
        elif state.get("method") in QR_METHODS:
            self.prompt.setText(self.tr("请打开手机付款码，出示给收费员扫码"))  # one flow: the clerk scans
        else:
            self.prompt.setText(self.tr("请核对应缴金额"))

    def place(self, within: QRect | None = None) -> None:
        """Full screen on the second screen when there is one; a small window beside the counter otherwise."""
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            self.setGeometry(screens[1].geometry())
            self.showFullScreen()
        else:  # one screen: bottom left, over the lower bill rows: never the search box, the 收款 box or the
            # 本笔已收 box with the change (bottom right covered it: ux N6)
            # `within`: the counter's bill list on screen (the window says where it is)
            area = within if within is not None else (screens[0].availableGeometry() if screens else None)
            if area is not None:
                self.resize(max(240, min(480, area.width() - 32)), max(160, min(300, area.height() - 16)))
                self.move(area.left() + 16, area.bottom() - self.height() - 8)
            self.show()
