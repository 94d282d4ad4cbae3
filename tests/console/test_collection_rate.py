"""回收率 per clerk in the console's clerk report (issue 21): the overdue principal the customers of a clerk's areas
paid this month (whichever counter took it; a double payment's second claim recovers nothing) against what they
still owe past due now. The scenario (tests/console/conftest.py): T01 and T02 both took 城东区's 1000000001
(100.00 overdue) and 经开区's 1000000002 (1000.00 + 1000.00 overdue); 城北区's hospital owes 32240.00 + 29760.00."""

from __future__ import annotations

from sqlalchemy import select

from console.report_queries import clerk_month
from db.central_schema import central_admin_audit
from tests.console.conftest import CLOCK, DAY
from tests.console.test_security import login, token_of


def test_the_rate_is_recovered_against_the_arrears_of_the_clerks_areas(app, central):
    manager = app.test_client()
    login(manager, "jing")
    for area, clerk in (("经开区", "C01"), ("城北区", "C01")):  # 城东区 stays unassigned: counted for nobody
        resp = manager.post(
            "/reports/clerks/area",
            data={
                "csrf_token": token_of(manager, "/reports/clerks"),
                "area": area,
                "clerk_id": clerk,
                "month": DAY[:7],
            },
        )
        assert resp.status_code == 302
    [c01] = clerk_month(central.engine, DAY[:7], CLOCK.date())
    assert (c01.areas, c01.recovered_fen, c01.arrears_fen) == (("城北区", "经开区"), 200000, 6200000)
    assert c01.rate_permille == 31 and c01.rate_text == "3.1%"  # 200000 / 6400000 = 3.125 %, half-up to the ‰
    assert c01.payments == 4  # the money figures count by who took the money: both counters' two payments
    page = manager.get("/reports/clerks?month=" + DAY[:7]).get_data(as_text=True)
    assert "3.1%" in page and "62,000.00" in page and "2,000.00" in page
    with central.engine.connect() as conn:
        assert (
            conn.execute(
                select(central_admin_audit.c.actor).where(central_admin_audit.c.action == "area_assign")
            )
            .scalars()
            .all()
            == ["jing"] * 2
        )


def test_only_a_manager_assigns_and_an_unknown_clerk_is_refused(app, central):
    finance = app.test_client()
    login(finance, "cai")
    assert (
        finance.post(
            "/reports/clerks/area",
            data={"csrf_token": token_of(finance, "/reports/clerks"), "area": "城东区", "clerk_id": "C01"},
        ).status_code
        == 403
    )
    manager = app.test_client()
    login(manager, "jing")
    resp = manager.post(
        "/reports/clerks/area",
        data={"csrf_token": token_of(manager, "/reports/clerks"), "area": "城东区", "clerk_id": "C99"},
    )
    assert resp.status_code == 409 and "C99" in resp.get_data(as_text=True)
    assert all(not line.areas for line in clerk_month(central.engine, DAY[:7], CLOCK.date()))
