"""A refund pay-out's way to head office through a cut connection (real PostgreSQL behind a fault-injecting
proxy): whether the push dies mid-batch or after its COMMIT with the reply lost, the next sync leaves the refund
paid exactly once, by the counter's one refund_payout entry, and no case opened."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.errors import HallPayError
from app.journal import Kind
from app.model import Method
from app.services.payments import PayRequest, pay
from app.services.refund_payout import PayoutRequest, pay_out
from app.services.sync import run_sync
from app.sync import CentralUnavailable
from db.central.store import CentralStore
from db.central_schema import central_journal, central_refunds, review_cases
from tests.integration.pg_fixtures import link_for, make_terminal, pg_server, seed_central  # noqa: F401
from tests.integration.tcp_proxy import Fault, TcpProxy

pytestmark = pytest.mark.postgres
CNO = "1000000001"


@pytest.mark.parametrize(
    "fault",
    [Fault(client_bytes=300), Fault(server_marker=b"COMMIT\x00")],
    ids=["cut-mid-push", "commit-unheard"],
)
def test_a_cut_push_of_a_payout_marks_the_refund_paid_once(tmp_path, pg_server, monkeypatch, fault):  # noqa: F811
    monkeypatch.setenv("HALLPAY_HQ_KEY", str(tmp_path / "hq.key"))
    db = pg_server.new_database()
    central = CentralStore.open(pg_server.url(db), tmp_path)
    seed_central(central)
    url = pg_server.url(db)
    t1, t2 = make_terminal(tmp_path, "T01", url), make_terminal(tmp_path, "T02", url)
    pay(t1.ctx, PayRequest(CNO, Method.CASH, "C01"))
    pay(t2.ctx, PayRequest(CNO, Method.CASH, "C01"))
    for w in (t1, t2):
        run_sync(link_for(w, url))
    case = next(c for c in central.review_cases() if c.kind == "double_payment" and c.bill_id == f"{CNO}-a")
    central.resolve_case(case.case_id, "cai", "refund", "客户要求退款")
    run_sync(link_for(t1, url))
    paid = pay_out(t1.ctx, PayoutRequest(CNO, "C01"))

    proxy = TcpProxy(pg_server.port)
    link = link_for(t1, pg_server.url(db, proxy.port))
    try:
        link.central()  # connect and migrate first, so the fault lands in the push
        proxy.cut_all()
        proxy.arm(fault)
        with pytest.raises((CentralUnavailable, HallPayError)):
            run_sync(link)
        proxy.arm(None)
        run_sync(link_for(t1, url))
        run_sync(link_for(t1, url))
    finally:
        proxy.close()
    with central.engine.connect() as conn:
        refund = conn.execute(select(central_refunds).where(central_refunds.c.case_id == case.case_id)).one()
        copies = conn.execute(
            select(func.count())
            .select_from(central_journal)
            .where(central_journal.c.kind == Kind.REFUND_PAYOUT)
        ).scalar_one()
        cases = conn.execute(select(review_cases.c.kind).where(review_cases.c.kind.like("%refund%"))).all()
    assert (refund.status, refund.paid_entry_id, copies, cases) == ("paid", paid.entry.entry_id, 1, [])
    assert central.ack("T01").seq == paid.entry.seq
    central.close()
