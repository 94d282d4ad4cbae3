"""The console's reads and decisions on a real PostgreSQL: the scenario's central journal replayed into it
through CentralStore.push (the same projection), then every page and both decisions."""

from __future__ import annotations

import pytest

from db.central.hq import HQ
from db.central.store import CentralStore
from tests.console.conftest import CLOCK, PASSWORD, journal_rows
from tests.console.test_security import login, token_of
from tests.integration.pg_fixtures import pg_server, seed_central  # noqa: F401


@pytest.mark.postgres
@pytest.mark.timeout(180)
def test_the_console_on_postgresql(pg_server, central, tmp_path):  # noqa: F811
    from console.users import add_user
    from console.web import create_app

    pg = CentralStore.open(pg_server.url(pg_server.new_database()), tmp_path)
    try:
        seed_central(pg)
        for tid in central.terminal_ids():
            pg.push(tid, "国网示范市供电公司城东营业厅", central.journal(tid), central.public_key(tid) or "")
        assert sorted(c.kind for c in pg.review_cases()) == sorted(
            c.kind for c in central.review_cases() if c.kind == "double_payment"
        )
        add_user(pg.engine, "cai", "finance", PASSWORD, CLOCK)
        client = create_app(pg.engine, clock=lambda: CLOCK).test_client()
        assert login(client, "cai").status_code == 302
        for path in (
            "/",
            "/cases",
            "/alarms",
            "/reports/day?day=2026-11-23",
            "/reports/day.pdf?day=2026-11-23",
            "/reports/clerks?month=2026-11",
            "/reports/arrears",
        ):
            assert client.get(path).status_code == 200, path
        first, second = [c for c in pg.review_cases() if c.kind == "double_payment"][:2]
        before = journal_rows(pg)
        form = {"case_id": first.case_id, "decision": "credit", "reason": "留作预存"}
        assert client.post("/cases/resolve", data=form).status_code == 400
        assert journal_rows(pg) == before
        assert client.post("/cases/resolve", data={**form, "csrf_token": token_of(client)}).status_code == 302
        form = {
            "case_id": second.case_id,
            "decision": "refund",
            "reason": "退款",
            "csrf_token": token_of(client),
        }
        assert client.post("/cases/resolve", data=form).status_code == 302
        assert [e.kind for e in pg.journal(HQ)][-2:] == ["case_decision", "refund_order"]
        assert [r["case_id"] for r in pg.refunds_to_pay()] == [second.case_id]
    finally:
        pg.close()
