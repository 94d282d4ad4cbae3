"""File and null printers, storage of every receipt, the factory, USB/serial without drivers."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.ports import PrinterState
from printing.adapters import FilePrinter, NullPrinter
from printing.decoder import decode
from printing.escpos_bytes import DRAWER_KICK
from printing.factory import PrinterConfigError, make_printer
from printing.network import NetworkPrinter
from printing.usbserial import SerialPrinter, UsbPrinter, _escpos_printer_module
from tests.unit.receipt_samples import cash_with_change, rare_name

_escpos_printer, _ = _escpos_printer_module()


def test_file_printer_stores_bytes_and_picture(tmp_path: Path) -> None:
    printer = FilePrinter(tmp_path, columns=32)
    result = printer.print_receipt(cash_with_change())
    assert result.printed and result.reason == ""
    assert result.stored_as == str(tmp_path / "T01-20261123-0001.bin")
    data = Path(result.stored_as).read_bytes()
    assert (tmp_path / "T01-20261123-0001.png").read_bytes() == decode(data, 32).png()
    assert printer.status().state == PrinterState.READY


def test_on_sent_once_the_bytes_are_at_the_device_never_when_nothing_printed(tmp_path: Path) -> None:
    """The file is the file printer's device: on_sent runs after the .bin exists; a null printer never
    sends; a failing on_sent does not turn a printed receipt into a failed one."""
    seen: list[bool] = []
    result = FilePrinter(tmp_path).print_receipt(
        cash_with_change(), on_sent=lambda: seen.append((tmp_path / "T01-20261123-0001.bin").exists())
    )
    assert result.printed and seen == [True]
    NullPrinter(tmp_path / "null").print_receipt(cash_with_change(), on_sent=lambda: seen.append(False))
    assert seen == [True]

    def broken() -> None:
        raise OSError("disk full")

    assert FilePrinter(tmp_path / "again").print_receipt(cash_with_change(), on_sent=broken).printed


def test_reprints_are_numbered_and_never_overwrite(tmp_path: Path) -> None:
    printer = FilePrinter(tmp_path)
    printer.print_receipt(cash_with_change())
    first = printer.print_receipt(cash_with_change().as_reprint())
    second = printer.print_receipt(cash_with_change().as_reprint())
    assert first.stored_as.endswith("T01-20261123-0001.reprint-1.bin")
    assert second.stored_as.endswith("T01-20261123-0001.reprint-2.bin")
    assert (tmp_path / "T01-20261123-0001.reprint-2.png").exists()
    assert "【重打】" in "\n".join(decode(Path(second.stored_as).read_bytes(), 32).lines)
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".bin") == [
        "T01-20261123-0001.bin",
        "T01-20261123-0001.reprint-1.bin",
        "T01-20261123-0001.reprint-2.bin",
    ]


def test_null_printer_stores_but_does_not_print(tmp_path: Path) -> None:
    printer = NullPrinter(tmp_path)
    result = printer.print_receipt(cash_with_change())
    assert not result.printed and "未配置打印机" in result.reason
    assert Path(result.stored_as).exists()
    assert printer.status().state == PrinterState.DISABLED


def test_text_mode_prints_a_rare_name_as_an_image(tmp_path: Path) -> None:
    result = FilePrinter(tmp_path).print_receipt(rare_name())
    assert b"\x1dv0" in Path(result.stored_as).read_bytes()


def test_preview_matches_stored_picture(tmp_path: Path) -> None:
    printer = FilePrinter(tmp_path, columns=48)
    printer.print_receipt(cash_with_change())
    assert printer.preview_png(cash_with_change()) == (tmp_path / "T01-20261123-0001.png").read_bytes()


def test_drawer_kicks_only_when_configured(tmp_path: Path) -> None:
    off = FilePrinter(tmp_path / "a", cash_drawer=False).print_receipt(cash_with_change(), open_drawer=True)
    on = FilePrinter(tmp_path / "b", cash_drawer=True).print_receipt(cash_with_change(), open_drawer=True)
    assert DRAWER_KICK not in Path(off.stored_as).read_bytes()
    assert DRAWER_KICK in Path(on.stored_as).read_bytes()


def test_unwritable_receipts_dir_does_not_raise(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = FilePrinter(blocker / "receipts").print_receipt(cash_with_change())
    assert result.printed and result.stored_as == ""


def test_factory_builds_each_kind(tmp_path: Path) -> None:
    assert isinstance(make_printer({"kind": "none"}, tmp_path), NullPrinter)
    printer = make_printer({}, tmp_path)  # app.config.PrinterSettings' defaults: 80 mm, as every new terminal
    assert isinstance(printer, FilePrinter) and printer.columns == 48 and not printer.image_mode
    net = make_printer(
        {
            "kind": "network",
            "host": "10.0.0.9",
            "width_mm": 80,
            "mode": "image",
            "timeout_s": 2,
            "cash_drawer": True,
        },
        tmp_path,
    )
    assert isinstance(net, NetworkPrinter)
    assert (net.host, net.port, net.timeout_s, net.columns, net.image_mode, net.cash_drawer) == (
        "10.0.0.9",
        9100,
        2.0,
        48,
        True,
        True,
    )
    usb = make_printer({"kind": "usb", "usb_vendor_id": "0x0416", "usb_product_id": "0x5011"}, tmp_path)
    assert isinstance(usb, UsbPrinter) and (usb.vendor_id, usb.product_id) == (0x0416, 0x5011)
    assert isinstance(make_printer({"kind": "serial", "device": "/dev/ttyUSB0"}, tmp_path), SerialPrinter)


@pytest.mark.parametrize(
    "section",
    [
        {"kind": "laser"},
        {"width_mm": 76},
        {"mode": "colour"},
        {"timeout_s": 0},
        {"timeout_s": "soon"},
        {"cash_drawer": "yes"},
        {"kind": "network", "host": "h", "port": 70000},
    ],
)
def test_factory_refuses_bad_config_with_a_sentence(section: dict, tmp_path: Path) -> None:
    with pytest.raises(PrinterConfigError, match=r"\[printer\]"):
        make_printer(section, tmp_path)


@pytest.mark.skipif(
    _escpos_printer is not None and _escpos_printer.Usb.is_usable(), reason="pyusb is installed here"
)
def test_usb_without_pyusb_says_so_and_still_stores(tmp_path: Path) -> None:
    printer = UsbPrinter(tmp_path, vendor_id=0x0416, product_id=0x5011)
    assert printer.status().state == PrinterState.UNREACHABLE and "pyusb" in printer.status().message
    result = printer.print_receipt(cash_with_change())
    assert not result.printed and "pyusb" in result.reason and Path(result.stored_as).exists()


@pytest.mark.skipif(
    _escpos_printer is not None and _escpos_printer.Serial.is_usable(), reason="pyserial is installed here"
)
def test_serial_without_pyserial_says_so(tmp_path: Path) -> None:
    result = SerialPrinter(tmp_path, device="/dev/ttyUSB0").print_receipt(cash_with_change())
    assert not result.printed and "pyserial" in result.reason


def test_network_printer_without_host_says_so(tmp_path: Path) -> None:
    result = NetworkPrinter(tmp_path, host="").print_receipt(cash_with_change())
    assert not result.printed and "IP" in result.reason and Path(result.stored_as).exists()


def test_printing_never_imports_qt() -> None:
    import ast

    root = Path(__file__).resolve().parents[2] / "printing"
    for path in root.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(n.startswith(("PySide6", "ui")) for n in names), path


class _FakeEscposDevice:
    """Stands in for escpos.printer.Usb/Serial (open, _raw, _read, close) without pyusb/pyserial."""

    def __init__(self, paper: int = 0x12, fail_open: bool = False) -> None:
        self.paper, self.fail_open, self.written = paper, fail_open, bytearray()

    def open(self) -> None:
        if self.fail_open:
            raise OSError("USB device not found")

    def _raw(self, data: bytes) -> None:
        self.written += data

    def _read(self) -> bytes:
        return bytes([self.paper if self.written.endswith(b"\x10\x04\x04") else 0x12])

    def close(self) -> None:
        pass


def test_escpos_backend_link_checks_paper_and_sends_the_job(tmp_path: Path, monkeypatch) -> None:
    from printing.usbserial import EscposLink

    device = _FakeEscposDevice()
    printer = UsbPrinter(tmp_path, vendor_id=1, product_id=2)
    monkeypatch.setattr(printer, "unusable_reason", lambda: "")
    monkeypatch.setattr(printer, "open_link", lambda: EscposLink(device, "USB 打印机"))
    result = printer.print_receipt(cash_with_change())
    assert result.printed
    status = b"\x10\x04\x01\x10\x04\x04"
    assert bytes(device.written) == status + Path(result.stored_as).read_bytes() + status

    device.paper = 0x12 | 0x60
    out = printer.print_receipt(cash_with_change())
    assert not out.printed and "缺纸" in out.reason

    monkeypatch.setattr(
        printer, "open_link", lambda: EscposLink(_FakeEscposDevice(fail_open=True), "USB 打印机")
    )
    gone = printer.print_receipt(cash_with_change())
    assert not gone.printed and "打开USB 打印机失败" in gone.reason
