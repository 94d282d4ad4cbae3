"""Issue 29 "done when" (sync review 2026-12-07 P1-1): every kind of hand edit to a stored row of head office,
with its change cursor (`txn`) left alone or moved so that counters pull it, followed by genuine payments of
that customer from two counters syncing for real, is refused or alarmed every time and never pulled as truth;
`central audit --recompute` lists it.

Refused: a counter's pull refuses a row whose signature fails (rc 3, nothing applied). Alarmed: the push's
projection finds the row it would build on unverified, holds the customer and opens a `tampered_row` case
with the money held. Either way each counter keeps the genuine value, and the recompute (the fold of the
journals) names the edited row. On PostgreSQL (the production ledger).

One edit no push reads: the late fee paid of a bill already fully paid. The fold never builds on that bill, so
its payments are booked; the nightly `central audit --recompute` is its alarm (db/central/audit_alarm.py: a
`tampered_row` case that holds the customer, so its next payment is held and the counter told)."""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select, text

from app.model import Method
from app.services.payments import PayRequest, pay
from db.local_schema import bills as local_bills
from db.local_schema import refunds_owed
from tests.integration.central_cli import run_central
from tests.integration.pg_fixtures import make_terminal, pg_server, seed_central  # noqa: F401


@dataclass(frozen=True)
class Edit:
    name: str
    table: str
    key_col: str
    key: str
    column: str
    sql_value: str  # SET column = this
    stream: str  # as the recompute names it
    field: str
    customer_no: str
    caught: str = "push"  # push: alarmed at the push (or refused at the pull); audit: by the nightly audit


SAID: list[str] = []  # what each sync said (a failing case shows it)
REFUNDED = "1000000001"  # the customer of the refund case: both counters paid its bills offline
DUE = "1000000006"  # a customer of this test's own, with one bill not yet due
PAID = "1000000007"  # another, whose only bill is fully paid
# each kind of edit on a customer of its own (a customer's hold would hide a second edit of the same customer)
EDITS = [
    Edit(
        "balance",
        "central_customers",
        "customer_no",
        "1000000004",
        "balance_fen",
        "balance_fen + 50000",
        "customers",
        "balance_fen",
        "1000000004",
    ),
    Edit(
        "bill_paid",
        "central_bills",
        "bill_id",
        "1000000002-a",
        "principal_paid_fen",
        "90000",
        "bills",
        "principal_paid_fen",
        "1000000002",
    ),
    Edit(
        "bill_fee",
        "central_bills",
        "bill_id",
        "1000000005-a",
        "fee_paid_fen",
        "fee_paid_fen + 5000",
        "bills",
        "fee_paid_fen",
        "1000000005",
    ),
    Edit(
        "due_date",
        "central_bills",
        "bill_id",
        f"{DUE}-a",
        "due_date",
        "'2026-12-31'",
        "bills",
        "due_date",
        DUE,
    ),
    Edit(
        "refund",
        "central_refunds",
        "customer_no",
        REFUNDED,
        "amount_fen",
        "amount_fen + 50000",
        "refunds",
        "amount_fen",
        REFUNDED,
    ),
    Edit(
        "paid_bill_fee",
        "central_bills",
        "bill_id",
        f"{PAID}-a",
        "fee_paid_fen",
        "fee_paid_fen + 5000",
        "bills",
        "fee_paid_fen",
        PAID,
        caught="audit",
    ),
]


def _seed(central: Any) -> None:
    """The showcase customers, DUE with one bill due in ten days, PAID with one bill paid in full."""
    from app.policy import DEFAULTS

    seed_central(central)
    customer = dict(
        customer_no=DUE,
        name="赵敏",
        address="城东区解放路1号",
        phone="13800000006",
        category="commercial",
        meter_no=f"M{DUE}",
        prepaid=0,
        risk_grade="",
        important=0,
        area="城东区",
    )
    bill = dict(
        bill_id=f"{DUE}-a",
        customer_no=DUE,
        period="2026-10",
        kwh=120,
        amount_fen=6000,
        due_date="2026-12-03",
        principal_paid_fen=0,
    )
    paid = {**customer, "customer_no": PAID, "meter_no": f"M{PAID}", "phone": "13800000007"}
    paid_bill = {
        **bill,
        "bill_id": f"{PAID}-a",
        "customer_no": PAID,
        "principal_paid_fen": bill["amount_fen"],
    }
    central.load_master_data([customer, paid], [bill, paid_bill], dict(DEFAULTS))


@pytest.fixture
def hq_url(pg_server, tmp_path, monkeypatch) -> str:  # noqa: F811
    monkeypatch.setenv("HALLPAY_HQ_KEY", str(tmp_path / "hq" / "hq.key"))
    return pg_server.url(pg_server.new_database())


def _sync(w: Any, capsys: Any) -> int:
    from cli.sync import cmd_sync

    capsys.readouterr()
    code = cmd_sync(w, argparse.Namespace(once=True, batch=100, json=False))
    said = capsys.readouterr()
    SAID.append(said.out + said.err)
    return int(code)


def _local(w: Any, edit: Edit) -> Any:
    """The counter's copy of the edited value."""
    with w.store.reader() as uow:
        if edit.table == "central_customers":
            return uow.customers.get(edit.key).balance_fen
        if edit.table == "central_bills":
            row = uow.connection.execute(select(local_bills).where(local_bills.c.bill_id == edit.key)).one()
            # a counter keeps no late fee paid (only what is still carried, which its own payment moves): the
            # bill's row as pulled shows in its principal; a refused pull is its sync's rc
            return getattr(row, "principal_paid_fen" if edit.column == "fee_paid_fen" else edit.column)
        r = refunds_owed.c
        return sorted(
            tuple(row)
            for row in uow.connection.execute(
                select(r.refund_id, r.amount_fen).where(r.customer_no == edit.key)
            )
        )


def _order_refund(central: Any, t1: Any, t2: Any, capsys: Any) -> None:
    """Both counters take customer REFUNDED's bills offline: a double payment head office refunds."""
    for w in (t1, t2):
        pay(w.ctx, PayRequest(REFUNDED, Method.CASH, "C01"))
    assert _sync(t1, capsys) == 0 and _sync(t2, capsys) == 0
    [case] = [c for c in central.review_cases() if c.kind == "double_payment" and c.customer_no == REFUNDED][
        :1
    ]
    central.resolve_case(case.case_id, "F01", "refund", "the customer paid twice")
    assert _sync(t1, capsys) == 0 and _sync(t2, capsys) == 0


def _audit(url: str, customer_no: str, capsys: Any) -> tuple[int, dict[str, Any]]:
    code, out, _err = run_central(capsys, url, "audit", json=True, recompute=True, customer=customer_no)
    return code, json.loads(out)


@pytest.mark.postgres
@pytest.mark.parametrize("cursor", ["cursor_kept", "cursor_moved"])
def test_each_hand_edit_is_refused_or_alarmed_never_pulled_and_the_audit_lists_it(
    tmp_path: Any, hq_url: str, capsys: Any, cursor: str
) -> None:
    from db.central.store import CentralStore

    (tmp_path / "hq").mkdir()
    central = CentralStore.open(hq_url, tmp_path / "hq")
    try:
        _seed(central)
        t1, t2 = make_terminal(tmp_path, "T51", hq_url), make_terminal(tmp_path, "T52", hq_url)
        assert _sync(t1, capsys) == 0 and _sync(t2, capsys) == 0
        _order_refund(central, t1, t2, capsys)
        genuine = {e.name: [_local(t1, e), _local(t2, e)] for e in EDITS}
        for e in EDITS:
            assert genuine[e.name][0] == genuine[e.name][1] and genuine[e.name][0] not in (None, []), e.name
        moved = ", txn = txn + 1000000" if cursor == "cursor_moved" else ""
        with central.engine.begin() as conn:
            for e in EDITS:
                conn.execute(
                    text(f"UPDATE {e.table} SET {e.column} = {e.sql_value}{moved} WHERE {e.key_col} = :k"),
                    {"k": e.key},
                )

        codes = []
        for w, amount in ((t1, 1000), (t2, 700)):  # genuine payments of each customer from two counters
            for e in EDITS:
                pay(
                    w.ctx,
                    PayRequest(e.customer_no, Method.CASH, "C01", amount_fen=amount, tendered_fen=amount),
                )
            codes.append(_sync(w, capsys))
        assert codes == [3, 3], f"{cursor}: each counter is told (refused or alarmed): {codes} {SAID[-2:]}"
        held: dict[str, list[int]] = {}
        for c in central.review_cases():
            if c.kind == "tampered_row":
                held.setdefault(str(c.customer_no), []).append(c.amount_fen)
        for e in EDITS:
            if e.caught == "audit":  # the fold reads no paid bill: booked, and no alarm yet
                assert held.get(e.customer_no) is None, f"{e.name}/{cursor}"
                continue
            assert sorted(held.get(e.customer_no, [])) == [700, 1000], (
                f"{e.name}/{cursor}: both payments held"
            )
            expect = genuine[e.name]
            if e.stream == "customers":  # no open bill: each counter's own prepayment is on its own copy
                expect = [expect[0] + 1000, expect[1] + 700]
            assert [_local(t1, e), _local(t2, e)] == expect, f"{e.name}/{cursor}: pulled as truth"

        code, out = _audit(hq_url, "", capsys)  # the whole ledger (the nightly run), then one customer
        assert code == 3 and not out["ok"]
        late = [e for e in EDITS if e.caught == "audit"]
        assert out["alarmed"] == [e.customer_no for e in late]  # the others were held at their push already
        for e in late:  # the audit's alarm: an open case that holds the customer, head office's
            [case] = [c for c in central.review_cases(customer_no=e.customer_no) if c.kind == "tampered_row"]
            assert case.terminal_id == "HQ" and e.key in case.detail, case
            pay(t1.ctx, PayRequest(e.customer_no, Method.CASH, "C01", amount_fen=300, tendered_fen=300))
            assert _sync(t1, capsys) == 3, f"{e.name}/{cursor}: the next payment is held, the counter told"
            assert sorted(
                c.amount_fen
                for c in central.review_cases(customer_no=e.customer_no)
                if c.kind == "tampered_row"
            ) == [0, 300]
        assert _audit(hq_url, "", capsys)[1]["alarmed"] == []  # found again: no second case
        named = {(d["stream"], d["key"], d["field"]) for d in out["differences"]}
        for e in EDITS:
            key = (
                e.key
                if e.stream != "refunds"
                else next(d["key"] for d in out["differences"] if d["stream"] == "refunds")
            )
            assert (e.stream, key, e.field) in named, f"{e.name}/{cursor}: the audit lists {named}"
        code, out = _audit(hq_url, DUE, capsys)
        # the edit, and the held payments the fold books (on the bill, its fee accrued through today)
        assert code == 3 and (f"{DUE}-a", "due_date") in {(d["key"], d["field"]) for d in out["differences"]}
        assert {d["key"] for d in out["differences"]} == {f"{DUE}-a"}

        # the way out: each customer repaired from the fold (head office signs), the held payments booked once,
        # and the books equal the fold again; both counters then sync clean
        from db.central.repair import repair_books

        for e in EDITS:
            assert repair_books(central, e.customer_no, "it", "edited by hand").record is not None, e.name
        code, out = _audit(hq_url, "", capsys)
        assert code == 0 and out["ok"], out["differences"]
        assert _sync(t1, capsys) == 0 and _sync(t2, capsys) == 0, SAID[-2:]
    finally:
        central.close()
