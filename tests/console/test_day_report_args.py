"""Review P3-4 (issue 31): the day report took any hall name (a zero report titled with it, the PDF too) and any
ISO week date as a day; both are refused now, and a real hall's day still renders."""

from __future__ import annotations

import pytest

from tests.console.conftest import DAY
from tests.console.test_security import login


@pytest.mark.parametrize("path", ["/reports/day", "/reports/day.pdf"])
def test_a_made_up_hall_or_a_week_date_is_refused(app, path):
    client = app.test_client()
    login(client, "cai")
    assert client.get(f"{path}?hall=不存在的营业厅&day={DAY}").status_code == 404
    assert client.get(f"{path}?day=2026-W48-1").status_code == 400
    assert client.get(f"{path}?day={DAY}").status_code == 200


def test_the_day_report_names_the_methods_as_the_counter_does(app):
    client = app.test_client()
    login(client, "cai")
    page = client.get(f"/reports/day?day={DAY}").get_data(as_text=True)
    assert "<td>现金</td>" in page and "<td>微信</td>" in page
    assert "<td>cash</td>" not in page and "<td>wechat</td>" not in page
    client.get("/lang/en")
    page = client.get(f"/reports/day?day={DAY}").get_data(as_text=True)
    assert "<td>Cash</td>" in page and "<td>WeChat</td>" in page
