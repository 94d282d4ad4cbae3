"""`central audit --recompute` after a refund is decided, paid out at a counter and synced (issue 29 item 3),
on the embedded ledger and on PostgreSQL, with the pushes folded inline and by head office's projector.

Two counters took customer 1000000001's bill while offline: head office holds a double_payment case of 101.00.
Decided as a refund, T01 pays it out in cash and syncs: the recompute must find nothing and must make the row
paid by that entry (the pay-out names the refund and moves no balance, so it is folded from the ledger's order
like any entry). An edit of the stored row (its paid state, its amount) is then listed. Decided as credit, no
refund row exists and the recompute finds nothing either. A pay-out cannot be voided (app/services/reversal.py
REVERSIBLE), so there is no voided pay-out to fold.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select, text, update

import tests.integration.pg_fixtures as fx
from app.model import Method
from app.services.payments import PayRequest, pay
from app.services.refund_payout import PayoutRequest, pay_out
from app.services.sync import run_sync
from db.central.books import audit, snapshot
from db.central.mode import SERVICE, ledger_mode, set_mode
from db.central_schema import central_refunds
from tests.integration.central_cli import run_central
from tests.integration.pg_fixtures import (  # noqa: F401
    central_url,
    pg_server,  # noqa: F401
)

CNO = "1000000001"
SURPLUS = 10100  # the second payment of 100.00 + 1.00 late fee


@pytest.fixture(params=["inline", "service"])
def central(request, central_url, tmp_path):  # noqa: F811
    """Head office's store on a ledger of the given mode (head office's record, db/central/mode.py)."""
    from db.central.store import CentralStore

    (tmp_path / "hq").mkdir(exist_ok=True)
    store = CentralStore.open(central_url, tmp_path / "hq")
    set_mode(store.engine, request.param, "it", fx.NOW, store.hq)
    fx.seed_central(store)
    yield store
    store.close()


def _service(central) -> bool:  # noqa: F811
    with central.engine.connect() as conn:
        return ledger_mode(conn) == SERVICE


def _sync(central, w, url) -> None:  # noqa: F811
    assert not run_sync(fx.link_for(w, url)).alarms
    if _service(central):  # head office's projector folds what the push appended
        central.project()


def _decided(central, url, tmp_path, decision: str):  # noqa: F811
    t1, t2 = fx.make_terminal(tmp_path, "T01", url), fx.make_terminal(tmp_path, "T02", url)
    pay(t1.ctx, PayRequest(CNO, Method.CASH, "C01"))
    pay(t2.ctx, PayRequest(CNO, Method.WECHAT, "C01", reference="WX1"))
    for w in (t1, t2):
        _sync(central, w, url)
    case = next(c for c in central.review_cases() if c.kind == "double_payment" and c.customer_no == CNO)
    assert case.amount_fen == SURPLUS
    central.resolve_case(case.case_id, "cai", decision, "客户要求")
    return t1, t2, case


def _differences(central) -> list[tuple[str, str, str]]:  # noqa: F811
    with snapshot(central.engine) as conn:
        return [(d.stream, d.key, d.field) for d in audit(conn)]


def test_a_paid_refund_recomputes_as_paid_and_an_edit_of_its_row_is_listed(
    central,  # noqa: F811
    central_url,  # noqa: F811
    tmp_path,
    capsys,
):
    t1, _t2, case = _decided(central, central_url, tmp_path, "refund")
    _sync(central, t1, central_url)  # the order reaches the counter
    paid = pay_out(t1.ctx, PayoutRequest(CNO, "C01"))
    assert paid.amount_fen == SURPLUS
    _sync(central, t1, central_url)
    r = central_refunds.c
    with central.engine.connect() as conn:
        row = conn.execute(
            select(r.refund_id, r.status, r.paid_entry_id).where(r.case_id == case.case_id)
        ).one()
    assert (row.status, row.paid_entry_id) == ("paid", paid.entry.entry_id)
    assert _differences(central) == []
    with snapshot(central.engine) as conn:  # the recompute itself makes the row paid by the pay-out
        from db.central.books_fold import Scope, fold_scope

        done = fold_scope(conn, Scope())
    assert done.refunds[row.refund_id]["status"] == "paid"
    assert done.refunds[row.refund_id]["paid_entry_id"] == paid.entry.entry_id
    code, out, _err = run_central(capsys, central_url, "audit", recompute=True, customer="")
    assert code == 0, out

    with central.engine.begin() as conn:  # someone marks the paid refund ordered again (to pay it twice)
        conn.execute(update(central_refunds).where(r.refund_id == row.refund_id).values(status="ordered"))
    assert _differences(central) == [("refunds", row.refund_id, "status")]
    with central.engine.begin() as conn:  # ... or paid, with a bigger amount
        conn.execute(
            update(central_refunds)
            .where(r.refund_id == row.refund_id)
            .values(status="paid", amount_fen=SURPLUS + 50000)
        )
    assert _differences(central) == [("refunds", row.refund_id, "amount_fen")]
    code, out, _err = run_central(capsys, central_url, "audit", recompute=True, customer="")
    assert code == 3 and row.refund_id in out


def test_a_surplus_decided_as_credit_recomputes_clean(central, central_url, tmp_path):  # noqa: F811
    _t1, _t2, case = _decided(central, central_url, tmp_path, "credit")
    with central.engine.connect() as conn:
        assert (
            conn.execute(select(central_refunds).where(central_refunds.c.case_id == case.case_id)).all() == []
        )
    assert _differences(central) == []


def test_two_payouts_of_one_refund_folded_in_one_batch_keep_the_first_appended(
    central,  # noqa: F811
    central_url,  # noqa: F811
    tmp_path,
):
    """T01 and T02 both pay the refund out while offline; T02's push is appended first, and head office's
    projector folds both in one batch: the refund is paid by T02's entry (the ledger's order, which the
    recompute folds), T01's is the one paid twice. The projector used to mark the batch's pay-outs terminal by
    terminal in name order (T01 first), so the stored row and the recompute disagreed."""
    if not _service(central):
        pytest.skip("inline: each push folds its own pay-out in its own transaction")
    t1, t2, _case = _decided(central, central_url, tmp_path, "refund")
    for w in (t1, t2):
        _sync(central, w, central_url)
    second, first = pay_out(t1.ctx, PayoutRequest(CNO, "C01")), pay_out(t2.ctx, PayoutRequest(CNO, "C01"))
    for w in (t2, t1):  # appended T02 then T01; the projector runs once, after both
        assert not run_sync(fx.link_for(w, central_url)).alarms
    central.project()
    r = central_refunds.c
    with central.engine.connect() as conn:
        assert conn.execute(select(r.paid_entry_id)).scalar() == first.entry.entry_id
    twice = [c for c in central.review_cases() if c.kind == "refund_paid_twice"]
    assert [c.entry_id for c in twice] == [second.entry.entry_id]
    assert _differences(central) == []


def test_a_repair_of_a_customer_with_a_paid_refund_keeps_it_paid(central, central_url, tmp_path):  # noqa: F811
    """The repair writes the recompute over every row of the customer, refunds included
    (db/central/repair.py): when the recompute did not see the pay-out, a repair of an edited balance marked the
    paid refund ordered again, for the next counter to pay it a second time."""
    from db.central.repair import repair_books

    t1, _t2, case = _decided(central, central_url, tmp_path, "refund")
    _sync(central, t1, central_url)
    paid = pay_out(t1.ctx, PayoutRequest(CNO, "C01"))
    _sync(central, t1, central_url)
    with central.engine.begin() as conn:  # an edit that holds the customer: the way out is the repair
        conn.execute(
            text("UPDATE central_customers SET balance_fen = balance_fen + 50000 WHERE customer_no = :c"),
            {"c": CNO},
        )
    repair_books(central, CNO, "it-wang", "余额被人工改动")
    r = central_refunds.c
    with central.engine.connect() as conn:
        row = conn.execute(select(r.status, r.paid_entry_id).where(r.case_id == case.case_id)).one()
    assert tuple(row) == ("paid", paid.entry.entry_id)
    assert central.refunds_to_pay(CNO) == []
    assert _differences(central) == []


def test_a_payout_folded_before_c0021_is_named_by_the_order_at_the_upgrade(central, central_url, tmp_path):  # noqa: F811
    """A ledger whose projection folded a pay-out without naming it in the ledger's order (before this fix):
    the recompute lists the refund as ordered and the pay-out as unnamed; c0021 names it, and the ledger
    recomputes clean."""
    from db.central.store import CentralStore
    from db.central_schema import central_applied

    t1, _t2, _case = _decided(central, central_url, tmp_path, "refund")
    _sync(central, t1, central_url)
    paid = pay_out(t1.ctx, PayoutRequest(CNO, "C01"))
    _sync(central, t1, central_url)
    a = central_applied.c
    with central.engine.begin() as conn:  # the ledger as the old projection left it
        gone = conn.execute(
            central_applied.delete()
            .where(a.terminal_id == "T01")
            .where(a.from_seq == paid.entry.seq)
            .where(a.to_seq == paid.entry.seq)
        )
        assert gone.rowcount == 1
        conn.execute(text("UPDATE central_alembic_version SET version_num = 'c0020'"))
    assert sorted(_differences(central)) == sorted(
        [("journal", f"T01#{paid.entry.seq}", "applied")]
        + [("refunds", _refund_id(central), f) for f in ("paid_entry_id", "status")]
    )
    CentralStore.open(central_url, tmp_path / "hq").close()  # head office's next command upgrades it
    assert _differences(central) == []


def _refund_id(central) -> str:  # noqa: F811
    with central.engine.connect() as conn:
        return str(conn.execute(select(central_refunds.c.refund_id)).scalar_one())
