"""Printers behind a real link (TCP, USB, serial): real-time status before and after each job.

``DLE EOT 1`` (printer status, bit 3 = offline) and ``DLE EOT 4`` (paper roll sensor, bits 2/3 =
near end, bits 5/6 = out) are asked before the job, which is not sent unless the printer can
print, and after it, so paper that ran out or a link that broke during the job is reported.
A printer that does not answer within the timeout is unreachable. Nothing here raises to the
caller: every failure becomes a status or a (False, sentence) pair.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager

from app.errors import DeviceError
from app.ports import PrinterState, PrinterStatus
from printing.adapters import PrinterBase
from printing.escpos_bytes import STATUS_PAPER, STATUS_PRINTER

log = logging.getLogger(__name__)

OFFLINE_BIT = 0x08
PAPER_NEAR_END_BITS = 0x0C
PAPER_OUT_BITS = 0x60


class LinkError(DeviceError):
    """The link failed; ``str()`` is the clerk's sentence."""


class Link(AbstractContextManager["Link"]):
    """One open connection to the printer, closed on exit."""

    def write(self, data: bytes) -> None:
        raise NotImplementedError

    def query(self, command: bytes) -> int:
        """Send a real-time status command and return the one status byte. Raises LinkError."""
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __exit__(self, *exc: object) -> None:
        self.close()


MESSAGES = {
    PrinterState.READY: "打印机就绪",
    PrinterState.PAPER_NEAR_END: "打印纸快用完了，请准备换纸",
    PrinterState.PAPER_OUT: "打印机缺纸，请装纸后重打",
    PrinterState.OFFLINE: "打印机脱机（纸仓盖未合上或出错），请检查打印机后重打",
}
PAPER_OUT_DURING_JOB = "打印中途缺纸，凭证可能没有打完，请装纸后重打"
OFFLINE_DURING_JOB = "打印中途打印机脱机，凭证可能没有打完，请检查打印机后重打"


def interpret(printer_byte: int, paper_byte: int) -> PrinterStatus:
    if paper_byte & PAPER_OUT_BITS:
        state = PrinterState.PAPER_OUT
    elif printer_byte & OFFLINE_BIT:
        state = PrinterState.OFFLINE
    elif paper_byte & PAPER_NEAR_END_BITS:
        state = PrinterState.PAPER_NEAR_END
    else:
        state = PrinterState.READY
    return PrinterStatus(state, MESSAGES[state])


def ask_status(link: Link) -> PrinterStatus:
    return interpret(link.query(STATUS_PRINTER), link.query(STATUS_PAPER))


class DevicePrinter(PrinterBase):
    """Subclasses open a Link; this class does the status dance and turns failures into sentences."""

    def open_link(self) -> Link:
        """Raises LinkError (with the clerk's sentence) when the printer cannot be reached."""
        raise NotImplementedError

    def unusable_reason(self) -> str:
        """Non-empty when this kind of printer cannot work on this machine (missing driver)."""
        return ""

    def status(self) -> PrinterStatus:
        if reason := self.unusable_reason():
            return PrinterStatus(PrinterState.UNREACHABLE, reason)
        try:
            with self.open_link() as link:
                return ask_status(link)
        except LinkError as exc:
            return PrinterStatus(PrinterState.UNREACHABLE, str(exc))

    def _send(self, data: bytes, sent: Callable[[], None]) -> tuple[bool, str]:
        if reason := self.unusable_reason():
            return False, reason
        try:
            with self.open_link() as link:
                before = ask_status(link)
                if not before.can_print:
                    return False, before.message
                link.write(data)
                sent()  # before the status after the job: a kill while the printer answers loses no print
                after = ask_status(link)
        except LinkError as exc:
            return False, str(exc)
        if after.state == PrinterState.PAPER_OUT:
            return False, PAPER_OUT_DURING_JOB
        if after.state == PrinterState.OFFLINE:
            return False, OFFLINE_DURING_JOB
        return True, ""
