"""The HallPay card application's wire format (see APDU.md): AID, instructions, status words, and the
byte layout of the three files. Shared by the card client (the counter's side) and the virtual card.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from app.ports import ReturnWrite

AID = bytes.fromhex("F048414C4C504159")  # F0 || "HALLPAY"
# T=1 ATR: TS=3B, T0=80 (TD1, no historical bytes), TD1=80 (TD2, T=0), TD2=01 (T=1), TCK = xor(T0..TD2)
ATR = bytes.fromhex("3B808001") + bytes([0x80 ^ 0x80 ^ 0x01])

CLA_ISO = 0x00
CLA_PROP = 0x80
INS_SELECT = 0xA4
INS_READ_BINARY = 0xB0
INS_GET_SERIAL = 0xCA
INS_PERSONALISE = 0x50
INS_LOAD_PURCHASE = 0x52

SFI_IDENTITY = 1
SFI_WALLET = 2
SFI_RETURN_WRITE = 3

SERIAL_LEN = 16
ID_LEN = 20
IDENTITY_LEN = SERIAL_LEN + 2 * ID_LEN  # 56
WALLET_LEN = 4 + 2 + 8  # purchase fen u32, count u16, MAC 8  = 14
RETURN_WRITE_LEN = 4 + 2 + 14  # remaining fen i32, meter count u16, time 14 ASCII digits = 20
FILE_LEN = {SFI_IDENTITY: IDENTITY_LEN, SFI_WALLET: WALLET_LEN, SFI_RETURN_WRITE: RETURN_WRITE_LEN}

SW_OK = 0x9000
SW_WRONG_LENGTH = 0x6700
SW_SECURITY = 0x6982  # PERSONALISE on a card already issued
SW_CONDITIONS = 0x6985  # application not selected, or LOAD PURCHASE on a blank card
SW_WRONG_DATA = 0x6A80  # bad field values (count not current or current + 1, non-ASCII id)
SW_NOT_FOUND = 0x6A82  # unknown AID or file
SW_WRONG_P1P2 = 0x6A86
SW_SERIAL_MISMATCH = 0x6A88  # the serial in the command is not this card's
SW_WRONG_OFFSET = 0x6B00
SW_INS = 0x6D00
SW_CLA = 0x6E00
SW_INTERNAL = 0x6F00


class FormatError(ValueError):
    """Bytes that do not follow the layout in APDU.md."""


def pad(text: str, length: int) -> bytes:
    raw = text.encode("ascii")
    if len(raw) > length or b"\x00" in raw:
        raise FormatError(f"field too long or not ASCII: {text!r}")
    return raw.ljust(length, b"\x00")


def unpad(raw: bytes) -> str:
    text = raw.rstrip(b"\x00")
    if b"\x00" in text:
        raise FormatError("NUL inside a text field")
    try:
        return text.decode("ascii")
    except UnicodeDecodeError:
        raise FormatError("text field is not ASCII") from None


@dataclass(frozen=True)
class Wallet:
    purchase_fen: int
    purchase_count: int
    mac: bytes


def encode_identity(serial: str, customer_no: str, meter_no: str) -> bytes:
    return pad(serial, SERIAL_LEN) + pad(customer_no, ID_LEN) + pad(meter_no, ID_LEN)


def decode_identity(raw: bytes) -> tuple[str, str, str]:
    if len(raw) != IDENTITY_LEN:
        raise FormatError(f"identity file is {len(raw)} bytes, not {IDENTITY_LEN}")
    return (
        unpad(raw[:SERIAL_LEN]),
        unpad(raw[SERIAL_LEN : SERIAL_LEN + ID_LEN]),
        unpad(raw[SERIAL_LEN + ID_LEN :]),
    )


def encode_wallet(purchase_fen: int, purchase_count: int, mac: bytes) -> bytes:
    if len(mac) != 8:
        raise FormatError("the wallet MAC is 8 bytes")
    try:
        return struct.pack(">IH", purchase_fen, purchase_count) + mac
    except struct.error as exc:
        raise FormatError(f"wallet value out of range: {exc}") from None


def decode_wallet(raw: bytes) -> Wallet:
    if len(raw) != WALLET_LEN:
        raise FormatError(f"wallet record is {len(raw)} bytes, not {WALLET_LEN}")
    fen, count = struct.unpack(">IH", raw[:6])
    return Wallet(fen, count, bytes(raw[6:]))


def encode_return_write(rw: ReturnWrite | None) -> bytes:
    if rw is None:
        return bytes(RETURN_WRITE_LEN)
    if len(rw.written_at) != 14 or not rw.written_at.isdigit():
        raise FormatError(f"return-write time must be 14 digits: {rw.written_at!r}")
    try:
        return struct.pack(">iH", rw.remaining_fen, rw.meter_count) + rw.written_at.encode("ascii")
    except struct.error as exc:
        raise FormatError(f"return-write value out of range: {exc}") from None


def decode_return_write(raw: bytes) -> ReturnWrite | None:
    if len(raw) != RETURN_WRITE_LEN:
        raise FormatError(f"return-write area is {len(raw)} bytes, not {RETURN_WRITE_LEN}")
    if raw == bytes(RETURN_WRITE_LEN):
        return None
    remaining, count = struct.unpack(">iH", raw[:6])
    when = raw[6:]
    if not when.isdigit():
        raise FormatError("return-write time is not 14 ASCII digits")
    return ReturnWrite(remaining, count, when.decode("ascii"))


# ---------------------------------------------------------------- command builders (the counter's side)


def select_app() -> bytes:
    return bytes([CLA_ISO, INS_SELECT, 0x04, 0x00, len(AID)]) + AID


def get_serial() -> bytes:
    return bytes([CLA_PROP, INS_GET_SERIAL, 0x00, 0x00, SERIAL_LEN])


def read_binary(sfi: int) -> bytes:
    return bytes([CLA_ISO, INS_READ_BINARY, 0x80 | sfi, 0x00, FILE_LEN[sfi]])


def load_purchase(serial: str, purchase_fen: int, purchase_count: int, mac: bytes) -> bytes:
    data = pad(serial, SERIAL_LEN) + encode_wallet(purchase_fen, purchase_count, mac)
    return bytes([CLA_PROP, INS_LOAD_PURCHASE, 0x00, 0x00, len(data)]) + data


def personalise(
    serial: str, customer_no: str, meter_no: str, purchase_fen: int, purchase_count: int, mac: bytes
) -> bytes:
    data = encode_identity(serial, customer_no, meter_no) + encode_wallet(purchase_fen, purchase_count, mac)
    return bytes([CLA_PROP, INS_PERSONALISE, 0x00, 0x00, len(data)]) + data


def split_response(resp: bytes) -> tuple[bytes, int]:
    if len(resp) < 2:
        raise FormatError(f"response of {len(resp)} bytes has no status word")
    return bytes(resp[:-2]), (resp[-2] << 8) | resp[-1]
