"""班次: open a shift with a float; close it with a cash count by denomination.

The close form is one line per denomination (100 元 … 1 角, and the 5, 2, 1 分 coins, so a drawer that
gave change to the fen balances): type the pieces, Enter moves to the next line, the running total and
the difference against expected cash update on every keystroke.
A difference needs a reason; above the policy's threshold a supervisor's 工号. Ctrl+Enter asks once
(closing cannot be undone: Y confirms, Enter cancels). After the close the day report and the bank
deposit slip (解款单) are written as PDFs, with open and print buttons; focus goes to them, never to the
float of a next shift.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.cash import CashCount
from app.errors import HallPayError
from app.model import METHOD_LABELS, Method
from app.services import shift_close as sc
from app.services.shifts import open_shift
from ui.confirm import ConfirmDialog, ask
from ui.messages import error_text, spoken
from ui.ops import ClerkSession, CollectionOp, OpChanges, Operations, QueryOp
from ui.report_files import ReportFiles
from ui.shift_count import CashCountBox
from ui.wallet_reconcile_panel import WalletReconcilePanel
from ui.widgets import Banner, MoneyEdit, big, scrolled, tr0, yuan

if TYPE_CHECKING:
    from app.services.context import Context
    from bootstrap import Services
    from ui.tasks import Worker


def method_label(method: str) -> str:
    try:
        return tr0(METHOD_LABELS[Method(method)])
    except ValueError:
        return method


class ShiftPage(QWidget):
    shift_changed = Signal(str)  # "opened" | "closed"
    reports_written = Signal(str, str)  # day report PDF, deposit slip PDF

    def __init__(
        self,
        wiring: Services,
        worker: Worker,
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
        self._worker = worker
        self.clerk_id = clerk_id
        self.open_files = open_files
        self.preview: sc.ClosePreview | None = None
        root = QHBoxLayout(self)
        left = QVBoxLayout()
        right = QVBoxLayout()
        root.addLayout(left, 3)
        root.addLayout(right, 2)

        self.state = big(QLabel(), 14)
        self.state.setObjectName("shift_state")
        left.addWidget(self.state)

        self.open_box = QGroupBox(self.tr("开班"))
        open_form = QFormLayout(self.open_box)
        self.float_edit = MoneyEdit()
        self.float_edit.setObjectName("float")
        self.float_edit.setText("500.00")
        self.float_edit.returnPressed.connect(self.do_open)
        self.open_button = QPushButton(self.tr("开班  [Enter]"))
        self.open_button.setObjectName("open_shift")
        self.open_button.clicked.connect(self.do_open)
        open_form.addRow(self.tr("备用金(元)"), self.float_edit)
        open_form.addRow("", self.open_button)
        left.addWidget(self.open_box)

        # the count, the reason and the supervisor's fields under the names the tests and the window use
        self.count_box = box = CashCountBox()
        self.pieces, self.reason = box.pieces, box.reason
        self.counted, self.expected, self.difference = box.counted, box.expected, box.difference
        self.supervisor, self.supervisor_pin = box.supervisor, box.supervisor_pin
        self.supervisor_pin.returnPressed.connect(self.do_close)
        self.close_button = QPushButton(self.tr("结班并生成日报、解款单  [Ctrl+Enter]"))
        self.close_button.setObjectName("close_shift")
        self.close_button.clicked.connect(self.do_close)
        left.addWidget(scrolled(self.count_box), 10)  # fits 1024×768 whatever the number of denominations
        # below the scrolled count, never in it: at the bottom of the scroll area it was cut off (ux P3)
        left.addWidget(self.close_button)
        left.addStretch(1)

        self.figures_box = QGroupBox(self.tr("本班收款"))
        self.figures = QLabel()
        self.figures.setObjectName("shift_figures")
        self.figures.setTextFormat(Qt.TextFormat.PlainText)
        self.figures.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        fl = QVBoxLayout(self.figures_box)
        fl.addWidget(self.figures)
        right.addWidget(self.figures_box)
        self.pending_box = QGroupBox(self.tr("结班前待处理"))
        pl = QVBoxLayout(self.pending_box)
        self.pending = QListWidget()
        self.pending.setObjectName("pending")
        self.pending.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        pl.addWidget(self.pending)
        right.addWidget(self.pending_box, 1)
        self.wallets = WalletReconcilePanel(
            self.ops, lambda: self._w.wallets()[0], lambda: self.clerk_id, self
        )
        right.addWidget(
            self.wallets
        )  # 扫码收款对账 (issue 19): reconciled before the close, recorded with it
        self.message = Banner(self)
        self.message.setObjectName("shift_message")
        right.addWidget(self.message)
        self.report_files = ReportFiles(self.tr("日报和解款单"), self, open_files=open_files)
        right.addWidget(self.report_files)
        self.pending_confirm: ConfirmDialog | None = None
        self._focus_back: Any = lambda: None
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(
                QKeySequence(keys),
                self.count_box,
                self.do_close,
                context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
            )

    # ---------------------------------------------------------------- state

    def set_clerk(self, clerk_id: str) -> None:
        """ClerkSession.switched: this page acts for the clerk signed in now."""
        self.clerk_id = clerk_id
        self._ctx = dataclasses.replace(self._ctx, clerk_id=clerk_id)
        if self.isVisible():
            self.refresh()

    def refresh(self, *, focus: bool = False) -> None:
        """The open shift's figures, read on the store's reader thread (None: no open shift)."""
        clerk = self.clerk_id

        def read(ctx: Context) -> sc.ClosePreview | None:
            try:
                return sc.close_preview(ctx, clerk)
            except HallPayError:  # no open shift
                return None

        def show(preview: sc.ClosePreview | None) -> None:
            if clerk == self.clerk_id:
                self._show_preview(preview)
                if focus:
                    self._focus_first()

        QueryOp(self.ops, read, show, parent=self).run()

    def _focus_first(self) -> None:
        if self.preview is None:
            self.float_edit.setFocus()
            self.float_edit.selectAll()
        else:
            self.count_box.first().setFocus()

    def _show_preview(self, preview: sc.ClosePreview | None) -> None:
        self.preview = p = preview
        self.count_box.expected_fen = p.expected_cash_fen if p is not None else None
        self.open_box.setVisible(p is None)
        self.count_box.setVisible(p is not None)
        self.close_button.setVisible(p is not None)
        if p is None:
            self.state.setText(self.tr("收费员 %1 当前没有未结班次。").replace("%1", self.clerk_id))
            self.figures.setText(self.tr("开班后显示本班收款。"))
            self.pending.clear()
            return
        f = p.figures
        self.state.setText(
            self.tr("班次 %1 · 备用金 %2 元")
            .replace("%1", p.shift.shift_id)
            .replace("%2", yuan(p.shift.float_fen))
        )
        lines = [
            self.tr("收费凭证 %1 张").replace("%1", str(f.receipts)),
            self.tr("现金实收 %1 元，找零 %2 元，退款 %3 元")
            .replace("%1", yuan(f.cash_tendered_fen))
            .replace("%2", yuan(f.change_given_fen))
            .replace("%3", yuan(f.cash_refunds_fen)),
            *(
                [
                    self.tr("退款支付（总部退款单）%1 笔，%2 元")
                    .replace("%1", str(f.refund_payouts))
                    .replace("%2", yuan(f.refund_payout_fen))
                ]
                if f.refund_payouts
                else []
            ),
            self.tr("应有现金 %1 元").replace("%1", yuan(f.expected_cash_fen)),
            "",
            self.tr("按支付方式（与 POS / 扫码对账单核对）："),
        ]
        for m in f.by_method:
            lines.append(f"  {method_label(m.method)}  {m.count}  {yuan(m.net_fen)}")
        lines.append("")
        lines.append(self.tr("差额超过 %1 元需主管审批").replace("%1", yuan(p.threshold_fen)))
        self.figures.setText("\n".join(lines))
        self.expected.setText(yuan(f.expected_cash_fen))
        self.pending.clear()
        for serial in p.pending_card_writes:
            self.pending.addItem(self.tr("⚠ 待补写卡：%1").replace("%1", serial))
        for r in p.unprinted_receipts:
            self.pending.addItem(self.tr("⚠ 凭证未打印：%1（可在历史页重打）").replace("%1", r.receipt_no))
        if not self.pending.count():
            self.pending.addItem(self.tr("✔ 没有待补写的卡和未打印的凭证"))
        self.count_box.update_count()

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        self._focus_first()  # what is on screen now; again once the figures are read
        self.refresh(focus=True)
        super().showEvent(event)

    def count(self) -> CashCount:
        return self.count_box.count()

    # ---------------------------------------------------------------- actions

    def do_open(self) -> None:
        try:
            fen = self.float_edit.fen(allow_zero=True) or 0
        except HallPayError as error:
            self.message.show_message("error", error_text(error))
            return
        clerk = self.clerk_id

        def opened(shift: Any) -> None:
            self.message.show_message(
                "ok",
                self.tr("已开班 %1，备用金 %2 元。")
                .replace("%1", shift.shift_id)
                .replace("%2", yuan(shift.float_fen)),
            )
            self.refresh(focus=True)
            self.shift_changed.emit("opened")

        CollectionOp(
            self.ops,
            lambda ctx: open_shift(ctx, clerk, fen),
            opened,
            changes=OpChanges(shift=True),
            parent=self,
        ).failure(self._failed).run()

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, HallPayError):
            raise error
        self.message.show_message("error", error_text(error))

    def do_close(self) -> None:
        """Ctrl+Enter: one question first, with 取消 focused; the close itself runs after Y."""
        if self.preview is None:
            return
        if self.pending_confirm is not None:
            if self.pending_confirm.isVisible():
                return
            self.pending_confirm.deleteLater()
        counted = self.count().total_fen
        diff = counted - self.preview.expected_cash_fen
        text = (
            self.tr("结班 %1？\n应有现金 %2 元，清点 %3 元，%4。\n\n结班后本班不能再收款或冲正，不能撤销。")
            .replace("%1", self.preview.shift.shift_id)
            .replace("%2", yuan(self.preview.expected_cash_fen))
            .replace("%3", yuan(counted))
            .replace("%4", spoken(sc.difference_phrase(diff)))
        )
        asked_from = QApplication.focusWidget()

        def back() -> None:  # where the clerk was typing, not a widget-less window
            if asked_from is not None and asked_from.isVisible():
                asked_from.setFocus()

        def cancelled() -> None:
            self.message.show_message("info", self.tr("未结班。"))
            back()

        self._focus_back = back
        self.pending_confirm = ask(
            self, self.tr("确认结班"), text, self.tr("确认结班"), self._close_now, cancelled
        )

    def _close_now(self) -> None:
        if self.preview is None:
            return
        req = sc.CloseRequest(
            self.clerk_id,
            self.count(),
            self.reason.text(),
            self.supervisor.text(),
            approver_pin=self.supervisor_pin.text(),
        )

        def refused(error: BaseException) -> None:
            self.supervisor_pin.clear()
            self._failed(error)
            self._focus_back()  # the count, the reason or the PIN is wrong: the clerk fixes it and asks again

        def closed(result: Any) -> None:
            text = (
                self.tr("已结班 %1：%2；应解款 %3 元。正在生成日报和解款单…")
                .replace("%1", result.shift.shift_id)
                .replace("%2", spoken(sc.difference_phrase(result.difference_fen)))
                .replace("%3", yuan(result.deposit.total_fen))
            )
            self.message.show_message("ok", text)
            self.count_box.clear()
            self.refresh()
            self.message.setFocus()  # not the float of a next shift: one more Enter must not open one
            self.shift_changed.emit("closed")
            self._write_reports(result.shift.business_day)

        # the supervisor's PIN (scrypt) and the close run on the writer thread, never on the window's
        self.wallets.before_close(
            lambda wallets: (
                CollectionOp(
                    self.ops,
                    lambda ctx: sc.close_shift(ctx, req, wallets),
                    closed,
                    changes=OpChanges(shift=True),
                    parent=self,
                )
                .failure(refused)
                .run()
            )
        )

    def _write_reports(self, business_day: str) -> None:
        ctx, reports = self._ctx, self._w.data_dir / "reports"

        def job() -> tuple[str, str]:
            from printing.day_report_pdf import day_report_pdf, deposit_slip_pdf

            report = sc.load_day_report(ctx, business_day)
            pdf = reports / f"day-{business_day}.pdf"
            slip = reports / f"day-{business_day}-deposit.pdf"
            day_report_pdf(report, pdf)
            deposit_slip_pdf(report, slip)
            return str(pdf), str(slip)

        def done(value: Any, error: BaseException | None) -> None:
            if error is not None:
                self.message.show_message(
                    "error", self.tr("日报未能生成：%1").replace("%1", error_text(error))
                )
                return
            pdf, slip = value
            self.message.show_message("ok", self.tr("已结班，日报和解款单已生成。"))
            self.report_files.set_files([(self.tr("营业日报"), pdf), (self.tr("解款单"), slip)])
            first = self.report_files.first_button()
            if first is not None:
                first.setFocus()
            self.reports_written.emit(pdf, slip)

        self._worker.submit(job, done)
