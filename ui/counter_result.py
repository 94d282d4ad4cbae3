"""The counter's last payment: its figures large (issue 16), the printer's news on a line of its own, and
the receipt preview; printing and reprinting run on the printer's thread from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.model import Method
from app.ports import PrintResult
from app.receipt import Receipt
from app.services.receipts import print_receipt, reprint
from app.services.void_slip import print_void_slip
from ui.messages import error_text
from ui.widgets import Banner, big, show_scaled, tr0, yuan

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.ports import ReceiptPrinter
    from app.services.context import Context
    from ui.tasks import Worker

    PrinterFactory = Callable[[], ReceiptPrinter]  # the wiring's printer(): called on the printer's thread


class ResultPanel(QWidget):
    printer_state = Signal(str)  # "printed" / "failed": the window's printer light follows

    def __init__(self, printer_worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._printer_worker = printer_worker
        self.shown_receipt: str | None = None  # the receipt whose result and preview are on screen
        self._reprint_tries: dict[str, int] = {}  # failed Ctrl+R per receipt, said in the failure line
        self._preview_png: QPixmap | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        # the last payment, large, until the next customer is looked up or Esc (issue 16)
        self.result_box = QGroupBox(self.tr("本笔已收"))
        self.result_box.setObjectName("result_box")
        rgrid = QGridLayout(self.result_box)
        self.result_labels: dict[str, QLabel] = {}
        self.result_captions: dict[str, QLabel] = {}
        for col, (key, text) in enumerate(
            [
                ("paid", self.tr("已收(元)")),
                ("tendered", self.tr("实收(元)")),
                ("change", self.tr("找零(元)")),
                ("to_balance", self.tr("转预存(元)")),
            ]
        ):
            caption = QLabel(text)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            value = big(QLabel("—"), 26 if key == "change" else 18)
            value.setObjectName(f"result_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            if key == "change":
                value.setStyleSheet("color:#1f5c1a;")
            rgrid.addWidget(caption, 0, col)
            rgrid.addWidget(value, 1, col)
            self.result_labels[key] = value
            self.result_captions[key] = caption
        self.result_receipt = QLabel()
        self.result_receipt.setObjectName("result_receipt")
        self.result_receipt.setWordWrap(True)
        rgrid.addWidget(self.result_receipt, 2, 0, 1, 4)
        self.result_box.hide()
        layout.addWidget(self.result_box)

        self.print_status = (
            Banner()
        )  # printer news: its own line, it resolves (printed / failed + what to do)
        self.print_status.setObjectName("print_status")
        layout.addWidget(self.print_status)

        self.preview = QLabel(self.tr("凭证预览"))
        self.preview.setObjectName("preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.preview_scroll = QScrollArea()
        self.preview_scroll.setWidget(self.preview)
        self.preview_scroll.setWidgetResizable(True)
        self.preview_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.preview_scroll.setFrameShape(QFrame.Shape.StyledPanel)
        layout.addWidget(self.preview_scroll, 1)

    def show_result(self, r: Receipt, method_text: str) -> None:
        """The paid amount, tendered and change stay large until the next lookup or Esc."""
        cash = r.method == Method.CASH.value
        self.shown_receipt = r.receipt_no
        self.result_labels["paid"].setText(yuan(r.amount_fen))
        self.result_labels["tendered"].setText(yuan(r.tendered_fen) if cash else "—")
        self.result_labels["change"].setText(yuan(r.change_fen) if cash else "—")
        self.result_labels["to_balance"].setText(yuan(r.change_to_balance_fen))
        for widget in (self.result_labels["to_balance"], self.result_captions["to_balance"]):
            widget.setVisible(r.change_to_balance_fen > 0)
        self.result_receipt.setText(
            self.tr("凭证 %1 · %2 · %3 %4")
            .replace("%1", r.receipt_no)
            .replace("%2", method_text)
            .replace("%3", r.customer_no)
            .replace("%4", r.customer_name)
        )
        if r.owed_after_fen:
            self.result_receipt.setText(
                self.result_receipt.text() + self.tr(" · 尚欠 %1 元").replace("%1", yuan(r.owed_after_fen))
            )
        self.result_box.show()

    def paid_sentence(self, r: Receipt, method_text: str) -> str:
        """The message line after a payment: receipt, method, amount, change, what went to the balance."""
        text = (
            self.tr("收款成功：凭证 %1，%2 %3 元")
            .replace("%1", r.receipt_no)
            .replace("%2", method_text)
            .replace("%3", yuan(r.amount_fen))
        )
        if r.method == Method.CASH.value:
            text += self.tr("，找零 %1 元").replace("%1", yuan(r.change_fen))
        if r.change_to_balance_fen:
            text += (
                self.tr("，%1 元转预存（余额 %2 元）")
                .replace("%1", yuan(r.change_to_balance_fen))
                .replace("%2", yuan(r.balance_after_fen))
            )
        if r.owed_after_fen:  # the receipt prints the same figure
            text += self.tr("；尚欠 %1 元").replace("%1", yuan(r.owed_after_fen))
        return text + self.tr("。")

    def clear_result(self) -> None:
        """The last payment's figures and receipt preview leave the screen (next lookup, Esc, clerk switch)."""
        self.shown_receipt = None
        self.result_box.hide()
        for label in self.result_labels.values():
            label.setText("—")
        self.result_receipt.clear()
        self.clear_preview()
        if self.print_status.property("level") == "ok":
            self.print_status.clear_message()

    def clear_preview(self) -> None:
        self._preview_png = None
        self.preview.setPixmap(QPixmap())
        self.preview.setText(self.tr("凭证预览"))

    def show_preview(self, pixmap: QPixmap) -> None:
        self._preview_png = pixmap
        self._scale_preview()

    def _scale_preview(self) -> None:
        show_scaled(self.preview_scroll, self.preview, self._preview_png)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._scale_preview()

    def print_failed(self, receipt_no: str, reason: str, tries: int = 0) -> None:
        """The printer's sentence already says what to check: the advice is not said twice (review P3). A failed
        reprint says so with its count, so each Ctrl+R visibly answers (issue 28, ux N10: the line stayed the
        same and the clerk could not tell whether the reprint was tried)."""
        if tries:
            text = (
                self.tr("第 %3 次重打凭证 %1 未成功：%2。修好打印机后再按 Ctrl+R。")
                .replace("%3", str(tries))
                .replace("%1", receipt_no)
                .replace("%2", reason.rstrip("。"))
            )
        else:
            text = (
                self.tr("凭证 %1 已记账，未打印：%2。修好打印机后按 Ctrl+R 重打。")
                .replace("%1", receipt_no)
                .replace("%2", reason.rstrip("。"))
            )
        self.print_status.show_message("warn", text)
        self.printer_state.emit("failed")

    def print(self, ctx: Context, make_printer: PrinterFactory, receipt: Receipt) -> None:
        """Print a committed payment's receipt on the printer's thread; its preview shows if still current.

        make_printer (the wiring's printer()) runs on that thread too: a slow or broken [printer] being
        built on first use never stalls the window."""

        def job() -> tuple[PrintResult, bytes]:
            printer = make_printer()
            result = print_receipt(ctx, printer, receipt)
            return result, printer.preview_png(receipt)

        receipt_no = receipt.receipt_no
        self.print_status.show_message("info", self.tr("正在打印凭证 %1…").replace("%1", receipt_no))

        def done(value: Any, error: BaseException | None) -> None:
            if error is not None:
                self.print_failed(receipt_no, error_text(error))
                return
            result, png = value
            if self.shown_receipt == receipt_no:  # the clerk may have moved on: never show a stale receipt
                pixmap = QPixmap()
                pixmap.loadFromData(png, "PNG")
                self.show_preview(pixmap)
            if result.printed:
                self.print_status.show_message("ok", self.tr("凭证 %1 已打印。").replace("%1", receipt_no))
                self.printer_state.emit("printed")
            else:
                self.print_failed(receipt_no, result.reason)

        self._printer_worker.submit(job, done)

    def print_slip(self, ctx: Context, make_printer: PrinterFactory, receipt_no: str) -> None:
        """A void's slip (冲正凭证) for the customer's and the supervisor's signatures, on the printer's thread."""
        self.print_status.show_message("info", self.tr("正在打印冲正凭证 %1…").replace("%1", receipt_no))

        def done(value: Any, error: BaseException | None) -> None:
            reason = error_text(error) if error is not None else ("" if value.printed else value.reason)
            if not reason:
                self.print_status.show_message("ok", slip_printed_text(receipt_no))
                self.printer_state.emit("printed")
            else:
                self.print_status.show_message("warn", slip_failed_text(receipt_no, reason))
                self.printer_state.emit("failed")

        self._printer_worker.submit(lambda: print_void_slip(ctx, make_printer(), receipt_no), done)

    def reprint(self, ctx: Context, make_printer: PrinterFactory, receipt_no: str, clerk_id: str) -> None:
        """Ctrl+R: the clerk's own receipt again (marked 重打) on the printer's thread, no supervisor needed."""
        self.print_status.show_message("info", self.tr("正在重打凭证 %1…").replace("%1", receipt_no))
        tries = self._reprint_tries[receipt_no] = self._reprint_tries.get(receipt_no, 0) + 1

        def done(value: Any, error: BaseException | None) -> None:
            if error is not None:
                self.print_status.show_message("error", error_text(error))
                return
            _copy, result = value
            if result.printed:
                self._reprint_tries.pop(receipt_no, None)
                self.print_status.show_message("ok", self.tr("凭证 %1 已重打。").replace("%1", receipt_no))
                self.printer_state.emit("printed")
            else:
                self.print_failed(receipt_no, result.reason, tries)

        self._printer_worker.submit(lambda: reprint(ctx, make_printer(), receipt_no, clerk_id, "", ""), done)


def slip_printed_text(receipt_no: str) -> str:
    return tr0("冲正凭证 %1 已打印：请顾客和主管在签字栏签字，留存备查。").replace("%1", receipt_no)


def slip_failed_text(receipt_no: str, reason: str) -> str:
    return (
        tr0("冲正凭证 %1 未打印：%2。冲正已记账；修好打印机后在历史页选冲正行按 Ctrl+R 补打。")
        .replace("%1", receipt_no)
        .replace("%2", reason.rstrip("。"))
    )
