"""Issue 14, central side: bills issued centrally are offset by the central ledger from the customer's
balance (oldest first, late fee first, one central record), and terminals pull the result, so two
terminals never spend one balance twice. On the embedded SQLite central and on PostgreSQL."""

from __future__ import annotations

import datetime as dt

from app.services.payments import due
from app.services.sync import run_sync
from tests.integration.pg_fixtures import central, central_url, link_for, make_terminal, pg_server  # noqa: F401

DAY = dt.date(2026, 11, 23)


def _local(w, customer_no: str) -> tuple[int, int]:
    with w.store.reader() as uow:
        balance = uow.customers.get(customer_no).balance_fen
    return balance, due(w.ctx, customer_no).quote.total_fen


def test_issued_bills_are_offset_centrally_once_and_both_counters_see_it(tmp_path, central_url, central):
    t1, t2 = make_terminal(tmp_path, "T01"), make_terminal(tmp_path, "T02")
    for w in (t1, t2):
        run_sync(link_for(w, central_url))
        assert _local(w, "1000000004") == (2000, 0)  # 20.00 prepaid, nothing due
    # a bill not yet due: the balance pays it whole, no late fee
    first = central.issue_bills(
        [
            dict(
                bill_id="1000000004-n",
                customer_no="1000000004",
                period="2026-11",
                kwh=40,
                amount_fen=1500,
                due_date="2026-12-10",
            )
        ],
        today=DAY,
    )
    assert len(first) == 1 and first[0].terminal_id == "HQ" and first[0].kind == "offset"
    p = first[0].payload
    assert (p["balance_before_fen"], p["balance_after_fen"], p["amount_fen"]) == (2000, 500, 0)
    assert [(a["bill_id"], a["principal_paid_fen"], a["fee_paid_fen"]) for a in p["allocations"]] == [
        ("1000000004-n", 1500, 0)
    ]
    # an overdue bill (10 days): 5.00 left pays the late fee first (0.30 -> the 1.00 minimum), then 4.00
    second = central.issue_bills(
        [
            dict(
                bill_id="1000000004-o",
                customer_no="1000000004",
                period="2026-10",
                kwh=80,
                amount_fen=3000,
                due_date="2026-11-13",
            )
        ],
        today=DAY,
    )
    p = second[0].payload
    assert [
        (a["bill_id"], a["fee_due_fen"], a["fee_paid_fen"], a["principal_paid_fen"]) for a in p["allocations"]
    ] == [("1000000004-o", 100, 100, 400)]
    assert second[0].prev_hash == first[0].hash and second[0].seq == 2  # one chain for head office's records
    assert central.balances()["1000000004"] == 0
    paid = central.bills_paid()
    assert paid["1000000004-n"] == (1500, 1500, 0) and paid["1000000004-o"] == (3000, 400, 100)
    assert (
        central.issue_bills(
            [
                dict(
                    bill_id="1000000004-o",
                    customer_no="1000000004",
                    period="2026-10",
                    kwh=80,
                    amount_fen=3000,
                    due_date="2026-11-13",
                )
            ],
            today=DAY,
        )
        == []
    )  # nothing left
    for w in (t1, t2):  # both counters pull the same state: the balance is gone, 26.00 still due
        run_sync(link_for(w, central_url))
        assert _local(w, "1000000004") == (0, 2600)
    assert central.balances()["1000000004"] == 0
    assert not [c for c in central.review_cases() if c.customer_no == "1000000004"]
    assert [e.kind for e in central.journal("HQ")] == ["offset", "offset"]
    assert "HQ" not in central.terminal_ids()
