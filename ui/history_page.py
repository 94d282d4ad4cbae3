"""历史: one business day's entries (today unless the clerk picks another), searchable, each with its type
(缴费, 购电, 补卡费, 冲正, 预收冲抵); print state; reprint (重打) and the PDF copy.

Keyboard: Ctrl+2 lands in the filter; ↓ into the list; Alt+← / Alt+→ the day before / after, Alt+Home
today (or type a date in the day field); Ctrl+R reprints the selected receipt, Ctrl+P writes and opens
its PDF copy, Ctrl+Shift+V voids it (冲正, with a supervisor; issue 16). The day is read and a receipt
loaded on the store's reader thread (ui/ops.py); printing runs on the printer's worker, the reversal on
the store worker.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.errors import HallPayError
from app.receipt import Receipt
from app.services.history import DayRow, DayTotals, day_history
from app.services.receipts import load_receipt, reprint
from app.services.void_slip import print_void_slip
from ui.history_table import DayTable
from ui.messages import error_text
from ui.ops import ClerkSession, Operations, QueryOp
from ui.void_dialog import VoidDialog, open_void_dialog, void_message
from ui.widgets import Banner, big, tr0

if TYPE_CHECKING:
    from app.services.context import Context
    from bootstrap import Services
    from ui.tasks import Worker

VOID_KEY = "Ctrl+Shift+V"
DAY_KEYS = {"Alt+Left": -1, "Alt+Right": 1}  # the day before / after; Alt+Home: today
TODAY_KEY = "Alt+Home"

SELECTED = "selected"  # the message bar's topic while it speaks of the selected receipt


class HistoryPage(QWidget):
    reprinted = Signal(str)  # receipt number, after the reprint finished (printed or not)
    pdf_written = Signal(str)  # path of the PDF copy
    reversed = Signal(object)  # app.services.reversal.ReversalResult, after a void in the window
    slip_printed = Signal(str)  # receipt number, after a void's slip went to the printer (printed or not)

    def __init__(
        self,
        wiring: Services,
        printer_worker: Worker,
        clerk_id: str,
        parent: QWidget | None = None,
        *,
        open_files: bool = True,
        ops: Operations | None = None,
    ) -> None:
        super().__init__(parent)
        self._w = wiring
        self._ctx = wiring.ctx
        self.ops = ops if ops is not None else Operations(wiring.ctx, ClerkSession(clerk_id), self)
        self._worker = printer_worker
        self.clerk_id = clerk_id
        self.open_files = open_files
        self.reversed_rows: set[str] = set()
        self.day: dt.date = self._ctx.today()
        self.void_dialog: VoidDialog | None = None
        self._arriving = True  # the next rows shown select the newest (showEvent), not the kept entry
        root = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(big(QLabel(self.tr("收费记录")), 13))
        self.day_edit = QDateEdit()
        self.day_edit.setObjectName("history_day")
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        self.day_edit.setToolTip(self.tr("营业日：Alt+← 前一天，Alt+→ 后一天，Alt+Home 今天"))
        self.day_edit.setDate(QDate(self.day.year, self.day.month, self.day.day))
        self.day_edit.dateChanged.connect(self._day_edited)
        head.addWidget(self.day_edit)
        self.filter = QLineEdit()
        self.filter.setObjectName("history_filter")
        self.filter.setPlaceholderText(self.tr("按凭证号、户号、户名或支付方式筛选"))
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.returnPressed.connect(self._to_table)
        self.filter.installEventFilter(self)  # ↑ ↓ in the filter move the list (issue 28, ux N8)
        head.addWidget(self.filter, 1)
        root.addLayout(head)
        self.table = DayTable()
        self.table.activated.connect(lambda _index: self._activated())
        self.table.itemSelectionChanged.connect(self._selection_moved)
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
        # the day's totals on a line of their own: beside the buttons they made the English window 1,125 px
        # wide once the day had receipts (issue 28, ux N4)
        self.summary = QLabel()
        self.summary.setObjectName("history_summary")
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignRight)
        root.addWidget(self.summary)
        root.addLayout(buttons)
        self.message = Banner(self)
        self.message.setObjectName("history_message")
        root.addWidget(self.message)
        QShortcut(QKeySequence("Ctrl+R"), self, self.reprint_selected)
        QShortcut(QKeySequence("Ctrl+P"), self, self.open_pdf_selected)
        QShortcut(QKeySequence("F5"), self, self.refresh)
        QShortcut(QKeySequence(VOID_KEY), self, self.void_selected)
        for keys, step in DAY_KEYS.items():
            QShortcut(QKeySequence(keys), self, lambda s=step: self.show_day(self.day + dt.timedelta(days=s)))
        QShortcut(QKeySequence(TODAY_KEY), self, lambda: self.show_day(self._ctx.today()))

    def set_clerk(self, clerk_id: str) -> None:
        """ClerkSession.switched: this page acts for the clerk signed in now."""
        self.clerk_id = clerk_id
        self._ctx = dataclasses.replace(self._ctx, clerk_id=clerk_id)
        self.refresh()

    # ---------------------------------------------------------------- data

    def show_day(self, day: dt.date) -> None:
        """Alt+← / Alt+→ / Alt+Home, or a date typed or picked: that business day's entries."""
        self.day_edit.setDate(QDate(day.year, day.month, day.day))  # _day_edited reads it

    def _day_edited(self, date: QDate) -> None:
        day = dt.date(date.year(), date.month(), date.day())
        if day > self._ctx.today():  # no business day after today (Alt+→ went on into empty days: ux P3)
            self.show_day(self._ctx.today())
            return
        if day != self.day:
            self.message.clear_message()  # the last day's news does not belong to this one (ux P3)
            self.day = day
            self.refresh()

    def refresh(self) -> None:
        """The chosen day's entries, read on the store's reader thread; the table follows when they arrive."""
        day = self.day

        def show(result: tuple[list[DayRow], DayTotals]) -> None:
            if day == self.day:  # not a day the clerk has already left
                self._show_rows(*result)

        QueryOp(self.ops, lambda ctx: day_history(ctx, day), show, parent=self).failure(self._failed).run()

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, HallPayError):
            raise error
        self.message.show_message("error", error_text(error))

    def _show_rows(self, rows: list[DayRow], totals: DayTotals) -> None:
        # the selection follows its entry, not its index: after a void the new 冲正 row comes first, and the
        # row under the old index was another receipt the next Enter acted on (issue 28, ux N8)
        # (arriving on the page, the newest row is selected: the clerk comes for the receipt just taken)
        was = None if self._arriving else self.selected_row()
        keep = (was.type, was.receipt_no) if was is not None else None
        self._arriving = False
        self.reversed_rows = {r.receipt_no for r in rows if r.reversed}
        self.table.fill(rows)
        self.summary.setText(self.table.totals_text(totals))
        self.table.keep(keep)
        self._apply_filter()

    def _apply_filter(self) -> None:
        self.table.apply_filter(self.filter.text())

    def _to_table(self) -> None:
        self.table.setFocus()

    @property
    def rows(self) -> list[DayRow]:
        return self.table.rows

    def selected_row(self) -> DayRow | None:
        return self.table.selected_row()

    def selected(self) -> str | None:
        """The receipt of the selected row (a reversal's row: the receipt it reversed); None for an offset."""
        r = self.selected_row()
        return (r.receipt_no or None) if r is not None else None

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 (Qt's name)
        from PySide6.QtCore import QEvent

        if watched is self.filter and event.type() == QEvent.Type.KeyPress:
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(event.key())
            if step is not None:
                self.table.move_selection(step)
                return True
        return super().eventFilter(watched, event)

    def _activated(self) -> None:
        """Enter on a row: a receipt is reprinted; a 冲正 row never reprints the receipt it voided."""
        r = self.selected_row()
        if r is not None and r.type == "reversal":
            self.message.show_message(
                "warn",
                self.tr("这是冲正记录，Enter 不重打原凭证。要补打冲正凭证（签字联）请按 Ctrl+R。"),
            )
            return
        self.reprint_selected()

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        self._arriving = True
        self.refresh()
        self.filter.setFocus()
        super().showEvent(event)

    # ---------------------------------------------------------------- actions

    def reprint_selected(self) -> None:
        receipt_no = self.selected()
        if receipt_no is None:
            self.message.show_message("error", self.tr("请先在列表中选择一张凭证。"))
            return
        row = self.selected_row()
        if row is not None and row.type == "reversal":
            self._print_slip(receipt_no)  # Ctrl+R on a 冲正 row: its slip again, marked 重打
            return
        ctx, make_printer, clerk = self._ctx, self._w.printer, self.clerk_id  # built on the printer's thread
        approver, pin = self.supervisor.text().strip(), self.supervisor_pin.text()
        self.supervisor_pin.clear()
        self.message.show_message("info", self.tr("正在重打 %1…").replace("%1", receipt_no))

        def done(value: Any, error: BaseException | None) -> None:
            if error is not None:
                self.message.show_message("error", error_text(error))
            else:
                _copy, result = value
                if result.printed:
                    self.message.show_message("ok", self.tr("凭证 %1 已重打。").replace("%1", receipt_no))
                else:
                    self.message.show_message(
                        "warn",
                        self.tr("凭证 %1 未能打印：%2")
                        .replace("%1", receipt_no)
                        .replace("%2", result.reason),
                    )
            self.refresh()
            self.reprinted.emit(receipt_no)

        self._worker.submit(lambda: reprint(ctx, make_printer(), receipt_no, clerk, approver, pin), done)

    def _selection_moved(self) -> None:
        """A refusal about the receipt that was selected leaves with the selection (ux P3: a void refusal stayed
        under another receipt)."""
        if self.message.topic == SELECTED:
            self.message.clear_message()

    def void_selected(self) -> None:
        """Ctrl+Shift+V: void the selected receipt, with a supervisor's id, PIN and a reason."""
        receipt_no = self.selected()
        if receipt_no is None:
            self.message.show_message("error", self.tr("请先在列表中选择一张凭证。"))
            return
        if receipt_no in self.reversed_rows:
            self.message.show_message(
                "error", self.tr("凭证 %1 已冲正，不能重复冲正。").replace("%1", receipt_no), topic=SELECTED
            )
            return

        def loaded(found: tuple[Receipt, str]) -> None:
            self.void_dialog = open_void_dialog(self, self.ops, self.clerk_id, found[0], self._after_void)

        QueryOp(self.ops, lambda ctx: load_receipt(ctx, receipt_no), loaded, parent=self).failure(
            self._failed
        ).run()

    def _after_void(self, result: Any) -> None:
        """The list itself follows the void's OpChanges (the window refreshes every page that shows it)."""
        self.message.show_message("ok", void_message(tr0, result))
        self.reversed.emit(result)
        self._print_slip(result.receipt_no, said=void_message(tr0, result) + " ")  # both sign it (ux N9)

    def _print_slip(self, receipt_no: str, *, said: str = "") -> None:
        """A void's slip: right after the void (`said` keeps the void's sentence), or again from the 冲正 row."""
        from ui.counter_result import slip_failed_text, slip_printed_text

        ctx, make_printer, copy = self._ctx, self._w.printer, not said

        def done(value: Any, error: BaseException | None) -> None:
            reason = error_text(error) if error is not None else ("" if value.printed else value.reason)
            if not reason:
                self.message.show_message("ok", said + slip_printed_text(receipt_no))
            else:
                self.message.show_message("warn", said + slip_failed_text(receipt_no, reason))
            self.slip_printed.emit(receipt_no)

        self._worker.submit(lambda: print_void_slip(ctx, make_printer(), receipt_no, copy=copy), done)

    def open_pdf_selected(self) -> None:
        receipt_no = self.selected()
        if receipt_no is None:
            self.message.show_message("error", self.tr("请先在列表中选择一张凭证。"))
            return
        target = self._w.data_dir / "reports" / f"receipt-{receipt_no}.pdf"

        def write(ctx: Context) -> str:  # on the reader thread: the store read and the PDF, off the window's
            receipt, _state = load_receipt(ctx, receipt_no)
            from printing.pdf import receipt_pdf  # reportlab: loaded on first use only

            return str(receipt_pdf(receipt, target))

        def written(path: str) -> None:
            self.message.show_message("ok", self.tr("PDF 副本：%1").replace("%1", path))
            self.pdf_written.emit(path)
            if self.open_files:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path))))

        def failed(error: BaseException) -> None:
            if not isinstance(error, OSError):
                self._failed(error)
                return
            self.message.show_message("error", error_text(error))

        QueryOp(self.ops, write, written, parent=self).failure(failed).run()
