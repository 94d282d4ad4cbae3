"""收费责任制: the collection responsibility report per clerk and per area, as a page with its PDF (issue 16).

Keys: the page's Ctrl+N lands in the month (YYYY-MM); Enter loads it; Ctrl+Shift+P writes the PDF, which
then has open and print buttons. The report is read as a store operation on the reports thread (ui/ops.py: a
month of the journal is a long read); the PDF is drawn on the reports device worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
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

from app.services.collection import (
    TOTAL_LABEL,
    UNASSIGNED,
    CollectionLine,
    CollectionReport,
    collection_report,
)
from ui.messages import error_text
from ui.ops import Operations, ReportOp
from ui.report_files import ReportFiles
from ui.widgets import Banner, big, yuan

if TYPE_CHECKING:
    from bootstrap import Services
    from ui.tasks import Worker

PDF_KEY = "Ctrl+Shift+P"
COLUMNS = (
    "责任人 / 区域",
    "本月实收(元)",
    "笔数",
    "收回欠费(元)",
    "当前欠费户",
    "当前欠费(元)",
    "回收率",
    "减免(元/笔)",
    "上月实收(元)",
    "环比(元)",
)
REPORT_LABELS = (UNASSIGNED, TOTAL_LABEL)  # rows app/services/collection.py names itself


class CollectionPage(QWidget):
    loaded = Signal(object)  # CollectionReport
    pdf_written = Signal(str)

    def __init__(
        self,
        wiring: Services,
        worker: Worker,
        parent: QWidget | None = None,
        *,
        open_files: bool = True,
        ops: Operations | None = None,
    ) -> None:
        super().__init__(parent)
        self._w = wiring
        self._worker = worker
        self.ops = ops if ops is not None else Operations(wiring.ctx, parent=self)
        self.report: CollectionReport | None = None
        root = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(big(QLabel(self.tr("收费责任制报表")), 14))
        head.addWidget(QLabel(self.tr("月份")))
        self.month = QLineEdit()
        self.month.setObjectName("collection_month")
        self.month.setInputMask("9999-99")
        self.month.setMaximumWidth(110)
        self.month.returnPressed.connect(self.load)
        head.addWidget(self.month)
        load = QPushButton(self.tr("查询  [Enter]"))
        load.clicked.connect(self.load)
        head.addWidget(load)
        self.pdf_button = QPushButton(self.tr("生成 PDF  [Ctrl+Shift+P]"))
        self.pdf_button.setObjectName("collection_pdf")
        self.pdf_button.clicked.connect(self.write_pdf)
        head.addWidget(self.pdf_button)
        head.addStretch(1)
        root.addLayout(head)
        self.caption = QLabel()
        self.caption.setObjectName("collection_caption")
        root.addWidget(self.caption)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("collection_table")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        root.addWidget(self.table, 1)
        self.message = Banner(self)
        self.message.setObjectName("collection_message")
        root.addWidget(self.message)
        self.files = ReportFiles(self.tr("报表文件"), self, open_files=open_files)
        root.addWidget(self.files)
        QShortcut(QKeySequence(PDF_KEY), self, self.write_pdf, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("F5"), self, self.load, Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not self.month.text().strip("-"):
            self.month.setText(self._w.ctx.today().strftime("%Y-%m"))
        if self.report is None:
            self.load()
        self.month.setFocus()
        self.month.selectAll()

    def load(self) -> None:
        month = self.month.text().strip("-") or None
        self.message.show_message("info", self.tr("正在统计…"))

        def done(report: CollectionReport) -> None:
            self.message.clear_message()
            self.show_report(report)

        def failed(error: BaseException) -> None:
            self.message.show_message("error", error_text(error))

        ReportOp(self.ops, lambda ctx: collection_report(ctx, month), done, parent=self).failure(failed).run()

    def show_report(self, r: CollectionReport) -> None:

        self.report = r
        self.caption.setText(
            self.tr("%1（上月 %2；欠费截至 %3）")
            .replace("%1", r.month)
            .replace("%2", r.previous_month)
            .replace("%3", r.business_day)
        )
        rows: list[tuple[str, CollectionLine | None]] = [(self.tr("按责任人"), None)]
        rows += [("", x) for x in r.by_clerk] + [(self.tr("按区域"), None)] + [("", x) for x in r.by_area]
        rows += [("", r.total)]
        self.table.setRowCount(len(rows))
        for i, (title, line) in enumerate(rows):
            cells = [title] + [""] * (len(COLUMNS) - 1) if line is None else self._cells(line)
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if line is None or line is r.total:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(i, j, item)
        self.loaded.emit(r)

    def _cells(self, line: CollectionLine) -> list[str]:
        """The PDF's row in the window's language: the report's own labels and the waiver count translated."""
        from printing.collection_pdf import collection_row

        cells = collection_row(line)
        if cells[0] in REPORT_LABELS:
            cells[0] = self.tr(cells[0])
        cells[7] = (
            self.tr("%1 / %2 笔")
            .replace("%1", yuan(line.month.waived_fen))
            .replace("%2", str(line.month.waivers))
        )
        return cells

    def write_pdf(self) -> None:
        r = self.report
        if r is None:
            self.message.show_message("error", self.tr("请先查询月份。"))
            return
        out = self._w.data_dir / "reports" / f"collection-{r.month}.pdf"
        hall = self._w.config.hall_name

        def job() -> str:
            from printing.collection_pdf import collection_pdf

            return str(collection_pdf(r, hall, out))

        def done(path: Any, error: BaseException | None) -> None:
            if error is not None:
                self.message.show_message(
                    "error", self.tr("报表未能生成：%1").replace("%1", error_text(error))
                )
                return
            self.message.show_message("ok", self.tr("收费责任制报表已生成。"))
            self.files.set_files([(self.tr("收费责任制报表 %1").replace("%1", r.month), str(path))])
            first = self.files.first_button()
            if first is not None:
                first.setFocus()
            self.pdf_written.emit(str(path))

        self._worker.submit(job, done)
