"""Issue 28 (ux N3): the cash tendered is checked before booking. Exact fen at each boundary, and the service
refusing change no drawer gives with one sentence and no change to the store (in-memory store)."""

from __future__ import annotations

import pytest

from app.errors import Refused
from app.model import Method
from app.services.payments import PayRequest, pay
from app.tender import MAX_CHANGE_FEN, change_needs_a_look, change_too_large
from tests.unit.services.test_rules_in_memory import hall  # noqa: F401


def test_change_of_a_100_yuan_note_or_more_asks() -> None:
    assert change_needs_a_look(33_39, 500_00)  # "500" for a 50-yuan note: 466.61 change
    assert not change_needs_a_look(33_39, 100_00)  # one 100 note for 33.39: 66.61, ordinary
    assert change_needs_a_look(50_00, 150_00)  # exactly one 100 note too many
    assert not change_needs_a_look(50_00, 149_99)
    assert not change_needs_a_look(50_00, 50_00)


def test_change_above_the_limit_is_refused() -> None:
    assert MAX_CHANGE_FEN == 2_000_00
    assert change_too_large(33_39, 99_999_999_00, MAX_CHANGE_FEN)
    assert not change_too_large(33_39, 2_033_39, MAX_CHANGE_FEN)  # exactly the limit: allowed
    assert change_too_large(33_39, 2_033_40, MAX_CHANGE_FEN)


def test_the_service_refuses_absurd_tendered_cash_and_changes_nothing(hall) -> None:  # noqa: F811
    ctx, store = hall
    commits = store.commits
    with pytest.raises(Refused) as refused:
        pay(ctx, PayRequest("1000000001", Method.CASH, "C01", tendered_fen=99_999_999_00))
    assert refused.value.code == "pay.change_too_large"
    assert refused.value.params["change_fen"] == 99_999_999_00 - 191_10
    assert store.commits == commits  # nothing written
    with ctx.read() as r:
        assert r.receipts.for_day("2026-11-23") == [] and r.bills.open_for("1000000001") != []
    # a configured limit (the counter and the CLI pass [counter] max_change_yuan)
    with pytest.raises(Refused):
        pay(ctx, PayRequest("1000000001", Method.CASH, "C01", tendered_fen=300_00, max_change_fen=100_00))
    assert (
        pay(ctx, PayRequest("1000000001", Method.CASH, "C01", tendered_fen=291_10)).receipt.change_fen
        == 100_00
    )
