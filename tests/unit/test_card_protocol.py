"""The card protocol without pcscd: the virtual card's APDUs and status words, the client, the simulated
reader (with the card pulled at each APDU), and the recorded APDU exchange replayed (golden)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.card import CardIdentity, check_card, pending_write_state, purchase_write, sign_wallet
from app.ports import CardError, CardRemoved, NoCard, ReturnWrite
from cardreader import apdu as A
from cardreader.card_client import CardClient, CardProtocolError
from cardreader.simulated import SimulatedCardReader
from cardreader.virtual_card import CardState, VirtualCard, issue_state, load_state, save_state

KEY = bytes(range(32))
ALICE = CardIdentity("SN00000000000001", "3100012345", "M000000042")
GOLDEN = Path(__file__).parents[1] / "fixtures" / "apdu" / "recharge_read_write.json"


def issued(path: Path | None = None) -> VirtualCard:
    state = issue_state(ALICE, sign_wallet(ALICE, 0, 0, KEY).mac)
    if path is not None:
        save_state(path, state)
    return VirtualCard(state, path)


def sw(card: VirtualCard, command: bytes) -> int:
    return A.split_response(card.process(command))[1]


def test_atr_is_t1_with_a_good_checksum() -> None:
    assert A.ATR == bytes.fromhex("3B80800101")


def test_status_words() -> None:
    card = issued()
    assert sw(card, A.read_binary(A.SFI_WALLET)) == A.SW_CONDITIONS  # before SELECT
    assert sw(card, bytes([0x00, 0xA4, 0x04, 0x00, 0x03, 1, 2, 3])) == A.SW_NOT_FOUND
    assert sw(card, A.select_app()) == A.SW_OK
    assert sw(card, bytes([0x00, 0xB0, 0x80 | 9, 0x00, 0x10])) == A.SW_NOT_FOUND
    assert sw(card, bytes([0x00, 0xB0, 0x80 | 2, 0x00, 0x05])) == 0x6C00 | A.WALLET_LEN
    assert sw(card, bytes([0x00, 0xB0, 0x80 | 2, 0x01, 0x0E])) == A.SW_WRONG_OFFSET
    assert sw(card, bytes([0x90, 0xB0, 0x82, 0x00, 0x0E])) == A.SW_CLA
    assert sw(card, bytes([0x00, 0x20, 0x00, 0x00])) == A.SW_INS
    assert sw(card, b"\x00\xb0") == A.SW_WRONG_LENGTH
    assert sw(card, A.load_purchase(ALICE.serial, 1, 1, bytes(8))[:-1]) == A.SW_WRONG_LENGTH
    assert sw(card, A.load_purchase("SN2", 1, 1, bytes(8))) == A.SW_SERIAL_MISMATCH
    assert sw(card, A.load_purchase(ALICE.serial, 1, 2, bytes(8))) == A.SW_WRONG_DATA  # count jumps
    assert sw(card, A.personalise(ALICE.serial, "1", "2", 0, 0, bytes(8))) == A.SW_SECURITY
    card.power_on()
    assert sw(card, A.load_purchase(ALICE.serial, 1, 1, bytes(8))) == A.SW_CONDITIONS  # reset forgets SELECT


def test_blank_card_refuses_a_purchase_and_accepts_personalisation() -> None:
    card = VirtualCard(CardState("SN7"), None)
    client = CardClient(card.process)
    image = client.read_card()
    assert (image.serial, image.customer_no, image.purchase_count) == ("SN7", "", 0)
    with pytest.raises(CardProtocolError) as err:
        client.write_wallet("SN7", 1, 1, bytes(8))
    assert err.value.sw == A.SW_CONDITIONS
    with pytest.raises(CardError):
        client.personalise("SN7", "", "", 0, 0, bytes(8))  # identity required
    client.personalise("SN7", "C1", "M1", 500, 2, b"12345678")
    assert client.read_card().customer_no == "C1"


def test_load_purchase_clears_return_write_and_persists(tmp_path: Path) -> None:
    path = tmp_path / "card.json"
    card = issued(path)
    card.state.return_write = ReturnWrite(1500, 0, "20250301093000")
    save_state(path, card.state)
    client = CardClient(card.process)
    assert client.read_card().return_write == ReturnWrite(1500, 0, "20250301093000")
    w = purchase_write(client.read_card(), 5000, KEY)
    client.write_wallet(w.serial, w.purchase_fen, w.purchase_count, w.mac)
    assert client.apdu_count == 12
    again = VirtualCard.open(path)  # the same physical card, next run
    image = CardClient(again.process).read_card()
    assert (image.purchase_fen, image.purchase_count, image.mac, image.return_write) == (5000, 1, w.mac, None)
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_rewriting_the_same_purchase_is_allowed() -> None:  # 补写卡 after a lost read-back
    client = CardClient(issued().process)
    w = purchase_write(client.read_card(), 5000, KEY)
    client.write_wallet(w.serial, w.purchase_fen, w.purchase_count, w.mac)
    client.write_wallet(w.serial, w.purchase_fen, w.purchase_count, w.mac)
    assert client.read_card().purchase_count == 1


def test_client_rejects_a_copied_identity() -> None:
    card = issued()
    card.state.serial = "SN-OTHER-CHIP"  # the identity file says ALICE.serial, the chip says otherwise

    def transmit(command: bytes) -> bytes:
        response = card.process(command)
        if command[:2] == bytes([A.CLA_ISO, A.INS_READ_BINARY]) and command[2] == 0x81:
            return A.encode_identity(ALICE.serial, ALICE.customer_no, ALICE.meter_no) + b"\x90\x00"
        return response

    with pytest.raises(CardError, match="复制"):
        CardClient(transmit).read_card()


def test_client_rejects_a_short_response() -> None:
    with pytest.raises(CardError):
        CardClient(lambda c: b"\x90").read_card()


def test_state_file_round_trip(tmp_path: Path) -> None:
    card = issued(tmp_path / "c.json")
    card.state.return_write = ReturnWrite(-5, 3, "20250301093000")
    save_state(tmp_path / "c.json", card.state)
    assert load_state(tmp_path / "c.json") == card.state
    (tmp_path / "bad.json").write_text('{"format": "other"}')
    with pytest.raises(ValueError):
        load_state(tmp_path / "bad.json")


# ---------------------------------------------------------------- the simulated reader


@pytest.fixture
def sim(tmp_path: Path) -> tuple[SimulatedCardReader, Path]:
    path = tmp_path / "card.json"
    issued(path)
    return SimulatedCardReader(), path


def test_simulated_reader_slot(sim: tuple[SimulatedCardReader, Path]) -> None:
    reader, path = sim
    seen: list[bool] = []
    reader.watch(seen.append)
    with pytest.raises(NoCard):
        reader.read_card()
    assert "没有卡" in reader.status().text
    reader.insert(path)
    assert "卡已插入" in reader.status().text
    image = reader.read_card()
    assert check_card(image, customer_no=ALICE.customer_no, master_key=KEY, retired_serials=set()).ok
    reader.remove()
    assert seen == [False, True, False]


@pytest.mark.parametrize("when", ["before", "after"])
@pytest.mark.parametrize("n", [1, 2])
def test_simulated_pull_during_write(sim: tuple[SimulatedCardReader, Path], n: int, when: str) -> None:
    reader, path = sim
    reader.insert(path)
    pending = purchase_write(reader.read_card(), 700, KEY)
    reader.pull_card_at(**{when: n})
    with pytest.raises(CardRemoved):
        reader.write_wallet(pending.serial, pending.purchase_fen, pending.purchase_count, pending.mac)
    with pytest.raises(NoCard):
        reader.read_card()
    reader.insert(path)
    state = pending_write_state(reader.read_card(), pending)
    assert state == ("on_card" if (n, when) == (2, "after") else "needs_write")


# ---------------------------------------------------------------- golden APDU exchange


def test_golden_exchange_replays_against_the_virtual_card(tmp_path: Path) -> None:
    doc = json.loads(GOLDEN.read_text(encoding="utf-8"))
    path = tmp_path / "card.json"
    path.write_text(json.dumps(doc["card_before"]), encoding="utf-8")
    card = VirtualCard.open(path)
    card.power_on()
    assert len(doc["exchanges"]) == doc["apdu_count"] == 12
    for i, (command, response) in enumerate(doc["exchanges"], 1):
        assert card.process(bytes.fromhex(command)).hex().upper() == response, f"APDU {i}: {command}"
    assert json.loads(path.read_text(encoding="utf-8")) == doc["card_after"]
