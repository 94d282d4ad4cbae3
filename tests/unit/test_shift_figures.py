"""The pure aggregation of a shift and a day from journal entries (no store)."""

from __future__ import annotations

from typing import Any

from app.journal import GENESIS_HASH, Entry, Kind, new_entry
from app.services.day_report import build_day_report
from app.services.shift_figures import combine, shift_figures
from app.store import Shift
from printing.day_report_pdf import amount_in_words

S1 = Shift("T01-C01-20261123-1", "C01", "2026-11-23T01:00:00.000000Z", "2026-11-23", 500_00, None)
S2 = Shift("T01-C02-20261123-1", "C02", "2026-11-23T01:30:00.000000Z", "2026-11-23", 300_00, None)
CATEGORIES = {"1": "residential", "2": "commercial"}


class Journal:
    def __init__(self) -> None:
        self.entries: list[Entry] = []

    def add(self, kind: str, clerk: str = "C01", **payload: Any) -> Entry:
        prev = self.entries[-1].hash if self.entries else GENESIS_HASH
        entry = new_entry(
            terminal_id="T01",
            seq=len(self.entries) + 1,
            kind=kind,
            created_at="2026-11-23T02:00:00.000000Z",
            clerk_id=clerk,
            payload=payload,
            prev_hash=prev,
        )
        self.entries.append(entry)
        return entry

    def pay(
        self,
        shift: Shift,
        no: str,
        customer: str,
        method: str,
        amount: int,
        tendered: int | None = None,
        kind: str = Kind.PAYMENT,
        fee: int = 0,
    ) -> Entry:
        tendered = amount if tendered is None else tendered
        return self.add(
            kind,
            shift.clerk_id,
            receipt_no=no,
            customer_no=customer,
            shift_id=shift.shift_id,
            method=method,
            amount_fen=amount,
            tendered_fen=tendered,
            change_fen=tendered - amount,
            allocations=[{"fee_paid_fen": fee, "principal_paid_fen": amount - fee}],
        )

    def reverse(self, shift: Shift, no: str, customer: str, method: str, refund: int, **extra: Any) -> Entry:
        return self.add(
            Kind.REVERSAL,
            shift.clerk_id,
            receipt_no=no,
            customer_no=customer,
            shift_id=shift.shift_id,
            method=method,
            refund_fen=refund,
            **extra,
        )


def mixed_day() -> Journal:
    j = Journal()
    j.add(Kind.SHIFT_OPEN, shift_id=S1.shift_id, float_fen=S1.float_fen)
    j.pay(S1, "r1", "1", "cash", 191_10, 300_00, fee=1_00)  # change 108.90
    j.pay(S1, "r2", "2", "wechat", 3041_00)
    j.pay(S1, "r3", "1", "cash", 50_00, 100_00)  # change 50.00
    j.reverse(S1, "r3", "1", "cash", 50_00)  # cash refund
    j.pay(S1, "r4", "2", "bankcard", 1000_00)
    j.reverse(S1, "r4", "2", "bankcard", 1000_00)  # non-cash refund: not in the drawer
    j.pay(S1, "r5", "1", "cash", 80_00, kind=Kind.CARD_PURCHASE)  # card write still pending
    j.pay(S1, "r6", "1", "alipay", 20_00, kind=Kind.CARD_PURCHASE)
    j.add(Kind.CARD_WRITTEN, receipt_no="r6", shift_id=S1.shift_id)
    j.add(Kind.WAIVER, shift_id=S1.shift_id, waived_fen=12_34)
    j.add(Kind.SHIFT_OPEN, "C02", shift_id=S2.shift_id, float_fen=S2.float_fen)
    j.pay(S2, "r7", "2", "cash", 12_35, 20_00)
    return j


def test_expected_cash_is_float_plus_taken_minus_change_minus_refunds() -> None:
    f = shift_figures(S1, mixed_day().entries, CATEGORIES)
    assert f.cash_tendered_fen == 300_00 + 100_00 + 80_00
    assert f.change_given_fen == 108_90 + 50_00
    assert f.cash_refunds_fen == 50_00
    assert f.expected_cash_fen == 500_00 + 480_00 - 158_90 - 50_00 == 771_10
    assert f.cash_taken_fen == 191_10 + 50_00 + 80_00


def test_totals_per_method_with_receipt_counts() -> None:
    f = shift_figures(S1, mixed_day().entries, CATEGORIES)
    cash, bank, wechat, alipay = (f.method(m) for m in ("cash", "bankcard", "wechat", "alipay"))
    assert (cash.count, cash.amount_fen, cash.refund_count, cash.refunded_fen, cash.net_fen) == (
        3,
        321_10,
        1,
        50_00,
        271_10,
    )
    assert (bank.count, bank.amount_fen, bank.net_fen) == (1, 1000_00, 0)
    assert (wechat.count, wechat.net_fen) == (1, 3041_00)
    assert alipay.net_fen == 20_00
    assert [m.method for m in f.by_method] == ["cash", "bankcard", "wechat", "alipay"]
    assert f.receipts == 6 and f.reversals == 2 and f.reversed_fen == 1050_00
    assert f.net_fen == 271_10 + 3041_00 + 20_00
    assert f.late_fees_fen == 1_00


def test_categories_waivers_card_purchases_pending_writes() -> None:
    f = shift_figures(S1, mixed_day().entries, CATEGORIES)
    cats = {c.category: (c.count, c.amount_fen) for c in f.by_category}
    assert cats == {"residential": (4, 191_10 + 80_00 + 20_00), "commercial": (2, 3041_00)}
    assert (f.waivers, f.waived_fen) == (1, 12_34)
    assert (f.card_purchases, f.card_purchase_fen) == (2, 100_00)
    assert f.pending_card_writes == ("r5",)


def test_a_reversed_pending_card_purchase_is_no_longer_pending() -> None:
    j = mixed_day()
    j.reverse(S1, "r5", "1", "cash", 80_00, original_kind=Kind.CARD_PURCHASE, purchase_key="r5")
    f = shift_figures(S1, j.entries, CATEGORIES)
    assert f.pending_card_writes == ()
    assert f.expected_cash_fen == 771_10 - 80_00


def test_other_shifts_entries_are_ignored_and_the_close_is_read_back() -> None:
    j = mixed_day()
    j.add(Kind.CASH_COUNT, shift_id=S1.shift_id, counted_fen=770_10, counts={"10000": 7})
    j.add(
        Kind.SHIFT_CLOSE,
        shift_id=S1.shift_id,
        counted_fen=770_10,
        difference_fen=-1_00,
        reason="找错零",
        deposit_counts={"10000": 2, "10": 1},
    )
    f = shift_figures(S1, j.entries, CATEGORIES)
    assert f.closed_shifts == 1 and f.counted_fen == 770_10 and f.difference_fen == -1_00
    assert f.differences == ((S1.shift_id, -1_00, "找错零"),)
    assert f.deposit_fen == 200_10
    g = shift_figures(S2, j.entries, CATEGORIES)
    assert g.receipts == 1 and g.expected_cash_fen == 300_00 + 12_35 and g.closed_shifts == 0


def test_day_report_groups_by_clerk_and_sums_the_hall() -> None:
    j = mixed_day()
    report = build_day_report(
        "城东营业厅", ["T01"], "2026-11-23", [S2, S1], j.entries, CATEGORIES, {"C01": "李娜", "C02": "赵磊"}
    )
    assert [c.clerk_id for c in report.clerks] == ["C01", "C02"]
    assert report.clerks[0].clerk_name == "李娜"
    hall = report.hall
    assert hall.receipts == 7
    assert hall.float_fen == 800_00
    assert hall.expected_cash_fen == 771_10 + 300_00 + 12_35
    assert hall.method("cash").count == 4
    assert not hall.all_closed and hall.shifts == (S1.shift_id, S2.shift_id)


def test_combine_of_nothing_is_zero() -> None:
    f = combine("空", [])
    assert f.expected_cash_fen == 0 and f.by_method == () and f.all_closed


def test_amount_in_words_for_the_deposit_slip() -> None:
    assert amount_in_words(12345) == "壹佰贰拾叁元肆角伍分"
    assert amount_in_words(0) == "零元整"
    assert amount_in_words(100000) == "壹仟元整"
    assert amount_in_words(1000100) == "壹万零壹元整"
    assert amount_in_words(2040000) == "贰万零肆佰元整"
    assert amount_in_words(100010) == "壹仟元壹角整"
    assert amount_in_words(10005) == "壹佰元零伍分"
    assert amount_in_words(10000000005) == "壹亿元零伍分"
    assert amount_in_words(1001000000) == "壹仟零壹万元整"  # 10,010,000 yuan
    assert amount_in_words(10000010000) == "壹亿零壹佰元整"


def test_card_replacement_fee_in_cash_is_expected_in_the_drawer() -> None:
    j = Journal()
    j.add(Kind.SHIFT_OPEN, shift_id=S1.shift_id, float_fen=S1.float_fen)
    j.add(
        Kind.CARD_REPLACED,
        receipt_no="r9",
        customer_no="1",
        shift_id=S1.shift_id,
        fee_fen=20_00,
        method="cash",
        tendered_fen=50_00,
        change_fen=30_00,
    )
    j.add(
        Kind.CARD_REPLACED,
        receipt_no="r10",
        customer_no="1",
        shift_id=S1.shift_id,
        fee_fen=0,
        method="cash",
        tendered_fen=0,
        change_fen=0,
    )
    f = shift_figures(S1, j.entries, CATEGORIES)
    assert f.expected_cash_fen == 500_00 + 20_00
    assert {m.method: (m.count, m.amount_fen) for m in f.by_method} == {"cash": (1, 20_00)}
