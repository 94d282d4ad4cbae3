"""The day's wallet reconciliation read back from journal entries (pure): the latest one wins, a difference is
signed only by a sign-off that named it with the same amounts, and a pending wallet never hides another's
unsigned differences."""

from __future__ import annotations

from typing import Any

from app.journal import Entry, Kind
from app.services.wallet_day import SIGN_OFF_ACTION, WALLET_RECONCILIATION, day_reconciliation, from_json

DAY = "2026-11-23"


def wallet(
    kind: str,
    *,
    error: str = "",
    extra: list[tuple[str, str]] = (),
    matched: int = 0,
    unverified: list[tuple[str, str]] = (),
) -> dict[str, Any]:
    def row(trade_no: str, ours: str, theirs: str, typed: bool = False) -> dict[str, Any]:
        return {"trade_no": trade_no, "receipt_no": "", "ours": ours, "theirs": theirs, "typed": typed}

    return {
        "wallet": kind,
        "error": error,
        "ours_total": "0.00",
        "theirs_total": "0.00",
        "matched": [row(f"M{i}", "1.00", "1.00") for i in range(matched)],
        "missing_at_acquirer": [],
        "amount_differs": [],
        "extra_at_acquirer": [row(t, "0.00", amount) for t, amount in extra],
        "unverified": [row(t, amount, "0.00", True) for t, amount in unverified],
    }


def recon(seq: int, *wallets: dict[str, Any], day: str = DAY) -> Entry:
    return Entry(
        f"e{seq}",
        "T01",
        seq,
        WALLET_RECONCILIATION,
        "",
        "C01",
        {"day": day, "wallets": list(wallets)},
        "",
        "",
    )


def signed(seq: int, approver: str, reason: str, *wallets: dict[str, Any]) -> Entry:
    detail = {"business_day": DAY, "reason": reason, "reconciliation": {"day": DAY, "wallets": list(wallets)}}
    return Entry(
        f"e{seq}",
        "T01",
        seq,
        Kind.APPROVAL,
        "",
        "C01",
        {"what": "approval", "action": SIGN_OFF_ACTION, "approver_id": approver, "detail": detail},
        "",
        "",
    )


def test_amounts_come_back_exact_in_fen() -> None:
    r = from_json({"day": DAY, "wallets": [wallet("wechat", extra=[("4200X", "12345.67")])]})
    assert [(x.what, x.theirs_fen, x.ours_fen) for x in r.rows] == [("extra_at_acquirer", 1234567, 0)]


def test_nothing_recorded_that_day_is_none() -> None:
    assert day_reconciliation([recon(1, wallet("alipay"), day="2026-11-22")], DAY) is None


def test_a_sign_off_covers_the_same_differences_even_recorded_by_a_later_close() -> None:
    diff = wallet("wechat", extra=[("4200X", "7.00")])
    entries = [recon(1, diff), signed(2, "S01", "多记一笔", diff), recon(3, diff)]
    day = day_reconciliation(entries, DAY)
    assert day is not None and day.seq == 3 and day.state == "signed"
    assert (day.signed_by, day.reasons, day.needs_signature) == (("S01",), ("多记一笔",), False)


def test_a_changed_amount_needs_a_new_signature() -> None:
    entries = [
        recon(1, wallet("wechat", extra=[("4200X", "7.00")])),
        signed(2, "S01", "多记一笔", wallet("wechat", extra=[("4200X", "7.00")])),
        recon(3, wallet("wechat", extra=[("4200X", "7.01")])),
    ]
    day = day_reconciliation(entries, DAY)
    assert day is not None and day.state == "differences" and day.needs_signature and day.signed_by == ()


def test_a_pending_wallet_does_not_hide_the_other_wallets_differences() -> None:
    entries = [
        recon(
            1,
            wallet("alipay", error="无法取得支付宝对账单", unverified=[("2026A", "5.00")]),
            wallet("wechat", extra=[("4200X", "7.00")]),
        )
    ]
    day = day_reconciliation(entries, DAY)
    assert day is not None and day.state == "pending" and day.needs_signature
    assert day.pending == ("支付宝：无法取得支付宝对账单",)
    assert [(r.wallet, r.what) for r in day.rows] == [
        ("alipay", "unverified"),
        ("wechat", "extra_at_acquirer"),
    ]
