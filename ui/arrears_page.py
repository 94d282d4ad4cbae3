"""欠费清单: the customer manager's arrears list — filters, sort, totals, ageing chart, exports.

Keyboard: the tab's key lands in the first filter (风险等级); Tab walks the filters; Enter in any
filter applies them; Ctrl+↓ goes to the list; Ctrl+Shift+C / X / P export CSV / XLSX / PDF; F5
reloads. The list and the filters' choices are read on the store's reader thread, exports on its reports
thread (ui/ops.py: a whole-terminal export reads for seconds, the counter's lookups go on meanwhile);
they write into the data directory's reports/.
The ageing chart is drawn with QPainter: every bar carries its bucket, amount in 元 and customer
count as text, so nothing is told by colour alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import HallPayError
from app.model import CATEGORY_LABELS, Category
from app.risk import GRADE_LABELS, NOTICE_STATE_LABELS, ArrearsFilter
from app.services.arrears import ArrearsList, areas, arrears_list
from app.services.collection import responsible_clerks
from ui.ageing_chart import AgeingChart
from ui.arrears_filters import ArrearsFilters
from ui.messages import error_text
from ui.notice_propose import PROPOSE_KEY, propose_notice
from ui.ops import Operations, QueryOp, ReportOp
from ui.widgets import Banner, big
from ui.widgets import yuan as grouped

if TYPE_CHECKING:
    from app.services.context import Context
    from bootstrap import Services

COLUMNS = (
    "户号",
    "户名",
    "类别",
    "区域",
    "期数",
    "本金(元)",
    "违约金(元)",
    "最早应缴",
    "逾期天",
    "等级",
    "停电通知",
    "重要",
)
MONEY_COLUMNS = (5, 6)
PDF_ROWS = 1000  # the PDF lists the first rows; CSV and XLSX carry every row of the filter


class ArrearsPage(QWidget):
    loaded = Signal(int)  # customers matching the filter
    exported = Signal(str)  # path written
    notice_proposed = Signal(str)  # notice id, after Ctrl+Shift+N

    def __init__(
        self, wiring: Services, parent: QWidget | None = None, *, ops: Operations | None = None
    ) -> None:
        super().__init__(parent)
        self._w = wiring
        self._ctx = wiring.ctx  # the clock and the hall's name; the store only through self.ops
        self.ops = ops if ops is not None else Operations(wiring.ctx, parent=self)
        self.clerk_id = str(wiring.ctx.clerk_id)
        self.exporting = False
        self.result: ArrearsList | None = None
        self.filter_error = ""
        root = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(big(QLabel(self.tr("欠费清单")), 14))
        self.day_label = QLabel(self.tr("业务日 %1").replace("%1", self._ctx.today().isoformat()))
        head.addWidget(self.day_label)
        head.addStretch(1)
        root.addLayout(head)
        self.filters = f = ArrearsFilters(self.apply, self)
        self.grade, self.category, self.age, self.area = f.grade, f.category, f.age, f.area
        self.min_amount, self.max_amount, self.clerk, self.notice, self.sort = (
            f.min_amount,
            f.max_amount,
            f.clerk,
            f.notice,
            f.sort,
        )
        self.filter_widgets = f.widgets
        self._fill_choices()
        root.addLayout(f.grid)
        self.totals_label = big(QLabel(), 12)
        self.totals_label.setObjectName("arrears_totals")
        self.totals_label.setWordWrap(True)
        root.addWidget(self.totals_label)
        body = QHBoxLayout()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("arrears_table")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # names whole, never "高…"
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(40)
        body.addWidget(self.table, 1)
        self.chart = AgeingChart()
        body.addWidget(self.chart)
        root.addLayout(body, 1)
        buttons = QHBoxLayout()
        self.apply_button = QPushButton(self.tr("查询  [Enter]"))
        self.apply_button.setObjectName("arrears_apply")
        self.apply_button.clicked.connect(self.apply)
        self.export_buttons: dict[str, QPushButton] = {}
        for kind, label, key in (
            ("csv", "导出 CSV", "Ctrl+Shift+C"),
            ("xlsx", "导出 Excel", "Ctrl+Shift+X"),
            ("pdf", "打印 PDF", "Ctrl+Shift+P"),
        ):
            b = QPushButton(self.tr(label) + f"  [{key}]")
            b.setObjectName(f"arrears_export_{kind}")
            b.clicked.connect(lambda _=False, k=kind: self.export(k))
            self.export_buttons[kind] = b
            self._key(key, lambda k=kind: self.export(k))
        self.propose_button = QPushButton(self.tr("提出停电通知  [Ctrl+Shift+N]"))
        self.propose_button.setObjectName("arrears_propose")
        self.propose_button.clicked.connect(self.propose_selected)
        self._key(PROPOSE_KEY, self.propose_selected)
        buttons.addWidget(self.apply_button)
        for b in self.export_buttons.values():
            buttons.addWidget(b)
        buttons.addWidget(self.propose_button)
        buttons.addStretch(1)
        root.addLayout(buttons)
        self.message = Banner(self)
        self.message.setObjectName("arrears_message")
        root.addWidget(self.message)
        self._key("F5", self.reload)
        self._key("Ctrl+Down", self._to_table)
        self._key("Ctrl+Up", self.grade.setFocus)  # Ctrl+L is the window's screen lock
        self.setFocusProxy(self.grade)
        # The first query waits until the page is shown: at 1M customers it costs ~0.5 s that the
        # counter's start-up must not pay.

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        """The page's key lands in the first filter, ready for the next keystroke."""
        super().showEvent(event)
        if self.result is None:
            self.apply()
        focused = QApplication.focusWidget()
        if focused is None or not self.isAncestorOf(focused):
            self.grade.setFocus()

    # ---------------------------------------------------------------- building

    def _key(self, key: str, slot: Any) -> None:
        QShortcut(QKeySequence(key), self, slot, Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _fill_choices(self) -> None:
        QueryOp(
            self.ops,
            lambda ctx: (areas(ctx), responsible_clerks(ctx)),
            self.filters.show_choices,
            parent=self,
        ).run()

    def current_filter(self, limit: int = 200) -> ArrearsFilter:
        """The filter the widgets say; raises HallPayError for a malformed amount."""
        return self.filters.current_filter(limit)

    def filter_text(self) -> str:
        return self.filters.filter_text()

    def set_clerk(self, clerk_id: str) -> None:
        """ClerkSession.switched: a notice proposed from this list is the signed-in clerk's."""
        self.clerk_id = clerk_id

    def apply(self) -> None:
        """Read the list the filters say; a malformed amount is one sentence and reads nothing."""
        try:
            f = self.current_filter()
        except HallPayError as error:
            self.message.show_message("error", error_text(error))
            return

        def failed(error: BaseException) -> None:
            if not isinstance(error, HallPayError):
                raise error
            self.message.show_message("error", error_text(error))

        QueryOp(self.ops, lambda ctx: arrears_list(ctx, f), self._listed, parent=self).failure(failed).run()

    def _listed(self, lst: ArrearsList) -> None:
        self.message.clear_message()
        self.show_list(lst)
        self.loaded.emit(lst.totals.customers)

    def reload(self) -> None:
        self._fill_choices()
        self.apply()

    def show_list(self, lst: ArrearsList) -> None:
        self.result = lst
        t = lst.totals
        fees = sum(r.late_fee_fen for r in lst.rows)
        text = (
            self.tr("共 %1 户欠费，欠费本金合计 %2 元")
            .replace("%1", str(t.customers))
            .replace("%2", grouped(t.owed_fen))
        )
        if t.customers > len(lst.rows):
            text += (
                self.tr("；列表显示前 %1 户（违约金至今 %2 元），导出 CSV / Excel 含全部")
                .replace("%1", str(len(lst.rows)))
                .replace("%2", grouped(fees))
            )
        elif lst.rows:
            text += self.tr("；违约金至今 %1 元").replace("%1", grouped(fees))
        self.totals_label.setText(text)
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(lst.rows))
        for i, r in enumerate(lst.rows):
            # the grade without its gloss: Ⅲ级（关注） -> Ⅲ级, Grade III (watch) -> Grade III
            grade = (
                self.tr(GRADE_LABELS[r.grade]).split("（")[0].split(" (")[0]
                if r.grade in GRADE_LABELS
                else "—"
            )
            if r.ho_grade and r.ho_grade != r.grade:
                grade += self.tr("（总部 %1）").replace("%1", r.ho_grade)
            values = [
                r.customer_no,
                r.name,
                self.tr(CATEGORY_LABELS[Category(r.category)]),
                r.area,
                str(r.bills),
                grouped(r.owed_fen),
                grouped(r.late_fee_fen),
                r.oldest_due,
                str(r.days_overdue),
                grade,
                self.tr(NOTICE_STATE_LABELS.get(r.notice_state or "none", r.notice_state)),
                self.tr("★ 重要") if r.important else "",
            ]
            for j, value in enumerate(values):
                item = QTableWidgetItem(value)
                if j in MONEY_COLUMNS or j in (4, 8):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if j == 9 and r.grade == "I":
                    item.setForeground(QColor("#8a1c1c"))
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                if j == 9 and r.grade in GRADE_LABELS:
                    item.setToolTip(self.tr(GRADE_LABELS[r.grade]))
                self.table.setItem(i, j, item)
        self.chart.set_totals(t)

    def propose_selected(self) -> None:
        """Ctrl+Shift+N: a stop-power notice for the selected customer (needs a supervisor's approval next)."""
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        propose_notice(
            self.ops,
            item.text() if item is not None else "",
            self.clerk_id,
            self.message.show_message,
            self._proposed,
            parent=self,
        )

    def _proposed(self, notice_id: str) -> None:
        self.apply()
        self.notice_proposed.emit(notice_id)

    def _to_table(self) -> None:
        if self.table.rowCount():
            self.table.setFocus()
            if not self.table.selectedItems():
                self.table.selectRow(0)

    # ---------------------------------------------------------------- exports

    def export(self, kind: str) -> None:
        """Write the whole filtered list as CSV / XLSX / PDF into reports/, from the store's reports thread (a CSV
        or XLSX of every row through Services.export_arrears_apart's child process)."""
        if self.exporting:
            return
        try:
            f = self.current_filter()
        except HallPayError as error:
            self.message.show_message("error", error_text(error))
            return
        hall = self._ctx.terminal.hall_name
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        out = Path(self._w.data_dir) / "reports" / f"arrears-{self._ctx.today():%Y%m%d}-{stamp}.{kind}"
        heading = self.filter_text()

        export_apart = self._w.export_arrears_apart

        def job(ctx: Context) -> str:
            first = arrears_list(ctx, f, with_fees=False)  # how many: SQL only, no late fee worked out
            everything = max(first.totals.customers, 1)
            out.parent.mkdir(parents=True, exist_ok=True)
            if kind == "pdf":  # the first PDF_ROWS rows: short enough for this thread
                from printing.arrears_pdf import arrears_pdf

                arrears_pdf(
                    arrears_list(ctx, replace(f, limit=min(everything, PDF_ROWS))), hall, out, heading
                )
            else:  # every row: seconds of Python, worked out by a child process so no payment shares its GIL
                export_apart(replace(f, limit=everything), out, kind)
            return str(out)

        self._set_exporting(True)
        self.message.show_message("info", self.tr("正在导出 %1 …").replace("%1", out.name))

        def done(path: str) -> None:
            self._set_exporting(False)
            self.message.show_message("ok", self.tr("已导出：%1").replace("%1", path))
            self.exported.emit(path)

        def failed(error: BaseException) -> None:
            self._set_exporting(False)
            self.message.show_message("error", self.tr("导出失败：%1").replace("%1", error_text(error)))

        ReportOp(self.ops, job, done, parent=self).failure(failed).run()

    def _set_exporting(self, exporting: bool) -> None:
        self.exporting = exporting
        for b in self.export_buttons.values():
            b.setEnabled(not exporting)


class ManagerPage(QTabWidget):
    """The customer manager's tab: the arrears list and the stop-power notices (Ctrl+PgDown / PgUp)."""

    def __init__(self, wiring: Services, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ui.notice_page import NoticePage

        self.setObjectName("manager_pages")
        self.arrears = ArrearsPage(wiring, ops=ops)
        self.notices = NoticePage(wiring, ops=ops)
        self.addTab(self.arrears, self.tr("欠费清单  [Ctrl+PgUp]"))
        self.addTab(self.notices, self.tr("停电通知  [Ctrl+PgDown]"))
        self.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFocusProxy(self.arrears)
        self.notices.changed.connect(lambda _id: self.arrears.apply())
        self.arrears.notice_proposed.connect(lambda _id: self.notices.refresh())
        # real shortcuts (issue 16): QTabWidget's own Ctrl+PgDown reached the focused combo box or table first
        for key, index in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", 0)):
            QShortcut(
                QKeySequence(key),
                self,
                lambda i=index: self.show_tab(i),
                Qt.ShortcutContext.WidgetWithChildrenShortcut,
            )

    def set_clerk(self, clerk_id: str) -> None:
        """ClerkSession.switched: notices are proposed, approved and served by the clerk signed in now."""
        self.notices.set_clerk(clerk_id)
        self.arrears.set_clerk(clerk_id)

    def show_tab(self, index: int) -> None:
        self.setCurrentIndex(index)
        page = self.currentWidget()
        (page.table if page is self.notices else self.arrears.grade).setFocus()


def make_arrears_page(wiring: Services, ops: Operations) -> ManagerPage:
    return ManagerPage(wiring, ops)
