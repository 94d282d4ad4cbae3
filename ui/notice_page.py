"""停电通知: the stop-power notices a customer manager works — approve, serve, print.

Lists proposed / approved / served / reminded notices (the state filter is the first field).
Approval needs a supervisor's id and PIN (checked by the service, app/services/notices.py);
serving records the method and today's date, which fixes the pay-by and earliest stop dates
from policy; the notice PDF (A4) is written into reports/. The list is read, approvals and services are
written, and the PDF is made as store operations (ui/ops.py), never on the window's thread.
Keys: Ctrl+Shift+A approve, Ctrl+Shift+S serve, Ctrl+Shift+P print, F5 reload.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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
from app.risk import NOTICE_STATE_LABELS, OPEN_NOTICE_STATES, Notice
from app.services import notices
from ui.messages import error_text
from ui.ops import CollectionOp, OpChanges, Operations, QueryOp, ReportOp
from ui.widgets import Banner, big, yuan

if TYPE_CHECKING:
    from app.services.context import Context
    from bootstrap import Services

COLUMNS = (
    "通知编号",
    "户号",
    "户名",
    "状态",
    "欠费本金(元)",
    "重要用户",
    "提出",
    "审批人",
    "送达日",
    "送达方式",
    "缴费期限",
    "最早停电日",
)
NOTICES_CHANGED = OpChanges(notices=True)


class NoticePage(QWidget):
    changed = Signal(str)  # notice id after approve / serve
    printed = Signal(str)  # PDF path

    def __init__(
        self, wiring: Services, parent: QWidget | None = None, *, ops: Operations | None = None
    ) -> None:
        super().__init__(parent)
        self._w = wiring
        self.ops = ops if ops is not None else Operations(wiring.ctx, parent=self)
        self.acting = False  # an approval or a service is being written
        self.clerk_id = str(wiring.config.clerk)
        self.rows: list[Notice] = []
        root = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(big(QLabel(self.tr("停电通知")), 14))
        head.addWidget(QLabel(self.tr("状态")))
        self.state = QComboBox()
        self.state.setObjectName("notice_state")
        self.state.addItem(self.tr("全部未结"), "")
        for s in OPEN_NOTICE_STATES:
            self.state.addItem(self.tr(NOTICE_STATE_LABELS[s]), s)
        self.state.currentIndexChanged.connect(lambda _i: self.refresh())
        head.addWidget(self.state)
        head.addStretch(1)
        root.addLayout(head)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("notice_table")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        root.addWidget(self.table, 1)
        actions = QHBoxLayout()
        actions.addWidget(QLabel(self.tr("主管工号")))
        self.supervisor = QLineEdit()
        self.supervisor.setObjectName("notice_supervisor")
        self.supervisor.setMaximumWidth(90)
        self.supervisor_pin = QLineEdit()
        self.supervisor_pin.setObjectName("notice_supervisor_pin")
        self.supervisor_pin.setPlaceholderText(self.tr("密码"))
        self.supervisor_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.supervisor_pin.setMaximumWidth(90)
        self.supervisor_pin.returnPressed.connect(self.approve_selected)
        self.approve_button = QPushButton(self.tr("审批  [Ctrl+Shift+A]"))
        self.approve_button.setObjectName("notice_approve")
        self.approve_button.clicked.connect(self.approve_selected)
        for w in (self.supervisor, self.supervisor_pin, self.approve_button):
            actions.addWidget(w)
        actions.addSpacing(24)
        actions.addWidget(QLabel(self.tr("送达方式")))
        self.method = QComboBox()
        self.method.setObjectName("notice_method")
        for key, label in notices.SERVE_METHODS.items():
            self.method.addItem(self.tr(label), key)
        self.serve_button = QPushButton(self.tr("登记送达  [Ctrl+Shift+S]"))
        self.serve_button.setObjectName("notice_serve")
        self.serve_button.clicked.connect(self.serve_selected)
        self.print_button = QPushButton(self.tr("通知书 PDF  [Ctrl+Shift+P]"))
        self.print_button.setObjectName("notice_print")
        self.print_button.clicked.connect(self.print_selected)
        actions.addWidget(self.method)
        actions.addWidget(self.serve_button)
        actions.addWidget(self.print_button)
        actions.addStretch(1)
        root.addLayout(actions)
        self.message = Banner(self)
        self.message.setObjectName("notice_message")
        root.addWidget(self.message)
        for key, slot in (
            ("Ctrl+Shift+A", self.approve_selected),
            ("Ctrl+Shift+S", self.serve_selected),
            ("Ctrl+Shift+P", self.print_selected),
            ("F5", self.refresh),
        ):
            QShortcut(QKeySequence(key), self, slot, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh()

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.refresh()
        self.table.setFocus()

    def set_clerk(self, clerk_id: str) -> None:
        """ClerkSession.switched: this page acts for the clerk signed in now."""
        self.clerk_id = clerk_id

    def refresh(self, then: Callable[[], None] | None = None) -> None:
        """Read the notices of the chosen state; `then` runs once the table shows them."""
        state = str(self.state.currentData())

        def arrived(read: tuple[list[Notice], dict[str, str]]) -> None:
            self._show(*read)
            if then is not None:
                then()

        QueryOp(self.ops, lambda ctx: notices.notice_list_named(ctx, state), arrived, parent=self).run()

    def _show(self, rows: list[Notice], names: dict[str, str]) -> None:
        self.rows = [n for n in rows if n.state in OPEN_NOTICE_STATES]
        self.table.setRowCount(len(self.rows))
        for i, n in enumerate(self.rows):
            values = [
                n.notice_id,
                n.customer_no,
                names.get(n.customer_no, ""),
                self.tr(NOTICE_STATE_LABELS[n.state]),
                yuan(n.owed_fen),
                self.tr("★ 报电力管理部门") if n.important else "",
                n.proposed_at[:10],
                n.approved_by or "",
                n.served_on or "",
                self.tr(notices.SERVE_METHODS.get(n.served_method or "", "")),
                n.pay_by or "",
                n.stop_from or "",
            ]
            for j, v in enumerate(values):
                item = QTableWidgetItem(v)
                if j == 4:  # 欠费本金
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, j, item)
        if self.rows and not self.table.selectedItems():
            self.table.selectRow(0)

    def selected(self) -> Notice | None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rows):
            return self.rows[row]
        self.message.show_message("warn", self.tr("请先在列表中选择一份停电通知。"))
        return None

    def select(self, notice_id: str) -> None:
        for i, n in enumerate(self.rows):
            if n.notice_id == notice_id:
                self.table.selectRow(i)

    def _act(self, write: Callable[[Any, Notice], Notice], ok_text: str, busy_text: str) -> None:
        """Write an approval or a service on the store's writer; the page says so until the answer."""
        n = self.selected()
        if n is None or self.acting:
            return
        self.acting = True
        for b in (self.approve_button, self.serve_button):
            b.setEnabled(False)
        self.message.show_message("info", busy_text)

        def settled() -> None:
            self.acting = False
            for b in (self.approve_button, self.serve_button):
                b.setEnabled(True)

        def done(result: Notice) -> None:
            settled()

            def shown() -> None:
                self.select(result.notice_id)
                self.message.show_message(
                    "ok", ok_text.replace("%1", result.notice_id).replace("%2", result.stop_from or "")
                )
                self.changed.emit(result.notice_id)

            self.refresh(shown)

        def refused(error: BaseException) -> None:
            settled()
            if not isinstance(error, HallPayError):
                raise error
            self.message.show_message("error", error_text(error))

        CollectionOp(self.ops, lambda ctx: write(ctx, n), done, changes=NOTICES_CHANGED, parent=self).failure(
            refused
        ).run()

    def approve_selected(self) -> None:
        sup, pin, clerk = self.supervisor.text().strip(), self.supervisor_pin.text(), self.clerk_id
        self.supervisor_pin.clear()
        self._act(
            lambda ctx, n: notices.approve(ctx, n.notice_id, clerk, sup, pin),
            self.tr("停电通知 %1 已审批。"),
            self.tr("正在核对主管密码…"),
        )

    def serve_selected(self) -> None:
        method, clerk = str(self.method.currentData()), self.clerk_id
        self._act(
            lambda ctx, n: notices.serve(ctx, n.notice_id, clerk, method),
            self.tr("停电通知 %1 已登记送达；最早可于 %2 起停电。"),
            self.tr("正在登记送达…"),
        )

    def print_selected(self) -> None:
        n = self.selected()
        if n is None:
            return
        hall = self._w.ctx.terminal.hall_name
        out = Path(self._w.data_dir) / "reports" / f"{n.notice_id}.pdf"

        def job(ctx: Context) -> str:
            from app.services.payments import due
            from printing.notice_pdf import NoticeDoc, notice_pdf

            d = due(ctx, n.customer_no)
            out.parent.mkdir(parents=True, exist_ok=True)
            notice_pdf(NoticeDoc(notices.get_notice(ctx, n.notice_id), d.customer, d.quote, hall), out)
            return str(out)

        self.print_button.setEnabled(False)

        def done(path: str) -> None:
            self.print_button.setEnabled(True)
            self.message.show_message("ok", self.tr("通知书已生成：%1").replace("%1", path))
            self.printed.emit(path)

        def failed(error: BaseException) -> None:
            self.print_button.setEnabled(True)
            self.message.show_message("error", self.tr("通知书未能生成：%1").replace("%1", error_text(error)))

        ReportOp(self.ops, job, done, parent=self).failure(failed).run()
