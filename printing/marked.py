"""A printer that marks every receipt of a demo or training terminal (issue 17): DEMO / 培训 非正式凭证,
on the first print and on every reprint, whatever the device behind it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from app.ports import PrinterStatus, PrintResult, ReceiptPrinter
from app.receipt import Receipt


class MarkedPrinter:
    def __init__(self, inner: ReceiptPrinter, mark: str) -> None:
        self.inner = inner
        self.mark = mark

    def print_receipt(
        self, receipt: Receipt, *, open_drawer: bool = False, on_sent: Callable[[], None] | None = None
    ) -> PrintResult:
        return self.inner.print_receipt(
            replace(receipt, mark=self.mark), open_drawer=open_drawer, on_sent=on_sent
        )

    def status(self) -> PrinterStatus:
        return self.inner.status()

    def preview_png(self, receipt: Receipt) -> bytes:
        return self.inner.preview_png(replace(receipt, mark=self.mark))

    def __getattr__(self, name: str) -> Any:  # status(), preview_png(), kind … of the device
        return getattr(self.inner, name)


def marked(printer: ReceiptPrinter, mark: str) -> ReceiptPrinter:
    return MarkedPrinter(printer, mark) if mark else printer
