"""The recharge service on a demo terminal with the in-process simulated reader (the same APDUs as PC/SC)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from app.errors import Refused
from app.journal import Kind
from app.model import Method
from app.ports import CardError
from app.services.card_replace import ReplaceRequest, replace_card
from app.services.card_view import read_card_view
from app.services.recharge import recharge
from app.services.reversal import ReversalRequest, reverse
from app.services.verify import verify_local
from cardreader.factory import ensure_master_key
from cardreader.simulated import SimulatedCardReader
from cardreader.virtual_card import load_state
from tests.recharge_helpers import (
    LI,
    PullAcross,
    blank_card,
    card_key,
    issue_card,
    meter,
    money_rows,
    pending,
    purchases,
    req,
    tamper,
    written,
)

DAY_REPORT_KEYS = {
    "shift_id",
    "method",
    "reference",
    "amount_fen",
    "tendered_fen",
    "change_fen",
    "balance_before_fen",
    "balance_after_fen",
    "customer_no",
    "receipt_no",
}


@pytest.fixture
def key(terminal: Any) -> bytes:
    return card_key(terminal)


@pytest.fixture
def card(tmp_path: Path, key: bytes) -> Path:
    return issue_card(tmp_path / "li.json", key)


@pytest.fixture
def reader(card: Path) -> SimulatedCardReader:
    r = SimulatedCardReader()
    r.insert(card)
    return r


def test_recharge_writes_the_card_and_records_purchase_then_written(
    terminal: Any, key: bytes, card: Path, reader: SimulatedCardReader
) -> None:
    result = recharge(terminal.ctx, reader, key, req(100_00, tendered_fen=200_00))
    assert (result.card_state, result.purchase_count, result.card_message) == ("written", 1, "")
    state = load_state(card)
    assert (state.purchase_fen, state.purchase_count, state.return_write) == (100_00, 1, None)
    [p] = purchases(terminal)
    assert DAY_REPORT_KEYS <= set(p.payload) and p.payload["change_fen"] == 100_00
    assert p.payload["purchase_count"] == 1 and p.payload["serial"] == state.serial
    [w] = written(terminal)
    assert w.payload["receipt_no"] == result.receipt.receipt_no == p.payload["receipt_no"]
    assert w.payload["shift_id"] == p.payload["shift_id"] and w.seq > p.seq
    r = result.receipt
    assert (r.kind, r.card_purchase_count, r.card_amount_fen, r.meter_no) == (
        "card_purchase",
        1,
        100_00,
        "M1000000003",
    )
    with terminal.store.uow() as uow:
        stored = uow.receipts.get(r.receipt_no)
        assert stored is not None and stored.kind == Kind.CARD_PURCHASE and stored.amount_fen == 100_00
        assert uow.cards.write_for(r.receipt_no).state == "written"
    assert pending(terminal) == []
    assert verify_local(terminal.ctx).ok


def test_meter_balance_from_return_write_is_journalled_and_limits_the_hoard(
    terminal: Any, key: bytes, card: Path, reader: SimulatedCardReader
) -> None:
    recharge(terminal.ctx, reader, key, req(4000_00))
    reader.remove()
    assert meter(card, key) == "loaded"
    reader.insert(card)
    view = read_card_view(terminal.ctx, reader, key, "C01", LI)
    assert view.check.ok and view.check.meter_balance_fen == 4000_00
    assert view.hoard_fen == 4000_00 and view.max_amount_fen == 5000_00  # single limit 5000, hoard 10000
    with terminal.store.uow() as uow:
        uow.settings.set_policy_values({"card.max_hoard_fen": "800000"})
        uow.commit()
    assert read_card_view(terminal.ctx, reader, key, "C01", LI).max_amount_fen == 4000_00
    before = money_rows(terminal)
    with pytest.raises(Refused, match="囤积上限.*最多可购 4,000.00 元"):
        recharge(terminal.ctx, reader, key, req(4000_01))
    assert money_rows(terminal) == before
    second = recharge(terminal.ctx, reader, key, req(4000_00))
    assert second.purchase_count == 2 and second.meter_balance_fen == 4000_00
    p = purchases(terminal)[-1].payload
    assert (p["meter_balance_fen"], p["meter_count"]) == (4000_00, 1) and len(p["meter_time"]) == 14


@pytest.mark.parametrize(
    "case",
    ["not_loaded", "wrong_customer", "bad_mac", "retired", "single_limit", "postpaid", "no_shift", "blank"],
)
def test_each_refusal_says_one_sentence_and_changes_nothing(
    terminal: Any, key: bytes, card: Path, reader: SimulatedCardReader, tmp_path: Path, case: str
) -> None:
    request = req(100_00)
    expect = {
        "not_loaded": "尚未插入电表",
        "wrong_customer": "不是当前办理的用户",
        "bad_mac": "校验失败",
        "retired": "挂失作废",
        "single_limit": "单次购电不能超过",
        "postpaid": "不是费控",
        "no_shift": "没有已开的班次",
        "blank": "空白卡",
    }[case]
    if case == "not_loaded":
        recharge(terminal.ctx, reader, key, req(10_00))
    elif case == "wrong_customer":
        reader.remove()
        reader.insert(issue_card(tmp_path / "other.json", key, customer_no="3100099999", meter_no="M9"))
    elif case == "bad_mac":
        reader.remove()
        tamper(card)
        reader.insert(card)
    elif case == "retired":
        read_card_view(terminal.ctx, reader, key, "C01", LI)  # the counter has seen this card
        reader.remove()
        reader.insert(blank_card(tmp_path / "blank.json", "BLANK00000000001"))
        replace_card(terminal.ctx, reader, key, ReplaceRequest(LI, "C01"))
        reader.remove()
        reader.insert(card)
    elif case == "single_limit":
        request = req(5000_01)
    elif case == "postpaid":
        request = req(100_00, customer_no="1000000001")
    elif case == "no_shift":
        request = req(100_00, clerk_id="C02")
    elif case == "blank":
        reader.remove()
        reader.insert(blank_card(tmp_path / "blank.json", "BLANK00000000002"))
    before = money_rows(terminal)
    card_before = load_state(card)
    with pytest.raises(Refused, match=expect) as refused:
        recharge(terminal.ctx, reader, key, request)
    assert str(refused.value).count("。") <= 2 and "\n" not in str(refused.value)
    assert money_rows(terminal) == before
    assert load_state(card) == card_before


# read (5 APDUs) + write (2) + read-back (5): pull the card before / after each in turn (one terminal, a new
# card each time, so the 24 cases share the demo terminal's set-up)
def test_card_pulled_at_each_apdu_is_written_or_pending_and_next_insertion_finishes(
    terminal: Any, key: bytes, tmp_path: Path
) -> None:
    for n in range(1, 13):
        for when in ("before", "after"):
            card = issue_card(
                tmp_path / f"{n}{when}.json", key, serial=f"PULL{n:02d}{when[0]}".ljust(16, "0")
            )
            reader = SimulatedCardReader()
            reader.insert(card)
            recorded_before = len(purchases(terminal))
            try:
                state = recharge(terminal.ctx, PullAcross(reader, **{when: n}), key, req(123_45)).card_state
            except CardError:
                state = "refused"  # pulled during the first read: nothing recorded
            case = f"{when} APDU {n}"
            assert state == ("refused" if n <= 5 else "pending"), (
                case
            )  # after the 12th its answer is lost too
            recorded = len(purchases(terminal)) - recorded_before
            assert recorded == (0 if n <= 5 else 1), case
            assert load_state(card).purchase_count in (0, 1), case
            reader.insert(card)
            view = read_card_view(terminal.ctx, reader, key, "C01", LI)
            assert len(view.completed) == recorded, case
            assert pending(terminal) == [], case
            assert len(purchases(terminal)) == len(written(terminal)), case  # each purchase written once
            assert load_state(card).purchase_count == recorded, case  # and charged once
    assert verify_local(terminal.ctx).ok


def test_pending_write_is_rewritten_with_the_same_count_and_amount(
    terminal: Any, key: bytes, card: Path, reader: SimulatedCardReader
) -> None:
    first = recharge(terminal.ctx, PullAcross(reader, before=6), key, req(88_00))
    assert first.card_state == "pending" and "不会重复收费" in first.card_message
    reader.insert(card)
    view = read_card_view(terminal.ctx, reader, key, "C01", LI)
    assert view.completed == (first.receipt.receipt_no,)
    assert view.check.code == "not_loaded"  # the rewritten purchase now waits for the meter
    state = load_state(card)
    assert (state.purchase_fen, state.purchase_count) == (88_00, 1)
    [w] = written(terminal)
    assert w.payload["how"] == "rewritten"


def test_recharge_itself_settles_a_pending_write_before_refusing_the_new_one(
    terminal: Any, key: bytes, card: Path, reader: SimulatedCardReader
) -> None:
    first = recharge(terminal.ctx, PullAcross(reader, after=7), key, req(50_00))
    assert first.card_state == "pending"
    reader.insert(card)
    with pytest.raises(Refused, match="尚未插入电表"):
        recharge(terminal.ctx, reader, key, req(50_00))
    [w] = written(terminal)
    assert w.payload["how"] == "found_on_card" and len(purchases(terminal)) == 1


def _void(terminal: Any, receipt_no: str, card: Any = None) -> Any:
    return reverse(
        terminal.ctx,
        ReversalRequest(receipt_no, "C01", "S01", "客户不要了", approver_pin="999999", card=card),
    )


def _reversals(terminal: Any) -> list[Any]:
    with terminal.store.uow() as uow:
        return [e for e in uow.journal.entries() if e.kind == Kind.REVERSAL]


def test_reversal_refused_once_written_allowed_while_pending_and_then_never_written(
    terminal: Any, key: bytes, card: Path, reader: SimulatedCardReader
) -> None:
    done = recharge(terminal.ctx, reader, key, req(10_00))
    with pytest.raises(Refused, match="已写入IC卡"):
        _void(terminal, done.receipt.receipt_no, reader.read_card())
    reader.remove()
    meter(card, key)
    reader.insert(card)
    held = recharge(terminal.ctx, PullAcross(reader, before=6), key, req(20_00))
    assert held.card_state == "pending"
    with pytest.raises(Refused, match="请先插入用户的IC卡"):  # owed: without a card read, no void
        _void(terminal, held.receipt.receipt_no)
    reader.insert(card)
    absent = reader.read_card()  # count 1: purchase #2 did not land
    result = _void(terminal, held.receipt.receipt_no, absent)
    assert result.refund_fen == 20_00
    with pytest.raises(Refused, match="不能重复冲正"):
        _void(terminal, held.receipt.receipt_no, absent)
    assert len(_reversals(terminal)) == 1  # refunded once
    with terminal.store.uow() as uow:
        assert uow.cards.write_for(held.receipt.receipt_no).state == "cancelled"
    view = read_card_view(terminal.ctx, reader, key, "C01", LI)  # the next insertion writes nothing
    assert view.completed == () and view.check.ok and pending(terminal) == []
    assert load_state(card).purchase_count == 1  # the reversed purchase never reached the card
    assert len(written(terminal)) == 1


def test_a_purchase_that_landed_unseen_is_refused_and_found_on_the_card(
    terminal: Any, key: bytes, card: Path, reader: SimulatedCardReader
) -> None:
    held = recharge(
        terminal.ctx, PullAcross(reader, after=7), key, req(30_00)
    )  # the load landed, answer lost
    assert held.card_state == "pending" and load_state(card).purchase_count == 1
    reader.insert(card)
    with terminal.store.uow() as uow:
        head, _ = uow.journal.head()
    with pytest.raises(Refused, match="已写入IC卡"):
        _void(terminal, held.receipt.receipt_no, reader.read_card())
    assert _reversals(terminal) == [] and pending(terminal) == []
    [w] = written(terminal)
    assert (w.payload["receipt_no"], w.payload["how"]) == (held.receipt.receipt_no, "found_on_card")
    with terminal.store.uow() as uow:  # the write found on the card, and no approval of a refused void
        assert [e.kind for e in uow.journal.entries(head)] == [Kind.CARD_WRITTEN]


def test_a_void_with_another_customers_card_is_refused_and_changes_nothing(
    terminal: Any, key: bytes, card: Path, reader: SimulatedCardReader, tmp_path: Path
) -> None:
    held = recharge(terminal.ctx, PullAcross(reader, before=6), key, req(40_00))
    assert held.card_state == "pending"
    other = issue_card(tmp_path / "other.json", key, "1000000001", "M1000000001", serial="OTHER0000000001")
    reader.insert(other)
    with terminal.store.uow() as uow:
        head = uow.journal.head()
    with pytest.raises(Refused, match="不是凭证"):
        _void(terminal, held.receipt.receipt_no, reader.read_card())
    with terminal.store.uow() as uow:
        assert uow.journal.head() == head
        assert uow.receipts.reversed_by(held.receipt.receipt_no) is None
    assert [w.receipt_no for w in pending(terminal)] == [held.receipt.receipt_no]  # still owed


def test_a_purchase_carried_by_a_replacement_card_is_not_voided_with_the_old_card(
    terminal: Any, key: bytes, card: Path, reader: SimulatedCardReader, tmp_path: Path
) -> None:
    held = recharge(terminal.ctx, PullAcross(reader, before=6), key, req(66_00))  # owed to the old card
    reader.insert(blank_card(tmp_path / "new.json", "NEWCARD000000001"))
    replaced = replace_card(  # pulled during the personalisation: the new card owes the purchase too
        terminal.ctx,
        PullAcross(reader, before=6),
        key,
        ReplaceRequest(LI, "C01", Method.CASH, tendered_fen=20_00),
    )
    assert replaced.card_state == "pending"
    reader.insert(card)  # the old card is one purchase behind, but the replacement carries the purchase
    with pytest.raises(Refused, match="补卡"):
        _void(terminal, held.receipt.receipt_no, reader.read_card())
    assert _reversals(terminal) == []
    assert {w.receipt_no for w in pending(terminal)} == {held.receipt.receipt_no, replaced.receipt_no}


def test_replacement_card_carries_the_last_purchase_and_retires_the_old(
    terminal: Any, key: bytes, card: Path, reader: SimulatedCardReader, tmp_path: Path
) -> None:
    # paid, never written, then the card is lost
    lost = recharge(terminal.ctx, PullAcross(reader, before=6), key, req(66_00))
    assert lost.card_state == "pending"
    new = blank_card(tmp_path / "new.json", "NEWCARD000000001")
    reader.insert(new)
    result = replace_card(
        terminal.ctx, reader, key, ReplaceRequest(LI, "C01", Method.CASH, tendered_fen=50_00)
    )
    assert (result.card_state, result.purchase_count, result.purchase_fen) == ("written", 1, 66_00)
    assert result.fee_fen == 20_00 and result.change_fen == 30_00
    assert result.retired == (load_state(card).serial,)
    state = load_state(new)
    assert (state.customer_no, state.purchase_count, state.purchase_fen) == (LI, 1, 66_00)
    assert meter(new, key) == "loaded"  # the meter takes the carried purchase from the new card
    assert pending(terminal) == []
    assert {w.payload["receipt_no"] for w in written(terminal)} == {
        lost.receipt.receipt_no,
        result.receipt_no,
    }
    reader.remove()
    reader.insert(card)
    with pytest.raises(Refused, match="挂失作废"):
        recharge(terminal.ctx, reader, key, req(10_00))
    reader.insert(new)
    assert recharge(terminal.ctx, reader, key, req(10_00)).purchase_count == 2


def test_replacement_refuses_an_issued_card(terminal: Any, key: bytes, reader: SimulatedCardReader) -> None:
    before = money_rows(terminal)
    with pytest.raises(Refused, match="空白卡"):
        replace_card(terminal.ctx, reader, key, ReplaceRequest(LI, "C01"))
    assert money_rows(terminal) == before


def test_master_key_is_generated_once_into_a_private_config(terminal: Any) -> None:
    path = terminal.config.path
    key = ensure_master_key(path)
    assert len(key) == 32 and ensure_master_key(path) == key
    assert os.stat(path).st_mode & 0o777 == 0o600
    assert key.hex() in path.read_text(encoding="utf-8")
    import tomllib

    assert tomllib.loads(path.read_text(encoding="utf-8"))["card"]["master_key_hex"] == key.hex()
