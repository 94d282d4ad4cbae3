"""app/refund_fold.py: the one rule of refund rows, which the projector writes by and the recompute proves with."""

from __future__ import annotations

from app.journal import GENESIS_HASH, Kind, new_entry
from app.refund_fold import MISMATCH, PAID, PAID_TWICE, UNKNOWN_REFUND, Refund, pay_out


def _payout(terminal_id: str, seq: int, cno: str, *items: tuple[str, int]):
    payload = {"customer_no": cno, "refunds": [{"refund_id": r, "amount_fen": a} for r, a in items]}
    return new_entry(
        terminal_id=terminal_id,
        seq=seq,
        kind=Kind.REFUND_PAYOUT,
        created_at="2026-11-23T02:00:00Z",
        clerk_id="C01",
        payload=payload,
        prev_hash=GENESIS_HASH,
    )


def test_the_first_payout_pays_a_later_one_is_paid_twice_and_the_same_entry_again_is_nothing():
    rows = {"R1": Refund("1001", 10100)}
    first, second = _payout("T02", 1, "1001", ("R1", 10100)), _payout("T01", 1, "1001", ("R1", 10100))
    assert pay_out(rows, first) == []
    assert rows["R1"] == Refund("1001", 10100, PAID, first.entry_id)
    assert pay_out(rows, first) == []  # pushed again: no case, still paid by it
    [twice] = pay_out(rows, second)
    assert (twice.kind, twice.amount_fen, twice.found) == (PAID_TWICE, 10100, rows["R1"])
    assert rows["R1"].paid_entry_id == first.entry_id


def test_an_altered_amount_is_paid_with_its_difference_and_an_unknown_refund_changes_nothing():
    rows = {"R1": Refund("1001", 10100)}
    cases = pay_out(rows, e := _payout("T01", 1, "1001", ("R1", 60100), ("R9", 500)))
    assert [(c.kind, c.refund_id, c.customer_no, c.amount_fen) for c in cases] == [
        (MISMATCH, "R1", "1001", 50000),
        (UNKNOWN_REFUND, "R9", "1001", 500),
    ]
    assert rows == {
        "R1": Refund("1001", 10100, PAID, e.entry_id)
    }  # the cash left: paid, and nothing invented
