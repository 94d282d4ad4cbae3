"""app/card.py: keys, wallet MAC, the counter's check, the next purchase, the simulated meter."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.card import (
    CardIdentity,
    MeterState,
    check_card,
    derive_card_key,
    image_mac_ok,
    meter_insert,
    next_purchase,
    pending_write_state,
    purchase_write,
    sign_wallet,
    wallet_mac,
)
from app.errors import Refused
from app.ports import CardImage, ReturnWrite
from cardreader import apdu as A

KEY = bytes(range(32))
ALICE = CardIdentity("SN00000000000001", "3100012345", "M000000042")
NOW = "20250301093000"


def card(
    fen: int = 0, count: int = 0, rw: ReturnWrite | None = None, ident: CardIdentity = ALICE
) -> CardImage:
    w = sign_wallet(ident, fen, count, KEY)
    return CardImage(ident.serial, ident.customer_no, ident.meter_no, fen, count, w.mac, rw)


def check(image: CardImage, customer_no: str | None = ALICE.customer_no, retired: set[str] | None = None):
    return check_card(image, customer_no=customer_no, master_key=KEY, retired_serials=retired or set())


def test_keys_differ_per_card_and_per_master_key() -> None:
    k1 = derive_card_key(KEY, "SN1")
    assert len(k1) == 32
    assert k1 != derive_card_key(KEY, "SN2")
    assert k1 != derive_card_key(bytes(32), "SN1")
    assert k1 == derive_card_key(KEY, "SN1")
    with pytest.raises(ValueError):
        derive_card_key(b"short", "SN1")
    with pytest.raises(ValueError):
        derive_card_key(KEY, "")


def test_mac_is_8_bytes_and_covers_every_field() -> None:
    key = derive_card_key(KEY, ALICE.serial)
    base = wallet_mac(key, ALICE.serial, ALICE.customer_no, ALICE.meter_no, 5000, 3)
    assert len(base) == 8
    others = {
        wallet_mac(key, "SN00000000000002", ALICE.customer_no, ALICE.meter_no, 5000, 3),
        wallet_mac(key, ALICE.serial, "3100012346", ALICE.meter_no, 5000, 3),
        wallet_mac(key, ALICE.serial, ALICE.customer_no, "M000000043", 5000, 3),
        wallet_mac(key, ALICE.serial, ALICE.customer_no, ALICE.meter_no, 5001, 3),
        wallet_mac(key, ALICE.serial, ALICE.customer_no, ALICE.meter_no, 5000, 4),
        # the length prefixes keep field boundaries: "31000123"+"45M..." is not "3100012345"+"M..."
        wallet_mac(key, ALICE.serial, "31000123", "45M000000042", 5000, 3),
    }
    assert base not in others and len(others) == 6


@pytest.mark.parametrize("fen,count", [(-1, 0), (2**32, 0), (0, -1), (0, 2**16)])
def test_mac_rejects_values_the_card_cannot_hold(fen: int, count: int) -> None:
    with pytest.raises(ValueError):
        wallet_mac(KEY, ALICE.serial, ALICE.customer_no, ALICE.meter_no, fen, count)


def test_mac_rejects_float_money() -> None:
    with pytest.raises(TypeError):
        wallet_mac(KEY, ALICE.serial, ALICE.customer_no, ALICE.meter_no, 50.0, 1)  # type: ignore[arg-type]


@given(data=st.data())
def test_any_mutation_of_the_wallet_bytes_is_detected(data: st.DataObject) -> None:
    image = card(12345, 7, ReturnWrite(100, 7, NOW))
    raw = bytearray(A.encode_wallet(image.purchase_fen, image.purchase_count, image.mac))
    index = data.draw(st.integers(0, len(raw) - 1))
    flip = data.draw(st.integers(1, 255))
    raw[index] ^= flip
    w = A.decode_wallet(bytes(raw))
    tampered = replace(image, purchase_fen=w.purchase_fen, purchase_count=w.purchase_count, mac=w.mac)
    assert not image_mac_ok(tampered, KEY)
    assert check(tampered).code in ("bad_mac",)


@given(customer=st.text(alphabet="0123456789", min_size=1, max_size=20))
def test_identity_change_is_detected(customer: str) -> None:
    image = card(100, 1, ReturnWrite(0, 1, NOW))
    moved = replace(image, customer_no=customer)
    assert image_mac_ok(moved, KEY) == (customer == ALICE.customer_no)


def test_fresh_card_is_ok() -> None:
    result = check(card())
    assert result.ok and result.code == "ok" and result.loaded
    assert result.meter_balance_fen is None and result.message


def test_loaded_card_reports_the_meter_balance() -> None:
    result = check(card(5000, 3, ReturnWrite(1234, 3, NOW)))
    assert result.ok and result.loaded
    assert (result.meter_balance_fen, result.meter_count) == (1234, 3)


def test_negative_meter_balance_is_kept() -> None:  # a meter in overdraft (透支)
    assert check(card(5000, 3, ReturnWrite(-250, 3, NOW))).meter_balance_fen == -250


@pytest.mark.parametrize(
    "image,kwargs,code",
    [
        (CardImage("SN9", "", "", 0, 0, bytes(8), None), {}, "blank"),
        (card(), {"retired": {ALICE.serial}}, "retired"),
        (card(), {"customer_no": "3100099999"}, "wrong_customer"),
        (replace(card(5000, 1, ReturnWrite(0, 1, NOW)), purchase_fen=500000), {}, "bad_mac"),
        (replace(card(), mac=b""), {}, "bad_mac"),
        (card(5000, 3, ReturnWrite(800, 2, NOW)), {}, "meter_mismatch"),
        (card(5000, 3, ReturnWrite(800, 4, NOW)), {}, "meter_mismatch"),
        (card(5000, 3, None), {}, "not_loaded"),
    ],
)
def test_every_refusal(image: CardImage, kwargs: dict, code: str) -> None:
    result = check(image, **kwargs)
    assert not result.ok and result.code == code
    assert result.message.endswith("。") and "{" not in result.message


def test_wrong_customer_names_both() -> None:
    msg = check(card(), customer_no="3100099999").message
    assert ALICE.customer_no in msg and "3100099999" in msg


def test_lookup_by_card_skips_the_owner_check() -> None:
    assert check(card(), customer_no=None).ok


def test_next_purchase() -> None:
    assert next_purchase(card(5000, 3, ReturnWrite(0, 3, NOW)), 10000) == (10000, 4)
    for bad in (0, -1, 2**32):
        with pytest.raises(Refused):
            next_purchase(card(), bad)
    with pytest.raises(Refused):
        next_purchase(card(1, 0xFFFF, ReturnWrite(0, 0xFFFF, NOW)), 100)


def test_purchase_write_is_signed_for_this_card() -> None:
    image = card(5000, 3, ReturnWrite(0, 3, NOW))
    w = purchase_write(image, 8000, KEY)
    assert (w.serial, w.purchase_fen, w.purchase_count) == (ALICE.serial, 8000, 4)
    assert image_mac_ok(
        replace(image, purchase_fen=8000, purchase_count=4, mac=w.mac, return_write=None), KEY
    )


def test_pending_write_state() -> None:
    before = card(5000, 3, ReturnWrite(0, 3, NOW))
    pending = purchase_write(before, 8000, KEY)
    after = replace(before, purchase_fen=8000, purchase_count=4, mac=pending.mac, return_write=None)
    assert pending_write_state(before, pending) == "needs_write"
    assert pending_write_state(after, pending) == "on_card"
    assert pending_write_state(card(5000, 1), pending) == "conflict"
    assert pending_write_state(replace(before, serial="SN2"), pending) == "conflict"
    other = purchase_write(before, 9000, KEY)  # another purchase with the same count
    assert pending_write_state(replace(after, purchase_fen=9000, mac=other.mac), pending) == "conflict"


# ---------------------------------------------------------------- the simulated meter


def test_meter_loads_a_pending_purchase_once() -> None:
    meter = MeterState(ALICE.meter_no, 300, 3)
    first = meter_insert(meter, card(5000, 4, None), now=NOW, master_key=KEY)
    assert first.outcome == "loaded"
    assert first.meter == MeterState(ALICE.meter_no, 5300, 4)
    assert first.card.return_write == ReturnWrite(5300, 4, NOW)
    again = meter_insert(first.meter, first.card, now="20250302093000", master_key=KEY)
    assert again.outcome == "already_loaded" and again.meter == first.meter
    assert again.card.return_write == ReturnWrite(5300, 4, "20250302093000")
    assert check(again.card).ok


def test_meter_refuses_when_return_write_not_cleared() -> None:
    meter = MeterState(ALICE.meter_no, 300, 3)
    result = meter_insert(meter, card(5000, 4, ReturnWrite(300, 3, NOW)), now=NOW)
    assert result.outcome == "count_error" and result.meter == meter


@pytest.mark.parametrize("count", [2, 5, 9])
def test_meter_refuses_count_gaps(count: int) -> None:
    meter = MeterState(ALICE.meter_no, 300, 3)
    result = meter_insert(meter, card(5000, count, None), now=NOW)
    assert result.outcome == "count_error" and result.meter == meter
    assert result.card.return_write == ReturnWrite(300, 3, NOW)
    assert check(result.card).code == "meter_mismatch"


def test_meter_refuses_a_tampered_wallet_and_another_meters_card() -> None:
    meter = MeterState(ALICE.meter_no, 0, 0)
    forged = replace(card(100, 1, None), purchase_fen=100000)
    assert meter_insert(meter, forged, now=NOW, master_key=KEY).outcome == "bad_mac"
    stranger = card(100, 1, None, CardIdentity("SN2", "3100000001", "M999"))
    result = meter_insert(meter, stranger, now=NOW)
    assert result.outcome == "wrong_meter" and result.card == stranger


def test_meter_spends_before_loading() -> None:
    result = meter_insert(MeterState(ALICE.meter_no, 300, 3), card(5000, 4, None), now=NOW, used_fen=500)
    assert result.meter.balance_fen == 5000


def test_recharge_cycle_counter_and_meter() -> None:
    """Counter sells, meter loads, counter may sell again; selling twice without the meter is refused."""
    meter = MeterState(ALICE.meter_no)
    image = card()
    for n in range(1, 4):
        assert check(image).ok
        w = purchase_write(image, 1000 * n, KEY)
        image = replace(
            image, purchase_fen=w.purchase_fen, purchase_count=w.purchase_count, mac=w.mac, return_write=None
        )
        assert check(image).code == "not_loaded"
        inserted = meter_insert(meter, image, now=NOW, master_key=KEY)
        assert inserted.outcome == "loaded"
        meter, image = inserted.meter, inserted.card
    assert meter.balance_fen == 6000 and meter.count == 3
