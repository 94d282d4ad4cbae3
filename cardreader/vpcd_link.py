"""Plugs a VirtualCard into vpcd, the virtual smart-card reader driver of pcscd (vsmartcard).

The wire (measured against Debian's vpcd): TCP to 127.0.0.1:35963 (second reader 35964); each message,
both ways, is a 2-byte big-endian length and a payload. A 1-byte payload is a control: 0 power off,
1 power on, 2 reset, 4 get ATR (only 4 is answered, with the ATR). Longer payloads are APDUs, answered
with the response APDU. Connecting inserts the card; closing the socket removes it.

TCP_QUICKACK is set before every recv: without it the delayed ACK costs ~44 ms per APDU.
Any internal failure closes the socket (a card that never answers would hang pyscard's transmit forever).
Fault injection: drop_before / drop_after pull the card before or after processing the Nth APDU (1-based).
"""

from __future__ import annotations

import logging
import select
import socket
import struct
import threading
from dataclasses import dataclass

from cardreader import apdu as A
from cardreader.virtual_card import VirtualCard

log = logging.getLogger(__name__)

DEFAULT_PORT = 35963
CTRL_POWER_OFF, CTRL_POWER_ON, CTRL_RESET, CTRL_ATR = 0, 1, 2, 4


@dataclass
class Faults:
    """Pull the card when the Nth APDU of this insertion arrives (before) or once it is processed (after)."""

    drop_before: int | None = None
    drop_after: int | None = None


class VpcdLink:
    """One insertion of the card into vpcd: connect() inserts, serve() answers until removed."""

    def __init__(
        self,
        card: VirtualCard,
        host: str = "127.0.0.1",
        port: int = DEFAULT_PORT,
        faults: Faults | None = None,
    ) -> None:
        self.card = card
        self.host = host
        self.port = port
        self.faults = faults or Faults()
        self.apdus = 0
        self._sock: socket.socket | None = None
        self._closed = threading.Event()

    def connect(self, timeout: float = 2.0) -> None:
        sock = socket.create_connection((self.host, self.port), timeout=timeout)
        sock.settimeout(None)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._sock = sock
        self.card.power_on()

    def remove(self) -> None:
        """Pull the card (from any thread)."""
        self._closed.set()
        sock = self._sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def _recv_exact(self, n: int, stop: threading.Event | None) -> bytes | None:
        sock = self._sock
        assert sock is not None
        buf = b""
        while len(buf) < n:
            if self._closed.is_set() or (stop is not None and stop.is_set()):
                return None
            ready, _, _ = select.select([sock], [], [], 0.2)
            if not ready:
                continue
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
            chunk = sock.recv(n - len(buf))
            if not chunk:
                return None
            buf += chunk
        return buf

    def _send(self, payload: bytes) -> None:
        assert self._sock is not None
        self._sock.sendall(struct.pack(">H", len(payload)) + payload)

    def serve(self, stop: threading.Event | None = None) -> str:
        """Answer vpcd until the card is removed. Returns why: "removed", "vpcd_closed", "dropped", "error"."""
        try:
            return self._serve(stop)
        except OSError as exc:
            if self._closed.is_set() or (stop is not None and stop.is_set()):
                return "removed"
            log.info("vpcd connection lost: %s", exc)
            return "vpcd_closed"
        except Exception:
            log.exception("virtual card failed; pulling it out of the reader")
            return "error"
        finally:
            self.close()

    def _serve(self, stop: threading.Event | None) -> str:
        while True:
            head = self._recv_exact(2, stop)
            if head is None:
                return (
                    "removed"
                    if self._closed.is_set() or (stop is not None and stop.is_set())
                    else "vpcd_closed"
                )
            (length,) = struct.unpack(">H", head)
            payload = self._recv_exact(length, stop) if length else b""
            if payload is None:
                return "removed" if self._closed.is_set() else "vpcd_closed"
            if length == 1:
                ctrl = payload[0]
                if ctrl == CTRL_ATR:
                    self._send(A.ATR)
                elif ctrl in (CTRL_POWER_ON, CTRL_RESET, CTRL_POWER_OFF):
                    self.card.power_on()
                continue
            self.apdus += 1
            if self.faults.drop_before == self.apdus:
                log.info("fault injection: card pulled before APDU %d", self.apdus)
                return "dropped"
            response = self.card.process(payload)
            if self.faults.drop_after == self.apdus:
                log.info("fault injection: card pulled after APDU %d", self.apdus)
                return "dropped"
            self._send(response)

    def close(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            try:
                sock.close()
            except OSError:
                pass


class InsertedCard:
    """A card inserted into vpcd and served on a background thread, until remove() (tests, the simulator)."""

    def __init__(self, card: VirtualCard, port: int = DEFAULT_PORT, faults: Faults | None = None) -> None:
        self.link = VpcdLink(card, port=port, faults=faults)
        self.link.connect()
        self.outcome: str | None = None
        self._thread = threading.Thread(target=self._run, name="vpcd-card", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        self.outcome = self.link.serve()

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def remove(self, timeout: float = 5.0) -> str | None:
        self.link.remove()
        self._thread.join(timeout)
        return self.outcome
