"""`/metrics` (issue 31): IT's monitoring scrapes head office's state in Prometheus' text format without a login:
open money cases, open alarms, entries each counter holds that head office has not, the age of each last push,
each chain's checkpoint and the login attempts the throttle counted; no cookie, no customer, no user."""

from __future__ import annotations

import re

from tests.console.test_security import login


def _values(body: str) -> dict[str, float]:
    return {
        m.group(1): float(m.group(3)) for m in re.finditer(r"^(hallpay_\w+(\{[^}]*\})?) (\S+)$", body, re.M)
    }


def test_metrics_in_prometheus_text_without_a_login(app, central):
    client = app.test_client()
    client.post(
        "/login", data={"name": "nobody", "password": "x" * 12}
    )  # refused (no CSRF token): not counted
    login(client, "cai", "wrong-password-1")
    resp = app.test_client().get("/metrics")
    assert resp.status_code == 200
    assert resp.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    assert "Set-Cookie" not in resp.headers
    body = resp.get_data(as_text=True)
    v = _values(body)
    assert v["hallpay_open_cases"] == len([c for c in central.review_cases() if c.kind == "double_payment"])
    assert v["hallpay_open_alarms"] >= 1  # T02's re-pushed, edited entry
    assert v["hallpay_terminals"] == 2
    assert v["hallpay_console_login_attempts"] == 1
    assert v['hallpay_terminal_last_push_age_seconds{terminal="T01"}'] >= 0
    assert "# TYPE hallpay_open_cases gauge" in body
    assert "1000000001" not in body and "cai" not in body  # no customer, no user


def test_the_checkpoint_of_each_chain_is_exported_once_checked(app, central):
    client = app.test_client()
    login(client, "xin")
    assert client.get("/terminals").status_code == 200
    v = _values(app.test_client().get("/metrics").get_data(as_text=True))
    assert v['hallpay_terminal_checked_seq{terminal="T01"}'] == len(central.journal("T01"))
