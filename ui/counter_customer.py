"""The counter's left half: find the customer, and what is due (their data, warnings, bills, totals, notes).

It only shows what one lookup read (CounterView); the page decides what happens next (the amount, focus).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model import CATEGORY_LABELS
from app.services.lookup import find_customers
from app.services.payments import Due, due, recent_offsets
from app.services.receipt_status import shift_is_open
from app.services.risk import risk_view
from app.services.sync import unapplied_elsewhere
from app.warnings import GRADE_LABELS, Warning, customer_warnings, stricter
from ui.messages import warning_text
from ui.ops import Operations, QueryOp
from ui.widgets import Banner, big, tr0, yuan

if TYPE_CHECKING:
    from app.services.context import Context

BILL_COLUMNS = 7


@dataclass(frozen=True)
class CounterView:
    """What one lookup reads for the counter, in one operation off the Qt thread."""

    due: Due | None
    risk: Any
    offsets: list[dict[str, Any]]
    shift_open: bool
    elsewhere: Warning | None = None  # other counters' entries head office has not applied (issue 29)


Failed = Callable[[BaseException], None]


class CustomerPanel(QWidget):
    search_entered = Signal()  # Enter in the search field
    chosen = Signal(str)  # the one customer a search found, or the one picked from several matches
    matched = Signal()  # a search found someone
    not_found = Signal(str)  # the query (trimmed) that matched no customer
    loaded = Signal(object)  # the CounterView of a chosen customer, read off the Qt thread

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shown: CounterView | None = None  # the customer on screen, for a re-read of their risk
        left = QVBoxLayout(self)
        left.setContentsMargins(0, 0, 0, 0)

        search_row = QHBoxLayout()
        search_label = big(QLabel(self.tr("查找用户")), 13)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("扫描或输入户号 / 卡号 / 电话 / 姓名 / 地址，回车查找"))
        self.search.setFont(big(QLabel(), 15, False).font())
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.search_entered)
        search_row.addWidget(search_label)
        search_row.addWidget(self.search, 1)
        left.addLayout(search_row)

        self.results = QListWidget()
        self.results.setObjectName("results")
        self.results.setMaximumHeight(160)
        self.results.itemActivated.connect(lambda item: self.chosen.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.results.hide()
        left.addWidget(self.results)

        self.customer_box = QGroupBox(self.tr("用户信息"))
        grid = QGridLayout(self.customer_box)
        self.fields: dict[str, QLabel] = {}
        labels = [
            ("customer_no", self.tr("户号")),
            ("name", self.tr("户名")),
            ("category", self.tr("用电类别")),
            ("meter_no", self.tr("表号")),
            ("address", self.tr("地址")),
            ("phone", self.tr("电话")),
            ("risk", self.tr("风险等级")),
            ("balance", self.tr("预存余额")),
        ]
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
        self.bills.setHorizontalHeaderLabels(
            [
                self.tr("账期"),
                self.tr("电量(kWh)"),
                self.tr("电费(元)"),
                self.tr("缴费截止日"),
                self.tr("逾期天数"),
                self.tr("违约金(元)"),
                self.tr("小计(元)"),
            ]
        )
        self.bills.verticalHeader().setVisible(False)
        self.bills.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.bills.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.bills.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # the period as wide as its text: "2026-08（部分已缴）" was cut to "2026-08（部…" (ux P3)
        self.bills.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        left.addWidget(self.bills, 1)

        totals = QHBoxLayout()
        self.total_labels: dict[str, QLabel] = {}
        for key, text in [
            ("principal", self.tr("电费合计")),
            ("late_fee", self.tr("违约金合计")),
            ("balance", self.tr("预存抵扣")),
            ("to_pay", self.tr("应收")),
        ]:
            box = QVBoxLayout()
            caption = QLabel(text)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            value = big(QLabel("0.00"), 20 if key == "to_pay" else 14)
            value.setObjectName(f"total_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
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

    def look_up(self, ops: Operations, query: str, failed: Failed) -> None:
        """Search on the reader thread: one match is chosen at once, several are listed."""

        def found_them(found: list[Any]) -> None:
            if not found:
                self.not_found.emit(query.strip())
                return
            self.matched.emit()
            if len(found) == 1:
                self.chosen.emit(found[0].customer_no)
                return
            self.show_matches(found)

        QueryOp(ops, lambda ctx: find_customers(ctx, query), found_them, parent=self).failure(failed).run()

    def read(self, ops: Operations, customer_no: str, clerk: str, failed: Failed) -> None:
        """The customer, the quote, the risk view, the offsets and the shift, read on the reader thread."""

        def read(ctx: Context) -> CounterView:
            # grade with reasons, served notice and earliest stop date, blacklist: at a glance, no click
            return CounterView(
                due(ctx, customer_no),
                risk_view(ctx, customer_no),
                recent_offsets(ctx, customer_no),
                shift_is_open(ctx, clerk),
                unapplied_elsewhere(ctx, customer_no),
            )

        QueryOp(ops, read, self.loaded.emit, parent=self).failure(failed).run()

    def clear(self) -> None:
        """Nobody on screen: an empty search, dashes and zeros."""
        self._shown = None
        self.search.clear()
        self.results.clear()
        self.results.hide()
        for label in self.fields.values():
            label.setText("—")
        self.set_warnings([])
        self.bills.setRowCount(0)
        for label in self.total_labels.values():
            label.setText("0.00")
        self.total_labels["to_pay"].setStyleSheet("")  # red only when something is due
        self.quote_notes.clear()
        self.quote_notes.hide()

    def show_matches(self, found: list[Any]) -> None:
        """Several customers match: the clerk picks one (Enter on the list)."""
        self.results.clear()
        for c in found:
            item = QListWidgetItem(f"{c.customer_no}   {c.name}   {c.address}   {c.phone}")
            item.setData(Qt.ItemDataRole.UserRole, c.customer_no)
            self.results.addItem(item)
        self.results.show()
        self.results.setCurrentRow(0)
        self.results.setFocus()

    def show_view(self, view_of: CounterView) -> None:
        """The customer, their warnings, the quote line by line and its totals."""
        assert view_of.due is not None and view_of.due.policy is not None
        view = view_of.risk
        c, q = view_of.due.customer, view_of.due.quote
        self.results.hide()
        self.search.setText(c.customer_no)
        values = {
            "customer_no": c.customer_no,
            "name": c.name,
            "category": tr0(CATEGORY_LABELS[c.category]),
            "meter_no": c.meter_no,
            "address": c.address,
            "phone": c.phone,
            # the grade that applies, as the banner says it: the graver of this counter's and head office's
            "risk": tr0(GRADE_LABELS.get(stricter(view.grade.grade, c.risk_grade), "")) or self.tr("无"),
            "balance": self.tr("%1 元").replace("%1", yuan(c.balance_fen)),
        }
        for key, text in values.items():
            self.fields[key].setText(text)
        self._shown = view_of
        self.show_warnings(view_of)
        self.bills.setRowCount(len(q.lines))
        for row, line in enumerate(q.lines):
            cells = [
                line.bill.period,
                str(line.bill.kwh),
                yuan(line.principal_due_fen),
                line.bill.due_date.isoformat(),
                str(line.days_overdue),
                yuan(line.fee_due_fen),
                yuan(line.total_fen),
            ]
            partly = line.bill.principal_paid_fen > 0
            if partly:  # a bill partly paid earlier: what is shown is what is still owed
                cells[0] = self.tr("%1（部分已缴）").replace("%1", line.bill.period)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if partly and col in (0, 2):
                    item.setToolTip(
                        self.tr("已缴 %1 元，尚欠 %2 元")
                        .replace("%1", yuan(line.bill.principal_paid_fen))
                        .replace("%2", yuan(line.principal_due_fen))
                    )
                if col != 0 and col != 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if col == 4 and line.days_overdue > 0:
                    item.setText(f"{line.days_overdue} ⚠")
                self.bills.setItem(row, col, item)
        self.total_labels["principal"].setText(yuan(q.principal_total_fen))
        self.total_labels["late_fee"].setText(yuan(q.late_fee_total_fen))
        self.total_labels["balance"].setText(yuan(min(q.balance_fen, q.total_fen)))
        self.total_labels["to_pay"].setText(yuan(q.to_pay_fen))
        self.total_labels["to_pay"].setStyleSheet(
            "color:#b3261e;" if q.to_pay_fen > 0 else ""
        )  # red only when due
        self.show_quote_notes(q.minimum_topup_fen, q.minimum_fen, view_of.offsets)

    def show_warnings(self, view_of: CounterView) -> None:
        assert view_of.due is not None and view_of.due.policy is not None
        c, q = view_of.due.customer, view_of.due.quote
        self.set_warnings(
            [
                (
                    w.level,
                    warning_text(w)
                    + (self.tr("（Ctrl+Shift+N 提出停电通知）") if w.code == "warn.overdue_stop" else ""),
                )
                for w in customer_warnings(c, q, view_of.due.policy, view_of.risk)
            ]
            + ([(view_of.elsewhere.level, warning_text(view_of.elsewhere))] if view_of.elsewhere else [])
        )

    def reread_risk(self, ops: Operations, customer_no: str, failed: Failed) -> None:
        """A notice proposed (or approved, served) for the customer on screen: the banners say so at once,
        without reading the bills again (ux P3: "已满足停电通知条件（Ctrl+Shift+N 提出停电通知）" stayed after
        the notice was proposed)."""
        shown = self._shown
        if shown is None or shown.due is None or shown.due.customer.customer_no != customer_no:
            return

        def show(view: Any) -> None:
            if self._shown is shown:
                self._shown = dataclasses.replace(shown, risk=view)
                self.show_warnings(self._shown)

        QueryOp(ops, lambda ctx: risk_view(ctx, customer_no), show, parent=self).failure(failed).run()

    def show_quote_notes(self, topup_fen: int, minimum_fen: int, offsets: list[dict[str, Any]]) -> None:
        """The offsets the balance made since the last payment, and the 1-yuan minimum when it applies."""
        notes = []
        for o in offsets:
            bills = "、".join(b["period"] for b in o["bills"])
            notes.append(
                self.tr("预收冲抵：%1 预存余额已抵缴 %2 元（%3）")
                .replace("%1", o["business_day"])
                .replace("%2", yuan(o["used_fen"]))
                .replace("%3", bills)
            )
        if topup_fen > 0:
            notes.append(
                self.tr("违约金合计不足 %1 元，按 %1 元收取（已含补足 %2 元）")
                .replace("%1", yuan(minimum_fen))
                .replace("%2", yuan(topup_fen))
            )
        self.quote_notes.setText("\n".join("ℹ " + n for n in notes))
        self.quote_notes.setVisible(bool(notes))

    def set_warnings(self, warnings: list[tuple[str, str]]) -> None:
        while self.warnings.count():
            item = self.warnings.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # at once: deleteLater waits for the event loop
                widget.deleteLater()
        for level, text in warnings:
            banner = Banner(self)  # parented first: a parentless shown label would be its own window
            banner.setObjectName("warning")
            self.warnings.addWidget(banner)
            banner.show_message(level, text)
