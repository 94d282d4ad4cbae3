"""History's list of one business day: a row per entry (receipt, purchase, 补卡费, 冲正, 预收冲抵), its print
state, the day's totals in words, and the filter that hides the rows a clerk's words do not match.

The selection follows its entry, not its index (issue 28, ux N8); the page decides which entry to keep.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from app.model import METHOD_LABELS, Method
from app.services.history import TYPE_LABELS, DayRow, DayTotals
from ui.widgets import tr0, yuan

COLUMNS = 8


class DayTable(QTableWidget):
    """The day's entries; `rows` are the DayRows in the table's order."""

    def __init__(self) -> None:
        super().__init__(0, COLUMNS)
        self.rows: list[DayRow] = []
        self.setObjectName("history_table")
        self.setHorizontalHeaderLabels(
            [
                self.tr("凭证号"),
                self.tr("时间"),
                self.tr("类型"),
                self.tr("户号"),
                self.tr("户名"),
                self.tr("支付方式"),
                self.tr("金额(元)"),
                self.tr("打印"),
            ]
        )
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)

    def fill(self, rows: list[DayRow]) -> None:
        """The cells of `rows`; the selection is left to `keep`."""
        self.rows = rows
        self.setRowCount(len(rows))
        states = {
            "printed": self.tr("已打印"),
            "failed": self.tr("✖ 未打印"),
            "pending": self.tr("待打印"),
            "sent": self.tr("已送打印机"),
        }
        for row, r in enumerate(rows):
            method = (
                tr0(METHOD_LABELS[Method(r.method)]) if r.method in Method._value2member_map_ else r.method
            )
            state = ""
            if r.stored is not None:
                state = states.get(r.stored.print_state, r.stored.print_state)
                if r.stored.print_count > 1:
                    state += self.tr("（%1 次）").replace("%1", str(r.stored.print_count))
                if r.reversed:
                    state = self.tr("已冲正") + " · " + state
            cells = [
                r.receipt_no,
                r.time,
                tr0(TYPE_LABELS.get(r.type, r.type)),
                r.customer_no,
                r.customer_name,
                method,
                yuan(r.amount_fen),
                state,
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r.type)
                self.setItem(row, col, item)

    def totals_text(self, totals: DayTotals) -> str:
        text = (
            self.tr("共 %1 张，合计 %2 元")
            .replace("%1", str(totals.receipts))
            .replace("%2", yuan(totals.taken_fen))
        )
        if totals.reversals:
            text += (
                self.tr("；冲正 %1 张 %2 元，净收 %3 元")
                .replace("%1", str(totals.reversals))
                .replace("%2", yuan(totals.refunded_fen))
                .replace("%3", yuan(totals.net_fen))
            )
        return text

    def keep(self, entry: tuple[str, str] | None) -> None:
        """Select the row of `entry` (type, receipt number) again; none if it is gone."""
        again = [i for i, r in enumerate(self.rows) if (r.type, r.receipt_no) == entry]
        if again:
            self.selectRow(again[0])
        else:
            self.setCurrentCell(-1, -1)  # apply_filter selects the first visible row

    def apply_filter(self, words: str) -> None:
        """Hide the rows without `words`; the selection moves to the first visible row if it was hidden."""
        words = words.strip().lower()
        first = -1
        for row in range(self.rowCount()):
            text = " ".join(
                item.text() for c in range(COLUMNS) if (item := self.item(row, c)) is not None
            ).lower()
            hidden = bool(words) and words not in text
            self.setRowHidden(row, hidden)
            if not hidden and first < 0:
                first = row
        if first >= 0 and (self.currentRow() < 0 or self.isRowHidden(self.currentRow())):
            self.selectRow(first)

    def move_selection(self, step: int) -> None:
        """↑ ↓ from the filter: the next visible row up or down (the list keeps its own keys)."""
        visible = [r for r in range(self.rowCount()) if not self.isRowHidden(r)]
        if not visible:
            return
        now = self.currentRow()
        if now not in visible:
            self.selectRow(visible[0])
            return
        at = visible.index(now) + step
        self.selectRow(visible[max(0, min(at, len(visible) - 1))])

    def selected_row(self) -> DayRow | None:
        row = self.currentRow()
        if row < 0 or row >= len(self.rows) or self.isRowHidden(row):
            return None
        return self.rows[row]
