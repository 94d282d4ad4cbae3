"""Closing a shift on a real SQLite store: exact expected cash, 长款/短款, approvals, immutability."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, text

from app.cash import parse_count
from app.clock import FixedClock
from app.errors import Refused
from app.journal import Kind
from app.model import Method
from app.services.payments import PayRequest, pay
from app.services.reversal import ReversalRequest, reverse
from app.services.shift_close import CloseRequest, close_preview, close_shift, load_day_report, sign_off_day
from app.services.shifts import open_shift
from app.services.verify import verify_local
from db.local_schema import receipts as receipts_table

NOW = "2026-11-23T10:00:00+08:00"
DAY = "2026-11-23"


@pytest.fixture
def hall(terminal: Any) -> Any:
    """Showcase customers, clerks C01, C02, S01 (supervisor); C01's shift open with a 500.00 float (the suite's
    demo terminal, a copy of the one built once per process, on NOW)."""
    assert isinstance(terminal.ctx.clock, FixedClock)
    assert terminal.ctx.clock.now_utc() == dt.datetime.fromisoformat(NOW)
    return terminal


def mixed_day(ctx: Any) -> dict[str, str]:
    """Cash with change, a non-cash payment, a cash payment reversed, a bank-card payment reversed."""
    r1 = pay(ctx, PayRequest("1000000001", Method.CASH, "C01", tendered_fen=300_00))  # 191.10, change 108.90
    r2 = pay(ctx, PayRequest("1000000002", Method.WECHAT, "C01", reference="WX0001"))  # 3041.00
    r3 = pay(ctx, PayRequest("1000000004", Method.CASH, "C01", amount_fen=50_00, tendered_fen=100_00))
    r4 = pay(ctx, PayRequest("1000000005", Method.BANKCARD, "C01", amount_fen=1000_00, reference="POS77"))
    reverse(ctx, ReversalRequest(r3.receipt.receipt_no, "C01", "S01", "金额录错", approver_pin="999999"))
    reverse(ctx, ReversalRequest(r4.receipt.receipt_no, "C01", "S01", "客户改用现金", approver_pin="999999"))
    r5 = pay(ctx, PayRequest("1000000005", Method.CASH, "C01", amount_fen=1000_00, tendered_fen=1000_00))
    assert (r1.receipt.amount_fen, r1.receipt.change_fen, r2.receipt.amount_fen) == (191_10, 108_90, 3041_00)
    return {
        "r1": r1.receipt.receipt_no,
        "r3": r3.receipt.receipt_no,
        "r4": r4.receipt.receipt_no,
        "r5": r5.receipt.receipt_no,
    }


# float 500.00 + cash 300.00 + 100.00 + 1000.00 − change 108.90 − 50.00 − cash refund 50.00
EXPECTED = 500_00 + 300_00 + 100_00 + 1000_00 - 108_90 - 50_00 - 50_00
COUNT_EXACT = "100x16,50x1,20x2,1x1,0.1x1"  # 1691.10


def test_expected_cash_across_a_mixed_day(hall: Any) -> None:
    mixed_day(hall.ctx)
    preview = close_preview(hall.ctx, "C01")
    assert preview.expected_cash_fen == EXPECTED == 1691_10
    f = preview.figures
    assert {m.method: (m.count, m.amount_fen, m.refund_count, m.refunded_fen) for m in f.by_method} == {
        "cash": (3, 191_10 + 50_00 + 1000_00, 1, 50_00),
        "bankcard": (1, 1000_00, 1, 1000_00),
        "wechat": (1, 3041_00, 0, 0),
    }
    assert f.receipts == 5 and f.reversals == 2
    assert preview.threshold_fen == 10_00
    assert preview.pending_card_writes == ()
    assert parse_count(COUNT_EXACT).total_fen == EXPECTED


def test_exact_close_writes_the_count_and_the_close_then_the_shift_is_closed(hall: Any) -> None:
    mixed_day(hall.ctx)
    result = close_shift(hall.ctx, CloseRequest("C01", parse_count(COUNT_EXACT)))
    assert result.difference_fen == 0 and result.expected_cash_fen == result.counted_fen == 1691_10
    assert result.kept.total_fen == 500_00 and result.deposit.total_fen == 1191_10
    assert result.count_entry.kind == Kind.CASH_COUNT and result.close_entry.seq == result.count_entry.seq + 1
    assert result.count_entry.payload["counts"]["10000"] == 16
    payload = result.close_entry.payload
    assert payload["expected_cash_fen"] == 1691_10 and payload["difference_fen"] == 0
    assert payload["by_method"]["wechat"] == {
        "count": 1,
        "amount_fen": 3041_00,
        "refund_count": 0,
        "refunded_fen": 0,
    }
    with hall.store.uow() as uow:
        assert uow.shifts.open_for("C01") is None
        assert uow.shifts.get(result.shift.shift_id).closed_at is not None
    assert verify_local(hall.ctx).ok


@pytest.mark.parametrize(
    "count, difference", [("100x16,50x1,20x2,1x1,0.5x1,0.1x1", 50), ("100x16,50x1,20x2,0.1x1", -1_00)]
)
def test_a_small_difference_needs_a_reason_but_no_supervisor(hall: Any, count: str, difference: int) -> None:
    mixed_day(hall.ctx)
    head = _head(hall)
    with pytest.raises(Refused, match="原因"):
        close_shift(hall.ctx, CloseRequest("C01", parse_count(count)))
    assert _head(hall) == head  # refused: nothing written
    result = close_shift(hall.ctx, CloseRequest("C01", parse_count(count), reason="找零失误"))
    assert result.difference_fen == difference
    assert result.close_entry.payload["reason"] == "找零失误"


def test_difference_at_the_threshold_needs_no_supervisor(hall: Any) -> None:
    mixed_day(hall.ctx)
    at = parse_count(COUNT_EXACT + ",10x1")  # 长款 10.00 = the default threshold
    result = close_shift(hall.ctx, CloseRequest("C01", at, reason="多收未找零"))
    assert result.difference_fen == 10_00 and result.close_entry.payload["approver_id"] == ""


def test_difference_above_the_threshold_needs_a_supervisor(hall: Any) -> None:
    mixed_day(hall.ctx)
    short = parse_count("100x16,50x1,10x1,5x1,0.1x1")  # 1665.10: 短款 26.00
    assert short.total_fen - EXPECTED == -26_00
    head = _head(hall)
    with pytest.raises(Refused, match="主管"):
        close_shift(hall.ctx, CloseRequest("C01", short, reason="少收"))
    with pytest.raises(Refused, match="不是主管"):
        close_shift(hall.ctx, CloseRequest("C01", short, reason="少收", approver_id="C02"))
    with pytest.raises(Refused, match="没有工号"):
        close_shift(hall.ctx, CloseRequest("C01", short, reason="少收", approver_id="S99"))
    assert _head(hall) == head
    result = close_shift(
        hall.ctx, CloseRequest("C01", short, reason="少收", approver_id="S01", approver_pin="999999")
    )
    assert result.difference_fen == -26_00
    assert result.close_entry.payload["approver_id"] == "S01"


def test_threshold_comes_from_policy_data(hall: Any) -> None:
    with hall.store.uow() as uow:
        uow.settings.set_policy_values({"shift.difference_supervisor_fen": "0"})
        uow.commit()
    mixed_day(hall.ctx)
    over = parse_count(COUNT_EXACT + ",0.1x1")
    with pytest.raises(Refused, match="主管"):
        close_shift(hall.ctx, CloseRequest("C01", over, reason="多收一角"))
    assert (
        close_shift(
            hall.ctx, CloseRequest("C01", over, reason="多收一角", approver_id="S01", approver_pin="999999")
        ).difference_fen
        == 10
    )


def test_nothing_posts_into_a_closed_shift(hall: Any) -> None:
    receipts = mixed_day(hall.ctx)
    closed = close_shift(hall.ctx, CloseRequest("C01", parse_count(COUNT_EXACT))).shift
    head = _head(hall)
    with pytest.raises(Refused, match="没有已开的班次"):
        pay(hall.ctx, PayRequest("1000000001", Method.CASH, "C01", amount_fen=10_00))
    with pytest.raises(Refused, match="已结班次不能冲正"):
        reverse(
            hall.ctx, ReversalRequest(receipts["r5"], "C01", "S01", "结班后发现错误", approver_pin="999999")
        )
    with pytest.raises(Refused, match="没有未结的班次"):
        close_shift(hall.ctx, CloseRequest("C01", parse_count("100x5")))
    assert _head(hall) == head
    # A correction goes into a new shift; the old receipt still cannot be reversed from there.
    hall.ctx = _at(hall.ctx, "2026-11-23T14:00:00+08:00")
    new = open_shift(hall.ctx, "C01", 200_00)
    assert new.shift_id.endswith("-2")
    with pytest.raises(Refused, match=closed.shift_id):
        reverse(
            hall.ctx, ReversalRequest(receipts["r5"], "C01", "S01", "结班后发现错误", approver_pin="999999")
        )
    # The store's own guard: no receipt row may name the closed shift, its row never changes again.
    with hall.store.uow() as uow:
        row = (
            uow.connection.execute(
                text("SELECT * FROM receipts WHERE receipt_no = :n"), {"n": receipts["r5"]}
            )
            .mappings()
            .one()
        )
        forged = {**row, "receipt_no": "T01-20261123-9999"}
        with pytest.raises(Exception, match="shift is closed"):
            uow.connection.execute(insert(receipts_table).values(**forged))
    with hall.store.uow() as uow:
        with pytest.raises(Exception, match="shift is closed"):
            uow.connection.execute(
                text("UPDATE shifts SET closed_at = NULL WHERE shift_id = :s"), {"s": closed.shift_id}
            )


def test_pending_and_failed_receipts_are_listed_before_closing(hall: Any) -> None:
    receipts = mixed_day(hall.ctx)
    with hall.store.uow() as uow:
        uow.receipts.set_print_state(receipts["r1"], "failed", "缺纸", printed=False)
        uow.commit()
    preview = close_preview(hall.ctx, "C01")
    unprinted = [r.receipt_no for r in preview.unprinted_receipts]
    assert receipts["r1"] in unprinted and len(unprinted) == 5  # pay() leaves receipts pending until printed
    result = close_shift(hall.ctx, CloseRequest("C01", parse_count(COUNT_EXACT)))
    assert receipts["r1"] in result.unprinted_receipts


def test_day_report_sign_off_and_pdfs(hall: Any, tmp_path: Path) -> None:
    mixed_day(hall.ctx)
    open_shift(hall.ctx, "C02", 300_00)
    pay(hall.ctx, PayRequest("1000000001", Method.ALIPAY, "C02", amount_fen=200_00, reference="ALI1"))  # 预存
    close_shift(hall.ctx, CloseRequest("C01", parse_count(COUNT_EXACT)))
    with pytest.raises(Refused, match="尚未结班"):
        sign_off_day(hall.ctx, "S01", DAY, pin="999999")
    close_shift(hall.ctx, CloseRequest("C02", parse_count("100x3")))
    with pytest.raises(Refused, match="不是主管"):
        sign_off_day(hall.ctx, "C02", DAY)
    signed = sign_off_day(hall.ctx, "S01", DAY, pin="999999")
    assert signed.entry.kind == Kind.APPROVAL and signed.entry.payload["what"] == "day_report"
    assert signed.entry.payload["net_by_method"]["wechat"] == 3041_00
    with pytest.raises(Refused, match="重复签认"):
        sign_off_day(hall.ctx, "S01", DAY, pin="999999")

    report = load_day_report(hall.ctx, DAY)
    assert report.signed_off_by == "S01"
    assert [c.clerk_id for c in report.clerks] == ["C01", "C02"]
    assert report.hall.expected_cash_fen == EXPECTED + 300_00 and report.hall.difference_fen == 0
    assert report.hall.reversals == 2 and report.hall.waivers == 0 and report.hall.card_purchases == 0
    cats = {c.category: c.amount_fen for c in report.hall.by_category}
    assert cats["commercial"] == 3041_00 and cats["industrial"] == 1000_00

    from printing.day_report_pdf import day_report_pdf, deposit_slip_pdf

    day_pdf = day_report_pdf(report, tmp_path / "day.pdf")
    slip_pdf = deposit_slip_pdf(report, tmp_path / "slip.pdf")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    day_text = _pdftext(day_pdf)
    for figure in (
        "1,691.10",
        "3,041.00",
        "1,991.10",
        "4,432.10",
        "200.00",
        "营业日报",
        "李娜",
        "赵磊",
        "S01",
    ):
        assert figure in day_text, figure
    slip_text = _pdftext(slip_pdf)
    assert "现金解款单" in slip_text and "1,191.10" in slip_text and "壹仟壹佰玖拾壹元壹角整" in slip_text


def _pdftext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _head(hall: Any) -> tuple[int, str]:
    with hall.store.uow() as uow:
        return uow.journal.head()


def _at(ctx: Any, when: str) -> Any:
    from app.services.context import Context

    return Context(ctx.uow, FixedClock(dt.datetime.fromisoformat(when)), ctx.terminal, reader=ctx.reader)


def test_a_drawer_after_change_to_the_fen_balances_to_the_fen(hall: Any, tmp_path: Path) -> None:
    paid = pay(hall.ctx, PayRequest("1000000004", Method.CASH, "C01", amount_fen=227_45, tendered_fen=300_00))
    assert paid.receipt.change_fen == 72_55
    assert close_preview(hall.ctx, "C01").expected_cash_fen == 727_45  # 500.00 + 300.00 − 72.55
    result = close_shift(hall.ctx, CloseRequest("C01", parse_count("100x7,20x1,5x1,1x2,0.1x4,0.05x1")))
    assert (result.counted_fen, result.expected_cash_fen, result.difference_fen) == (727_45, 727_45, 0)
    assert result.kept.text() == "100x5" and result.kept.total_fen == 500_00
    assert result.deposit.text() == "100x2,20x1,5x1,1x2,0.1x4,0.05x1" and result.deposit.total_fen == 227_45
    assert result.count_entry.payload["counts"]["5"] == 1 and result.count_entry.payload["counts"]["1"] == 0
    assert verify_local(hall.ctx).ok

    from printing.day_report_pdf import deposit_slip_pdf

    report = load_day_report(hall.ctx, DAY)
    assert report.hall.difference_fen == 0 and report.hall.deposit_fen == 227_45
    slip = deposit_slip_pdf(report, tmp_path / "slip.pdf")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    lines = [" ".join(line.split()) for line in _pdftext(slip).splitlines()]
    for row in ("5分 1 0.05", "2分 0 0.00", "1分 0 0.00", "1角 4 0.40", "合计 11 227.45"):
        assert any(row in line for line in lines), row
    assert any("贰佰贰拾柒元肆角伍分" in line for line in lines)
