"""扫码收款对账 on the shift page (issue 19): the day's WeChat / Alipay payments against the acquirers'
statements, every difference and typed reference line by line, and the supervisor's sign-off (工号, 密码,
原因: an approval entry naming every difference).

At close the shift page asks `before_close`: the reconciliation runs on the reader thread (the acquirer is
on the network, never under the write lock), shows here, and is handed to the close, which records it.
An acquirer that cannot be asked leaves it pending, says so, and the close goes on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import HallPayError, Refused
from app.services.shift_close import close_preview
from app.services.wallet_day import ROW_LABELS, DayReconciliation, from_json
from app.services.wallet_reconcile import Reconciliation, reconcile_for_close, record_if_pending, sign_off
from app.wallet import WALLET_LABELS, WalletKind
from ui.messages import error_text
from ui.ops import CollectionOp, OpChanges, Operations, ReportOp
from ui.widgets import Banner, tr0, yuan

if TYPE_CHECKING:
    from app.services.context import Context

COLUMNS = ("钱包", "差异", "交易号", "凭证号", "本机(元)", "收单机构(元)")


def _wallet(value: str) -> str:
    try:
        return tr0(WALLET_LABELS[WalletKind(value)])
    except ValueError:
        return value


class WalletReconcilePanel(QGroupBox):
    def __init__(
        self,
        ops: Operations,
        get_wallets: Callable[[], Any],
        clerk_id: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("扫码收款对账"))
        self.setObjectName("wallet_reconcile")
        self._ops, self._get_wallets, self._clerk_id = ops, get_wallets, clerk_id
        self.report: Reconciliation | None = None  # the one on screen, what a sign-off signs
        layout = QVBoxLayout(self)
        self.status = Banner(self)
        self.status.setObjectName("wallet_status")
        layout.addWidget(self.status)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("wallet_rows")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.hide()
        layout.addWidget(self.table)
        sign = QHBoxLayout()
        self.supervisor = QLineEdit()
        self.supervisor.setObjectName("wallet_supervisor")
        self.supervisor.setPlaceholderText(self.tr("主管工号"))
        self.pin = QLineEdit()
        self.pin.setObjectName("wallet_pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("主管密码"))
        self.reason = QLineEdit()
        self.reason.setObjectName("wallet_reason")
        self.reason.setPlaceholderText(self.tr("差异原因（签认时必填）"))
        self.reason.returnPressed.connect(self.sign)
        self.sign_button = QPushButton(self.tr("签认差异"))
        self.sign_button.setObjectName("wallet_sign")
        self.sign_button.clicked.connect(self.sign)
        self.check_button = QPushButton(self.tr("立即对账"))
        self.check_button.setObjectName("wallet_check")
        self.check_button.clicked.connect(self.check_now)
        # the sign-off fields on one row, the buttons on the next: on one row at 1366 wide the shift page's
        # column cut the fields to "Su…" in English
        for widget, stretch in ((self.supervisor, 1), (self.pin, 1), (self.reason, 2)):
            sign.addWidget(widget, stretch)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.sign_button)
        buttons.addWidget(self.check_button)
        layout.addLayout(sign)
        layout.addLayout(buttons)
        self._show(None)
        # not asked yet: "no scanned payments today" here read as a fact while the summary beside it listed
        # three (issue 28, ux N7); that sentence is for an answer only
        self.status.show_message(
            "info", self.tr("尚未对账：按“立即对账”向收单机构取今天的对账单；结班时也会自动对账。")
        )

    def _reconcile(
        self, then: Callable[[Reconciliation | None], None], failed: Callable[[BaseException], None]
    ) -> None:
        clerk, get_wallets = self._clerk_id(), self._get_wallets

        def read(ctx: Context) -> Reconciliation | None:
            try:  # the open shift's day; after the close, today (a pending reconciliation completed later)
                day = dt.date.fromisoformat(close_preview(ctx, clerk).shift.business_day)
            except Refused:
                day = ctx.today()
            return reconcile_for_close(ctx, get_wallets, day)

        self.status.show_message("info", self.tr("正在向收单机构取对账单…"))
        # the acquirer may take its whole timeout: on the reports thread, so lookups at the counter go on
        ReportOp(self._ops, read, then, parent=self).failure(failed).run()

    def check_now(self) -> None:
        """The day so far against the statements, shown. The close records it; a day whose close left it
        pending takes this one once it is complete, so the day report follows."""
        clerk = self._clerk_id()

        def shown(report: Reconciliation | None) -> None:
            self.show_report(report)
            if report is None or any(w.error for w in report.wallets):
                return

            def recorded(done: bool) -> None:
                if done:
                    level, text = self._status(from_json(report.as_json()))
                    self.status.show_message(
                        level, self.tr("结班时待完成的扫码对账已补记，日报随之更新。") + text
                    )

            CollectionOp(
                self._ops,
                lambda ctx: record_if_pending(ctx, report, clerk),
                recorded,
                changes=OpChanges(shift=True),
                parent=self,
            ).failure(self._failed).run()

        self._reconcile(shown, self._failed)

    def before_close(self, close: Callable[[Reconciliation | None], None]) -> None:
        """The reconciliation the close records; `close` runs with it, whatever the acquirer said. A refusal
        here (no open shift, the store) is the close's own refusal too: the close runs and says it."""

        def then(report: Reconciliation | None) -> None:
            self.show_report(report)
            close(report)

        def failed(error: BaseException) -> None:
            self._failed(error)
            close(None)

        self._reconcile(then, failed)

    def show_report(self, report: Reconciliation | None) -> None:
        self.report = report
        self._show(from_json(report.as_json()) if report is not None else None)

    def _status(self, recon: DayReconciliation | None) -> tuple[str, str]:
        if recon is None:
            return "info", self.tr("今天没有扫码收款，也未配置收单机构，无需对账。")
        if recon.state == "pending":
            text = self.tr("收单机构暂时无法对账，结班照常进行，对账标为待完成：%1").replace(
                "%1", "；".join(recon.pending)
            )
            if recon.needs_signature:  # another wallet's differences still need the supervisor
                text += self.tr("另有 %1 项差异需主管签认。").replace("%1", str(len(recon.differences)))
            return "warn", text
        if recon.state == "differences":
            return "error", self.tr("对账有 %1 项差异，需主管签认（工号、密码、原因）。").replace(
                "%1", str(len(recon.differences))
            )
        if recon.state == "signed":
            return "ok", self.tr("对账差异已由 %1 签认。").replace("%1", "、".join(recon.signed_by))
        return "ok", self.tr("扫码收款与收单机构对账单相符。")

    def _show(self, recon: DayReconciliation | None) -> None:
        self.status.show_message(*self._status(recon))
        rows = recon.rows if recon is not None else ()
        self.table.setRowCount(len(rows))
        for row, r in enumerate(rows):
            what = tr0(ROW_LABELS.get(r.what, r.what)) + (
                self.tr("（手工登记）") if r.typed and r.what != "typed" else ""
            )
            cells = (
                _wallet(r.wallet),
                what,
                r.trade_no or self.tr("（无交易号）"),
                r.receipt_no,
                yuan(r.ours_fen),
                yuan(r.theirs_fen),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col >= 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        self.table.setVisible(bool(rows))
        signable = (
            self.report is not None
            and self.report.has_differences
            and recon is not None
            and recon.needs_signature
        )
        for widget in (self.supervisor, self.pin, self.reason, self.sign_button):
            widget.setEnabled(signable)

    def sign(self) -> None:
        """The supervisor signs the differences on screen off: PIN checked off the Qt thread, journaled."""
        report = self.report
        if report is None or not report.has_differences:
            return
        clerk, supervisor, pin, reason = (
            self._clerk_id(),
            self.supervisor.text(),
            self.pin.text(),
            self.reason.text(),
        )

        def signed(_seq: int) -> None:
            self.pin.clear()
            self._show(
                DayReconciliation(
                    report.day.isoformat(),
                    (),
                    from_json(report.as_json()).rows,
                    signed_by=(supervisor.strip(),),
                )
            )

        def refused(error: BaseException) -> None:
            self.pin.clear()
            self._failed(error)

        CollectionOp(
            self._ops,
            lambda ctx: sign_off(ctx, report, clerk, supervisor, pin, reason),
            signed,
            changes=OpChanges(shift=True),
            parent=self,
        ).failure(refused).run()

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, HallPayError):
            raise error
        self.status.show_message("error", error_text(error))
