"""app.ports.CardReader through PC/SC (pcscd) with pyscard's low-level `smartcard.scard` API.

Every pyscard call runs on one dedicated thread (a single-worker executor owned by the adapter, like
Electrum's hwd executor); the public methods hand their work to it and wait, with a time limit.
Errors become the port's exceptions with a sentence for the clerk:
  pcscd not running / stopped        -> ReaderUnavailable
  no reader matching / reader gone   -> ReaderUnavailable
  no card in the reader              -> NoCard
  card pulled mid-APDU (0x80100016 not transacted, 0x80100069 removed, 0x8010000C no card) -> CardRemoved
pyscard missing entirely: the module still imports; status() says so and calls raise ReaderUnavailable.
"""

from __future__ import annotations

import concurrent.futures as cf
import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from app.messages import Phrase, coded, message
from app.ports import CardError, CardImage, CardRemoved, NoCard, ReaderStatus, ReaderUnavailable
from cardreader.card_client import NO_CARD, REMOVED, CardClient

try:  # a missing driver degrades, it does not crash
    from smartcard import scard as _scard
except ImportError:  # pragma: no cover - exercised by a test that hides the module
    _scard = None

log = logging.getLogger(__name__)
T = TypeVar("T")

NO_PYSCARD = message("reader.no_pyscard")  # the Chinese sentence; raised and reported with its code


def _u32(hr: int) -> int:
    return hr & 0xFFFFFFFF


def _codes(*names: str) -> frozenset[int]:
    if _scard is None:
        return frozenset()
    return frozenset(_u32(getattr(_scard, n)) for n in names if hasattr(_scard, n))


SERVICE_CODES = _codes("SCARD_E_NO_SERVICE", "SCARD_E_SERVICE_STOPPED", "SCARD_E_INVALID_HANDLE")
NO_READER_CODES = _codes(
    "SCARD_E_NO_READERS_AVAILABLE", "SCARD_E_UNKNOWN_READER", "SCARD_E_READER_UNAVAILABLE"
)
NO_CARD_CODES = _codes("SCARD_E_NO_SMARTCARD", "SCARD_W_REMOVED_CARD", "SCARD_W_UNPOWERED_CARD")
REMOVED_CODES = _codes(
    "SCARD_W_REMOVED_CARD",
    "SCARD_E_NOT_TRANSACTED",
    "SCARD_E_NO_SMARTCARD",
    "SCARD_W_RESET_CARD",
    "SCARD_W_UNRESPONSIVE_CARD",
    "SCARD_F_COMM_ERROR",
    "SCARD_E_COMM_DATA_LOST",
)


class _ScardFailure(Exception):
    def __init__(self, hr: int, call: str) -> None:
        super().__init__(f"{call}: 0x{_u32(hr):08X}")
        self.hr = _u32(hr)
        self.call = call


class PcscCardReader:
    """One PC/SC reader (the first whose name contains `reader_match`, case-insensitive; "" = the first)."""

    def __init__(self, reader_match: str = "", *, call_timeout_s: float = 20.0) -> None:
        self.reader_match = reader_match
        self.call_timeout_s = call_timeout_s
        self.last_apdu_count = 0
        self._ctx: Any = None
        self._executor = cf.ThreadPoolExecutor(max_workers=1, thread_name_prefix="pcsc-reader")
        self._watch_stop: threading.Event | None = None
        self._watch_thread: threading.Thread | None = None

    # ------------------------------------------------------------ the port

    def status(self) -> ReaderStatus:
        """The state and its sentence; never raises."""
        if _scard is None:
            return ReaderStatus.unavailable(coded(ReaderUnavailable, "reader.no_pyscard"))
        try:
            present, reader = self._call(self._presence)
        except CardError as exc:
            return ReaderStatus.unavailable(exc)
        except Exception as exc:  # noqa: BLE001 - status must never raise
            log.exception("card reader status failed")
            return ReaderStatus.unavailable(coded(ReaderUnavailable, "reader.unknown_state", detail=str(exc)))
        return ReaderStatus.ready(Phrase("reader.named", {"name": reader}), present)

    def card_present(self) -> bool:
        """Whether a card sits in the reader (raises ReaderUnavailable like the other calls)."""
        return self._call(self._presence)[0]

    def read_card(self) -> CardImage:
        return self._call(self._with_card, lambda c: c.read_card())

    def write_wallet(self, serial: str, purchase_fen: int, purchase_count: int, mac: bytes) -> None:
        self._call(self._with_card, lambda c: c.write_wallet(serial, purchase_fen, purchase_count, mac))

    def personalise(
        self, serial: str, customer_no: str, meter_no: str, purchase_fen: int, purchase_count: int, mac: bytes
    ) -> None:
        self._call(
            self._with_card,
            lambda c: c.personalise(serial, customer_no, meter_no, purchase_fen, purchase_count, mac),
        )

    # ------------------------------------------------------------ presence watcher

    def watch(self, callback: Callable[[bool], None], interval_s: float = 0.3) -> None:
        """Poll card presence every interval (the poll runs on the reader thread) and call
        callback(present) on each change, starting with the current state. The callback runs on the
        watcher's own thread (not the reader thread, so it may call read_card); wrap it in a Qt signal."""
        self.stop_watching()
        stop = threading.Event()

        def loop() -> None:
            last: bool | None = None
            while not stop.is_set():
                try:
                    present, _ = self._call(self._presence)
                except CardError:
                    present = False
                except Exception:  # noqa: BLE001 - keep watching
                    log.exception("card presence poll failed")
                    present = False
                if present != last and not stop.is_set():
                    last = present
                    try:
                        callback(present)
                    except Exception:  # noqa: BLE001 - a UI bug must not stop the watcher
                        log.exception("card presence callback failed")
                stop.wait(interval_s)

        self._watch_stop = stop
        self._watch_thread = threading.Thread(target=loop, name="pcsc-watch", daemon=True)
        self._watch_thread.start()

    def stop_watching(self) -> None:
        if self._watch_stop is not None:
            self._watch_stop.set()
        if self._watch_thread is not None and self._watch_thread is not threading.current_thread():
            self._watch_thread.join(2.0)
        self._watch_stop = self._watch_thread = None

    def close(self) -> None:
        self.stop_watching()
        try:
            self._call(self._release)
        except CardError:
            pass
        self._executor.shutdown(wait=False)

    # ------------------------------------------------------------ on the reader thread

    def _call(self, fn: Callable[..., T], *args: Any) -> T:
        if _scard is None:
            raise coded(ReaderUnavailable, "reader.no_pyscard")
        future = self._executor.submit(fn, *args)
        try:
            return future.result(timeout=self.call_timeout_s)
        except cf.TimeoutError:
            raise coded(CardError, "reader.timeout") from None

    def _check(self, hr: int, call: str) -> None:
        if _u32(hr) != _u32(_scard.SCARD_S_SUCCESS):
            raise _ScardFailure(hr, call)

    def _release(self) -> None:
        if self._ctx is not None:
            try:
                _scard.SCardReleaseContext(self._ctx)
            except Exception:  # noqa: BLE001
                pass
            self._ctx = None

    def _context(self) -> Any:
        if self._ctx is not None:
            if _u32(_scard.SCardIsValidContext(self._ctx)) == _u32(_scard.SCARD_S_SUCCESS):
                return self._ctx
            self._release()
        hr, ctx = _scard.SCardEstablishContext(_scard.SCARD_SCOPE_USER)
        if _u32(hr) != _u32(_scard.SCARD_S_SUCCESS):
            raise coded(ReaderUnavailable, "reader.no_service")
        self._ctx = ctx
        return ctx

    def _reader(self) -> str:
        ctx = self._context()
        hr, readers = _scard.SCardListReaders(ctx, [])
        if _u32(hr) in SERVICE_CODES:
            self._release()
            raise coded(ReaderUnavailable, "reader.no_service")
        if _u32(hr) != _u32(_scard.SCARD_S_SUCCESS):
            readers = []
        match = self.reader_match.lower()
        for name in readers:
            if match in name.lower():
                return str(name)
        if self.reader_match:
            raise coded(ReaderUnavailable, "reader.not_found_named", match=self.reader_match)
        raise coded(ReaderUnavailable, "reader.not_found")

    def _presence(self) -> tuple[bool, str]:
        reader = self._reader()
        hr, states = _scard.SCardGetStatusChange(self._ctx, 0, [(reader, _scard.SCARD_STATE_UNAWARE)])
        if _u32(hr) in SERVICE_CODES:
            self._release()
            raise coded(ReaderUnavailable, "reader.no_service")
        if _u32(hr) != _u32(_scard.SCARD_S_SUCCESS):
            raise coded(ReaderUnavailable, "reader.state_failed", detail=_scard.SCardGetErrorMessage(hr))
        _, event_state, _atr = states[0]
        return bool(event_state & _scard.SCARD_STATE_PRESENT), reader

    def _with_card(self, work: Callable[[CardClient], T]) -> T:
        reader = self._reader()
        hr, card, protocol = _scard.SCardConnect(
            self._ctx, reader, _scard.SCARD_SHARE_SHARED, _scard.SCARD_PROTOCOL_T0 | _scard.SCARD_PROTOCOL_T1
        )
        if _u32(hr) != _u32(_scard.SCARD_S_SUCCESS):
            raise self._map(_u32(hr), connected=False)
        pci = _scard.SCARD_PCI_T1 if protocol == _scard.SCARD_PROTOCOL_T1 else _scard.SCARD_PCI_T0

        def transmit(command: bytes) -> bytes:
            hr, response = _scard.SCardTransmit(card, pci, list(command))
            self._check(hr, "SCardTransmit")
            if len(response) < 2:  # vpcd (and some readers) answer "success, no bytes" as the card goes
                raise _ScardFailure(_scard.SCARD_E_NOT_TRANSACTED, "SCardTransmit (empty response)")
            return bytes(response)

        client = CardClient(transmit)
        try:
            self._check(_scard.SCardBeginTransaction(card), "SCardBeginTransaction")
            try:
                return work(client)
            finally:
                self.last_apdu_count = client.apdu_count
                _scard.SCardEndTransaction(card, _scard.SCARD_LEAVE_CARD)
        except _ScardFailure as exc:
            log.info("PC/SC failure after %d APDUs: %s", client.apdu_count, exc)
            raise self._map(exc.hr, connected=True) from None
        finally:
            # LEAVE, never RESET: a failed reset of a pulled card leaves pcscd believing the slot empty
            # after the card comes back (pcsc-lite 1.9.9 with vpcd)
            _scard.SCardDisconnect(card, _scard.SCARD_LEAVE_CARD)

    def _map(self, hr: int, *, connected: bool) -> CardError:
        if hr in SERVICE_CODES:
            self._release()
            return coded(ReaderUnavailable, "reader.no_service")
        if connected and hr in REMOVED_CODES:
            return coded(CardRemoved, REMOVED)
        if hr in NO_CARD_CODES:
            return coded(NoCard, NO_CARD)
        if hr in NO_READER_CODES:
            return coded(ReaderUnavailable, "reader.disconnected")
        return coded(CardError, "reader.read_failed", detail=_scard.SCardGetErrorMessage(hr))
