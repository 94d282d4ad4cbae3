"""The HallPay card application as an APDU processor over a JSON file: the same file is the same physical
card from one run to the next. Used by the vpcd link (tests, training through pcscd) and by the in-process
simulator (demo mode). Every change is written to a temporary file, fsynced and renamed over the old one,
so a card pulled (or a process killed) mid-write holds either the old state or the new one, never a mix,
as a real card's transaction buffer guarantees.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app import durable
from app.card import CardIdentity, MeterState
from app.ports import CardImage, ReturnWrite
from cardreader import apdu as A

log = logging.getLogger(__name__)

FORMAT = "hallpay-virtual-card/1"


@dataclass
class CardState:
    """The chip's memory. `meter` is the simulated meter of `card-sim --meter-insert`, riding along."""

    serial: str
    customer_no: str = ""  # "" while blank (not personalised)
    meter_no: str = ""
    purchase_fen: int = 0
    purchase_count: int = 0
    mac: bytes = bytes(8)
    return_write: ReturnWrite | None = None
    meter: MeterState | None = None

    @property
    def personalised(self) -> bool:
        return bool(self.customer_no or self.meter_no)

    def image(self) -> CardImage:
        return CardImage(
            self.serial,
            self.customer_no,
            self.meter_no,
            self.purchase_fen,
            self.purchase_count,
            self.mac,
            self.return_write,
        )

    def to_json(self) -> dict[str, Any]:
        rw = self.return_write
        return {
            "format": FORMAT,
            "serial": self.serial,
            "customer_no": self.customer_no,
            "meter_no": self.meter_no,
            "wallet": {
                "purchase_fen": self.purchase_fen,
                "purchase_count": self.purchase_count,
                "mac": self.mac.hex(),
            },
            "return_write": None
            if rw is None
            else {
                "remaining_fen": rw.remaining_fen,
                "meter_count": rw.meter_count,
                "written_at": rw.written_at,
            },
            "meter": None
            if self.meter is None
            else {
                "meter_no": self.meter.meter_no,
                "balance_fen": self.meter.balance_fen,
                "count": self.meter.count,
            },
        }

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> CardState:
        if doc.get("format") != FORMAT:
            raise ValueError(f"not a HallPay virtual card file (format {doc.get('format')!r})")
        w = doc["wallet"]
        rw = doc.get("return_write")
        m = doc.get("meter")
        return cls(
            serial=doc["serial"],
            customer_no=doc.get("customer_no", ""),
            meter_no=doc.get("meter_no", ""),
            purchase_fen=int(w["purchase_fen"]),
            purchase_count=int(w["purchase_count"]),
            mac=bytes.fromhex(w["mac"]),
            return_write=None
            if rw is None
            else ReturnWrite(int(rw["remaining_fen"]), int(rw["meter_count"]), str(rw["written_at"])),
            meter=None if m is None else MeterState(m["meter_no"], int(m["balance_fen"]), int(m["count"])),
        )


def load_state(path: Path) -> CardState:
    return CardState.from_json(json.loads(Path(path).read_text(encoding="utf-8")))


def save_state(path: Path, state: CardState) -> None:
    """Atomic and durable (app/durable.py): the card holds the old image or the new one after a cut."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    durable.write_text(path, json.dumps(state.to_json(), indent=2, ensure_ascii=False) + "\n")


def issue_state(
    identity: CardIdentity, mac: bytes, *, purchase_fen: int = 0, purchase_count: int = 0
) -> CardState:
    """A card as the card factory + issuing office deliver it (for card-sim and tests)."""
    return CardState(
        identity.serial, identity.customer_no, identity.meter_no, purchase_fen, purchase_count, mac
    )


def _sw(sw: int, data: bytes = b"") -> bytes:
    return data + bytes([sw >> 8, sw & 0xFF])


@dataclass
class VirtualCard:
    """Processes one APDU at a time against the card file at `path` (or in memory when path is None)."""

    state: CardState
    path: Path | None = None
    selected: bool = False
    log_apdus: list[tuple[bytes, bytes]] = field(default_factory=list)
    record: bool = False

    @classmethod
    def open(cls, path: Path) -> VirtualCard:
        return cls(load_state(path), Path(path))

    def power_on(self) -> None:
        """Power on / reset: the chip forgets its selected application."""
        self.selected = False

    def process(self, command: bytes) -> bytes:
        response = self._process(bytes(command))
        if self.record:
            self.log_apdus.append((bytes(command), response))
        return response

    def _commit(self, new: CardState) -> None:
        if self.path is not None:
            save_state(self.path, new)
        self.state = new

    def _process(self, c: bytes) -> bytes:
        if len(c) < 4:
            return _sw(A.SW_WRONG_LENGTH)
        cla, ins, p1, p2 = c[0], c[1], c[2], c[3]
        body = c[4:]
        if cla not in (A.CLA_ISO, A.CLA_PROP):
            return _sw(A.SW_CLA)
        handler = {
            (A.CLA_ISO, A.INS_SELECT): self._select,
            (A.CLA_ISO, A.INS_READ_BINARY): self._read_binary,
            (A.CLA_PROP, A.INS_GET_SERIAL): self._get_serial,
            (A.CLA_PROP, A.INS_LOAD_PURCHASE): self._load_purchase,
            (A.CLA_PROP, A.INS_PERSONALISE): self._personalise,
        }.get((cla, ins))
        if handler is None:
            return _sw(A.SW_INS)
        return handler(p1, p2, body)

    @staticmethod
    def _data(body: bytes, length: int) -> bytes | None:
        """Case 3 body: Lc then exactly Lc bytes, Lc must be `length`."""
        if len(body) != 1 + length or body[0] != length:
            return None
        return body[1:]

    def _select(self, p1: int, p2: int, body: bytes) -> bytes:
        if (p1, p2) != (0x04, 0x00):
            return _sw(A.SW_WRONG_P1P2)
        if not body or len(body) not in (1 + body[0], 2 + body[0]):
            return _sw(A.SW_WRONG_LENGTH)
        if body[1 : 1 + body[0]] != A.AID:
            self.selected = False
            return _sw(A.SW_NOT_FOUND)
        self.selected = True
        return _sw(A.SW_OK)

    def _get_serial(self, p1: int, p2: int, body: bytes) -> bytes:
        if (p1, p2) != (0, 0):
            return _sw(A.SW_WRONG_P1P2)
        if len(body) != 1 or body[0] not in (0, A.SERIAL_LEN):
            return _sw(A.SW_WRONG_LENGTH)
        return _sw(A.SW_OK, A.pad(self.state.serial, A.SERIAL_LEN))

    def _file(self, sfi: int) -> bytes:
        s = self.state
        if sfi == A.SFI_IDENTITY:
            if not s.personalised:
                return bytes(A.IDENTITY_LEN)
            return A.encode_identity(s.serial, s.customer_no, s.meter_no)
        if sfi == A.SFI_WALLET:
            return A.encode_wallet(s.purchase_fen, s.purchase_count, s.mac)
        return A.encode_return_write(s.return_write)

    def _read_binary(self, p1: int, p2: int, body: bytes) -> bytes:
        if not self.selected:
            return _sw(A.SW_CONDITIONS)
        if not p1 & 0x80:
            return _sw(A.SW_WRONG_P1P2)
        sfi = p1 & 0x1F
        if sfi not in A.FILE_LEN:
            return _sw(A.SW_NOT_FOUND)
        if p2 != 0:
            return _sw(A.SW_WRONG_OFFSET)
        if len(body) != 1:
            return _sw(A.SW_WRONG_LENGTH)
        data = self._file(sfi)
        if body[0] not in (0, len(data)):
            return _sw(0x6C00 | len(data))  # wrong Le: here is the right one
        return _sw(A.SW_OK, data)

    def _load_purchase(self, p1: int, p2: int, body: bytes) -> bytes:
        if not self.selected:
            return _sw(A.SW_CONDITIONS)
        if (p1, p2) != (0, 0):
            return _sw(A.SW_WRONG_P1P2)
        data = self._data(body, A.SERIAL_LEN + A.WALLET_LEN)
        if data is None:
            return _sw(A.SW_WRONG_LENGTH)
        s = self.state
        if data[: A.SERIAL_LEN] != A.pad(s.serial, A.SERIAL_LEN):
            return _sw(A.SW_SERIAL_MISMATCH)
        if not s.personalised:
            return _sw(A.SW_CONDITIONS)
        w = A.decode_wallet(data[A.SERIAL_LEN :])
        if w.purchase_count not in (s.purchase_count, s.purchase_count + 1):
            return _sw(A.SW_WRONG_DATA)
        new = CardState(
            s.serial, s.customer_no, s.meter_no, w.purchase_fen, w.purchase_count, w.mac, None, s.meter
        )
        self._commit(new)
        return _sw(A.SW_OK)

    def _personalise(self, p1: int, p2: int, body: bytes) -> bytes:
        if not self.selected:
            return _sw(A.SW_CONDITIONS)
        if (p1, p2) != (0, 0):
            return _sw(A.SW_WRONG_P1P2)
        data = self._data(body, A.IDENTITY_LEN + A.WALLET_LEN)
        if data is None:
            return _sw(A.SW_WRONG_LENGTH)
        s = self.state
        try:
            serial, customer_no, meter_no = A.decode_identity(data[: A.IDENTITY_LEN])
        except A.FormatError:
            return _sw(A.SW_WRONG_DATA)
        if serial != s.serial:
            return _sw(A.SW_SERIAL_MISMATCH)
        if s.personalised:
            return _sw(A.SW_SECURITY)
        if not customer_no or not meter_no:
            return _sw(A.SW_WRONG_DATA)
        w = A.decode_wallet(data[A.IDENTITY_LEN :])
        self._commit(
            CardState(serial, customer_no, meter_no, w.purchase_fen, w.purchase_count, w.mac, None, s.meter)
        )
        return _sw(A.SW_OK)
