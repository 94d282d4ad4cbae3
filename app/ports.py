"""The ports: what app/ needs from the world, as Protocols. Adapters live in db/, printing/,
cardreader/; main.py picks them. Nothing here knows about SQL, Qt, ESC/POS or PC/SC.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from app.errors import DeviceError
from app.receipt import Receipt

# ---------------------------------------------------------------- clock


class Clock(Protocol):
    def now_utc(self) -> dt.datetime:
        """Aware UTC datetime."""
        ...


# ---------------------------------------------------------------- printer


class PrinterState(str, Enum):
    READY = "ready"
    PAPER_NEAR_END = "paper_near_end"  # prints, but tell the clerk to load paper soon
    PAPER_OUT = "paper_out"
    OFFLINE = "offline"  # cover open, error, switched off but reachable
    UNREACHABLE = "unreachable"  # no connection
    DISABLED = "disabled"  # kind = "none"


@dataclass(frozen=True)
class PrinterStatus:
    state: PrinterState
    message: str  # one sentence for the status bar, Chinese is fine

    @property
    def can_print(self) -> bool:
        return self.state in (PrinterState.READY, PrinterState.PAPER_NEAR_END)


@dataclass(frozen=True)
class PrintResult:
    printed: bool
    reason: str  # empty when printed; otherwise the sentence the clerk sees
    stored_as: str  # path of the stored bytes in receipts/


class ReceiptPrinter(Protocol):
    """Prints one receipt. Stores bytes and a PNG preview of every receipt, printed or not.

    Must not raise for device trouble: it returns PrintResult(printed=False, reason=...).
    Must return within its configured timeout. Called from the printer's worker thread.
    `on_sent` is called once, the moment the receipt's bytes have reached the device (before the status
    asked after the job), so the caller can make that fact durable: a process killed while it waits for
    the printer's answer has still printed the receipt (app/services/receipts.py). Never called when
    nothing was sent; an error it raises is logged, never turned into a failed print.
    """

    def status(self) -> PrinterStatus: ...

    def print_receipt(
        self, receipt: Receipt, *, open_drawer: bool = False, on_sent: Callable[[], None] | None = None
    ) -> PrintResult: ...

    def preview_png(self, receipt: Receipt) -> bytes: ...


# ---------------------------------------------------------------- IC card


class CardError(DeviceError):
    """The card or reader failed; the sentence says what to do."""


class NoCard(CardError):
    pass


class CardRemoved(CardError):
    pass


class ReaderUnavailable(CardError):
    pass


@dataclass(frozen=True)
class ReturnWrite:
    """What the meter wrote back on its last insertion: its real balance and count."""

    remaining_fen: int
    meter_count: int
    written_at: str  # YYYYMMDDHHMMSS, the meter's clock


@dataclass(frozen=True)
class CardImage:
    """The card's files as read, before any check. app/card.py decides what they mean."""

    serial: str
    customer_no: str
    meter_no: str
    purchase_fen: int
    purchase_count: int
    mac: bytes
    return_write: ReturnWrite | None  # None when cleared (the meter has not seen the card since)


class ReaderState(str, Enum):
    READY = "ready"
    UNAVAILABLE = "unavailable"  # no pyscard, no pcscd, no reader, or an unknown failure


@dataclass(frozen=True)
class ReaderStatus:
    """The card reader as the status bar shows it: a state to act on, and the sentence (str()) to read.

    The window decides by `state`, never by searching the sentence; it renders `code` and `params`
    (app/messages.py) in its own language when there is a code.
    """

    state: ReaderState
    text: str  # the Chinese sentence (CLI, logs)
    card_present: bool = False
    code: str = ""
    params: dict[str, object] | None = None

    def __str__(self) -> str:
        return self.text

    @classmethod
    def ready(cls, reader: object, card_present: bool) -> ReaderStatus:
        """`reader`: the simulator's label, or a Phrase naming the PC/SC reader."""
        from app.messages import message

        code = "card.ready_card" if card_present else "card.ready_empty"
        return cls(ReaderState.READY, message(code, reader=reader), card_present, code, {"reader": reader})

    @classmethod
    def unavailable(cls, why: str | Exception) -> ReaderStatus:
        """Unavailable, with the refusal's code when it has one (the window says it in its language)."""
        code = getattr(why, "code", "")
        return cls(
            ReaderState.UNAVAILABLE, str(why), code=code, params=dict(getattr(why, "params", {})) or None
        )


class CardReader(Protocol):
    """One reader with at most one card. Every call runs on the reader's own thread."""

    def status(self) -> ReaderStatus:
        """Reader ready (with or without a card) / no reader service, with its sentence."""
        ...

    def read_card(self) -> CardImage: ...

    def write_wallet(self, serial: str, purchase_fen: int, purchase_count: int, mac: bytes) -> None:
        """Write the wallet record and clear the return-write area of the card with this serial."""
        ...

    def personalise(
        self, serial: str, customer_no: str, meter_no: str, purchase_fen: int, purchase_count: int, mac: bytes
    ) -> None:
        """Issue a (replacement) card: identity files and wallet, return-write cleared."""
        ...

    def watch(self, callback: Callable[[bool], None], interval_s: float = 0.3) -> None:
        """Call callback(present) on each insert/remove (the two readers: now as well) until stop_watching; on
        a thread of the reader's, never the caller's: the window wraps it in a Qt signal."""
        ...

    def stop_watching(self) -> None: ...
