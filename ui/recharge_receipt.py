"""The IC-card page's receipt: printed on the printer's thread after a purchase, its preview beside the
purchase box, as at the counter (issue 16), scaled to the width beside the scroll bar and again on a resize."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea

from app.ports import PrintResult
from app.receipt import Receipt
from app.services.receipts import print_receipt
from ui.messages import error_text
from ui.widgets import show_scaled

if TYPE_CHECKING:
    from app.services.context import Context
    from bootstrap import Services
    from ui.tasks import Worker


class ReceiptPreview(QScrollArea):
    def __init__(self) -> None:
        super().__init__()
        self.label = QLabel(self.tr("凭证预览"))
        self._png: QPixmap | None = None  # unscaled, scaled again on a resize
        self.label.setObjectName("recharge_preview")
        self.label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def clear(self) -> None:
        """The preview belongs to the card in the reader: it goes with the next card or Esc."""
        self._png = None
        self.label.setPixmap(QPixmap())
        self.label.setText(self.tr("凭证预览"))

    def rescale(self) -> None:
        show_scaled(self, self.label, self._png)

    def print(
        self,
        worker: Worker,
        ctx: Context,
        wiring: Services,
        receipt: Receipt,
        not_printed: Callable[[str], None],
    ) -> None:
        """Print `receipt` on `worker`, then show its preview; `not_printed(reason)` when it did not print."""

        def job() -> tuple[PrintResult, bytes]:
            printer = wiring.printer()
            return print_receipt(ctx, printer, receipt), printer.preview_png(receipt)

        def printed(value: tuple[PrintResult, bytes] | None, error: BaseException | None) -> None:
            result: PrintResult | None = None
            if value is not None and error is None:
                result, png = value
                pixmap = QPixmap()
                pixmap.loadFromData(png, "PNG")
                self._png = pixmap
                show_scaled(self, self.label, pixmap)
            if result is None or not result.printed:
                reason = (
                    result.reason if result is not None else error_text(error) if error is not None else ""
                )
                not_printed(reason)

        worker.submit(job, printed)
