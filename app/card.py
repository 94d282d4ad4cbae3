"""The prepaid IC card's rules, pure: per-card keys, the wallet MAC, what a card read means for the
counter (belongs to the customer? tampered? retired? last purchase loaded into the meter?), the next
purchase, and a simulated meter (what a State Grid style prepaid meter does on insertion).

No pyscard here: the card's bytes arrive as app.ports.CardImage from an adapter in cardreader/.
"""

from __future__ import annotations

import hashlib
import hmac
import struct
from dataclasses import dataclass, field, replace

from app.errors import Refused
from app.messages import coded, message
from app.ports import CardImage, ReturnWrite

MAX_PURCHASE_FEN = 0xFFFFFFFF  # u32 on the card
MAX_PURCHASE_COUNT = 0xFFFF  # u16 on the card
MAC_LEN = 8
SERIAL_LEN = 16  # bytes on the card (ASCII, NUL padded)
ID_FIELD_LEN = 20  # customer_no and meter_no on the card (ASCII, NUL padded)

_KEY_LABEL = b"HALLPAY-CARD-KEY-v1\x00"
_MAC_LABEL = b"HALLPAY-WALLET-v1\x00"


@dataclass(frozen=True)
class CardIdentity:
    """What a card is issued with: its chip serial, and whose meter it feeds."""

    serial: str
    customer_no: str
    meter_no: str


def _ascii_field(name: str, value: str, max_len: int) -> bytes:
    try:
        raw = value.encode("ascii")
    except UnicodeEncodeError:
        raise ValueError(f"{name} must be ASCII: {value!r}") from None
    if len(raw) > max_len or b"\x00" in raw:
        raise ValueError(f"{name} must be at most {max_len} ASCII characters without NUL: {value!r}")
    return raw


def derive_card_key(master_key: bytes, serial: str) -> bytes:
    """The card's own 32-byte key: HMAC-SHA256(master_key, label || serial)."""
    if len(master_key) < 16:
        raise ValueError("the card master key must be at least 16 bytes")
    if not serial:
        raise ValueError("a card serial is required")
    raw = _ascii_field("serial", serial, SERIAL_LEN)
    return hmac.new(master_key, _KEY_LABEL + raw, hashlib.sha256).digest()


def wallet_message(
    serial: str, customer_no: str, meter_no: str, purchase_fen: int, purchase_count: int
) -> bytes:
    """The canonical bytes the MAC covers: a label, three length-prefixed ASCII fields, u32, u16 (big endian)."""
    check_wallet_values(purchase_fen, purchase_count)
    parts = [_MAC_LABEL]
    for name, value, max_len in (
        ("serial", serial, SERIAL_LEN),
        ("customer_no", customer_no, ID_FIELD_LEN),
        ("meter_no", meter_no, ID_FIELD_LEN),
    ):
        raw = _ascii_field(name, value, max_len)
        parts.append(bytes([len(raw)]) + raw)
    parts.append(struct.pack(">IH", purchase_fen, purchase_count))
    return b"".join(parts)


def check_wallet_values(purchase_fen: int, purchase_count: int) -> None:
    if isinstance(purchase_fen, bool) or not isinstance(purchase_fen, int):
        raise TypeError("purchase_fen must be an int number of fen")
    if not 0 <= purchase_fen <= MAX_PURCHASE_FEN:
        raise ValueError(f"purchase_fen out of range: {purchase_fen}")
    if isinstance(purchase_count, bool) or not isinstance(purchase_count, int):
        raise TypeError("purchase_count must be an int")
    if not 0 <= purchase_count <= MAX_PURCHASE_COUNT:
        raise ValueError(f"purchase_count out of range: {purchase_count}")


def wallet_mac(
    card_key: bytes, serial: str, customer_no: str, meter_no: str, purchase_fen: int, purchase_count: int
) -> bytes:
    """8-byte MAC of the wallet record: the first 8 bytes of HMAC-SHA256(card_key, canonical message)."""
    msg = wallet_message(serial, customer_no, meter_no, purchase_fen, purchase_count)
    return hmac.new(card_key, msg, hashlib.sha256).digest()[:MAC_LEN]


def image_mac_ok(image: CardImage, master_key: bytes) -> bool:
    """True when the card's wallet MAC is the one this terminal key gives for the card's contents."""
    try:
        key = derive_card_key(master_key, image.serial)
        want = wallet_mac(
            key, image.serial, image.customer_no, image.meter_no, image.purchase_fen, image.purchase_count
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(want, image.mac)


# ---------------------------------------------------------------- the counter's check


@dataclass(frozen=True)
class CardCheck:
    """What a card read means for the counter. `ok` False: `code` and `message` say why to refuse.

    code: "ok", "blank", "retired", "wrong_customer", "bad_mac", "meter_mismatch", "not_loaded", and
    "owed_elsewhere" (with_owed_elsewhere: another counter owes the card a write).
    loaded: the card's last purchase is in the meter (True also for a card never bought on).
    meter_balance_fen / meter_count: what the meter wrote back (its real balance), None when cleared.
    """

    ok: bool
    code: str
    message: str
    image: CardImage
    loaded: bool
    meter_balance_fen: int | None
    meter_count: int | None
    params: dict[str, object] = field(default_factory=dict, compare=False)

    @property
    def message_code(self) -> str:
        """app/message_table.py's code of `message`: the window and the CLI say it in their language."""
        return f"card.check.{self.code}"


def is_blank(image: CardImage) -> bool:
    """A card whose identity files were never personalised (read_card gives empty customer/meter)."""
    return not image.customer_no and not image.meter_no


def check_card(
    image: CardImage, *, customer_no: str | None, master_key: bytes, retired_serials: set[str]
) -> CardCheck:
    """Decide whether the counter may sell a new purchase onto this card.

    customer_no None: the clerk has no customer yet (lookup by card); the ownership check is skipped.
    Checks, first failure wins: blank, retired serial, owner, wallet MAC, meter return-write.
    """
    rw = image.return_write
    balance = rw.remaining_fen if rw is not None else None
    mcount = rw.meter_count if rw is not None else None
    # Loaded: the meter wrote back its count equal to the card's, or nothing was ever bought.
    loaded = (rw is not None and rw.meter_count == image.purchase_count) or (
        rw is None and image.purchase_count == 0
    )

    def result(code: str) -> CardCheck:
        params: dict[str, object] = {
            "card_customer": image.customer_no,
            "customer": customer_no,
            "meter_count": mcount,
            "card_count": image.purchase_count,
        }
        text = message(f"card.check.{code}", **params)
        return CardCheck(code == "ok", code, text, image, loaded, balance, mcount, params)

    if is_blank(image):
        return result("blank")
    if image.serial in retired_serials:
        return result("retired")
    if customer_no is not None and image.customer_no != customer_no:
        return result("wrong_customer")
    if not image_mac_ok(image, master_key):
        return result("bad_mac")
    if rw is not None and rw.meter_count != image.purchase_count:
        return result("meter_mismatch")
    if not loaded:
        return result("not_loaded")
    return result("ok")


# ---------------------------------------------------------------- writing


@dataclass(frozen=True)
class WalletWrite:
    """Arguments of CardReader.write_wallet, MAC included."""

    serial: str
    purchase_fen: int
    purchase_count: int
    mac: bytes


def next_purchase(image: CardImage, amount_fen: int) -> tuple[int, int]:
    """(purchase_fen, purchase_count) of the next purchase on this card: the amount and count + 1."""
    if isinstance(amount_fen, bool) or not isinstance(amount_fen, int):
        raise TypeError("amount_fen must be an int number of fen")
    if not 0 < amount_fen <= MAX_PURCHASE_FEN:
        raise coded(Refused, "card.amount_range")
    if image.purchase_count >= MAX_PURCHASE_COUNT:
        raise coded(Refused, "card.count_full")
    return amount_fen, image.purchase_count + 1


def sign_wallet(
    identity: CardIdentity, purchase_fen: int, purchase_count: int, master_key: bytes
) -> WalletWrite:
    """The wallet write (with its MAC) for this card, amount and count."""
    key = derive_card_key(master_key, identity.serial)
    mac = wallet_mac(
        key, identity.serial, identity.customer_no, identity.meter_no, purchase_fen, purchase_count
    )
    return WalletWrite(identity.serial, purchase_fen, purchase_count, mac)


def purchase_write(image: CardImage, amount_fen: int, master_key: bytes) -> WalletWrite:
    """next_purchase + sign_wallet: what to record as pending and then pass to write_wallet."""
    fen, count = next_purchase(image, amount_fen)
    return sign_wallet(CardIdentity(image.serial, image.customer_no, image.meter_no), fen, count, master_key)


def pending_write_state(image: CardImage, pending: WalletWrite) -> str:
    """Where a recorded-but-unconfirmed write stands on the card now read (for 补写卡).

    "on_card": the card already holds exactly this purchase (the write landed, read-back was lost):
               record it as written, write nothing.
    "needs_write": the card is one purchase behind: write the same purchase again.
    "conflict": anything else (another card, another purchase): refuse and call a supervisor.
    """
    if image.serial != pending.serial:
        return "conflict"
    if (image.purchase_count, image.purchase_fen, image.mac) == (
        pending.purchase_count,
        pending.purchase_fen,
        pending.mac,
    ):
        return "on_card"
    if image.purchase_count + 1 == pending.purchase_count:
        return "needs_write"
    return "conflict"


@dataclass(frozen=True)
class OwedWrite:
    """A card purchase another counter sold and still owes the card (its write pending there), as pulled from
    head office's journal (db/central/pull_cards.py): only that counter holds its MAC and may finish it."""

    receipt_no: str
    terminal_id: str
    entry_id: str
    serial: str
    customer_no: str
    purchase_count: int
    purchase_fen: int


def owed_before(image: CardImage, owed: list[OwedWrite], own_terminal: str) -> OwedWrite | None:
    """The first purchase another counter owes this card and the card does not hold yet, or None.

    The card's count is the proof: once it reached the purchase's count, the write landed (or the card moved
    on past it), whatever the pulled row still says; a purchase sold here over it would take the same count."""
    behind = [
        w
        for w in owed
        if w.terminal_id != own_terminal
        and w.serial == image.serial
        and w.purchase_count > image.purchase_count
    ]
    return min(behind, key=lambda w: w.purchase_count, default=None)


def with_owed_elsewhere(check: CardCheck, owed: list[OwedWrite], own_terminal: str) -> CardCheck:
    """The check, refused (`owed_elsewhere`) when another counter owes this card a purchase it does not hold:
    a sale here would take that purchase's count, and the owing counter's 补写卡 would then be refused for good.
    Said before `not_loaded`: the customer must go back to that counter either way."""
    first = owed_before(check.image, owed, own_terminal) if check.code in ("ok", "not_loaded") else None
    if first is None:
        return check
    params: dict[str, object] = {
        **check.params,
        "terminal_id": first.terminal_id,
        "purchase_count": first.purchase_count,
        "amount_fen": first.purchase_fen,
        "receipt_no": first.receipt_no,
    }
    text = message("card.check.owed_elsewhere", **params)
    return replace(check, ok=False, code="owed_elsewhere", message=text, params=params)


# ---------------------------------------------------------------- the simulated meter


@dataclass(frozen=True)
class MeterState:
    """A prepaid meter's own memory: its number, remaining balance and count of loaded purchases."""

    meter_no: str
    balance_fen: int = 0
    count: int = 0


@dataclass(frozen=True)
class MeterInsert:
    """What a card insertion did. outcome: "loaded", "already_loaded", "wrong_meter", "bad_mac", "count_error"."""

    meter: MeterState
    card: CardImage
    outcome: str


def meter_insert(
    meter: MeterState, card: CardImage, *, now: str, master_key: bytes | None = None, used_fen: int = 0
) -> MeterInsert:
    """Insert the card into the meter, as the firmware would.

    The meter first spends `used_fen` (electricity used since the last insertion, down to zero), then loads
    the card's purchase only when the card's count == its own count + 1 and the return-write area is
    cleared. Equal counts mean already loaded. On every insertion of its own card it fills the return-write
    area with its balance, its count and `now` (YYYYMMDDHHMMSS). A card for another meter is left untouched.
    With `master_key`, a wallet whose MAC fails is not loaded (the ESAM check).
    """
    if len(now) != 14 or not now.isdigit():
        raise ValueError(f"now must be 14 digits YYYYMMDDHHMMSS: {now!r}")
    if card.meter_no != meter.meter_no:
        return MeterInsert(meter, card, "wrong_meter")
    meter = replace(meter, balance_fen=max(0, meter.balance_fen - used_fen))
    outcome = "count_error"
    if card.purchase_count == meter.count:
        outcome = "already_loaded"
    elif card.purchase_count == meter.count + 1 and card.return_write is None:
        if master_key is not None and not image_mac_ok(card, master_key):
            outcome = "bad_mac"
        else:
            meter = MeterState(meter.meter_no, meter.balance_fen + card.purchase_fen, card.purchase_count)
            outcome = "loaded"
    card = replace(card, return_write=ReturnWrite(meter.balance_fen, meter.count, now))
    return MeterInsert(meter, card, outcome)
