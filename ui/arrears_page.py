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
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import HallPayError
from app.model import CATEGORY_LABELS, Category
from app.money import AmountError, parse_yuan
from app.risk import GRADE_LABELS, NOTICE_STATE_LABELS, ArrearsFilter
from app.services.arrears import ArrearsList, areas, arrears_list
from app.services.collection import responsible_clerks
from ui.ageing_chart import AgeingChart
from ui.messages import error_text
from ui.notice_propose import PROPOSE_KEY, propose_notice
from ui.ops import Operations, QueryOp, ReportOp
from ui.widgets import Banner, big, tr0
from ui.widgets import yuan as grouped

if TYPE_CHECKING:
    from app.services.context import Context
    from bootstrap import Services

# (label, min_days, max_days) of the age filter
AGES: tuple[tuple[str, int, int | None], ...] = (
    ("全部", 0, None),
    ("0–30 天", 0, 30),
    ("31–60 天", 31, 60),
    ("61–90 天", 61, 90),
    ("90 天以上", 91, None),
    ("超过 30 天（可提停电）", 31, None),
)
SORT_LABELS = (("owed_desc", "欠费金额从高到低"), ("age_desc", "账龄从长到短"), ("customer_no", "户号"))
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


class _EnterApplies(QObject):
    """Enter in any filter applies the filters (a combo box would otherwise swallow or ignore it)."""

    def __init__(self, page: ArrearsPage) -> None:
        super().__init__(page)
        self._page = page

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not (isinstance(obj, QComboBox) and obj.view().isVisible())
        ):
            self._page.apply()
            return True
        return False


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
        root.addLayout(self._filters())
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

    def _combo(self, name: str, items: Sequence[tuple[str, object]]) -> QComboBox:
        box = QComboBox()
        box.setObjectName(f"arrears_{name}")
        # the longest choice ("60 days or more, not yet served") must not widen the page past 1024 px in
        # English (issue 28, ux N4): the box is 12 characters wide, its list shows every choice whole
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(12)
        for text, data in items:
            box.addItem(text, data)
        box.view().setMinimumWidth(box.view().sizeHintForColumn(0) + 24)
        return box

    def _filters(self) -> QGridLayout:
        grid = QGridLayout()
        tr = tr0  # a local alias: lupdate files these strings under the empty context, so translate there
        self.grade = self._combo(
            "grade", [(tr("全部"), "")] + [(tr(GRADE_LABELS[g]), g) for g in ("I", "II", "III")]
        )
        self.category = self._combo(
            "category", [(tr("全部"), "")] + [(tr(CATEGORY_LABELS[c]), c.value) for c in Category]
        )
        self.age = self._combo("age", [(tr(label), i) for i, (label, _lo, _hi) in enumerate(AGES)])
        self.min_amount = QLineEdit()
        self.min_amount.setObjectName("arrears_min_amount")
        self.min_amount.setPlaceholderText(tr("不限"))
        self.max_amount = QLineEdit()
        self.max_amount.setObjectName("arrears_max_amount")
        self.max_amount.setPlaceholderText(tr("不限"))
        self.area = self._combo("area", [(tr("全部"), "")])
        self.clerk = self._combo("clerk", [(tr("全部"), "")])
        self.notice = self._combo(
            "notice",
            [(tr("全部"), "")]
            + [
                (tr(NOTICE_STATE_LABELS[s]), s)
                for s in ("none", "proposed", "approved", "served", "reminded")
            ],
        )
        self.sort = self._combo("sort", [(tr(label), key) for key, label in SORT_LABELS])
        self._fill_choices()
        cells = [
            (tr("风险等级(&G)"), self.grade),
            (tr("用户类别"), self.category),
            (tr("账龄"), self.age),
            (tr("欠费本金 ≥ 元"), self.min_amount),
            (tr("≤ 元"), self.max_amount),
            (tr("区域"), self.area),
            (tr("责任收费员"), self.clerk),
            (tr("停电通知"), self.notice),
            (tr("排序"), self.sort),
        ]
        enter = _EnterApplies(self)
        for i, (text, widget) in enumerate(cells):
            row, col = divmod(i, 3)  # three a row: five did not fit 1024 px in English (issue 28)
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, row, col * 2)
            grid.addWidget(widget, row, col * 2 + 1)
            widget.installEventFilter(enter)
        self.filter_widgets = [w for _, w in cells]
        return grid

    def _fill_choices(self) -> None:
        QueryOp(
            self.ops, lambda ctx: (areas(ctx), responsible_clerks(ctx)), self._show_choices, parent=self
        ).run()

    def _show_choices(self, choices: tuple[list[str], list[tuple[str, str]]]) -> None:
        found_areas, clerks = choices
        for box, items in (
            (self.area, [(a, a) for a in found_areas if a]),
            (self.clerk, [(f"{c} {name}".strip(), c) for c, name in clerks]),
        ):
            current = box.currentData()
            while box.count() > 1:
                box.removeItem(1)
            for text, data in items:
                box.addItem(text, data)
            index = box.findData(current)
            box.setCurrentIndex(max(index, 0))

    # ---------------------------------------------------------------- filtering

    def current_filter(self, limit: int = 200) -> ArrearsFilter:
        """The filter the widgets say; raises HallPayError for a malformed amount."""
        _label, lo, hi = AGES[int(self.age.currentData())]

        def amount(edit: QLineEdit, what: str) -> int | None:
            text = edit.text().strip()
            if not text:
                return None
            try:
                return parse_yuan(text, allow_zero=True)
            except AmountError as error:
                raise AmountError(
                    self.tr("%1：%2").replace("%1", what).replace("%2", error_text(error))
                ) from None

        min_fen = amount(self.min_amount, self.tr("最低欠费金额")) or 0
        max_fen = amount(self.max_amount, self.tr("最高欠费金额"))
        return ArrearsFilter(
            grade=str(self.grade.currentData()),
            category=str(self.category.currentData()),
            area=str(self.area.currentData()),
            clerk_id=str(self.clerk.currentData()),
            min_days=lo,
            max_days=hi,
            min_fen=min_fen,
            max_fen=max_fen,
            notice_state=str(self.notice.currentData()),
            sort=str(self.sort.currentData()),
            limit=limit,
        )

    def filter_text(self) -> str:
        """The filters in words, for the PDF's heading."""
        parts = []
        for label, box in (
            (self.tr("等级"), self.grade),
            (self.tr("类别"), self.category),
            (self.tr("账龄"), self.age),
            (self.tr("区域"), self.area),
            (self.tr("责任人"), self.clerk),
            (self.tr("停电通知"), self.notice),
        ):
            if box.currentIndex() > 0:
                parts.append(f"{label} {box.currentText()}")
        if self.min_amount.text().strip():
            parts.append(self.tr("本金 ≥ %1 元").replace("%1", self.min_amount.text().strip()))
        if self.max_amount.text().strip():
            parts.append(self.tr("本金 ≤ %1 元").replace("%1", self.max_amount.text().strip()))
        return "，".join(parts)

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
