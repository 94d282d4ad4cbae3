"""kind = "usb" and "serial": python-escpos' Usb and Serial backends behind the same status dance.

They need pyusb and pyserial, which HallPay does not require. Without them the adapter still
builds, stores every receipt, and its status and results say which library is missing: the
app starts and everything else works (python-escpos' own ``is_usable()`` tells).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from app.messages import coded
from printing.device import DevicePrinter, Link, LinkError

log = logging.getLogger(__name__)


def _escpos_printer_module() -> tuple[Any, str]:
    """python-escpos' printer module, imported on first use: loading its capability database costs
    ~170 ms, which a counter with a network or file printer should not pay at start-up."""
    try:  # python-escpos imports without pyusb/pyserial; its printers then say they are not usable
        from escpos import printer
    except Exception as exc:  # pragma: no cover - python-escpos is a dependency
        return None, str(exc)
    return printer, ""


class EscposLink(Link):
    """Wraps an opened python-escpos printer object (``_raw`` to write, ``_read`` for status)."""

    def __init__(self, device: Any, what: str) -> None:
        self.device, self.what, self.written = device, what, False
        try:
            device.open()
        except Exception as exc:
            raise coded(LinkError, "printer.open_failed", device=what, error=exc) from None

    def write(self, data: bytes) -> None:
        self.written = True
        try:
            self.device._raw(data)
        except Exception:
            raise coded(LinkError, "printer.send_failed", device=self.what) from None

    def query(self, command: bytes) -> int:
        try:
            self.device._raw(command)
            answer = bytes(self.device._read() or b"")
        except Exception:
            answer = b""
        if not answer:
            raise coded(LinkError, "printer.no_response", device=self.what)
        return answer[0]

    def close(self) -> None:
        try:
            self.device.close()
        except Exception:
            log.debug("closing %s failed", self.what, exc_info=True)


class UsbPrinter(DevicePrinter):
    kind = "usb"

    def __init__(
        self,
        receipts_dir: Path,
        *,
        vendor_id: int | None = None,
        product_id: int | None = None,
        timeout_s: float = 3.0,
        columns: int = 32,
        image_mode: bool = False,
        cash_drawer: bool = False,
    ) -> None:
        super().__init__(receipts_dir, columns=columns, image_mode=image_mode, cash_drawer=cash_drawer)
        self.vendor_id, self.product_id, self.timeout_s = vendor_id, product_id, timeout_s

    def unusable_reason(self) -> str:
        _escpos_printer, import_error = _escpos_printer_module()
        if _escpos_printer is None:
            return f"python-escpos 无法加载（{import_error}），不能使用 USB 打印机"
        if not _escpos_printer.Usb.is_usable():
            return "本机未安装 pyusb 库，不能使用 USB 打印机（请安装 pyusb 和 libusb）"
        if not (self.vendor_id and self.product_id):
            return "USB 打印机没有设置 usb_vendor_id / usb_product_id，请在设置中填写"
        return ""

    def open_link(self) -> Link:
        _escpos_printer, _ = _escpos_printer_module()
        assert _escpos_printer is not None
        device = _escpos_printer.Usb(self.vendor_id, self.product_id, timeout=int(self.timeout_s * 1000))
        return EscposLink(device, "USB 打印机")


class SerialPrinter(DevicePrinter):
    kind = "serial"

    def __init__(
        self,
        receipts_dir: Path,
        *,
        device: str = "",
        baudrate: int = 9600,
        timeout_s: float = 3.0,
        columns: int = 32,
        image_mode: bool = False,
        cash_drawer: bool = False,
    ) -> None:
        super().__init__(receipts_dir, columns=columns, image_mode=image_mode, cash_drawer=cash_drawer)
        self.device, self.baudrate, self.timeout_s = device, baudrate, timeout_s

    def unusable_reason(self) -> str:
        _escpos_printer, import_error = _escpos_printer_module()
        if _escpos_printer is None:
            return f"python-escpos 无法加载（{import_error}），不能使用串口打印机"
        if not _escpos_printer.Serial.is_usable():
            return "本机未安装 pyserial 库，不能使用串口打印机（请安装 pyserial）"
        if not self.device:
            return "串口打印机没有设置端口（device，如 /dev/ttyUSB0 或 COM3），请在设置中填写"
        return ""

    def open_link(self) -> Link:
        _escpos_printer, _ = _escpos_printer_module()
        assert _escpos_printer is not None
        device = _escpos_printer.Serial(devfile=self.device, baudrate=self.baudrate, timeout=self.timeout_s)
        return EscposLink(device, "串口打印机")
