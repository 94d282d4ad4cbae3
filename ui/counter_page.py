"""The counter page (坐收): find the customer, see what is due, take the money, print the receipt.

Keyboard first: scan or type the 户号 and Enter; the amount is filled in; type the cash
tendered and Enter. F2–F7 choose the method, F12 confirms, Esc starts over.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import HallPayError
from app.model import CATEGORY_LABELS, METHOD_LABELS, Method
from app.ports import PrintResult
from app.receipt import Receipt
from app.services.lookup import find_customers
from app.services.payments import Due, PayRequest, due, pay, policy_of
from app.services.receipts import print_receipt
from app.services.risk import risk_view
from app.warnings import GRADE_LABELS, customer_warnings
from ui.widgets import Banner, MoneyEdit, big, yuan

METHOD_KEYS = [(Method.CASH, "F2"), (Method.BANKCARD, "F3"), (Method.WECHAT, "F4"), (Method.ALIPAY, "F5"),
               (Method.UNIONPAY, "F6"), (Method.CHEQUE, "F7")]
BILL_COLUMNS = 7


class CounterPage(QWidget):
    paid = Signal(str)  # receipt number
    printer_state = Signal(str)
    display = Signal(dict)  # what the customer display (客显) shows: state, name, due, tendered, change, method

    def __init__(self, wiring: Any, printer_worker: Any, clerk_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._w = wiring
        self._ctx = wiring.ctx
        self._printer_worker = printer_worker
        self.clerk_id = clerk_id
        self.current: Due | None = None
        self.last_receipt: Receipt | None = None
        self._build()
        self._keys()
        self.new_customer()

    # ---------------------------------------------------------------- layout

    def _build(self) -> None:
        root = QHBoxLayout(self)
        left = QVBoxLayout()
        right = QVBoxLayout()
        root.addLayout(left, 3)
        root.addLayout(right, 2)

        search_row = QHBoxLayout()
        search_label = big(QLabel(self.tr("查找用户")), 13)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("扫描或输入户号 / 卡号 / 电话 / 姓名 / 地址，回车查找"))
        self.search.setFont(big(QLabel(), 15, False).font())
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.do_search)
        search_row.addWidget(search_label)
        search_row.addWidget(self.search, 1)
        left.addLayout(search_row)

        self.results = QListWidget()
        self.results.setObjectName("results")
        self.results.setMaximumHeight(160)
        self.results.itemActivated.connect(lambda item: self.load(item.data(Qt.ItemDataRole.UserRole)))
        self.results.hide()
        left.addWidget(self.results)

        self.customer_box = QGroupBox(self.tr("用户信息"))
        grid = QGridLayout(self.customer_box)
        self.fields: dict[str, QLabel] = {}
        labels = [("customer_no", self.tr("户号")), ("name", self.tr("户名")), ("category", self.tr("用电类别")),
                  ("meter_no", self.tr("表号")), ("address", self.tr("地址")), ("phone", self.tr("电话")),
                  ("risk", self.tr("风险等级")), ("balance", self.tr("预存余额"))]
        for i, (key, text) in enumerate(labels):
            value = QLabel("—")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setObjectName(f"field_{key}")
            value.setWordWrap(True)
            big(value, 12, key in ("customer_no", "name", "balance"))
            self.fields[key] = value
            grid.addWidget(QLabel(text + "："), i // 2, (i % 2) * 2)
            grid.addWidget(value, i // 2, (i % 2) * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        left.addWidget(self.customer_box)

        self.warnings = QVBoxLayout()
        left.addLayout(self.warnings)

        self.bills = QTableWidget(0, BILL_COLUMNS)
        self.bills.setObjectName("bills")
        self.bills.setHorizontalHeaderLabels([
            self.tr("账期"), self.tr("电量(kWh)"), self.tr("电费(元)"), self.tr("缴费截止日"),
            self.tr("逾期天数"), self.tr("违约金(元)"), self.tr("小计(元)")])
        self.bills.verticalHeader().setVisible(False)
        self.bills.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.bills.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.bills.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        left.addWidget(self.bills, 1)

        totals = QHBoxLayout()
        self.total_labels: dict[str, QLabel] = {}
        for key, text in [("principal", self.tr("电费合计")), ("late_fee", self.tr("违约金合计")),
                          ("balance", self.tr("预存抵扣")), ("to_pay", self.tr("应收"))]:
            box = QVBoxLayout()
            caption = QLabel(text)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            value = big(QLabel("0.00"), 20 if key == "to_pay" else 14)
            value.setObjectName(f"total_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            if key == "to_pay":
                value.setStyleSheet("color:#b3261e;")
            box.addWidget(caption)
            box.addWidget(value)
            totals.addLayout(box)
            self.total_labels[key] = value
        left.addLayout(totals)

        pay_box = QGroupBox(self.tr("收款"))
        form = QFormLayout(pay_box)
        self.method = QComboBox()
        self.method.setObjectName("method")
        for m, key in METHOD_KEYS:
            self.method.addItem(f"{METHOD_LABELS[m]}  [{key}]", m.value)
        self.method.currentIndexChanged.connect(self._method_changed)
        self.amount = MoneyEdit()
        self.amount.setObjectName("amount")
        self.tendered = MoneyEdit()
        self.tendered.setObjectName("tendered")
        self.tendered.setPlaceholderText(self.tr("空 = 收足额"))
        self.change = big(QLabel("0.00"), 26)
        self.change.setObjectName("change")
        self.change.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.reference = QLineEdit()
        self.reference.setObjectName("reference")
        self.amount.textChanged.connect(self._update_change)
        self.tendered.textChanged.connect(self._update_change)
        self.amount.returnPressed.connect(self._amount_entered)
        self.tendered.returnPressed.connect(self.confirm)
        self.reference.returnPressed.connect(self.confirm)
        form.addRow(self.tr("支付方式"), self.method)
        form.addRow(self.tr("缴费金额(元)"), self.amount)
        form.addRow(self.tr("实收(元)"), self.tendered)
        form.addRow(self.tr("找零(元)"), self.change)
        self.reference_label = QLabel(self.tr("交易参考号"))
        form.addRow(self.reference_label, self.reference)
        right.addWidget(pay_box)

        self.confirm_button = QPushButton(self.tr("确认收款  [Enter / F12]"))
        self.confirm_button.setObjectName("confirm")
        self.confirm_button.setMinimumHeight(48)
        big(self.confirm_button, 14)  # type: ignore[arg-type]
        self.confirm_button.clicked.connect(self.confirm)
        right.addWidget(self.confirm_button)
        hint = QLabel(self.tr("F2 现金  F3 银行卡  F4 微信  F5 支付宝  F6 云闪付  F7 支票  Esc 下一位"))
        hint.setStyleSheet("color:#555;")
        right.addWidget(hint)

        self.message = Banner()
        self.message.setObjectName("message")
        right.addWidget(self.message)

        self.preview = QLabel(self.tr("凭证预览"))
        self.preview.setObjectName("preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)
        right.addWidget(scroll, 1)

    def _keys(self) -> None:
        for index, (_m, key) in enumerate(METHOD_KEYS):
            QShortcut(QKeySequence(key), self, activated=lambda i=index: self._choose_method(i))
        QShortcut(QKeySequence("F12"), self, activated=self.confirm)
        QShortcut(QKeySequence("Escape"), self, activated=self.new_customer)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.search.setFocus)

    # ---------------------------------------------------------------- flow

    def new_customer(self) -> None:
        """Back to an empty search for the next customer in the queue."""
        self.current = None
        self.search.clear()
        self.results.clear()
        self.results.hide()
        for label in self.fields.values():
            label.setText("—")
        self._set_warnings([])
        self.bills.setRowCount(0)
        for label in self.total_labels.values():
            label.setText("0.00")
        self.amount.clear()
        self.tendered.clear()
        self.reference.clear()
        self._choose_method(0)
        self._set_pay_enabled(False)
        self.search.setFocus()
        self.display.emit({"state": "idle"})

    def do_search(self) -> None:
        query = self.search.text()
        try:
            found = find_customers(self._ctx, query)
        except HallPayError as error:
            self.message.show_message("error", str(error))
            return
        if not found:
            self.message.show_message("error", self.tr("没有找到与“%1”相符的用户；请核对户号、电话、姓名或地址。")
                                      .replace("%1", query.strip()))
            return
        self.message.clear_message()
        if len(found) == 1:
            self.load(found[0].customer_no)
            return
        self.results.clear()
        for c in found:
            item = QListWidgetItem(f"{c.customer_no}   {c.name}   {c.address}   {c.phone}")
            item.setData(Qt.ItemDataRole.UserRole, c.customer_no)
            self.results.addItem(item)
        self.results.show()
        self.results.setCurrentRow(0)
        self.results.setFocus()

    def load(self, customer_no: str) -> None:
        try:
            self.current = due(self._ctx, customer_no)
            with self._ctx.uow() as uow:
                policy = policy_of(uow)
            # grade with reasons, served notice and earliest stop date, blacklist: at a glance, no click
            view = risk_view(self._ctx, customer_no)
        except HallPayError as error:
            self.message.show_message("error", str(error))
            return
        self.results.hide()
        c, q = self.current.customer, self.current.quote
        self.search.setText(c.customer_no)
        values = {
            "customer_no": c.customer_no, "name": c.name, "category": CATEGORY_LABELS[c.category],
            "meter_no": c.meter_no, "address": c.address, "phone": c.phone,
            "risk": GRADE_LABELS.get(view.grade.grade or c.risk_grade, self.tr("无")), "balance": yuan(c.balance_fen) + " 元",
        }
        for key, text in values.items():
            self.fields[key].setText(text)
        self._set_warnings([(w.level, w.text) for w in customer_warnings(c, q, policy, view)])
        self.bills.setRowCount(len(q.lines))
        for row, line in enumerate(q.lines):
            cells = [line.bill.period, str(line.bill.kwh), yuan(line.principal_due_fen),
                     line.bill.due_date.isoformat(), str(line.days_overdue), yuan(line.fee_due_fen),
                     yuan(line.total_fen)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col != 0 and col != 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if col == 4 and line.days_overdue > 0:
                    item.setText(f"{line.days_overdue} ⚠")
                self.bills.setItem(row, col, item)
        self.total_labels["principal"].setText(yuan(q.principal_total_fen))
        self.total_labels["late_fee"].setText(yuan(q.late_fee_total_fen))
        self.total_labels["balance"].setText(yuan(min(q.balance_fen, q.total_fen)))
        self.total_labels["to_pay"].setText(yuan(q.to_pay_fen))
        self._set_pay_enabled(True)
        self.amount.set_fen(q.to_pay_fen if q.to_pay_fen > 0 else None)
        self.tendered.clear()
        if q.to_pay_fen == 0:
            self.message.show_message("info", self.tr("该用户当前没有应缴电费；如需预存，请输入金额。"))
            self.amount.setFocus()
        else:
            self._focus_next_after_amount()

    def _amount_entered(self) -> None:
        self._focus_next_after_amount()

    def _focus_next_after_amount(self) -> None:
        if self._method() is Method.CASH:
            self.tendered.setFocus()
            self.tendered.selectAll()
        else:
            self.reference.setFocus()

    def confirm(self) -> None:
        if self.current is None:
            self.message.show_message("error", self.tr("请先查找用户。"))
            self.search.setFocus()
            return
        try:
            amount = self.amount.fen()
            tendered = self.tendered.fen() if self._method() is Method.CASH else None
            result = pay(self._ctx, PayRequest(
                customer_no=self.current.customer.customer_no, method=self._method(), clerk_id=self.clerk_id,
                amount_fen=amount, tendered_fen=tendered, reference=self.reference.text()))
        except HallPayError as error:
            self.message.show_message("error", str(error))
            return
        r = result.receipt
        self.last_receipt = r
        text = self.tr("收款成功：凭证 %1，%2 %3 元").replace("%1", r.receipt_no).replace("%2", r.method_label) \
            .replace("%3", yuan(r.amount_fen))
        if r.method == Method.CASH.value:
            text += self.tr("，找零 %1 元").replace("%1", yuan(r.change_fen))
        self.message.show_message("ok", text + self.tr("。正在打印凭证…"))
        self.paid.emit(r.receipt_no)
        self._print(r)
        self.new_customer()
        self.display.emit({"state": "paid", "name": r.customer_name, "due": yuan(r.amount_fen),
                           "tendered": yuan(r.tendered_fen) if r.method == Method.CASH.value else "",
                           "change": yuan(r.change_fen) if r.method == Method.CASH.value else "",
                           "method": r.method})

    def _print(self, receipt: Receipt) -> None:
        ctx, printer = self._ctx, self._w.printer()

        def job() -> tuple[PrintResult, bytes]:
            result = print_receipt(ctx, printer, receipt)
            return result, printer.preview_png(receipt)

        def done(value: Any, error: BaseException | None) -> None:
            if error is not None:
                self.message.show_message("error", self.tr("凭证 %1 已记账，但打印出错：%2。可在历史中重打。")
                                          .replace("%1", receipt.receipt_no).replace("%2", str(error)))
                return
            result, png = value
            pixmap = QPixmap()
            pixmap.loadFromData(png, "PNG")
            self.preview.setPixmap(pixmap)
            if result.printed:
                self.printer_state.emit("printed")
            else:
                self.message.show_message("warn", self.tr("凭证 %1 已记账，未打印：%2").replace("%1", receipt.receipt_no)
                                          .replace("%2", result.reason))
                self.printer_state.emit("failed")

        self._printer_worker.submit(job, done)

    # ---------------------------------------------------------------- helpers

    def _method(self) -> Method:
        return Method(self.method.currentData())

    def _choose_method(self, index: int) -> None:
        self.method.setCurrentIndex(index)

    def _method_changed(self) -> None:
        cash = self._method() is Method.CASH
        self.tendered.setEnabled(cash and self.current is not None)
        self.reference.setEnabled(not cash and self.current is not None)
        self.reference_label.setEnabled(not cash)
        if not cash:
            self.tendered.clear()
        if self.current is not None:
            self._focus_next_after_amount()
        self._update_change()

    def _update_change(self) -> None:
        amount, tendered = self.amount.fen_or_none(), self.tendered.fen_or_none()
        if self._method() is Method.CASH and amount is not None and tendered is not None:
            diff = tendered - amount
            self.change.setText(yuan(diff) if diff >= 0 else self.tr("不足 %1").replace("%1", yuan(-diff)))
            self.change.setStyleSheet("color:#b3261e;" if diff < 0 else "color:#1f5c1a;")
        else:
            self.change.setText("0.00")
            self.change.setStyleSheet("")
        self._emit_display()

    def _emit_display(self) -> None:
        if self.current is None:
            return
        amount, tendered = self.amount.fen_or_none(), self.tendered.fen_or_none()
        cash = self._method() is Method.CASH
        change = tendered - amount if cash and amount is not None and tendered is not None else None
        self.display.emit({
            "state": "due", "name": self.current.customer.name,
            "due": yuan(amount) if amount is not None else "",
            "tendered": yuan(tendered) if cash and tendered is not None else "",
            "change": yuan(change) if change is not None and change >= 0 else "", "method": self._method().value})

    def _set_pay_enabled(self, enabled: bool) -> None:
        for widget in (self.method, self.amount, self.confirm_button):
            widget.setEnabled(enabled)
        self._method_changed()

    def _set_warnings(self, warnings: list[tuple[str, str]]) -> None:
        while self.warnings.count():
            item = self.warnings.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for level, text in warnings:
            banner = Banner(self)  # parented first: a parentless shown label would be its own window
            banner.setObjectName("warning")
            self.warnings.addWidget(banner)
            banner.show_message(level, text)
