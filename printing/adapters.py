"""ReceiptPrinter adapters: the common part, the file printer and the null printer.

Every adapter keeps every receipt it is asked to print in ``receipts_dir`` as the exact bytes
(``<receipt_no>.bin``) and a picture of them (``<receipt_no>.png``); a reprint gets
``<receipt_no>.reprint-<n>.bin/.png``. It stores first and prints second, so a receipt whose
printer failed is on disk, ready to be reprinted. Device trouble never raises: the result says
printed=False with one sentence for the clerk.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from pathlib import Path

from app import durable
from app.ports import PrinterState, PrinterStatus, PrintResult
from app.receipt import Receipt
from printing.decoder import decode_png
from printing.escpos_bytes import EncodeResult, encode_receipt
from printing.layout import layout_receipt

log = logging.getLogger(__name__)

NO_PRINTER = "未配置打印机，凭证已保存，未打印"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


class PrinterBase:
    """Layout, encoding, storage and previews; subclasses only say how bytes reach the device."""

    kind = "base"

    def __init__(
        self, receipts_dir: Path, *, columns: int = 32, image_mode: bool = False, cash_drawer: bool = False
    ) -> None:
        self.receipts_dir = Path(receipts_dir)
        self.columns = columns
        self.image_mode = image_mode
        self.cash_drawer = cash_drawer
        self._lock = threading.Lock()

    # ------------------------------------------------------------ the port

    def status(self) -> PrinterStatus:
        raise NotImplementedError

    def print_receipt(
        self, receipt: Receipt, *, open_drawer: bool = False, on_sent: Callable[[], None] | None = None
    ) -> PrintResult:
        def sent() -> None:  # the bytes are at the device: the caller records it (the port's docstring)
            if on_sent is None:
                return
            try:
                on_sent()
            except Exception:  # the receipt is printed whatever became of the note saying so
                log.exception("could not record that receipt %s reached the printer", receipt.receipt_no)

        with self._lock:
            try:
                encoded = self.encode(receipt, open_drawer=open_drawer and self.cash_drawer)
            except Exception:  # a missing font file, a layout bug: the payment stands, say so
                log.exception("could not lay out receipt %s", receipt.receipt_no)
                return PrintResult(False, "凭证生成失败，收费已记录，请联系技术支持后重打", "")
            stored = self._store(receipt, encoded.data)
            try:
                printed, reason = self._send(encoded.data, sent)
            except Exception:  # a driver bug must not lose the clerk's receipt: say so, keep it stored
                log.exception("printer %s failed on %s", self.kind, receipt.receipt_no)
                printed, reason = False, "打印机出错，凭证已保存，请检查打印机后重打"
            if not printed:
                log.warning("receipt %s not printed: %s", receipt.receipt_no, reason)
            return PrintResult(printed=printed, reason="" if printed else reason, stored_as=stored)

    def preview_png(self, receipt: Receipt) -> bytes:
        return decode_png(self.encode(receipt).data, self.columns)

    # ------------------------------------------------------------ shared work

    def encode(self, receipt: Receipt, *, open_drawer: bool = False) -> EncodeResult:
        """Text mode, unless the configuration says image or the text would lose characters:
        a rare name character the printer's GB2312 font lacks is then printed as a picture."""
        lines = layout_receipt(receipt, self.columns)
        if not self.image_mode:
            text = encode_receipt(lines, columns=self.columns, open_drawer=open_drawer)
            if not text.unprintable:
                return text
            log.info(
                "receipt %s has %s outside GB2312: printing it as an image",
                receipt.receipt_no,
                "".join(text.unprintable),
            )
        return encode_receipt(lines, columns=self.columns, image_mode=True, open_drawer=open_drawer)

    def _send(self, data: bytes, sent: Callable[[], None]) -> tuple[bool, str]:
        """Bytes to the device; call `sent()` once they reached it, before anything else is asked."""
        raise NotImplementedError

    def stored_stem(self, receipt: Receipt) -> Path:
        """``<receipt_no>``, the next free ``<receipt_no>.reprint-<n>``, or for a void's slip the next free
        ``<receipt_no>.void-<n>`` in receipts_dir (the slip never overwrites the receipt it voids)."""
        name = _UNSAFE.sub("_", receipt.receipt_no) or "receipt"
        if receipt.kind == "reversal":
            suffix = "void"
        elif receipt.reprint:
            suffix = "reprint"
        else:
            return self.receipts_dir / name
        n = 1
        while (self.receipts_dir / f"{name}.{suffix}-{n}.bin").exists():
            n += 1
        return self.receipts_dir / f"{name}.{suffix}-{n}"

    def _store(self, receipt: Receipt, data: bytes) -> str:
        """Write the bytes, then their picture; a failure is logged, never raised (the bytes
        matter more than the picture, and the print goes on either way)."""
        try:
            durable.make_dirs(self.receipts_dir)
            stem = self.stored_stem(receipt)
            bin_path = stem.with_name(stem.name + ".bin")
            _write_atomic(bin_path, data)
        except OSError:
            log.exception("could not store receipt %s in %s", receipt.receipt_no, self.receipts_dir)
            return ""
        try:
            _write_atomic(stem.with_name(stem.name + ".png"), decode_png(data, self.columns))
        except Exception:  # a missing font or a decoder gap must not stop the print
            log.exception("could not make the picture of receipt %s", receipt.receipt_no)
        return str(bin_path)


def _write_atomic(path: Path, data: bytes) -> None:
    """Durable before the receipt is recorded sent/printed: a power cut must not leave a 0-byte receipt."""
    durable.write_bytes(path, data)


class FilePrinter(PrinterBase):
    """kind = "file": the stored file is the device (demo terminals, training, tests)."""

    kind = "file"

    def status(self) -> PrinterStatus:
        return PrinterStatus(PrinterState.READY, f"凭证打印到文件：{self.receipts_dir}")

    def _send(self, data: bytes, sent: Callable[[], None]) -> tuple[bool, str]:
        sent()  # the stored file is the device
        return True, ""


class NullPrinter(PrinterBase):
    """kind = "none": receipts are stored for a later reprint, nothing prints."""

    kind = "none"

    def status(self) -> PrinterStatus:
        return PrinterStatus(PrinterState.DISABLED, "未配置打印机，凭证只保存不打印")

    def _send(self, data: bytes, sent: Callable[[], None]) -> tuple[bool, str]:
        return False, NO_PRINTER
