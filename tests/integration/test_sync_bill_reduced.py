"""Issue 18: a bill head office reduced after a counter took it offline at the old amount is a `bill_reduced`
review case with its own wording, not "paid at another hall" (review 2026-11-28, scenario 6). The payment
records the bill amount the counter saw (allocations' bill_amount_fen); what it took beyond the central amount
is credited once. On the embedded SQLite central and on PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from app.model import Method
from app.services.payments import PayRequest, pay
from app.services.sync import run_sync
from tests.integration.pg_fixtures import (  # noqa: F401
    assert_consistent,
    central,
    central_url,
    link_for,
    make_terminal,
    pg_server,
)

DAY = dt.date(2026, 11, 23)


def _reduce_bill_a(central) -> None:
    """Billing corrects 1000000001-a (2026-09, 100.00) down to 95.00 with the same due date and kWh."""
    due = (DAY - dt.timedelta(days=10)).isoformat()
    central.issue_bills(
        [
            dict(
                bill_id="1000000001-a",
                customer_no="1000000001",
                period="2026-09",
                kwh=189,
                amount_fen=9500,
                due_date=due,
            )
        ],
        today=DAY,
    )


def test_reduced_after_an_offline_payment_is_its_own_case(tmp_path, central_url, central):
    t1 = make_terminal(tmp_path, "T01")
    run_sync(link_for(t1, central_url))
    paid = pay(t1.ctx, PayRequest("1000000001", Method.CASH, "C01"))  # offline: 100.00 + 1.00 fee + 90.10
    assert paid.entry.payload["amount_fen"] == 19110
    assert [a["bill_amount_fen"] for a in paid.entry.payload["allocations"]] == [10000, 9010]
    _reduce_bill_a(central)
    run_sync(link_for(t1, central_url))
    cases = central.review_cases(customer_no="1000000001")
    assert [(c.kind, c.bill_id, c.amount_fen, c.entry_id) for c in cases] == [
        ("bill_reduced", "1000000001-a", 500, paid.entry.entry_id)
    ]
    assert "总部调减为 95.00 元" in cases[0].detail and "其他营业厅" not in cases[0].detail
    assert central.balances()["1000000001"] == 500
    assert central.bills_paid()["1000000001-a"] == (9500, 9500, 100)
    run_sync(link_for(t1, central_url))  # the counter pulls the correction and the credit
    with t1.store.reader() as uow:
        assert uow.customers.get("1000000001").balance_fen == 500
    assert_consistent(central, [t1])


def test_reduced_and_paid_at_another_hall_split_exactly(tmp_path, central_url, central):
    """T02 paid the reduced bill online; T01 had taken the old amount offline: of T01's 101.00 on bill -a,
    5.00 is the reduction and 96.00 (fee 1.00 + principal 95.00) a double payment; bill -b 90.10 too."""
    t1, t2 = make_terminal(tmp_path, "T01"), make_terminal(tmp_path, "T02")
    run_sync(link_for(t1, central_url)), run_sync(link_for(t2, central_url))
    first = pay(t1.ctx, PayRequest("1000000001", Method.CASH, "C01"))
    _reduce_bill_a(central)
    run_sync(link_for(t2, central_url))  # T02 pulls the reduced bill, then takes 95.00 + 1.00 + 90.10
    second = pay(t2.ctx, PayRequest("1000000001", Method.WECHAT, "C01", reference="WX18R"))
    assert second.entry.payload["amount_fen"] == 18610
    run_sync(link_for(t2, central_url)), run_sync(link_for(t1, central_url))
    got = sorted(
        (c.kind, c.bill_id, c.amount_fen)
        for c in central.review_cases(customer_no="1000000001")
        if c.entry_id == first.entry.entry_id
    )
    assert got == [
        ("bill_reduced", "1000000001-a", 500),
        ("double_payment", "1000000001-a", 9600),
        ("double_payment", "1000000001-b", 9010),
    ]
    assert central.balances()["1000000001"] == 19110  # all of T01's money, credited once
    assert_consistent(central, [t1, t2])


def test_reversed_before_it_reached_head_office_takes_the_reduction_credit_back(
    tmp_path, central_url, central
):
    """T01 takes the old amount offline and voids it (冲正) before syncing: centrally the payment opens its
    bill_reduced case (5.00 to the balance) and the reversal takes exactly that back; nothing stays paid."""
    from app.services.reversal import ReversalRequest, reverse

    t1 = make_terminal(tmp_path, "T01")
    run_sync(link_for(t1, central_url))
    paid = pay(t1.ctx, PayRequest("1000000001", Method.CASH, "C01"))
    reverse(t1.ctx, ReversalRequest(paid.receipt.receipt_no, "C01", "S01", "收错户", approver_pin="999999"))
    _reduce_bill_a(central)
    run_sync(link_for(t1, central_url))
    assert [(c.kind, c.amount_fen) for c in central.review_cases(customer_no="1000000001")] == [
        ("bill_reduced", 500)
    ]
    assert central.balances()["1000000001"] == 0
    paid_now = central.bills_paid()
    assert paid_now["1000000001-a"][:2] == (9500, 0) and paid_now["1000000001-b"][:2] == (9010, 0)
    assert_consistent(central, [t1])


def test_reply_lost_after_the_commit_then_resent_one_case_once(tmp_path, pg_server, monkeypatch):  # noqa: F811
    """PostgreSQL behind a proxy that drops the COMMIT reply of the push carrying the offline payment: the
    case, the credit and head office's signatures are committed once; the resend finds them, changes nothing."""
    from app.sync import CentralUnavailable
    from db.central.store import CentralStore
    from tests.integration.pg_fixtures import seed_central
    from tests.integration.tcp_proxy import Fault, TcpProxy

    monkeypatch.setenv("HALLPAY_HQ_KEY", str(tmp_path / "hq" / "hq.key"))
    db = pg_server.new_database()
    (tmp_path / "hq").mkdir()
    central = CentralStore.open(pg_server.url(db), tmp_path / "hq")
    seed_central(central)
    proxy = TcpProxy(pg_server.port)
    try:
        t1 = make_terminal(tmp_path, "T01")
        run_sync(link_for(t1, pg_server.url(db)))
        paid = pay(t1.ctx, PayRequest("1000000001", Method.CASH, "C01"))
        _reduce_bill_a(central)
        link = link_for(t1, pg_server.url(db, proxy.port))
        link.central()  # connected and migrated: the next COMMIT is the push's
        proxy.cut_all()
        proxy.arm(Fault(server_marker=b"COMMIT\x00"))
        with pytest.raises(CentralUnavailable):
            run_sync(link)
        assert central.ack("T01").seq == paid.entry.seq  # committed, though the counter never heard it
        proxy.arm(None)
        result = run_sync(link_for(t1, pg_server.url(db, proxy.port)))
        assert (result.pushed, result.pending, result.alarms) == (0, 0, ())
        cases = central.review_cases(customer_no="1000000001")
        assert [(c.kind, c.amount_fen) for c in cases] == [("bill_reduced", 500)]
        assert central.balances()["1000000001"] == 500
        with t1.store.reader() as uow:  # head office's correction pulled and its signature checked
            hq_checked = uow.connection.execute(
                text("SELECT value FROM sync_state WHERE key = 'pull.hq'")
            ).scalar()
        assert hq_checked == "1"
        assert_consistent(central, [t1])
    finally:
        proxy.close()
        central.close()
