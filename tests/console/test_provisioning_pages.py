"""The console's provisioning page (issue 21): role it acts, manager reads, finance and no session are refused,
a form without its CSRF token is refused, and every refusal leaves halls, terminals, clerks and the audit
trail as they were. The acts are CentralAdmin's (the `central` commands'), recorded with the console user."""

from __future__ import annotations

import re

from sqlalchemy import select

from db.central_schema import central_admin_audit, central_clerks, central_halls, terminals
from tests.console.test_security import login, token_of


def provisioning_rows(central) -> list[tuple]:
    with central.engine.connect() as conn:
        return [
            tuple(r)
            for t in (central_halls, terminals, central_clerks, central_admin_audit)
            for r in conn.execute(select(t))
        ]


def test_it_adds_approves_and_disables_through_the_central_commands_services(app, central):
    it = app.test_client()
    login(it, "xin")
    token = token_of(it, "/provisioning")
    assert (
        it.post(
            "/provisioning/hall", data={"csrf_token": token, "hall_id": "H9", "name": "城西营业厅"}
        ).status_code
        == 302
    )
    it.post("/provisioning/terminal", data={"csrf_token": token, "terminal_id": "T09", "hall_id": "H9"})
    assert "待批准" in it.get("/provisioning").get_data(as_text=True)
    it.post("/provisioning/terminal/approve", data={"csrf_token": token, "terminal_id": "T09"})
    page = it.post(
        "/provisioning/clerk",
        data={"csrf_token": token, "clerk_id": "C19", "name": "周敏", "role": "clerk", "hall_id": "H9"},
    ).get_data(as_text=True)
    pin = re.search(r'id="one-time-pin">[^<]*<b>(\d{6})</b>', page).group(1)
    it.post("/provisioning/clerk/disable", data={"csrf_token": token, "clerk_id": "C19"})
    with central.engine.connect() as conn:
        assert (
            conn.execute(select(terminals.c.approved).where(terminals.c.terminal_id == "T09")).scalar() == 1
        )
        clerk = conn.execute(select(central_clerks).where(central_clerks.c.clerk_id == "C19")).one()
        audit = conn.execute(
            select(central_admin_audit.c.actor, central_admin_audit.c.action).order_by(
                central_admin_audit.c.at
            )
        ).all()
    assert (clerk.active, clerk.hall_id, clerk.pin_issue) == (0, "H9", 1) and pin not in clerk.pin_hash
    assert [tuple(a) for a in audit][-5:] == [
        ("xin", "hall_add"),
        ("xin", "terminal_add"),
        ("xin", "terminal_approve"),
        ("xin", "clerk_add"),
        ("xin", "clerk_disable"),
    ]
    assert pin not in it.get("/provisioning").get_data(as_text=True)  # shown once, on the answer only


def test_refusals_change_nothing(app, central):
    before = provisioning_rows(central)
    anonymous = app.test_client()
    assert anonymous.get("/provisioning").status_code == 302
    finance = app.test_client()
    login(finance, "cai")
    assert finance.get("/provisioning").status_code == 403
    assert (
        finance.post(
            "/provisioning/hall", data={"csrf_token": token_of(finance), "hall_id": "H8", "name": "x"}
        ).status_code
        == 403
    )
    manager = app.test_client()
    login(manager, "jing")
    assert manager.get("/provisioning").status_code == 200  # reads
    assert (
        manager.post(
            "/provisioning/clerk/disable", data={"csrf_token": token_of(manager), "clerk_id": "C01"}
        ).status_code
        == 403
    )
    it = app.test_client()
    login(it, "xin")
    assert it.post("/provisioning/hall", data={"hall_id": "H8", "name": "无令牌"}).status_code == 400
    bad = it.post(
        "/provisioning/terminal", data={"csrf_token": token_of(it), "terminal_id": "T 8", "hall_id": "H1"}
    )
    assert bad.status_code == 409 and "终端号“T 8”无效" in bad.get_data(as_text=True)
    assert (
        it.post(
            "/provisioning/clerk/disable", data={"csrf_token": token_of(it), "clerk_id": "NOPE"}
        ).status_code
        == 409
    )
    assert provisioning_rows(central) == before
