"""app.ports.CardReader for demo mode and unit tests: an in-process reader holding a VirtualCard, no pcscd.
The card is driven through the same CardClient (APDUs and all) as the PC/SC reader.

insert(path) puts the card stored in that JSON file into the reader; remove() pulls it out.
pull_card_at(before=N) / pull_card_at(after=N) pull the card at the Nth APDU of the next operation,
like a customer snatching it mid-write.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from app.messages import coded
from app.ports import CardImage, CardRemoved, NoCard, ReaderStatus
from cardreader.card_client import NO_CARD, REMOVED, CardClient
from cardreader.virtual_card import VirtualCard

T = TypeVar("T")


class SimulatedCardReader:
    def __init__(self, name: str = "模拟读卡器") -> None:
        self.name = name
        self.last_apdu_count = 0
        self._card: VirtualCard | None = None
        self._lock = threading.RLock()
        self._pull_before: int | None = None
        self._pull_after: int | None = None
        self._callbacks: list[Callable[[bool], None]] = []

    # ------------------------------------------------------------ the card slot

    def insert(self, card_path: Path) -> None:
        with self._lock:
            card = VirtualCard.open(Path(card_path))
            card.power_on()
            self._card = card
        self._notify(True)

    def insert_card(self, card: VirtualCard) -> None:
        with self._lock:
            card.power_on()
            self._card = card
        self._notify(True)

    def remove(self) -> None:
        with self._lock:
            had = self._card is not None
            self._card = None
        if had:
            self._notify(False)

    @property
    def card(self) -> VirtualCard | None:
        return self._card

    def pull_card_at(self, *, before: int | None = None, after: int | None = None) -> None:
        """Fault injection for the next operation: pull the card before/after its Nth APDU (1-based)."""
        self._pull_before, self._pull_after = before, after

    def watch(self, callback: Callable[[bool], None], interval_s: float = 0.3) -> None:
        """Call callback(present) now and on every insert/remove (same shape as PcscCardReader.watch)."""
        self._callbacks.append(callback)
        callback(self._card is not None)

    def stop_watching(self) -> None:
        self._callbacks.clear()

    def close(self) -> None:
        self.stop_watching()

    def _notify(self, present: bool) -> None:
        for cb in list(self._callbacks):
            cb(present)

    # ------------------------------------------------------------ the port

    def status(self) -> ReaderStatus:
        return ReaderStatus.ready(self.name, self._card is not None)

    def read_card(self) -> CardImage:
        return self._run(lambda c: c.read_card())

    def write_wallet(self, serial: str, purchase_fen: int, purchase_count: int, mac: bytes) -> None:
        self._run(lambda c: c.write_wallet(serial, purchase_fen, purchase_count, mac))

    def personalise(
        self, serial: str, customer_no: str, meter_no: str, purchase_fen: int, purchase_count: int, mac: bytes
    ) -> None:
        self._run(lambda c: c.personalise(serial, customer_no, meter_no, purchase_fen, purchase_count, mac))

    def _run(self, work: Callable[[CardClient], T]) -> T:
        with self._lock:
            card = self._card
            if card is None:
                raise coded(NoCard, NO_CARD)
            before, after = self._pull_before, self._pull_after
            self._pull_before = self._pull_after = None
            count = 0

            def transmit(command: bytes) -> bytes:
                nonlocal count
                count += 1
                if self._card is None:
                    raise coded(CardRemoved, REMOVED)
                if before == count:
                    self._card = None
                    raise coded(CardRemoved, REMOVED)
                response = card.process(command)
                if after == count:
                    self._card = None
                    raise coded(CardRemoved, REMOVED)
                return response

            client = CardClient(transmit)
            try:
                return work(client)
            finally:
                self.last_apdu_count = client.apdu_count
                if self._card is None:
                    self._notify(False)
