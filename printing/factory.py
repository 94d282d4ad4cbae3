"""Build the ReceiptPrinter the ``[printer]`` section of config.toml asks for.

Keys (DESIGN.md): kind = "none" | "file" | "network" | "usb" | "serial", host, port, width_mm (58 | 80),
mode = "text" | "image", timeout_s, cash_drawer; their defaults are app.config.PrinterSettings'. USB and
serial also read usb_vendor_id / usb_product_id (numbers or "0x0416" text), device and baudrate.
`make_printer` raises PrinterConfigError with one sentence for a section that cannot work (the settings
page's check); `printer_for` never raises: such a section gives a printer that stores every receipt for a
reprint and says why it prints nothing, so the window opens and a payment stands (issue 15).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from app.config import DEFAULTS
from app.errors import InputError
from app.messages import coded
from app.ports import PrinterState, PrinterStatus, ReceiptPrinter
from printing.adapters import FilePrinter, NullPrinter
from printing.layout import COLUMNS_BY_WIDTH_MM
from printing.network import NetworkPrinter
from printing.usbserial import SerialPrinter, UsbPrinter

KINDS = ("none", "file", "network", "usb", "serial")
DEFAULT = DEFAULTS.printer  # the one set of defaults (app/config.py)


class PrinterConfigError(InputError):
    pass


def _number(section: Mapping[str, Any], key: str, default: float | int | None) -> Any:
    value = section.get(key, default)
    if value is None:
        return None
    if isinstance(value, bool):
        raise coded(PrinterConfigError, "printer.not_number", key=key, value=repr(value))
    if isinstance(value, str):
        try:
            text = value.strip().lower()
            if text.startswith("0x"):
                return int(text, 16)
            return float(text) if "." in text else int(text, 10)
        except ValueError:
            raise coded(PrinterConfigError, "printer.not_number_quoted", key=key, value=value) from None
    if isinstance(value, int | float):
        return value
    raise coded(PrinterConfigError, "printer.not_number", key=key, value=repr(value))


def make_printer(section: Mapping[str, Any], receipts_dir: Path) -> ReceiptPrinter:
    kind = str(section.get("kind", DEFAULT.kind)).strip().lower()
    if kind not in KINDS:
        raise coded(PrinterConfigError, "printer.bad_kind", kinds=" / ".join(KINDS), kind=kind)
    width_mm = _number(section, "width_mm", DEFAULT.width_mm)
    if width_mm not in COLUMNS_BY_WIDTH_MM:
        raise coded(PrinterConfigError, "printer.bad_width", width_mm=width_mm)
    mode = str(section.get("mode", DEFAULT.mode)).strip().lower()
    if mode not in ("text", "image"):
        raise coded(PrinterConfigError, "printer.bad_mode", mode=mode)
    timeout_s = _number(section, "timeout_s", DEFAULT.timeout_s)
    if not 0 < timeout_s <= 30:
        raise coded(PrinterConfigError, "printer.bad_timeout", timeout_s=timeout_s)
    cash_drawer = section.get("cash_drawer", DEFAULT.cash_drawer)
    if not isinstance(cash_drawer, bool):
        raise coded(PrinterConfigError, "printer.bad_drawer")
    common: dict[str, Any] = dict(
        columns=COLUMNS_BY_WIDTH_MM[int(width_mm)], image_mode=mode == "image", cash_drawer=cash_drawer
    )
    receipts_dir = Path(receipts_dir)
    if kind == "none":
        return NullPrinter(receipts_dir, **common)
    if kind == "file":
        return FilePrinter(receipts_dir, **common)
    if kind == "network":
        port = _number(section, "port", DEFAULT.port)
        if not (isinstance(port, int) and 0 < port < 65536):
            raise coded(PrinterConfigError, "printer.bad_port", port=port)
        host = str(section.get("host", DEFAULT.host)).strip()
        return NetworkPrinter(receipts_dir, host=host, port=port, timeout_s=float(timeout_s), **common)
    if kind == "usb":
        return UsbPrinter(
            receipts_dir,
            vendor_id=_number(section, "usb_vendor_id", None),
            product_id=_number(section, "usb_product_id", None),
            timeout_s=float(timeout_s),
            **common,
        )
    return SerialPrinter(
        receipts_dir,
        device=str(section.get("device", "")).strip(),
        baudrate=int(_number(section, "baudrate", 9600)),
        timeout_s=float(timeout_s),
        **common,
    )


class MisconfiguredPrinter(NullPrinter):
    """What a [printer] section that cannot work gives: receipts stored for a reprint, the reason shown."""

    kind = "misconfigured"

    def __init__(self, receipts_dir: Path, reason: str) -> None:
        super().__init__(receipts_dir)
        self.reason = reason

    def status(self) -> PrinterStatus:
        return PrinterStatus(PrinterState.DISABLED, f"打印机设置有误：{self.reason}；凭证只保存不打印")

    def _send(self, data: bytes, sent: Callable[[], None]) -> tuple[bool, str]:
        return False, f"打印机设置有误（{self.reason}），凭证已保存，改正设置后重打"


def printer_for(section: Mapping[str, Any], receipts_dir: Path) -> ReceiptPrinter:
    """The configured printer, or a MisconfiguredPrinter saying why: never an exception."""
    try:
        return make_printer(section, receipts_dir)
    except PrinterConfigError as error:
        return MisconfiguredPrinter(Path(receipts_dir), str(error))
