"""Issue 14 x 18: the central ledger projects a counter's offsets (预收冲抵) and adjustments (退补) with the
counter's own rule (app.moves.entry_moves), so after a sync head office's bills and balances equal the
counter's, and both equal a replay of the journal (app.moves.replay). A surplus credited centrally settles
the customer's other open bills there at once. On the embedded SQLite central and on PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.model import Method
from app.moves import BillState, replay
from app.services.master_data import Adjust, import_master_data
from app.services.payments import PayRequest, pay
from app.services.sync import run_sync
from app.services.terminal_setup import showcase
from db.central_schema import central_bills, central_customers
from tests.integration.pg_fixtures import (  # noqa: F401
    assert_consistent,
    central,
    central_url,
    link_for,
    make_terminal,
    pg_server,
)

DAY = dt.date(2026, 11, 23)
OFFSET_KEYS = {
    "customer_no",
    "business_day",
    "cause",
    "amount_fen",
    "balance_before_fen",
    "balance_after_fen",
    "minimum_topup_fen",
    "allocations",
}
NEW_BILL = dict(
    bill_id="1000000004-n",
    customer_no="1000000004",
    period="2026-11",
    kwh=90,
    amount_fen=3000,
    due_date="2026-11-13",
)


def _central_state(central) -> tuple[dict[str, tuple], dict[str, tuple[int, str]]]:
    with central.engine.connect() as conn:
        c = central_customers.c
        bills = {
            r.bill_id: (
                r.amount_fen,
                r.due_date,
                r.kwh,
                r.principal_paid_fen,
                r.fee_carried_fen,
                r.fee_accrued_through,
            )
            for r in conn.execute(select(central_bills))
        }
        customers = {
            r.customer_no: (r.balance_fen, r.category)
            for r in conn.execute(select(c.customer_no, c.balance_fen, c.category))
        }
    return bills, customers


def _local_state(w) -> tuple[dict[str, tuple], dict[str, tuple[int, str]], list]:
    with w.store.reader() as uow:
        cnos = [c["customer_no"] for c in showcase(DAY)[0]]
        bills = {
            b.bill_id: (
                b.amount_fen,
                b.due_date.isoformat(),
                b.kwh,
                b.principal_paid_fen,
                b.fee_carried_fen,
                b.fee_accrued_through.isoformat() if b.fee_accrued_through else None,
            )
            for cno in cnos
            for b in uow.bills.for_customer(cno)
        }
        customers = {
            cno: (uow.customers.get(cno).balance_fen, uow.customers.get(cno).category.value) for cno in cnos
        }
        entries = list(uow.journal.entries(0))
    return bills, customers, entries


def _replayed(entries, extra_bills=()) -> tuple[dict[str, tuple], dict[str, tuple[int, str]]]:
    customers, bills = showcase(DAY)
    states = {
        b["bill_id"]: BillState(
            b["customer_no"], b["amount_fen"], b["due_date"], b["kwh"], b.get("principal_paid_fen", 0)
        )
        for b in [*bills, *extra_bills]
    }
    balances = {c["customer_no"]: c.get("balance_fen", 0) for c in customers}
    categories = {c["customer_no"]: c["category"] for c in customers}
    replay(entries, states, balances, categories)
    return (
        {
            k: (
                s.amount_fen,
                s.due_date,
                s.kwh,
                s.principal_paid_fen,
                s.fee_carried_fen,
                s.fee_accrued_through,
            )
            for k, s in states.items()
        },
        {k: (balances[k], categories[k]) for k in balances},
    )


def test_offset_adjustment_and_payment_project_to_what_the_counter_holds(tmp_path, central_url, central):
    t1 = make_terminal(tmp_path, "T01")
    run_sync(link_for(t1, central_url))
    central.load_master_data([], [dict(NEW_BILL)])  # billing's file reaches head office and the hall alike
    # the counter imports the bill: 20.00 balance pays fee 1.00 (0.30 -> the 1-yuan minimum) + 19.00 principal
    imported = import_master_data(t1.ctx, [], [dict(NEW_BILL, line=2)])
    [offset] = imported.offsets
    assert (offset.payload["balance_before_fen"], offset.payload["balance_after_fen"]) == (2000, 0)
    assert set(offset.payload) == OFFSET_KEYS and offset.payload["cause"] == "import"
    assert [(a["fee_paid_fen"], a["principal_paid_fen"]) for a in offset.payload["allocations"]] == [
        (100, 1900)
    ]
    # a paid bill adjusted down: 100.00 -> 60.00 makes 40.00 balance (no other open bill to offset)
    assert pay(t1.ctx, PayRequest("1000000001", Method.CASH, "C01")).entry.payload["amount_fen"] == 19110
    adjusted = import_master_data(
        t1.ctx,
        [],
        [
            dict(
                bill_id="1000000001-a",
                customer_no="1000000001",
                period="2026-09",
                kwh=189,
                amount_fen=6000,
                due_date="2026-11-13",
                line=2,
            )
        ],
        Adjust("抄表差错退补", "S01", "999999"),
    )
    assert adjusted.adjustments[0].payload["to_balance_fen"] == 4000
    assert pay(t1.ctx, PayRequest("1000000004", Method.CASH, "C01")).entry.payload["amount_fen"] == 1100
    result = run_sync(link_for(t1, central_url))
    assert result.pending == 0 and not result.alarms and result.cases == 0
    cbills, ccustomers = _central_state(central)
    lbills, lcustomers, entries = _local_state(t1)
    rbills, rcustomers = _replayed(entries, [NEW_BILL])
    assert lbills == rbills and lcustomers == rcustomers
    assert {k: cbills[k] for k in lbills} == lbills and {k: ccustomers[k] for k in lcustomers} == lcustomers
    assert cbills["1000000001-a"][:4] == (6000, "2026-11-13", 189, 6000)
    assert cbills["1000000004-n"][:4] == (3000, "2026-11-13", 90, 3000)
    assert ccustomers["1000000004"][0] == 0 and ccustomers["1000000001"][0] == 4000
    assert central.bills_paid()["1000000004-n"] == (3000, 3000, 100)
    assert central.journal("HQ") == []  # the counter offset its own import; head office had nothing to do


def test_a_double_payments_surplus_pays_the_customers_other_bills_centrally(tmp_path, central_url, central):
    t1, t2 = make_terminal(tmp_path, "T01"), make_terminal(tmp_path, "T02")
    run_sync(link_for(t1, central_url)), run_sync(link_for(t2, central_url))
    pay(t1.ctx, PayRequest("1000000001", Method.CASH, "C01"))  # 191.10, both bills
    run_sync(link_for(t1, central_url))
    # head office issues a new bill; the customer has no central balance yet, so nothing is offset
    assert (
        central.issue_bills(
            [
                dict(
                    bill_id="1000000001-c",
                    customer_no="1000000001",
                    period="2026-11",
                    kwh=60,
                    amount_fen=5000,
                    due_date="2026-12-10",
                )
            ],
            today=DAY,
        )
        == []
    )
    pay(
        t2.ctx, PayRequest("1000000001", Method.WECHAT, "C01", reference="WX9")
    )  # T2 had not pulled: 191.10 again
    result = run_sync(link_for(t2, central_url))
    assert result.cases == 2  # one double payment per bill
    [hq] = central.journal("HQ")  # the surplus pays the new bill at once, on head office's chain
    assert hq.kind == "offset" and hq.payload["cause"] == "balance"
    assert set(hq.payload) == OFFSET_KEYS  # the counter's shape (app.settle.offset_payload)
    assert (hq.payload["balance_before_fen"], hq.payload["balance_after_fen"]) == (19110, 14110)
    assert central.bills_paid()["1000000001-c"] == (5000, 5000, 0)
    assert central.balances()["1000000001"] == 14110
    run_sync(link_for(t1, central_url)), run_sync(link_for(t2, central_url))
    for w in (t1, t2):
        bills, customers, _ = _local_state(w)
        assert customers["1000000001"][0] == 14110 and bills["1000000001-c"][3] == 5000
    cases = [c for c in central.review_cases() if c.kind == "double_payment"]
    assert sorted(c.amount_fen for c in cases) == [9010, 10100]
    assert_consistent(central, [t1, t2])
