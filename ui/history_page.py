"""历史: today's receipts, searchable; print state; reprint (重打) and the PDF copy.

Keyboard: Ctrl+2 lands in the filter; ↓ into the list; Ctrl+R reprints the selected receipt,
Ctrl+P writes and opens its PDF copy, Ctrl+Shift+V voids it (冲正, with a supervisor; issue 16).
Printing runs on the printer's worker thread, the reversal on the store worker.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import HallPayError
from app.model import METHOD_LABELS, Method
from app.services.receipts import DayReceipt, day_receipts, load_receipt, reprint
from app.store import StoredReceipt
from ui.ops import ClerkSession, Operations, QueryOp
from ui.void_dialog import VoidDialog
from ui.widgets import Banner, big, tr0, yuan

VOID_KEY = "Ctrl+Shift+V"

COLUMNS = 7


class HistoryPage(QWidget):
    reprinted = Signal(str)  # receipt number, after the reprint finished (printed or not)
    pdf_written = Signal(str)  # path of the PDF copy
    reversed = Signal(object)  # app.services.reversal.ReversalResult, after a void in the window

    def __init__(self, wiring: Any, printer_worker: Any, clerk_id: str, parent: QWidget | None = None,
                 *, open_files: bool = True, ops: Operations | None = None) -> None:
        super().__init__(parent)
        self._w = wiring
        self._ctx = wiring.ctx
        self.ops = ops if ops is not None else Operations(wiring.ctx, ClerkSession(clerk_id), self)
        self._worker = printer_worker
        self.clerk_id = clerk_id
        self.open_files = open_files
        self.rows: list[StoredReceipt] = []
        self.reversed_rows: set[str] = set()
        self.store_worker: Any = None  # the main window's store worker; the printer's when alone
        self.void_dialog: VoidDialog | None = None
        root = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(big(QLabel(self.tr("今日收费凭证")), 13))
        self.filter = QLineEdit()
        self.filter.setObjectName("history_filter")
        self.filter.setPlaceholderText(self.tr("按凭证号、户号、户名或支付方式筛选"))
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.returnPressed.connect(self._to_table)
        head.addWidget(self.filter, 1)
        root.addLayout(head)
        self.table = QTableWidget(0, COLUMNS)
        self.table.setObjectName("history_table")
        self.table.setHorizontalHeaderLabels([
            self.tr("凭证号"), self.tr("时间"), self.tr("户号"), self.tr("户名"), self.tr("支付方式"),
            self.tr("金额(元)"), self.tr("打印")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda _index: self.reprint_selected())
        root.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.reprint_button = QPushButton(self.tr("重打凭证  [Ctrl+R / Enter]"))
        self.reprint_button.setObjectName("reprint")
        self.reprint_button.clicked.connect(self.reprint_selected)
        self.pdf_button = QPushButton(self.tr("打开 PDF 副本  [Ctrl+P]"))
        self.pdf_button.setObjectName("open_pdf")
        self.pdf_button.clicked.connect(self.open_pdf_selected)
        self.void_button = QPushButton(self.tr("冲正  [Ctrl+Shift+V]"))
        self.void_button.setObjectName("void")
        self.void_button.clicked.connect(self.void_selected)
        refresh = QPushButton(self.tr("刷新  [F5]"))
        refresh.clicked.connect(self.refresh)
        for b in (self.reprint_button, self.pdf_button, self.void_button, refresh):
            buttons.addWidget(b)
        buttons.addWidget(QLabel(self.tr("结班后重打需主管：")))
        self.supervisor = QLineEdit()
        self.supervisor.setObjectName("history_supervisor")
        self.supervisor.setPlaceholderText(self.tr("工号"))
        self.supervisor.setMaximumWidth(90)
        self.supervisor_pin = QLineEdit()
        self.supervisor_pin.setObjectName("history_supervisor_pin")
        self.supervisor_pin.setPlaceholderText(self.tr("密码"))
        self.supervisor_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.supervisor_pin.setMaximumWidth(90)
        self.supervisor_pin.returnPressed.connect(self.reprint_selected)
        buttons.addWidget(self.supervisor)
        buttons.addWidget(self.supervisor_pin)
        buttons.addStretch(1)
        self.summary = QLabel()
        self.summary.setObjectName("history_summary")
        buttons.addWidget(self.summary)
        root.addLayout(buttons)
        self.message = Banner(self)
        self.message.setObjectName("history_message")
        root.addWidget(self.message)
        QShortcut(QKeySequence("Ctrl+R"), self, activated=self.reprint_selected)
        QShortcut(QKeySequence("Ctrl+P"), self, activated=self.open_pdf_selected)
        QShortcut(QKeySequence("F5"), self, activated=self.refresh)
        QShortcut(QKeySequence(VOID_KEY), self, activated=self.void_selected)

    def set_clerk(self, clerk_id: str) -> None:
        """ClerkSession.switched: this page acts for the clerk signed in now."""
        self.clerk_id = clerk_id
        self._ctx = dataclasses.replace(self._ctx, clerk_id=clerk_id)
        self.refresh()

    # ---------------------------------------------------------------- data

    def refresh(self) -> None:
        """Today's receipts, read on the store's reader thread; the table follows when they arrive."""
        QueryOp(self.ops, day_receipts, self._show_rows, parent=self).failure(self._failed).run()

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, HallPayError):
            raise error
        self.message.show_message("error", str(error))

    def _show_rows(self, day: list[DayReceipt]) -> None:
        self.rows = [d.stored for d in day]
        self.reversed_rows = {d.stored.receipt_no for d in day if d.reversed}
        names = {d.stored.receipt_no: d.customer_name for d in day}
        self.table.setRowCount(len(self.rows))
        states = {"printed": self.tr("已打印"), "failed": self.tr("✖ 未打印"), "pending": self.tr("待打印"),
                  "sent": self.tr("已送打印机")}
        for row, r in enumerate(self.rows):
            method = self.tr(METHOD_LABELS.get(Method(r.method), r.method)) if r.method in Method._value2member_map_ \
                else r.method
            state = states.get(r.print_state, r.print_state)
            if r.print_count > 1:
                state += self.tr("（%1 次）").replace("%1", str(r.print_count))
            if r.receipt_no in self.reversed_rows:
                state = self.tr("已冲正") + " · " + state
            cells = [r.receipt_no, r.issued_at[-8:], r.customer_no, names[r.receipt_no], method,
                     yuan(r.amount_fen), state]
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        total = sum(r.amount_fen for r in self.rows)
        voided = [r for r in self.rows if r.receipt_no in self.reversed_rows]
        text = self.tr("共 %1 张，合计 %2 元").replace("%1", str(len(self.rows))).replace("%2", yuan(total))
        if voided:
            refunded = sum(r.amount_fen for r in voided)
            text += self.tr("；冲正 %1 张 %2 元，净收 %3 元").replace("%1", str(len(voided))) \
                .replace("%2", yuan(refunded)).replace("%3", yuan(total - refunded))
        self.summary.setText(text)
        self._apply_filter()

    def _apply_filter(self) -> None:
        words = self.filter.text().strip().lower()
        first = -1
        for row in range(self.table.rowCount()):
            text = " ".join(self.table.item(row, c).text() for c in range(COLUMNS)).lower()
            hidden = bool(words) and words not in text
            self.table.setRowHidden(row, hidden)
            if not hidden and first < 0:
                first = row
        if first >= 0 and (self.table.currentRow() < 0 or self.table.isRowHidden(self.table.currentRow())):
            self.table.selectRow(first)

    def _to_table(self) -> None:
        self.table.setFocus()

    def selected(self) -> str | None:
        row = self.table.currentRow()
        if row < 0 or row >= len(self.rows) or self.table.isRowHidden(row):
            return None
        return self.rows[row].receipt_no

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        self.refresh()
        self.filter.setFocus()
        super().showEvent(event)

    # ---------------------------------------------------------------- actions

    def reprint_selected(self) -> None:
        receipt_no = self.selected()
        if receipt_no is None:
            self.message.show_message("error", self.tr("请先在列表中选择一张凭证。"))
            return
        ctx, printer, clerk = self._ctx, self._w.printer(), self.clerk_id
        approver, pin = self.supervisor.text().strip(), self.supervisor_pin.text()
        self.supervisor_pin.clear()
        self.message.show_message("info", self.tr("正在重打 %1…").replace("%1", receipt_no))

        def done(value: Any, error: BaseException | None) -> None:
            if error is not None:
                self.message.show_message("error", str(error))
            else:
                _copy, result = value
                if result.printed:
                    self.message.show_message("ok", self.tr("凭证 %1 已重打。").replace("%1", receipt_no))
                else:
                    self.message.show_message("warn", self.tr("凭证 %1 未能打印：%2").replace("%1", receipt_no)
                                              .replace("%2", result.reason))
            self.refresh()
            self.reprinted.emit(receipt_no)

        self._worker.submit(lambda: reprint(ctx, printer, receipt_no, clerk, approver, pin), done)

    def void_selected(self) -> None:
        """Ctrl+Shift+V: void the selected receipt, with a supervisor's id, PIN and a reason."""
        receipt_no = self.selected()
        if receipt_no is None:
            self.message.show_message("error", self.tr("请先在列表中选择一张凭证。"))
            return
        if receipt_no in self.reversed_rows:
            self.message.show_message("error", self.tr("凭证 %1 已冲正，不能重复冲正。").replace("%1", receipt_no))
            return
        try:
            receipt, _state = load_receipt(self._ctx, receipt_no)
        except HallPayError as error:
            self.message.show_message("error", str(error))
            return
        self.void_dialog = open_void_dialog(self, self._ctx, self.store_worker or self._worker, self.clerk_id,
                                            receipt, self._after_void)

    def _after_void(self, result: Any) -> None:
        self.message.show_message("ok", void_message(tr0, result))
        self.refresh()
        self.reversed.emit(result)

    def open_pdf_selected(self) -> None:
        receipt_no = self.selected()
        if receipt_no is None:
            self.message.show_message("error", self.tr("请先在列表中选择一张凭证。"))
            return
        try:
            receipt, _state = load_receipt(self._ctx, receipt_no)
            from printing.pdf import receipt_pdf  # reportlab: loaded on first use only

            path = receipt_pdf(receipt, self._w.data_dir / "reports" / f"receipt-{receipt_no}.pdf")
        except (HallPayError, OSError) as error:
            self.message.show_message("error", str(error))
            return
        self.message.show_message("ok", self.tr("PDF 副本：%1").replace("%1", str(path)))
        self.pdf_written.emit(str(path))
        if self.open_files:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path))))


def void_message(tr: Any, result: Any) -> str:
    how = tr("请将现金退给顾客") if result.method == Method.CASH.value else tr("请按原支付方式退款")
    return tr("凭证 %1 已冲正，退款 %2 元；%3。").replace("%1", result.receipt_no) \
        .replace("%2", yuan(result.refund_fen)).replace("%3", how)


def open_void_dialog(parent: QWidget, ctx: Any, worker: Any, clerk_id: str, receipt: Any, on_done: Any) -> VoidDialog:
    dialog = VoidDialog(parent, ctx, worker, clerk_id, receipt)
    dialog.reversed.connect(on_done)
    dialog.finished.connect(lambda _r: parent.window().activateWindow())
    dialog.open()
    return dialog
