"""Scanned wallet payments against the acquirer simulator over HTTP: every scripted outcome, the books after."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from app.errors import InputError
from app.journal import Kind
from app.messages import spoken
from app.model import Method
from app.services.wallet_attempts import WALLET_ATTEMPT, WALLET_OUTCOME, open_attempts
from app.services.wallet_pay import WalletFailed, WalletPayRequest, collect
from app.services.wallet_recovery import resolve_open
from app.wallet import TradeState, WalletKind
from tests.integration.wallet_fixtures import FAST, _hall_template, _sim_server, hall, sim, wallets_for  # noqa: F401
from wallets.codes import payment_code

CUSTOMER = "1000000004"  # nothing due, 20.00 balance: any amount is a prepayment


def books(hall: Any) -> dict[str, Any]:
    con = sqlite3.connect(hall.data_dir / "local.db")
    try:
        kinds = [k for (k,) in con.execute("SELECT kind FROM journal ORDER BY seq")]
        balance = con.execute(
            "SELECT balance_fen FROM customers WHERE customer_no=?", (CUSTOMER,)
        ).fetchone()[0]
        refs = [
            r
            for (r,) in con.execute(
                "SELECT json_extract(payload, '$.reference') FROM journal WHERE kind='payment'"
            )
        ]
    finally:
        con.close()
    return {
        "payments": kinds.count(Kind.PAYMENT),
        "attempts": kinds.count(WALLET_ATTEMPT),
        "outcomes": kinds.count(WALLET_OUTCOME),
        "balance": balance,
        "refs": refs,
    }


def pay_by(hall: Any, wallets: Any, kind: WalletKind, scenario: str, method: Method | None = None) -> Any:
    code = payment_code(kind, scenario)
    return collect(
        hall.ctx,
        wallets,
        WalletPayRequest(CUSTOMER, method or Method(kind.value), code, "C01", amount_fen=1234),
        polling=FAST,
    )


KINDS = [WalletKind.ALIPAY, WalletKind.WECHAT]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("scenario", ["success", "userpaying_then_success", "timeout_taken"])
def test_collected_once_with_the_acquirers_trade_number(
    hall: Any, sim: Any, kind: WalletKind, scenario: str
) -> None:
    wallets = wallets_for(hall, sim)
    result = pay_by(hall, wallets, kind, scenario)
    trade = sim.trade(kind.value, result.out_trade_no)
    assert trade is not None and trade.state == "SUCCESS" and trade.amount_fen == 1234
    assert result.trade_no == trade.trade_no and result.paid.receipt.reference == trade.trade_no
    b = books(hall)
    assert (b["payments"], b["attempts"], b["outcomes"], b["balance"]) == (1, 1, 1, 2000 + 1234)
    assert b["refs"] == [trade.trade_no]
    assert open_attempts(hall.ctx) == []
    assert sim.bad_signatures == 0


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "scenario,outcome,words,english",
    [
        ("userpaying_forever", "cancelled", "等待超时", "(the wait timed out) and was cancelled"),
        ("systemerror", "cancelled", "无应答", "(the acquirer did not answer) and was cancelled"),
        ("insufficient", "failed", "余额不足", "failed: the customer's account has too little ("),
        ("duplicate", "failed", "订单号重复", "failed: the merchant order number is used already ("),
    ],
)
def test_a_failed_collection_leaves_no_money(
    hall: Any, sim: Any, kind: WalletKind, scenario: str, outcome: str, words: str, english: str
) -> None:
    wallets = wallets_for(hall, sim)
    with pytest.raises(WalletFailed) as caught:
        pay_by(hall, wallets, kind, scenario)
    assert caught.value.outcome == outcome and words in str(caught.value)
    assert "未收款" in str(caught.value) and "\n" not in str(caught.value)
    said = spoken(caught.value, "en")  # the same refusal at an English terminal (issue 16)
    wallet = {"wechat": "WeChat", "alipay": "Alipay"}[kind.value]
    assert said.startswith(f"The {wallet} payment") and english in said and "nothing was taken" in said
    acquirer_words = str(caught.value.params.get("detail", ""))  # the acquirer's own detail stays as it came
    assert not re.search(r"[\u4e00-\u9fff]", said.replace(acquirer_words, ""))
    b = books(hall)
    assert (b["payments"], b["attempts"], b["outcomes"], b["balance"]) == (0, 1, 1, 2000)
    trade = sim.trade(kind.value, caught.value.out_trade_no)
    if scenario == "duplicate":  # somebody else's trade under that number: untouched, not ours
        assert trade is not None and trade.amount_fen != 1234
    else:  # cancelled (a closed tombstone for a number the acquirer never took) or never created
        assert trade is None or trade.state == "CLOSED"
    assert open_attempts(hall.ctx) == []


def test_the_payment_code_picks_the_wallet_when_the_wrong_key_was_pressed(hall: Any, sim: Any) -> None:
    wallets = wallets_for(hall, sim)
    result = pay_by(hall, wallets, WalletKind.ALIPAY, "success", method=Method.WECHAT)
    assert result.corrected and result.wallet is WalletKind.ALIPAY and result.paid.receipt.method == "alipay"


def test_a_bad_payment_code_is_one_sentence_and_changes_nothing(hall: Any, sim: Any) -> None:
    wallets = wallets_for(hall, sim)
    for code in ("123", "991234567890123456", "28abc4567890123456", ""):
        with pytest.raises(InputError):
            collect(hall.ctx, wallets, WalletPayRequest(CUSTOMER, Method.ALIPAY, code, "C01", amount_fen=100))
    assert books(hall)["attempts"] == 0


def test_hmac_sha256_signatures_work_too(hall: Any, sim: Any) -> None:
    wallets = wallets_for(hall, sim, sign_type="HMAC-SHA256")
    assert pay_by(hall, wallets, WalletKind.WECHAT, "success").trade_no
    assert sim.bad_signatures == 0


def test_an_unreachable_acquirer_takes_nothing_and_points_at_the_typed_reference(hall: Any, sim: Any) -> None:
    from wallets.alipay import AlipayWallet

    wallets = wallets_for(hall, sim)
    real = wallets[WalletKind.ALIPAY]
    dead = AlipayWallet(
        "http://127.0.0.1:9/gateway.do", real.app_id, real._key, real._alipay_key, timeout_s=0.3
    )
    with pytest.raises(WalletFailed) as caught:
        pay_by(hall, {WalletKind.ALIPAY: dead}, WalletKind.ALIPAY, "success")
    assert caught.value.outcome == "failed" and "手工登记" in str(caught.value)
    assert books(hall)["payments"] == 0 and open_attempts(hall.ctx) == []


def test_an_answer_with_a_bad_signature_is_not_believed(hall: Any, sim: Any) -> None:
    """A forged 'success' (signed with another key) is UNKNOWN: nothing recorded; recovery settles it later."""
    from cryptography.hazmat.primitives import serialization

    from wallets.alipay import AlipayWallet
    from wallets.keys import new_rsa_pair

    wallets = wallets_for(hall, sim)
    real = wallets[WalletKind.ALIPAY]
    wrong = serialization.load_pem_public_key(new_rsa_pair()[1])
    fooled = AlipayWallet(real.gateway, real.app_id, real._key, wrong, timeout_s=0.4)  # type: ignore[arg-type]
    assert fooled.query("HPT01nothing").state is TradeState.UNKNOWN
    with pytest.raises(WalletFailed) as caught:
        pay_by(hall, {WalletKind.ALIPAY: fooled}, WalletKind.ALIPAY, "success")
    assert caught.value.outcome == "open" and books(hall)["payments"] == 0
    # the acquirer took the money, then the (unconfirmed) cancel reached it and gave it back: the next start
    # finds the trade closed and closes the attempt; no money on either side
    trade = sim.trade("alipay", caught.value.out_trade_no)
    assert trade.state == "CLOSED" and trade.cancel_refunded and sim.taken() == []
    assert [r.outcome for r in resolve_open(hall.ctx, wallets)] == ["failed"]
    assert books(hall)["payments"] == 0 and resolve_open(hall.ctx, wallets) == []


class Crash(BaseException):
    """The process dies right after the request left (what SIGKILL does, in-process)."""


class CrashAfterPay:
    def __init__(self, wallet: Any) -> None:
        self.wallet, self.kind = wallet, wallet.kind

    def pay(self, *args: Any) -> Any:
        self.wallet.pay(*args)
        raise Crash

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wallet, name)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "scenario,outcome,payments",
    [("success", "paid", 1), ("userpaying_forever", "cancelled", 0), ("systemerror", "cancelled", 0)],
)
def test_a_crash_after_the_request_is_settled_by_a_query(
    hall: Any, sim: Any, kind: WalletKind, scenario: str, outcome: str, payments: int
) -> None:
    wallets = wallets_for(hall, sim)
    with pytest.raises(Crash):
        pay_by(hall, {kind: CrashAfterPay(wallets[kind])}, kind, scenario)
    [attempt] = open_attempts(hall.ctx)
    done = resolve_open(hall.ctx, wallets)
    assert [r.outcome for r in done] == [outcome]
    assert resolve_open(hall.ctx, wallets) == []  # settled once
    b = books(hall)
    assert b["payments"] == payments and b["balance"] == 2000 + 1234 * payments
    trade = sim.trade(kind.value, attempt.out_trade_no)
    assert (trade is not None and trade.state == "SUCCESS") == bool(payments)


def test_a_crash_between_the_payment_and_its_outcome_is_linked_not_paid_again(hall: Any, sim: Any) -> None:
    import app.services.wallet_attempts as flow

    wallets = wallets_for(hall, sim)
    real_close = flow.close_attempt

    def die(*args: Any, **kw: Any) -> None:
        raise Crash

    flow.close_attempt = die  # type: ignore[assignment]
    try:
        with pytest.raises(Crash):
            pay_by(hall, wallets, WalletKind.WECHAT, "success")
    finally:
        flow.close_attempt = real_close  # type: ignore[assignment]
    assert books(hall)["payments"] == 1 and len(open_attempts(hall.ctx)) == 1
    assert [r.outcome for r in resolve_open(hall.ctx, wallets)] == ["linked"]
    assert books(hall)["payments"] == 1 and open_attempts(hall.ctx) == []


def test_a_live_attempt_is_left_to_its_process(hall: Any, sim: Any, tmp_path: Path) -> None:
    from wallets.locks import FileLocks

    wallets = wallets_for(hall, sim)
    locks = FileLocks(tmp_path / "locks")
    with pytest.raises(Crash):
        pay_by(
            hall, {WalletKind.ALIPAY: CrashAfterPay(wallets[WalletKind.ALIPAY])}, WalletKind.ALIPAY, "success"
        )
    [attempt] = open_attempts(hall.ctx)
    with locks.hold(attempt.out_trade_no):
        assert locks.is_held(attempt.out_trade_no)
        assert resolve_open(hall.ctx, wallets, locks=locks) == []
    assert not locks.is_held(attempt.out_trade_no)
    assert [r.outcome for r in resolve_open(hall.ctx, wallets, locks=locks)] == ["paid"]


def test_a_taken_trade_that_can_no_longer_be_booked_is_given_back(hall: Any, sim: Any) -> None:
    """The counter died; next morning yesterday's shift may take no money: the trade is cancelled (refunded)."""
    import dataclasses
    import datetime as dt

    from app.clock import FixedClock

    wallets = wallets_for(hall, sim)
    with pytest.raises(Crash):
        pay_by(
            hall, {WalletKind.WECHAT: CrashAfterPay(wallets[WalletKind.WECHAT])}, WalletKind.WECHAT, "success"
        )
    [attempt] = open_attempts(hall.ctx)
    tomorrow = dataclasses.replace(
        hall.ctx, clock=FixedClock(dt.datetime.fromisoformat("2026-11-24T09:00:00+08:00"))
    )
    assert [r.outcome for r in resolve_open(tomorrow, wallets)] == ["cancelled"]
    trade = sim.trade("wechat", attempt.out_trade_no)
    assert trade.state == "CLOSED" and trade.cancel_refunded and sim.taken() == []
    assert books(hall)["payments"] == 0 and open_attempts(hall.ctx) == []


def test_the_counter_start_settles_open_attempts_on_a_thread(hall: Any, sim: Any) -> None:
    from cli.wallet import resolve_in_background

    wallets = wallets_for(hall, sim)
    assert resolve_in_background(hall) is None  # nothing open: no thread
    with pytest.raises(Crash):
        pay_by(
            hall, {WalletKind.ALIPAY: CrashAfterPay(wallets[WalletKind.ALIPAY])}, WalletKind.ALIPAY, "success"
        )
    from app.config import load_config

    hall.config = load_config(hall.data_dir / "config.toml")  # as the next start reads it
    thread = resolve_in_background(hall)
    assert thread is not None
    thread.join(10)
    assert books(hall)["payments"] == 1 and open_attempts(hall.ctx) == []


def test_the_cancel_key_cancels_while_the_customer_types_the_password(hall: Any, sim: Any) -> None:
    from app.services.wallet_pay import Hooks, Polling

    wallets = wallets_for(hall, sim)
    seen: list[tuple[float, TradeState]] = []
    hooks = Hooks(
        on_wait=lambda left, state: seen.append((left, state)), stop_requested=lambda: len(seen) >= 2
    )
    with pytest.raises(WalletFailed) as caught:
        collect(
            hall.ctx,
            wallets,
            WalletPayRequest(
                CUSTOMER,
                Method.WECHAT,
                payment_code(WalletKind.WECHAT, "userpaying_forever"),
                "C01",
                amount_fen=500,
            ),
            polling=Polling(0.05, 30.0),
            hooks=hooks,
        )
    assert "收费员取消" in str(caught.value) and caught.value.outcome == "cancelled"
    assert [s for _, s in seen] == [TradeState.USERPAYING] * 2 and 29 < seen[0][0] <= 30  # the countdown
    assert sim.trade("wechat", caught.value.out_trade_no).state == "CLOSED" and books(hall)["payments"] == 0


@pytest.mark.parametrize("kind", list(WalletKind))
def test_a_replayed_genuine_success_of_an_earlier_trade_books_nothing(
    hall: Any, sim: Any, kind: WalletKind
) -> None:
    """Review F2: the acquirer's place is taken by someone answering the second pay with the first trade's
    byte-exact signed success; the acquirer took nothing for the second. It must not be booked."""
    wallets = wallets_for(hall, sim)
    first = pay_by(hall, wallets, kind, "success")
    with pytest.raises(WalletFailed) as caught:
        pay_by(hall, wallets, kind, "replayed")
    assert caught.value.outcome == "cancelled"
    b = books(hall)
    assert b["payments"] == 1 and b["refs"] == [first.trade_no] and b["attempts"] == b["outcomes"] == 2
    assert [t.trade_no for t in sim.taken(kind.value)] == [first.trade_no]


def test_a_trade_number_already_booked_for_another_attempt_is_not_booked_again(hall: Any, sim: Any) -> None:
    """Review F2, the service's own check: an answer naming this order but an earlier attempt's trade number
    (an acquirer's or a proxy's mix-up) is no answer: queried, then cancelled, never a second receipt."""
    from app.wallet import TradeResult

    wallets = wallets_for(hall, sim)
    first = pay_by(hall, wallets, WalletKind.WECHAT, "success")
    real = wallets[WalletKind.WECHAT]

    class MixedUp:
        kind = WalletKind.WECHAT

        def pay(self, out_trade_no: str, auth_code: str, amount_fen: int, subject: str) -> TradeResult:
            return TradeResult(TradeState.SUCCESS, out_trade_no, first.trade_no, amount_fen)

        def __getattr__(self, name: str) -> Any:
            return getattr(real, name)

    with pytest.raises(WalletFailed) as caught:
        pay_by(hall, {WalletKind.WECHAT: MixedUp()}, WalletKind.WECHAT, "success")
    assert caught.value.outcome == "cancelled"
    assert books(hall)["refs"] == [first.trade_no]


def test_wechat_reverses_no_sooner_than_it_asks_after_the_micropay(hall: Any, sim: Any) -> None:
    """Review F6: SYSTEMERROR, then orderquery ORDERNOTEXIST, and the reverse went out 3 s after the
    micropay; WeChat asks for at least 15 s (here [wechat] reverse_after_s = 1.0, to stay fast)."""
    wallets = wallets_for(hall, sim, reverse_after_s=1.0)
    with pytest.raises(WalletFailed) as caught:
        pay_by(hall, wallets, WalletKind.WECHAT, "systemerror")
    assert caught.value.outcome == "cancelled"
    when = dict(reversed(sim.times))  # the first time of each call
    assert when["/secapi/pay/reverse"] - when["/pay/micropay"] >= 1.0
    assert wallets[WalletKind.ALIPAY].cancel_after_s == 0.0


def test_a_wechat_attempt_recovered_after_a_crash_waits_before_its_reverse(hall: Any, sim: Any) -> None:
    """F6 leftover: the recovery path reversed at once. The crashed process's wait is gone; the attempt's
    journal time counts (the pinned clock here cannot tell any age: the whole reverse_after_s is waited)."""
    wallets = wallets_for(hall, sim, reverse_after_s=1.0)
    with pytest.raises(Crash):
        pay_by(
            hall,
            {WalletKind.WECHAT: CrashAfterPay(wallets[WalletKind.WECHAT])},
            WalletKind.WECHAT,
            "systemerror",
        )
    assert [r.outcome for r in resolve_open(hall.ctx, wallets)] == ["cancelled"]
    when = dict(reversed(sim.times))
    assert when["/secapi/pay/reverse"] - when["/pay/micropay"] >= 1.0


def test_a_wechat_attempt_older_than_the_wait_is_reversed_at_once(hall: Any, sim: Any) -> None:
    import dataclasses
    import datetime as dt

    from app.clock import FixedClock

    wallets = wallets_for(hall, sim, reverse_after_s=30.0)
    with pytest.raises(Crash):
        pay_by(
            hall,
            {WalletKind.WECHAT: CrashAfterPay(wallets[WalletKind.WECHAT])},
            WalletKind.WECHAT,
            "systemerror",
        )
    a_minute_on = dataclasses.replace(
        hall.ctx, clock=FixedClock(dt.datetime.fromisoformat("2026-11-23T10:01:00+08:00"))
    )
    assert [r.outcome for r in resolve_open(a_minute_on, wallets)] == ["cancelled"]
    when = dict(reversed(sim.times))
    assert when["/secapi/pay/reverse"] - when["/pay/micropay"] < 5.0
