"""The simulation's counter actions on the real acquirer simulator and card reader (issue 26): an unknown
wallet outcome ends exactly once, an interrupted card write is finished without a second payment, and the
day-end checks catch the damage they are named after."""

from __future__ import annotations

import random

import pytest

from app.model import Method
from app.wallet import WalletKind
from bench.simulate import act_cards, act_wallets, actions
from bench.simulate.day import Day
from bench.simulate.world import Options, at, build


@pytest.fixture
def province(tmp_path):
    p = build(Options(halls=1, terminals=1, customers=4), tmp_path, random.Random(1))  # 0100000001 prepaid
    try:
        day = Day(p.today())
        p.clock.now = at(day.day, 9)
        actions.open_shift(p, p.terminals()[0], "C011", day)
        yield p, day
    finally:
        p.close()


def test_a_wallet_payment_whose_outcome_was_unknown_is_booked_once(province):
    from app.services.wallet_pay import WalletFailed, WalletPayRequest, collect
    from wallets.codes import payment_code
    from wallets.sim import Trade

    p, day = province
    t = p.terminals()[0]
    code = payment_code(WalletKind.WECHAT, "timeout_taken", random.Random(5))  # taken, the answer lost
    wallets, locks, polling = t.services.wallets()
    with pytest.raises(WalletFailed) as open_:  # ... and the link goes down while the counter asks again
        collect(
            t.ctx,
            wallets,
            WalletPayRequest("0100000002", Method.WECHAT, code, "C011"),
            polling=polling,
            locks=locks,
            hooks=act_wallets.hooks(p, day, outage=True),  # type: ignore[arg-type]
        )
    assert open_.value.outcome == "open"
    p.wallet_open[open_.value.out_trade_no] = t.tid
    assert act_wallets.check_wallets(p) == []  # held by the acquirer, not booked, the attempt open: allowed
    act_wallets.resolve(p, t, day)  # the link is still down: it stays open
    assert day.stats["wallet_resolved_open"] == 1
    act_wallets.acquirer_back(p, day)
    act_wallets.resolve(p, t, day)
    act_wallets.resolve(p, t, day)  # nothing left to settle: no second booking
    assert day.stats["wallet_resolved_paid"] == 1 and not p.wallet_open
    assert act_wallets.check_wallets(p) == []

    p.acquirer.trades[("wechat", "HPT0119")] = Trade(
        "wechat", "HPT0119", "4200X", 100, "SUCCESS", "2026-12-10"
    )
    assert [x[:2] for x in act_wallets.check_wallets(p)] == ["W:"]  # money taken that no journal books


@pytest.mark.parametrize("when", ["before", "after"])
def test_a_card_pulled_mid_write_is_finished_without_paying_twice(province, when):
    from app.services.card_view import read_card_view
    from app.services.recharge import RechargeRequest, recharge
    from cardreader.virtual_card import load_state, save_state

    p, day = province
    t, cno = p.terminals()[0], "0100000001"
    reader = t.services.card_reader()
    reader.insert(act_cards.card_of(p, cno))
    snatching = act_cards.SnatchingReader(reader, when)
    result = recharge(t.ctx, snatching, p.card_key, RechargeRequest(cno, 10000, Method.CASH, "C011"))  # type: ignore[arg-type]
    assert result.card_state == "pending"
    assert load_state(act_cards.card_of(p, cno)).purchase_count == (1 if when == "after" else 0)
    assert act_cards.check_cards(p) == []  # the write is owed to this counter
    reader.insert(act_cards.card_of(p, cno))
    view = read_card_view(t.ctx, reader, p.card_key, "C011", cno)  # 补写卡 on the next insertion
    assert view.completed == (result.receipt.receipt_no,)
    assert load_state(act_cards.card_of(p, cno)).purchase_count == 1
    assert act_cards.check_cards(p) == []

    state = load_state(act_cards.card_of(p, cno))
    state.purchase_count = 2  # a purchase on the card that no journal sold
    save_state(act_cards.card_of(p, cno), state)
    assert [x[:2] for x in act_cards.check_cards(p)] == ["C:"]


def test_a_purchase_whose_write_landed_unseen_is_not_refunded(province):
    """The card is pulled just after the load command landed: the purchase is on the card, its write owed
    (pending). A void used to pass (it only looked for a card_written entry) and refund the money: the
    customer had both (seed 11, 2026-12-28). A void of a purchase whose write is owed now needs the card read
    first: without it, and with the card holding the purchase, it is refused (app/services/void_card.py)."""
    from app.errors import HallPayError
    from app.services.recharge import RechargeRequest, recharge
    from app.services.reversal import ReversalRequest, reverse

    p, day = province
    t, cno = p.terminals()[0], "0100000001"
    reader = t.services.card_reader()
    reader.insert(act_cards.card_of(p, cno))
    snatching = act_cards.SnatchingReader(reader, "after")
    result = recharge(t.ctx, snatching, p.card_key, RechargeRequest(cno, 10000, Method.CASH, "C011"))  # type: ignore[arg-type]
    assert result.card_state == "pending"
    actions.replace_one_time_pin(p, t, "S01", random.Random(4), day)
    with pytest.raises(HallPayError, match="请先插入用户的IC卡"):
        reverse(t.ctx, ReversalRequest(result.receipt.receipt_no, "C011", "S01", "收错用户", p.pins["S01"]))
    reader.insert(act_cards.card_of(p, cno))
    card = reader.read_card()
    with pytest.raises(HallPayError, match="已写入IC卡"):
        reverse(
            t.ctx,
            ReversalRequest(result.receipt.receipt_no, "C011", "S01", "收错用户", p.pins["S01"], card=card),
        )
    assert act_cards.check_cards(p) == []  # recorded as found on the card, not refunded


def test_a_write_owed_at_one_counter_is_known_to_the_halls_other_counter(tmp_path):
    """The card is pulled before its write at T011 (money kept, write owed there, synced to head office).
    The customer goes to T012 of the same hall. Before the fix T012 knew nothing of the owed write and sold
    purchase #1 again; T011's 补写卡 then refused for good ('does not match the card: call a supervisor') and
    the customer had paid twice for one purchase on the card. Now T012 has pulled the owed write
    (db/central/pull_cards.py) and refuses to sell over it (card.check.owed_elsewhere)."""
    from app.errors import HallPayError
    from app.services.card_view import read_card_view
    from app.services.recharge import RechargeRequest, recharge

    p = build(Options(halls=1, terminals=2, customers=4), tmp_path, random.Random(1))
    try:
        day = Day(p.today())
        p.clock.now = at(day.day, 9)
        t1, t2 = p.terminals()
        actions.open_shift(p, t1, "C011", day)
        actions.open_shift(p, t2, "C012", day)
        cno, rng = "0100000001", random.Random(1)
        r1 = t1.services.card_reader()
        r1.insert(act_cards.card_of(p, cno))
        snatching = act_cards.SnatchingReader(r1, "before")
        owed = recharge(t1.ctx, snatching, p.card_key, RechargeRequest(cno, 10000, Method.CASH, "C011"))  # type: ignore[arg-type]
        assert owed.card_state == "pending"
        for t in (t1, t2, t1):
            assert actions.sync(p, t, rng, day) is not None
        r2 = t2.services.card_reader()
        r2.insert(act_cards.card_of(p, cno))
        with t2.services.store.reader() as uow:
            head = uow.journal.head()
        view = read_card_view(t2.ctx, r2, p.card_key, "C012", cno)
        assert (view.check.code, view.max_amount_fen) == ("owed_elsewhere", 0)
        assert (view.check.params["terminal_id"], view.check.params["purchase_count"]) == ("T011", 1)
        with pytest.raises(HallPayError) as refused:
            recharge(t2.ctx, r2, p.card_key, RechargeRequest(cno, 20000, Method.CASH, "C012"))
        assert refused.value.code == "card.check.owed_elsewhere"
        with t2.services.store.reader() as uow:
            assert uow.journal.head() == head  # nothing sold, nothing journaled at T012
        r2.remove()
        assert act_cards.check_cards(p) == []
        r1.insert(act_cards.card_of(p, cno))  # back at T011: its 补写卡 finishes the owed purchase
        assert read_card_view(t1.ctx, r1, p.card_key, "C011", cno).completed == (owed.receipt.receipt_no,)
        r1.remove()
        for t in (t1, t2):
            assert actions.sync(p, t, rng, day) is not None
        r2.insert(act_cards.card_of(p, cno))  # T012 pulled the write as done: it sells purchase #2
        assert read_card_view(t2.ctx, r2, p.card_key, "C012", cno).check.code in ("ok", "not_loaded")
        with t2.services.store.reader() as uow:
            assert uow.cards.owed_elsewhere(owed.entry.payload["serial"]) == []
        assert act_cards.check_cards(p) == []
    finally:
        p.close()
