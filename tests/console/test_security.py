"""The console's security, through Flask's test client: roles on the server, CSRF on every form, the login
throttle, and nothing in the central journal, the cases or the balances changes on any refusal."""

from __future__ import annotations

import re

import pytest

from console.users import MAX_FAILURES
from tests.console.conftest import PASSWORD, journal_rows


def login(client, name: str, password: str = PASSWORD):
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return client.post("/login", data={"name": name, "password": password, "csrf_token": token})


def token_of(client, path: str = "/") -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).get_data(as_text=True)).group(1)


def open_money_case(central) -> str:
    return next(c.case_id for c in central.review_cases() if c.kind == "double_payment")


def test_the_session_cookie_is_httponly_and_samesite(app):
    client = app.test_client()
    resp = login(client, "cai")
    assert resp.status_code == 302
    cookie = resp.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_served_over_tls_the_cookie_is_secure(central):
    from console.web import create_app

    client = create_app(central.engine, secure=True).test_client()
    assert "Secure" in login(client, "cai").headers["Set-Cookie"]


@pytest.mark.parametrize(
    "path", ["/cases", "/reports/day", "/reports/day.pdf", "/reports/clerks", "/reports/arrears"]
)
def test_a_finance_page_is_refused_to_it_and_to_no_session(app, path):
    anonymous = app.test_client()
    resp = anonymous.get(path)
    assert resp.status_code == 302 and "/login" in resp.headers["Location"]
    it = app.test_client()
    login(it, "xin")
    assert it.get(path).status_code == 403
    finance = app.test_client()
    login(finance, "cai")
    assert finance.get(path).status_code == 200


def test_an_it_page_is_refused_to_finance(app):
    finance = app.test_client()
    login(finance, "cai")
    assert finance.get("/terminals").status_code == 403


def test_resolving_is_refused_without_session_to_it_and_to_a_manager(app, central):
    case_id = open_money_case(central)
    before = journal_rows(central)
    anonymous = app.test_client()
    form = {
        "case_id": case_id,
        "decision": "refund",
        "reason": "x",
        "csrf_token": token_of(anonymous, "/login"),
    }
    assert anonymous.post("/cases/resolve", data=form).status_code == 401
    for name in ("xin", "jing"):
        client = app.test_client()
        login(client, name)
        form["csrf_token"] = token_of(client)
        assert client.post("/cases/resolve", data=form).status_code == 403
    assert journal_rows(central) == before


def test_a_form_without_its_csrf_token_is_refused(app, central):
    case_id = open_money_case(central)
    before = journal_rows(central)
    client = app.test_client()
    login(client, "cai")
    form = {"case_id": case_id, "decision": "credit", "reason": "kept"}
    assert client.post("/cases/resolve", data=form).status_code == 400
    assert client.post("/cases/resolve", data={**form, "csrf_token": "forged"}).status_code == 400
    other = app.test_client()  # another session's token is no good either
    login(other, "jing")
    assert client.post("/cases/resolve", data={**form, "csrf_token": token_of(other)}).status_code == 400
    assert client.post("/login", data={"name": "cai", "password": PASSWORD}).status_code == 400
    assert journal_rows(central) == before
    assert client.post("/cases/resolve", data={**form, "csrf_token": token_of(client)}).status_code == 302


def test_ten_wrong_passwords_lock_the_account(app, central):
    before = journal_rows(central)
    client = app.test_client()
    for _ in range(MAX_FAILURES):  # ten checked (console/throttle.py counts before it checks)
        assert login(client, "cai", "wrong-password").status_code == 401
    assert login(client, "cai", "wrong-password").status_code == 429
    resp = login(client, "cai")  # even the right password is refused while locked, from this address
    assert resp.status_code == 429 and "尝试次数过多" in resp.get_data(as_text=True)
    assert client.get("/cases").status_code == 302
    assert journal_rows(central) == before
    assert login(app.test_client(), "xin").status_code == 302  # other users are not locked


def test_a_counter_clerk_pin_opens_nothing(app):
    assert login(app.test_client(), "C01", "123456").status_code == 401


def test_a_resolved_case_cannot_be_changed(app, central):
    case_id = open_money_case(central)
    client = app.test_client()
    login(client, "cai")
    form = {"case_id": case_id, "decision": "credit", "reason": "客户同意转预存"}
    assert client.post("/cases/resolve", data={**form, "csrf_token": token_of(client)}).status_code == 302
    after = journal_rows(central)
    resp = client.post("/cases/resolve", data={**form, "decision": "refund", "csrf_token": token_of(client)})
    assert resp.status_code == 409 and "不能再改" in resp.get_data(as_text=True)
    assert journal_rows(central) == after
