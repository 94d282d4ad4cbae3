"""The day's wallet reconciliation at shift close (issue 19): recorded with the close, listed in the day
report, signed off by a supervisor; an acquirer that went away leaves it pending and the close goes on.
Real simulator over HTTP on loopback, real SQLite, the PDF read back with pdftotext."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from app.cash import CashCount
from app.errors import HallPayError, Refused
from app.model import Method
from app.services.payments import PayRequest, pay
from app.services.shift_close import CloseRequest, close_preview, close_shift, load_day_report, sign_off_day
from app.services.verify import verify_local
from app.services.wallet_day import WALLET_RECONCILIATION
from app.services.wallet_pay import WalletPayRequest, collect
from app.services.wallet_reconcile import reconcile_day, reconcile_for_close, record_if_pending, sign_off
from app.wallet import WalletKind
from printing.day_report_pdf import day_report_pdf
from tests.integration.wallet_fixtures import DAY, FAST, _hall_template, _sim_server, hall, sim, wallets_for  # noqa: F401
from wallets.codes import payment_code
from wallets.sim import AcquirerSim


def exact_count(hall: Any) -> CashCount:
    """The drawer holds exactly the expected cash (in 1-fen coins: the count is not what is tested here)."""
    return CashCount.of({1: close_preview(hall.ctx, "C01").expected_cash_fen})


def wallet_entries(hall: Any) -> list[Any]:
    with hall.store.uow() as uow:
        return list(uow.journal.of_kind(WALLET_RECONCILIATION))


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_close_records_the_differences_and_the_day_report_lists_them_until_signed(
    hall: Any, sim: Any, tmp_path: Path
) -> None:
    wallets = wallets_for(hall, sim)
    alipay = collect(
        hall.ctx,
        wallets,
        WalletPayRequest(
            "1000000004", Method.ALIPAY, payment_code(WalletKind.ALIPAY), "C01", amount_fen=10_00
        ),
        polling=FAST,
    )
    wechat = collect(
        hall.ctx,
        wallets,
        WalletPayRequest(
            "1000000004", Method.WECHAT, payment_code(WalletKind.WECHAT), "C01", amount_fen=20_00
        ),
        polling=FAST,
    )
    # missing at the acquirer (a typed reference), an amount that differs, a trade the journal does not hold
    pay(hall.ctx, PayRequest("1000000004", Method.WECHAT, "C01", amount_fen=5_00, reference="4200FAKE"))
    sim.trade("wechat", wechat.out_trade_no).amount_fen = 21_00
    sim._pay("alipay", "HPOTHER0000000001", 7_00, payment_code(WalletKind.ALIPAY))
    extra_trade_no = sim.trade("alipay", "HPOTHER0000000001").trade_no

    report = reconcile_for_close(hall.ctx, lambda: wallets, DAY)
    assert report is not None and report.has_differences
    result = close_shift(hall.ctx, CloseRequest("C01", exact_count(hall)), wallet_report=report)
    assert result.wallet_report is report
    (recorded,) = wallet_entries(hall)
    assert (
        recorded.payload["state"] == "differences" and recorded.payload["shift_id"] == result.shift.shift_id
    )

    day = load_day_report(hall.ctx, DAY.isoformat()).wallet_reconciliation
    assert day is not None and day.state == "differences" and day.seq == recorded.seq
    assert sorted(
        (r.wallet, r.what, r.trade_no, r.ours_fen, r.theirs_fen) for r in day.differences
    ) == sorted(
        [
            ("alipay", "extra_at_acquirer", extra_trade_no, 0, 7_00),
            ("wechat", "missing_at_acquirer", "4200FAKE", 5_00, 0),
            ("wechat", "amount_differs", wechat.trade_no, 20_00, 21_00),
        ]
    )
    assert [(w.wallet, w.ours_fen, w.theirs_fen, w.matched) for w in day.wallets] == [
        ("alipay", 10_00, 17_00, 1),
        ("wechat", 25_00, 21_00, 0),
    ]
    assert alipay.trade_no not in {r.trade_no for r in day.differences}

    # the day is not final while the differences are unexplained; a wrong PIN signs nothing
    with pytest.raises(Refused) as unsigned:
        sign_off_day(hall.ctx, "S01", DAY.isoformat(), pin="999999")
    assert unsigned.value.code == "wallet.day_unsigned"
    with pytest.raises(Refused):
        sign_off(hall.ctx, report, "C01", "S01", "000000", "客户手机截图核实")
    assert load_day_report(hall.ctx, DAY.isoformat()).wallet_reconciliation.state == "differences"

    sign_off(hall.ctx, report, "C01", "S01", "999999", "客户手机截图核实")
    signed = load_day_report(hall.ctx, DAY.isoformat())
    assert signed.wallet_reconciliation.state == "signed"
    assert signed.wallet_reconciliation.signed_by == ("S01",)
    text = pdf_text(day_report_pdf(signed, tmp_path / "day.pdf"))
    for words in (
        "扫码收款对账",
        "已由 S01 签认",
        "客户手机截图核实",
        "收单机构无此交易",
        "4200FAKE",
        "本机未入账",
        extra_trade_no,
        "金额不符",
        "21.00",
    ):
        assert words in text, words
    assert sign_off_day(hall.ctx, "S01", DAY.isoformat(), pin="999999").business_day == DAY.isoformat()
    assert verify_local(hall.ctx).problem is None


def test_acquirer_gone_at_close_leaves_the_reconciliation_pending_and_the_close_goes_on(
    hall: Any, tmp_path: Path
) -> None:
    own = AcquirerSim(delay_s=0.8, paying_queries=2).start()  # this test's acquirer: it goes away mid-day
    own.today = lambda: DAY
    try:
        wallets = wallets_for(hall, own)
        paid = collect(
            hall.ctx,
            wallets,
            WalletPayRequest(
                "1000000004", Method.ALIPAY, payment_code(WalletKind.ALIPAY), "C01", amount_fen=12_34
            ),
            polling=FAST,
        )
    finally:
        own.stop()  # the link to the acquirer is gone before the clerk closes
    expected = close_preview(hall.ctx, "C01").expected_cash_fen
    report = reconcile_for_close(hall.ctx, lambda: wallets, DAY)
    assert report is not None and not report.has_differences
    result = close_shift(hall.ctx, CloseRequest("C01", exact_count(hall)), wallet_report=report)
    assert result.shift.closed_at and result.expected_cash_fen == expected
    (recorded,) = wallet_entries(hall)
    assert recorded.payload["state"] == "pending"

    day_report = load_day_report(hall.ctx, DAY.isoformat())
    day = day_report.wallet_reconciliation
    assert day is not None and day.state == "pending" and len(day.pending) == 2 and "支付宝" in day.pending[0]
    assert [(r.wallet, r.what, r.trade_no, r.ours_fen) for r in day.rows] == [
        ("alipay", "unverified", paid.trade_no, 12_34)
    ]  # what the pending wallet holds, to check later
    assert day_report.hall.method("alipay").amount_fen >= 12_34  # the payment itself stays booked
    with pytest.raises(Refused) as nothing:  # nothing to sign: pending is not a difference
        sign_off(hall.ctx, report, "C01", "S01", "999999", "对方不可达")
    assert nothing.value.code == "wallet.nothing_to_sign"
    assert "对账待完成" in pdf_text(day_report_pdf(day_report, tmp_path / "day.pdf"))
    # review F3: the day sign-off names the pending wallets; signed knowingly, the approval records them
    with pytest.raises(Refused) as still_pending:
        sign_off_day(hall.ctx, "S01", DAY.isoformat(), pin="999999")
    assert still_pending.value.code == "wallet.day_pending" and "支付宝" in str(still_pending.value)
    signed_pending = sign_off_day(hall.ctx, "S01", DAY.isoformat(), pin="999999", wallet_pending_ok=True)
    assert signed_pending.entry.payload["wallet_reconciliation"] == "pending"
    assert signed_pending.entry.payload["wallet_pending"] == list(day.pending)

    # the acquirer is back: `wallet reconcile` completes the pending day, once; the day report follows
    own.start()
    try:
        later = reconcile_day(hall.ctx, wallets_for(hall, own), DAY)
    finally:
        own.stop()
    assert later.clean and [d.trade_no for d in later.wallets[0].matched] == [paid.trade_no]
    assert record_if_pending(hall.ctx, later, "C01") is True
    assert record_if_pending(hall.ctx, later, "C01") is False  # no longer pending: recorded once
    assert [e.payload["state"] for e in wallet_entries(hall)] == ["pending", "clean"]
    assert load_day_report(hall.ctx, DAY.isoformat()).wallet_reconciliation.state == "clean"
    assert verify_local(hall.ctx).problem is None


def test_wallets_that_cannot_be_built_leave_pending_only_what_was_paid_by_wallet(hall: Any, sim: Any) -> None:
    wallets = wallets_for(hall, sim)
    collect(
        hall.ctx,
        wallets,
        WalletPayRequest(
            "1000000004", Method.WECHAT, payment_code(WalletKind.WECHAT), "C01", amount_fen=3_00
        ),
        polling=FAST,
    )

    def broken() -> Any:
        raise HallPayError("微信支付的 api_key_path 文件不存在。")

    report = reconcile_for_close(hall.ctx, broken, DAY)
    assert report is not None
    assert [(m.wallet, m.error) for m in report.wallets] == [
        (WalletKind.WECHAT, "微信支付的 api_key_path 文件不存在")
    ]
    assert [d.ours_fen for d in report.wallets[0].unverified] == [3_00] and not report.has_differences


def test_a_day_without_wallets_records_nothing(hall: Any) -> None:
    assert reconcile_for_close(hall.ctx, dict, DAY) is None
    close_shift(hall.ctx, CloseRequest("C01", exact_count(hall)), wallet_report=None)
    assert wallet_entries(hall) == []
    assert load_day_report(hall.ctx, DAY.isoformat()).wallet_reconciliation is None
