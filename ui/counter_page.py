"""The counter page (坐收): find the customer, see what is due, take the money, print the receipt.

Keyboard first: scan or type the 户号 and Enter; the amount is filled in; type the cash
tendered and Enter. F2–F7 choose the method, F8 takes the exact amount in cash, F9 cycles what
happens to the change (找零 / 零钱转预存: only its fen / 全部转预存: all of it on the customer's balance),
F12 confirms, Ctrl+R reprints the last receipt, Esc starts over.

No payment by reflex (issue 16): an empty 实收 never pays (a scanner's trailing Enter only finds the
customer), and a payment above [counter] confirm_above_yuan asks once, with 取消 focused. After a
payment the paid amount, tendered and change stay large until the next lookup or Esc; printer news
has its own line and resolves.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QResizeEvent, QShortcut
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

from app.allocation import allocate, owed_after_fen
from app.errors import HallPayError
from app.model import CATEGORY_LABELS, METHOD_LABELS, Method
from app.ports import PrintResult
from app.receipt import Receipt
from app.services.lookup import find_customers
from app.services.payments import Due, PayRequest, PayResult, due, kept_change_fen, pay, recent_offsets
from app.services.receipt_status import shift_is_open
from app.services.receipts import print_receipt, reprint
from app.services.risk import risk_view
from app.wallet import looks_like_payment_code
from app.warnings import GRADE_LABELS, customer_warnings
from ui.confirm import ConfirmDialog, ask
from ui.messages import error_text, warning_text
from ui.notice_propose import PROPOSE_KEY, propose_notice
from ui.ops import PAID, ClerkSession, CollectionOp, OpChanges, Operations, QueryOp
from ui.widgets import Banner, MoneyEdit, big, tr0, yuan


@dataclass(frozen=True)
class CounterView:
    """What one lookup reads for the counter, in one operation off the Qt thread."""

    due: Due | None
    risk: Any
    offsets: list[dict[str, Any]]
    shift_open: bool


METHOD_KEYS = [(Method.CASH, "F2"), (Method.BANKCARD, "F3"), (Method.WECHAT, "F4"), (Method.ALIPAY, "F5"),
               (Method.UNIONPAY, "F6"), (Method.CHEQUE, "F7")]
BILL_COLUMNS = 7
EXACT_CASH_KEY = "F8"
CHANGE_MODE_KEY = "F9"
CHANGE_MODES = ("none", "fen", "all")  # PayRequest.change_to_balance, in the order F9 cycles them
REPRINT_LAST_KEY = "Ctrl+R"
VOID_LAST_KEY = "Ctrl+Shift+V"


_LIVE_WALLET_WORKERS: set[Any] = set()  # a scanned payment's worker lives until its answer


class CounterPage(QWidget):
    paid = Signal(str)  # receipt number
    reversed = Signal(object)  # ReversalResult, after a void of the last receipt from the counter
    printer_state = Signal(str)
    display = Signal(dict)  # what the customer display (客显) shows: state, name, due, tendered, change, method

    def __init__(self, wiring: Any, printer_worker: Any, clerk_id: str, parent: QWidget | None = None, *,
                 ops: Operations | None = None) -> None:
        super().__init__(parent)
        self._w = wiring
        self._ctx = wiring.ctx
        self._printer_worker = printer_worker
        # the store, off the Qt thread: the window's operations, or the page's own when it stands alone
        self.ops = ops if ops is not None else Operations(wiring.ctx, ClerkSession(clerk_id), self)
        self.clerk_id = clerk_id
        self.current: Due | None = None
        self.last_receipt: Receipt | None = None
        self.shown_receipt: str | None = None  # the receipt whose result and preview are on screen
        self.pending_confirm: ConfirmDialog | None = None
        self._preview_png: QPixmap | None = None
        self._policy: Any = None
        self.shift_open: bool | None = None  # from the last lookup or check_shift(); None: not asked yet
        self.store_worker: Any = self.ops.writer  # store writes the window starts here (冲正, notices)
        self._wallet_state: dict[str, Any] | None = None  # while one waits: its countdown and the Esc flag
        self.void_dialog: Any = None
        self.change_mode = "none"  # 零钱转预存 for this customer's cash payment; F9 cycles, reset per customer
        self.paying = False  # a payment is on the writer thread
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
            grid.addWidget(QLabel(text + self.tr("：")), i // 2, (i % 2) * 2)
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
        # what the quote does by rule: the balance that already paid bills (预收冲抵), the 1-yuan minimum
        self.quote_notes = QLabel()
        self.quote_notes.setObjectName("quote_notes")
        self.quote_notes.setWordWrap(True)
        self.quote_notes.setStyleSheet("color:#1d3f73;")
        self.quote_notes.hide()
        left.addWidget(self.quote_notes)

        pay_box = QGroupBox(self.tr("收款"))
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
        self.amount.textChanged.connect(self._update_change)
        self.tendered.textChanged.connect(self._update_change)
        self.amount.returnPressed.connect(self._amount_entered)
        self.tendered.returnPressed.connect(self.confirm)
        self.reference.returnPressed.connect(self.confirm)
        form.addRow(self.tr("支付方式"), self.method)
        form.addRow(self.tr("缴费金额(元)"), self.amount)
        form.addRow(self.tr("实收(元)"), self.tendered)
        form.addRow(self.tr("找零(元)"), self.change)
        self.change_mode_label = QLabel()
        self.change_mode_label.setObjectName("change_mode")
        self.change_mode_label.setWordWrap(True)
        form.addRow(self.tr("零钱 [F9]"), self.change_mode_label)
        self.reference_label = QLabel(self.tr("交易参考号"))
        form.addRow(self.reference_label, self.reference)
        right.addWidget(pay_box)

        self.confirm_button = QPushButton(self.tr("确认收款  [Enter / F12]"))
        self.confirm_button.setObjectName("confirm")
        self.confirm_button.setMinimumHeight(48)
        big(self.confirm_button, 14)  # type: ignore[arg-type]
        self.confirm_button.clicked.connect(self.confirm)
        self.exact_button = QPushButton(self.tr("收足额现金  [F8]"))
        self.exact_button.setObjectName("exact_cash")
        self.exact_button.setMinimumHeight(48)
        big(self.exact_button, 12, False)  # type: ignore[arg-type]
        self.exact_button.clicked.connect(self.exact_cash)
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm_button, 2)
        buttons.addWidget(self.exact_button, 1)
        right.addLayout(buttons)
        hint = QLabel(self.tr("F2 现金  F3 银行卡  F4 微信  F5 支付宝  F6 云闪付  F7 支票  F8 收足额现金  "
                              "F9 零钱转预存  Ctrl+R 重打上一张  Ctrl+Shift+V 冲正上一张  Esc 下一位"))
        hint.setObjectName("counter_hint")
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#555;")
        right.addWidget(hint)

        self.message = Banner()
        self.message.setObjectName("message")
        right.addWidget(self.message)

        # the last payment, large, until the next customer is looked up or Esc (issue 16)
        self.result_box = QGroupBox(self.tr("本笔已收"))
        self.result_box.setObjectName("result_box")
        rgrid = QGridLayout(self.result_box)
        self.result_labels: dict[str, QLabel] = {}
        self.result_captions: dict[str, QLabel] = {}
        for col, (key, text) in enumerate([("paid", self.tr("已收(元)")), ("tendered", self.tr("实收(元)")),
                                           ("change", self.tr("找零(元)")), ("to_balance", self.tr("转预存(元)"))]):
            caption = QLabel(text)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            value = big(QLabel("—"), 26 if key == "change" else 18)
            value.setObjectName(f"result_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            if key == "change":
                value.setStyleSheet("color:#1f5c1a;")
            rgrid.addWidget(caption, 0, col)
            rgrid.addWidget(value, 1, col)
            self.result_labels[key] = value
            self.result_captions[key] = caption
        self.result_receipt = QLabel()
        self.result_receipt.setObjectName("result_receipt")
        self.result_receipt.setWordWrap(True)
        rgrid.addWidget(self.result_receipt, 2, 0, 1, 4)
        self.result_box.hide()
        right.addWidget(self.result_box)

        self.print_status = Banner()  # printer news: its own line, it resolves (printed / failed + what to do)
        self.print_status.setObjectName("print_status")
        right.addWidget(self.print_status)

        self.preview = QLabel(self.tr("凭证预览"))
        self.preview.setObjectName("preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.preview_scroll = QScrollArea()
        self.preview_scroll.setWidget(self.preview)
        self.preview_scroll.setWidgetResizable(True)
        self.preview_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.preview_scroll.setFrameShape(QFrame.Shape.StyledPanel)
        right.addWidget(self.preview_scroll, 1)

    def _keys(self) -> None:
        for index, (_m, key) in enumerate(METHOD_KEYS):
            QShortcut(QKeySequence(key), self, activated=lambda i=index: self._choose_method(i))
        QShortcut(QKeySequence("F12"), self, activated=self.confirm)
        QShortcut(QKeySequence(EXACT_CASH_KEY), self, activated=self.exact_cash)
        QShortcut(QKeySequence(CHANGE_MODE_KEY), self, activated=self.cycle_change_mode)
        QShortcut(QKeySequence(REPRINT_LAST_KEY), self, activated=self.reprint_last)
        QShortcut(QKeySequence(VOID_LAST_KEY), self, activated=self.void_last)
        QShortcut(QKeySequence(PROPOSE_KEY), self, activated=self.propose_notice)
        QShortcut(QKeySequence("Escape"), self, activated=self.new_customer)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.search.setFocus)

    # ---------------------------------------------------------------- flow

    def new_customer(self) -> None:
        """Esc: back to an empty search for the next customer; the last payment's figures go too.
        While a scanned payment waits for the customer's password, Esc cancels it (撤销) instead."""
        if self._wallet_state is not None:
            self._wallet_state["stop"] = True
            self.message.show_message("info", self.tr("正在撤销扫码收款…"))
            return
        self._reset_form()
        self.clear_result()
        self.message.clear_message()
        self.display.emit({"state": "idle"})

    def clear_result(self) -> None:
        """The last payment's figures and receipt preview leave the screen (next lookup, Esc, clerk switch)."""
        self.shown_receipt = None
        self.result_box.hide()
        for label in self.result_labels.values():
            label.setText("—")
        self.result_receipt.clear()
        self.clear_preview()
        if self.print_status.property("level") == "ok":
            self.print_status.clear_message()

    def clear_preview(self) -> None:
        self._preview_png = None
        self.preview.setPixmap(QPixmap())
        self.preview.setText(self.tr("凭证预览"))

    def _show_preview(self, pixmap: QPixmap) -> None:
        self._preview_png = pixmap
        self._scale_preview()

    def _scale_preview(self) -> None:
        if self._preview_png is None or self._preview_png.isNull():
            return
        width = max(120, self.preview_scroll.viewport().width() - 6)
        self.preview.setPixmap(self._preview_png.scaledToWidth(min(width, self._preview_png.width()),
                                                               Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._scale_preview()

    def _reset_form(self) -> None:
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
        self.total_labels["to_pay"].setStyleSheet("")  # red only when something is due
        self.quote_notes.clear()
        self.quote_notes.hide()
        self.change_mode = "none"  # 零钱转预存 is asked of each customer anew
        self.amount.clear()
        self.tendered.clear()
        self.reference.clear()
        self._choose_method(0)
        self._set_pay_enabled(False)
        self.search.setFocus()

    def _failed(self, error: BaseException) -> None:
        """A store operation refused (one sentence for the clerk); anything else is a bug and is raised."""
        if not isinstance(error, HallPayError):
            raise error
        self.message.show_message("error", error_text(error))

    def do_search(self) -> None:
        query = self.search.text()

        def found_them(found: list[Any]) -> None:
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

        QueryOp(self.ops, lambda ctx: find_customers(ctx, query), found_them, parent=self).failure(self._failed).run()

    def load(self, customer_no: str) -> None:
        """The customer, the quote, the risk view, the offsets and the shift, read on the reader thread."""
        clerk = self.clerk_id

        def read(ctx: Any) -> CounterView:
            # grade with reasons, served notice and earliest stop date, blacklist: at a glance, no click
            return CounterView(due(ctx, customer_no), risk_view(ctx, customer_no), recent_offsets(ctx, customer_no),
                               shift_is_open(ctx, clerk))

        QueryOp(self.ops, read, self.show_customer, parent=self).failure(self._failed).run()

    def show_customer(self, view_of: CounterView) -> None:
        if view_of.due is None:
            return
        self.current, view, offsets = view_of.due, view_of.risk, view_of.offsets
        self.shift_open = view_of.shift_open
        policy = self._policy = view_of.due.policy
        assert policy is not None
        self.results.hide()
        self.clear_result()  # the preview and the last figures belong to the customer on screen
        c, q = self.current.customer, self.current.quote
        self.search.setText(c.customer_no)
        values = {
            "customer_no": c.customer_no, "name": c.name, "category": tr0(CATEGORY_LABELS[c.category]),
            "meter_no": c.meter_no, "address": c.address, "phone": c.phone,
            "risk": tr0(GRADE_LABELS.get(view.grade.grade or c.risk_grade, "")) or self.tr("无"),
            "balance": self.tr("%1 元").replace("%1", yuan(c.balance_fen)),
        }
        for key, text in values.items():
            self.fields[key].setText(text)
        self._set_warnings([(w.level, warning_text(w) + (self.tr("（Ctrl+Shift+N 提出停电通知）")
                                                          if w.code == "warn.overdue_stop" else ""))
                            for w in customer_warnings(c, q, policy, view)])
        self.bills.setRowCount(len(q.lines))
        for row, line in enumerate(q.lines):
            cells = [line.bill.period, str(line.bill.kwh), yuan(line.principal_due_fen),
                     line.bill.due_date.isoformat(), str(line.days_overdue), yuan(line.fee_due_fen),
                     yuan(line.total_fen)]
            partly = line.bill.principal_paid_fen > 0
            if partly:  # a bill partly paid earlier: what is shown is what is still owed
                cells[0] = self.tr("%1（部分已缴）").replace("%1", line.bill.period)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if partly and col in (0, 2):
                    item.setToolTip(self.tr("已缴 %1 元，尚欠 %2 元").replace("%1", yuan(line.bill.principal_paid_fen))
                                    .replace("%2", yuan(line.principal_due_fen)))
                if col != 0 and col != 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if col == 4 and line.days_overdue > 0:
                    item.setText(f"{line.days_overdue} ⚠")
                self.bills.setItem(row, col, item)
        self.total_labels["principal"].setText(yuan(q.principal_total_fen))
        self.total_labels["late_fee"].setText(yuan(q.late_fee_total_fen))
        self.total_labels["balance"].setText(yuan(min(q.balance_fen, q.total_fen)))
        self.total_labels["to_pay"].setText(yuan(q.to_pay_fen))
        self.total_labels["to_pay"].setStyleSheet("color:#b3261e;" if q.to_pay_fen > 0 else "")  # red only when due
        self.show_quote_notes(q.minimum_topup_fen, q.minimum_fen, offsets)
        self._set_pay_enabled(True)
        self.amount.set_fen(q.to_pay_fen if q.to_pay_fen > 0 else None)
        self.tendered.clear()
        if not self.shift_open:
            self.message.show_message("warn", self.no_shift_text())
        if q.to_pay_fen == 0:
            self.message.show_message("info", self.tr("该用户当前没有应缴电费；如需预存，请输入金额。"))
            self.amount.setFocus()
        else:
            self._focus_next_after_amount()

    def show_quote_notes(self, topup_fen: int, minimum_fen: int, offsets: list[dict[str, Any]]) -> None:
        """The offsets the balance made since the last payment, and the 1-yuan minimum when it applies."""
        notes = []
        for o in offsets:
            bills = "、".join(b["period"] for b in o["bills"])
            notes.append(self.tr("预收冲抵：%1 预存余额已抵缴 %2 元（%3）").replace("%1", o["business_day"])
                         .replace("%2", yuan(o["used_fen"])).replace("%3", bills))
        if topup_fen > 0:
            notes.append(self.tr("违约金合计不足 %1 元，按 %1 元收取（已含补足 %2 元）").replace("%1", yuan(minimum_fen))
                         .replace("%2", yuan(topup_fen)))
        self.quote_notes.setText("\n".join("ℹ " + n for n in notes))
        self.quote_notes.setVisible(bool(notes))

    def cycle_change_mode(self) -> None:
        """F9: the change is handed back / only its fen go to the balance / all of it goes to the balance."""
        if self.current is None or self._method() is not Method.CASH:
            self.message.show_message("warn", self.tr("零钱转预存只用于现金收款：先查找用户，按 F2 选现金。"))
            return
        self.change_mode = CHANGE_MODES[(CHANGE_MODES.index(self.change_mode) + 1) % len(CHANGE_MODES)]
        self._update_change()

    def change_split(self) -> tuple[int, int] | None:
        """(handed back, kept as balance) for the cash on screen; None when it is not (yet) enough cash."""
        amount, tendered = self.amount.fen_or_none(), self.tendered.fen_or_none()
        if self._method() is not Method.CASH or amount is None or tendered is None or tendered < amount:
            return None
        kept = kept_change_fen(tendered - amount, self.change_mode)
        return tendered - amount - kept, kept

    def _amount_entered(self) -> None:
        self._focus_next_after_amount()

    def _focus_next_after_amount(self) -> None:
        if self._method() is Method.CASH:
            self.tendered.setFocus()
            self.tendered.selectAll()
        else:
            self.reference.setFocus()

    def exact_cash(self) -> None:
        """F8: cash, tendered = the amount (the explicit key for "the customer gave exactly this")."""
        if self.current is None:
            self.message.show_message("error", self.tr("请先查找用户。"))
            self.search.setFocus()
            return
        self._choose_method(0)
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
        if self.paying or (self.pending_confirm is not None and self.pending_confirm.isVisible()):
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
            self.message.show_message("error", str(error))
            return
        if self.shift_open is False:
            self.message.show_message("warn", self.no_shift_text())
            return
        q = self.current.quote
        effective = amount if amount is not None else q.to_pay_fen
        short = method is Method.CASH and tendered is not None and tendered < effective
        partial = self._policy is not None and 0 < effective < q.to_pay_fen
        if (partial or effective > self._w.config.confirm_above_fen) and not short:
            c = self.current.customer
            text = self.tr("收款 %1 元（%2）\n户号 %3  %4").replace("%1", yuan(effective)) \
                .replace("%2", self.tr(METHOD_LABELS[method])).replace("%3", c.customer_no).replace("%4", c.name)
            if partial:
                text += "\n\n" + self.partial_text(effective)
            else:
                text += "\n\n" + self.tr("金额较大，请核对后按 Y 确认。")
            if tendered is not None:
                kept = kept_change_fen(tendered - effective, self.change_mode)
                text += "\n" + self.tr("实收 %1 元，找零 %2 元").replace("%1", yuan(tendered)) \
                    .replace("%2", yuan(tendered - effective - kept))
                if kept:
                    text += self.tr("，%1 元转预存").replace("%1", yuan(kept))

            def cancelled() -> None:
                self.message.show_message("info", self.tr("已取消，未收款。"))
                self._focus_next_after_amount()

            if self.pending_confirm is not None:
                self.pending_confirm.deleteLater()
            title = self.tr("确认部分缴费") if partial else self.tr("确认大额收款")
            self.pending_confirm = ask(self, title, text, self.tr("确认收款"),
                                       lambda: self._pay(amount, tendered), cancelled)
            return
        self._pay(amount, tendered)

    def partial_text(self, amount: int) -> str:
        """Which bills a partial payment settles, and what is still owed after it (pure allocation)."""
        assert self.current is not None
        q = self.current.quote
        settlement = allocate(q, amount, self._policy)
        lines = [self.tr("部分缴费，按账期从早到晚结清：")]
        for a in settlement.allocations:
            paid = a.principal_paid_fen + a.fee_paid_fen
            whole = a.principal_due_fen + a.fee_due_fen
            state = self.tr("结清") if paid >= whole else self.tr("部分，尚欠 %1 元").replace("%1", yuan(whole - paid))
            lines.append(self.tr("  %1  %2 元（%3）").replace("%1", a.period).replace("%2", yuan(paid))
                         .replace("%3", state))
        lines.append(self.tr("缴后尚欠 %1 元。").replace("%1", yuan(self.owed_after(amount))))
        return "\n".join(lines)

    def owed_after(self, amount: int) -> int:
        assert self.current is not None
        q = self.current.quote
        return owed_after_fen(q, allocate(q, amount, self._policy))

    def check_shift(self) -> None:
        """Ask the store, off the Qt thread, whether this clerk has an open shift; say so when not."""
        clerk = self.clerk_id

        def done(is_open: bool) -> None:
            if clerk != self.clerk_id:
                return
            self.shift_open = bool(is_open)
            if not self.shift_open and self.current is None and not self.result_box.isVisible():
                self.message.show_message("warn", self.no_shift_text())
            elif self.shift_open and self.message.text().endswith(self.no_shift_text()):
                self.message.clear_message()

        QueryOp(self.ops, lambda ctx: shift_is_open(ctx, clerk), done, parent=self).failure(lambda _e: None).run()

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
        """Operations.changed: a shift opened or closed elsewhere changes whether this counter takes money."""
        if changes.shift:
            self.check_shift()

    def no_shift_text(self) -> str:
        return self.tr("还没有开班，不能收款。请按 Ctrl+3 到“班次”页，输入备用金后按回车开班。")

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self.shift_open is None:
            self.check_shift()

    def _pay(self, amount: int | None, tendered: int | None) -> None:
        if self.current is None:
            return
        if self._method() in (Method.WECHAT, Method.ALIPAY) and looks_like_payment_code(self.reference.text()):
            self._collect(amount)  # a scanned payment code: the acquirer collects (issue 19)
            return
        req = PayRequest(
            customer_no=self.current.customer.customer_no, method=self._method(), clerk_id=self.clerk_id,
            amount_fen=amount, tendered_fen=tendered, reference=self.reference.text(),
            change_to_balance=self.change_mode if tendered is not None else "none")
        self.paying = True  # one payment at a time: a second Enter while this one is booked does nothing

        def refused(error: BaseException) -> None:
            self.paying = False
            self._pay_failed(error)

        CollectionOp(self.ops, lambda ctx: pay(ctx, req), self._paid, parent=self,
                     changes=lambda result: dataclasses.replace(PAID, customer=result.receipt.customer_no)) \
            .failure(refused).run()

    def _pay_failed(self, error: BaseException) -> None:
        if getattr(error, "code", "") == "shift.none":  # the CLI's sentence names a command; the clerk gets words
            self.shift_open = False
            self.message.show_message("warn", self.no_shift_text())
        else:
            self.message.show_message("error", error_text(error))

    def _paid(self, result: PayResult) -> None:
        self.paying = False
        r = result.receipt
        owed_after = r.owed_after_fen  # the receipt prints the same figure
        self.last_receipt = r
        cash = r.method == Method.CASH.value
        text = self.tr("收款成功：凭证 %1，%2 %3 元").replace("%1", r.receipt_no).replace("%2", self._method_text(r.method)) \
            .replace("%3", yuan(r.amount_fen))
        if cash:
            text += self.tr("，找零 %1 元").replace("%1", yuan(r.change_fen))
        if r.change_to_balance_fen:
            text += self.tr("，%1 元转预存（余额 %2 元）").replace("%1", yuan(r.change_to_balance_fen)) \
                .replace("%2", yuan(r.balance_after_fen))
        if owed_after:
            text += self.tr("；尚欠 %1 元").replace("%1", yuan(owed_after))
        self.message.show_message("ok", text + self.tr("。"))
        self.paid.emit(r.receipt_no)
        self._reset_form()
        self.clear_result()
        self.show_result(r)
        if owed_after:
            self.result_receipt.setText(self.result_receipt.text() + self.tr(" · 尚欠 %1 元").replace("%1", yuan(owed_after)))
        self._print(r)
        self.display.emit({"state": "paid", "name": r.customer_name, "due": yuan(r.amount_fen),
                           "tendered": yuan(r.tendered_fen) if cash else "",
                           "change": yuan(r.change_fen) if cash else "",
                           "to_balance": yuan(r.change_to_balance_fen) if r.change_to_balance_fen else "",
                           "method": r.method})

    def _collect(self, amount: int | None) -> None:
        """F4/F5, scan the customer's payment code (the scanner's Enter confirms): the acquirer collects on the
        wallet worker; the message counts down while the customer types the password; Esc cancels (撤销)."""
        from app.services.wallet_pay import Hooks, WalletPayRequest, collect
        from ui.tasks import DeviceWorker

        if self._wallet_state is not None:
            return  # one scanned payment at a time
        assert self.current is not None
        req = WalletPayRequest(self.current.customer.customer_no, self._method(), self.reference.text().strip(),
                               self.clerk_id, amount_fen=amount)
        state = {"stop": False, "left": 0.0}
        self._wallet_state = state
        ctx, wiring = self._ctx, self._w

        def job() -> Any:
            wallets, locks, poll = wiring.wallets()
            hooks = Hooks(on_wait=lambda left, _s: state.__setitem__("left", left),
                          stop_requested=lambda: bool(state["stop"]))
            return collect(ctx, wallets, req, polling=poll, hooks=hooks, locks=locks)

        def tick() -> None:
            left = int(state["left"] + 0.999)
            text = self.tr("正在向收单机构收款…") if not left else \
                self.tr("等待客户输入支付密码… 剩余 %1 秒（Esc 撤销）").replace("%1", str(left))
            self.message.show_message("info", text)

        timer = QTimer(self)
        timer.timeout.connect(tick)
        timer.start(300)
        tick()
        self._set_pay_enabled(False)

        worker = DeviceWorker("wallet")  # a thread of its own for up to a minute of waiting, like an export
        _LIVE_WALLET_WORKERS.add(worker)

        def done(value: Any, error: BaseException | None) -> None:
            worker.stop()
            _LIVE_WALLET_WORKERS.discard(worker)
            worker.deleteLater()
            if not shiboken6.isValid(self):
                return
            timer.stop()
            timer.deleteLater()
            self._wallet_state = None
            self._set_pay_enabled(self.current is not None)
            if error is not None:
                self._pay_failed(error)
                self.reference.selectAll()
                self.reference.setFocus()
                return
            self._paid(value.paid)
            self.ops.changed.emit(dataclasses.replace(PAID, customer=value.paid.receipt.customer_no))

        worker.submit(job, done)

    def show_result(self, r: Receipt) -> None:
        """The paid amount, tendered and change stay large until the next lookup or Esc."""
        cash = r.method == Method.CASH.value
        self.shown_receipt = r.receipt_no
        self.result_labels["paid"].setText(yuan(r.amount_fen))
        self.result_labels["tendered"].setText(yuan(r.tendered_fen) if cash else "—")
        self.result_labels["change"].setText(yuan(r.change_fen) if cash else "—")
        self.result_labels["to_balance"].setText(yuan(r.change_to_balance_fen))
        for widget in (self.result_labels["to_balance"], self.result_captions["to_balance"]):
            widget.setVisible(r.change_to_balance_fen > 0)
        self.result_receipt.setText(self.tr("凭证 %1 · %2 · %3 %4").replace("%1", r.receipt_no)
                                    .replace("%2", self._method_text(r.method)).replace("%3", r.customer_no)
                                    .replace("%4", r.customer_name))
        self.result_box.show()

    def reprint_last(self) -> None:
        """Ctrl+R: reprint this clerk's last receipt from the counter (marked 重打)."""
        r = self.last_receipt
        if r is None:
            self.message.show_message("error", self.tr("本次登录还没有收款凭证可重打；更早的凭证请在历史页重打。"))
            return
        ctx, printer, clerk, receipt_no = self._ctx, self._w.printer(), self.clerk_id, r.receipt_no
        self.print_status.show_message("info", self.tr("正在重打凭证 %1…").replace("%1", receipt_no))

        def done(value: Any, error: BaseException | None) -> None:
            if error is not None:
                self.print_status.show_message("error", str(error))
                return
            _copy, result = value
            if result.printed:
                self.print_status.show_message("ok", self.tr("凭证 %1 已重打。").replace("%1", receipt_no))
                self.printer_state.emit("printed")
            else:
                self._print_failed(receipt_no, result.reason)

        self._printer_worker.submit(lambda: reprint(ctx, printer, receipt_no, clerk, "", ""), done)

    def void_last(self) -> None:
        """Ctrl+Shift+V: void the last receipt taken here, with a supervisor (the same dialog as History)."""
        from ui.history_page import open_void_dialog

        if self.last_receipt is None:
            self.message.show_message("error", self.tr("本次登录还没有收款凭证可冲正；更早的凭证请在历史页冲正。"))
            return
        self.void_dialog = open_void_dialog(self, self._ctx, self.store_worker,
                                            self.clerk_id, self.last_receipt, self._after_void)

    def _after_void(self, result: Any) -> None:
        self.after_reversal(result)
        self.reversed.emit(result)

    def after_reversal(self, result: Any) -> None:
        """A receipt was voided (here or in History): the screen and the customer display follow."""
        from ui.history_page import void_message

        if self.last_receipt is not None and self.last_receipt.receipt_no == result.receipt_no:
            self.last_receipt = None
        if self.shown_receipt == result.receipt_no:
            self.clear_result()
        if self.current is not None and self.current.customer.customer_no == result.customer_no:
            self.load(result.customer_no)  # what is due again
        self.message.show_message("warn", void_message(tr0, result))
        self.display.emit({"state": "reversed", "name": "", "due": "", "tendered": "",
                           "change": yuan(result.refund_fen), "method": result.method})

    def propose_notice(self) -> None:
        """Ctrl+Shift+N: propose a stop-power notice for the customer on screen (the banner says when it may)."""
        customer_no = self.current.customer.customer_no if self.current is not None else ""
        propose_notice(self.store_worker, self._ctx, customer_no, self.clerk_id,
                       self.message.show_message)

    def _print_failed(self, receipt_no: str, reason: str) -> None:
        self.print_status.show_message("warn", self.tr("凭证 %1 已记账，未打印：%2。请检查打印机（纸、电源、连线）后按 "
                                                       "Ctrl+R 重打。").replace("%1", receipt_no)
                                       .replace("%2", reason.rstrip("。")))
        self.printer_state.emit("failed")

    def _print(self, receipt: Receipt) -> None:
        ctx, printer = self._ctx, self._w.printer()

        def job() -> tuple[PrintResult, bytes]:
            result = print_receipt(ctx, printer, receipt)
            return result, printer.preview_png(receipt)

        receipt_no = receipt.receipt_no
        self.print_status.show_message("info", self.tr("正在打印凭证 %1…").replace("%1", receipt_no))

        def done(value: Any, error: BaseException | None) -> None:
            if error is not None:
                self._print_failed(receipt_no, str(error))
                return
            result, png = value
            if self.shown_receipt == receipt_no:  # the clerk may have moved on: never show a stale receipt
                pixmap = QPixmap()
                pixmap.loadFromData(png, "PNG")
                self._show_preview(pixmap)
            if result.printed:
                self.print_status.show_message("ok", self.tr("凭证 %1 已打印。").replace("%1", receipt_no))
                self.printer_state.emit("printed")
            else:
                self._print_failed(receipt_no, result.reason)

        self._printer_worker.submit(job, done)

    # ---------------------------------------------------------------- helpers

    def _method_text(self, method: str) -> str:
        try:
            return self.tr(METHOD_LABELS[Method(method)])
        except ValueError:
            return method

    def _method(self) -> Method:
        return Method(self.method.currentData())

    def _choose_method(self, index: int) -> None:
        self.method.setCurrentIndex(index)

    def _method_changed(self) -> None:
        if self.message.property("level") == "error":  # e.g. "bank card needs its reference" after F5 Alipay
            self.message.clear_message()
        cash = self._method() is Method.CASH
        self.tendered.setEnabled(cash and self.current is not None)
        self.reference.setEnabled(not cash and self.current is not None)
        self.reference_label.setEnabled(not cash)
        if not cash:
            self.tendered.clear()
            self.change_mode = "none"  # only cash has change
        if self.current is not None:
            self._focus_next_after_amount()
        self._update_change()

    def _update_change(self) -> None:
        amount, tendered = self.amount.fen_or_none(), self.tendered.fen_or_none()
        split = self.change_split()
        if split is not None:
            handed, kept = split
            self.change.setText(yuan(handed))
            self.change.setStyleSheet("color:#1f5c1a;")
        elif self._method() is Method.CASH and amount is not None and tendered is not None:
            self.change.setText(self.tr("不足 %1").replace("%1", yuan(amount - tendered)))
            self.change.setStyleSheet("color:#b3261e;")
        else:
            self.change.setText("0.00")
            self.change.setStyleSheet("")
        self._show_change_mode(split[1] if split is not None else None)
        self._emit_display()

    def _show_change_mode(self, kept: int | None) -> None:
        cash = self._method() is Method.CASH and self.current is not None
        self.change_mode_label.setEnabled(cash)
        if self.change_mode == "none":
            text = self.tr("找零全部交还顾客")
        elif self.change_mode == "fen":
            text = self.tr("零钱转预存：找零的角分以下（不足 1 元部分）记入预存")
        else:
            text = self.tr("全部转预存：找零全部记入预存")
        if kept is not None and self.change_mode != "none":
            text += self.tr("，本笔 %1 元").replace("%1", yuan(kept))
        self.change_mode_label.setText(text)
        self.change_mode_label.setStyleSheet("color:#1d3f73; font-weight:bold;" if self.change_mode != "none"
                                             else "color:#555;")

    def _emit_display(self) -> None:
        if self.current is None:
            return
        amount, tendered = self.amount.fen_or_none(), self.tendered.fen_or_none()
        cash = self._method() is Method.CASH
        split = self.change_split()
        self.display.emit({
            "state": "due", "name": self.current.customer.name,
            "due": yuan(amount) if amount is not None else "",
            "tendered": yuan(tendered) if cash and tendered is not None else "",
            "change": yuan(split[0]) if split is not None else "",
            "to_balance": yuan(split[1]) if split is not None and split[1] else "",
            "method": self._method().value})

    def _set_pay_enabled(self, enabled: bool) -> None:
        for widget in (self.method, self.amount, self.confirm_button):
            widget.setEnabled(enabled)
        self._method_changed()

    def _set_warnings(self, warnings: list[tuple[str, str]]) -> None:
        while self.warnings.count():
            item = self.warnings.takeAt(0)
            if item.widget():
                item.widget().hide()  # at once: deleteLater waits for the event loop
                item.widget().deleteLater()
        for level, text in warnings:
            banner = Banner(self)  # parented first: a parentless shown label would be its own window
            banner.setObjectName("warning")
            self.warnings.addWidget(banner)
            banner.show_message(level, text)
