"""The case queue past 200 (issue 31, review P2-5): it pages, every case is reachable, the overview counts
them all, and a customer number finds its cases. The extra cases are rows written straight into review_cases
(the ledger's projection makes them one per double payment; 250 double payments would take minutes here)."""

from __future__ import annotations

import re

from sqlalchemy import insert

from console.case_queries import PER_PAGE
from db.central_schema import review_cases
from tests.console.test_security import login

EXTRA = 4 * PER_PAGE + 1  # with the scenario's own two: past the old cap of 200


def add_cases(central) -> None:
    rows = [
        {
            "case_id": f"double_payment:TX:{i:04d}",
            "kind": "double_payment",
            "terminal_id": "T02",
            "seq": 1000 + i,
            "entry_id": f"00000000-0000-0000-0000-{i:012d}",
            "customer_no": f"20000{i:05d}",
            "bill_id": None,
            "amount_fen": 100 + i,
            "detail": f"case {i}",
            "created_at": f"2026-11-24T00:{i // 60:02d}:{i % 60:02d}.000000Z",  # after the scenario's
        }
        for i in range(EXTRA)
    ]
    with central.engine.begin() as conn:
        conn.execute(insert(review_cases), rows)


def test_every_open_case_is_reachable_by_page_and_the_overview_counts_them_all(app, central):
    add_cases(central)
    total = sum(1 for c in central.review_cases() if c.kind == "double_payment")  # the open ones
    assert total > 200
    client = app.test_client()
    login(client, "cai")
    overview = client.get("/").get_data(as_text=True)
    assert re.search(rf"待查事项<b>{total}</b>", overview)
    seen: list[str] = []
    path = "/cases"
    while path:
        page = client.get(path).get_data(as_text=True)
        seen += re.findall(r'name="case_id" value="([^"]+)"', page)
        nxt = re.search(r'id="open-pager".*?<a class="next" href="([^"]+)"', page, re.S)
        path = nxt.group(1).replace("&amp;", "&") if nxt else ""
    assert len(seen) == len(set(seen)) == total
    assert f"double_payment:TX:{EXTRA - 1:04d}" in seen  # the newest: the one the cap of 200 hid


def test_a_customer_number_finds_its_cases(app, central):
    add_cases(central)
    client = app.test_client()
    login(client, "jing")
    page = client.get("/cases?customer=2000000123").get_data(as_text=True)
    assert "20000" + "00123" in page and "共 1 ·" in page
    assert client.get("/cases?page=x").status_code == 400


def test_a_case_shows_what_each_payment_paid_on_that_bill_and_which_caused_the_surplus(app, central):
    """Review P2-6: the table listed each receipt's whole amount; finance decides from what went on the bill."""
    from app.money import format_fen
    from console.case_queries import cases

    client = app.test_client()
    login(client, "cai")
    page = client.get("/cases").get_data(as_text=True)
    expected = []
    for case in cases(central.engine, resolved=False, money=True):
        [caused] = [p for p in case["payments"] if p.caused]
        assert (caused.terminal_id, caused.seq) == (case["terminal_id"], case["seq"])
        assert caused.on_bill_fen == case["amount_fen"]  # the second payment of the bill is the surplus
        assert all(p.on_bill_fen < p.amount_fen for p in case["payments"])  # each receipt paid two bills
        expected.append((caused.terminal_id, str(caused.seq), format_fen(caused.on_bill_fen, grouped=True)))
    shown = re.findall(
        r'<tr class="caused"><td>[^<]*</td><td>([^<]+)</td><td>#(\d+) <b class="bad">造成多收</b></td>'
        r'<td>[^<]*</td><td>[^<]*</td><td class="num">([^<]+)</td>',
        page,
    )
    assert shown == expected and len(expected) == 4


def test_a_cases_payments_are_read_through_the_customer_index(central):
    """The case page reads the customer's entries, not every payment's payload (c0014's expression index):
    the query must use the index's very expression, or the planner scans the whole journal again."""
    from sqlalchemy import select

    from console.case_queries import _customer_of
    from db.central_schema import central_journal

    with central.engine.connect() as conn:
        query = select(central_journal.c.entry_id).where(
            central_journal.c.kind == "payment", *_customer_of(conn, "1000000001")
        )
        sql = str(query.compile(conn, compile_kwargs={"literal_binds": True}))
        plan = " ".join(str(row[-1]) for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    assert "USING INDEX ix_central_journal_customer" in plan, plan
