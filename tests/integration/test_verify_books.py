"""Issue 29 step 3: anyone can recompute head office's books. `central verify-books` folds the seed and every
journal (each terminal's chain and the HQ chain, in the ledger's order) with the projection's own rule and
compares with the stored rows: a clean ledger after a multi-terminal sync verifies; a balance edited by hand is
reported with the stored and the recomputed value. On SQLite and on PostgreSQL."""

from __future__ import annotations

from sqlalchemy import text

from app.services.sync import run_sync
from db.central.books import Difference, verify_books
from tests.integration.central_cli import run_central
from tests.integration.pg_fixtures import (  # noqa: F401
    central,
    central_url,
    link_for,
    make_terminal,
    pg_server,
    take_payments,
)


def _verify(url: str, capsys) -> tuple[int, str]:
    code, out, _err = run_central(capsys, url, "verify-books")
    return code, out


def test_a_clean_ledger_verifies_and_a_hand_edited_balance_is_reported(
    tmp_path, central_url, central, capsys
):
    terminals = [make_terminal(tmp_path, tid, central_url) for tid in ("T51", "T52", "T53")]
    for i, w in enumerate(terminals):  # the same customers at three halls, offline: double payments, offsets
        take_payments(w, 12, seed=i + 1)
    for _round in range(2):
        for w in terminals:
            result = run_sync(link_for(w, central_url))
            assert not result.alarms
    assert [c.kind for c in central.review_cases()]  # the halls did collide
    assert verify_books(central.engine) == []
    code, out = _verify(central_url, capsys)
    assert code == 0 and "一致" in out

    stored = central.balances()["1000000004"]
    with central.engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE central_customers SET balance_fen = balance_fen + 50000 WHERE customer_no = '1000000004'"
            )
        )
        conn.execute(text("UPDATE central_bills SET principal_paid_fen = 0 WHERE bill_id = '1000000001-a'"))
    found = verify_books(central.engine)
    assert Difference("customers", "1000000004", "balance_fen", stored + 50000, stored) in found
    assert [(d.stream, d.key, d.field, d.stored) for d in found if d.stream == "bills"] == [
        ("bills", "1000000001-a", "principal_paid_fen", 0)
    ]
    code, out = _verify(central_url, capsys)
    assert code == 3
    assert f"customers 1000000004 的 balance_fen：总部存储 {(stored + 50000) / 100:.2f}" in out


def test_each_entry_is_folded_with_the_policy_in_force_when_it_was_applied(tmp_path, central_url, central):
    """Head office dropping late fees later changes no earlier entry's books: the recompute folds each entry
    with the policy of its time (the ledger's order records each policy a load set); with today's policy the
    late fee the earlier payments paid would be a surplus nobody owed."""
    from app.model import Method
    from app.services.payments import PayRequest, pay

    t1 = make_terminal(tmp_path, "T51", central_url)
    assert not run_sync(link_for(t1, central_url)).alarms
    pay(t1.ctx, PayRequest("1000000001", Method.CASH, "C01"))  # both bills, one 10 days late: its late fee
    pay(t1.ctx, PayRequest("1000000002", Method.CASH, "C01", amount_fen=1000, tendered_fen=1000))
    assert not run_sync(link_for(t1, central_url)).alarms
    assert verify_books(central.engine) == []
    rates = ("late_fee.residential_permille", "late_fee.current_year_permille", "late_fee.past_year_permille")
    central.load_master_data([], [], {"late_fee.minimum_fen": "0", **{k: "0" for k in rates}})
    assert verify_books(central.engine) == []
    assert not run_sync(link_for(t1, central_url)).alarms  # the counter takes the new rates
    pay(t1.ctx, PayRequest("1000000002", Method.CASH, "C01", amount_fen=1000, tendered_fen=1000))
    assert not run_sync(link_for(t1, central_url)).alarms
    assert verify_books(central.engine) == []
