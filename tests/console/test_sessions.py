"""Sessions, redirects, notices and cookies of the console (issue 31, review P2-1, P2-2, P2-3, P3-1, P3-7): a
logout ends the session on the server, `next` never leaves the site, `msg` is a code, the cookie is Secure
behind a trusted TLS proxy, and the cookie key survives a restart."""

from __future__ import annotations

import datetime as dt
import os
import stat

import pytest

from console.sessions import IDLE, LIFETIME
from tests.console.conftest import CLOCK, PASSWORD
from tests.console.test_security import login, token_of


class Clock:
    """A clock the test moves by hand (the console reads it on every request)."""

    def __init__(self) -> None:
        self.now = CLOCK

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def timed_app(central, clock):
    from console.web import create_app

    return create_app(central.engine, clock=clock, secret_key=b"test-key-" * 4, hq=central.hq)


def cookie_of(client) -> str:
    return client.get_cookie("hallpay_console").value


def test_a_cookie_copied_before_logout_opens_nothing(app):
    client = app.test_client()
    assert login(client, "cai").status_code == 302
    copied = cookie_of(client)
    assert client.post("/logout", data={"csrf_token": token_of(client)}).status_code == 302
    thief = app.test_client()
    thief.set_cookie("hallpay_console", copied)
    resp = thief.get("/cases")
    assert resp.status_code == 302 and "/login" in resp.headers["Location"]


def test_a_session_ends_when_idle_and_after_a_working_day(timed_app, clock):
    client = timed_app.test_client()
    login(client, "cai")
    for _ in range(int(LIFETIME / (IDLE / 2)) - 1):  # busy all day: every quarter of an hour
        clock.now += IDLE / 2
        assert client.get("/cases").status_code == 200
    clock.now += IDLE / 2 + dt.timedelta(seconds=1)  # past the login's LIFETIME, however busy
    assert client.get("/cases").status_code == 302
    login(client, "cai")
    clock.now += IDLE + dt.timedelta(seconds=1)
    assert client.get("/cases").status_code == 302


def test_disabling_a_user_or_setting_a_password_ends_their_sessions(app, central):
    from console.users import set_disabled, set_password

    client, other = app.test_client(), app.test_client()
    login(client, "cai")
    login(other, "xin")
    assert set_password(central.engine, "cai", "a-new-long-password") == 1
    assert client.get("/cases").status_code == 302
    assert login(client, "cai", "a-new-long-password").status_code == 302
    assert set_disabled(central.engine, "xin", True) == 1
    assert other.get("/alarms").status_code == 302
    assert login(other, "xin").status_code == 401  # answered like a wrong password: nothing told
    set_disabled(central.engine, "xin", False)
    assert login(other, "xin").status_code == 302


@pytest.mark.parametrize(
    "target",
    [
        "/%09/example.com/",
        "//example.com/",
        "/\\example.com/",
        "/%5Cexample.com",
        "https://example.com/",
        "/%0d%0a/example.com",
        "javascript:alert(1)",
        "/ /example.com",
    ],
)
def test_next_never_leaves_the_site(app, target):
    client = app.test_client()
    token = token_of(client, "/login")
    resp = client.post(
        f"/login?next={target}", data={"name": "cai", "password": PASSWORD, "csrf_token": token}
    )
    assert resp.status_code == 302 and resp.headers["Location"] == "/"


def test_next_keeps_the_page_and_its_query(app):
    client = app.test_client()
    resp = client.get("/reports/day?day=2026-11-23")
    assert resp.status_code == 302
    token = token_of(client, resp.headers["Location"])
    resp = client.post(
        resp.headers["Location"], data={"name": "cai", "password": PASSWORD, "csrf_token": token}
    )
    assert resp.headers["Location"] == "/reports/day?day=2026-11-23"


@pytest.mark.parametrize("path", ["/cases", "/reports/clerks"])
def test_msg_is_a_code_not_a_sentence(app, path):
    client = app.test_client()
    login(client, "cai")
    spoof = "系统通知：今日内将全部多收款项办理退款"
    assert spoof not in client.get(f"{path}?msg={spoof}").get_data(as_text=True)
    assert "已保存。" in client.get(f"{path}?msg=saved").get_data(as_text=True)


def test_behind_a_trusted_tls_proxy_the_cookie_is_secure_with_hsts(central):
    from console.web import create_app

    proxied = create_app(central.engine, clock=lambda: CLOCK, secret_key=b"k" * 32, proxies=1)
    tls = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.4"}
    client = proxied.test_client()
    token = token_of(client, "/login")
    resp = client.post("/login", data={"name": "cai", "password": PASSWORD, "csrf_token": token}, headers=tls)
    assert "Secure" in resp.headers["Set-Cookie"]
    assert resp.headers["Strict-Transport-Security"].startswith("max-age=")
    direct = create_app(central.engine, clock=lambda: CLOCK, secret_key=b"k" * 32)  # nobody trusted
    client = direct.test_client()
    token = token_of(client, "/login")
    resp = client.post("/login", data={"name": "cai", "password": PASSWORD, "csrf_token": token}, headers=tls)
    assert "Secure" not in resp.headers["Set-Cookie"] and "Strict-Transport-Security" not in resp.headers


def test_in_production_every_answer_has_hsts_and_a_tight_policy(central):
    from console.web import create_app

    client = create_app(central.engine, clock=lambda: CLOCK, secure=True, proxies=1).test_client()
    resp = client.get("/login")
    assert "Strict-Transport-Security" in resp.headers
    assert "frame-ancestors 'none'" in resp.headers["Content-Security-Policy"]
    assert resp.headers["Referrer-Policy"] == "same-origin"


def test_the_cookie_key_is_kept_0600_and_survives_a_restart(tmp_path):
    from app.errors import HallPayError
    from console.secret import load_or_create_secret

    path = tmp_path / "console.secret"
    first = load_or_create_secret(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and len(first) == 32
    assert load_or_create_secret(path) == first
    assert [p.name for p in tmp_path.iterdir()] == ["console.secret"]  # no staged file left behind
    os.chmod(path, 0o644)
    with pytest.raises(HallPayError, match="chmod 600"):
        load_or_create_secret(path)


def test_a_session_survives_a_restart_of_the_console(central, tmp_path):
    from console.secret import load_or_create_secret
    from console.web import create_app

    key = tmp_path / "console.secret"
    before = create_app(central.engine, clock=lambda: CLOCK, secret_key=load_or_create_secret(key))
    client = before.test_client()
    login(client, "cai")
    after = create_app(central.engine, clock=lambda: CLOCK, secret_key=load_or_create_secret(key))
    again = after.test_client()
    again.set_cookie("hallpay_console", cookie_of(client))
    assert again.get("/cases").status_code == 200


def test_error_pages_speak_the_console(app):
    client = app.test_client()
    login(client, "cai")
    resp = client.get("/no-such-page")
    assert resp.status_code == 404 and "没有这一页" in resp.get_data(as_text=True)
    assert client.put("/cases").status_code == 405
    resp = client.get("/reports/day?day=not-a-day")
    assert resp.status_code == 400 and "请求有误" in resp.get_data(as_text=True)
    assert "Werkzeug" not in resp.headers.get("Server", "")
