"""Issue 29 item 4: the terminals page shows, per terminal, the acknowledged sequence, how far head office's books
applied it, and the lag (entries acknowledged and not applied, when the oldest was taken, how long it waited)."""

from __future__ import annotations

import random
import re

from tests.console.test_security import login
from tests.integration.test_project_fast import _entries


def _row(page: str, tid: str) -> str:
    return re.search(rf"<tr><td>{tid}</td>.*?</tr>", page, re.S).group(0)


def test_the_terminals_page_shows_the_applied_sequence_and_the_lag(central, app):
    from db.central.mode import set_mode

    # head office's record (c0020): pushes only append; nothing folds until `central project` runs
    set_mode(central.engine, "service", "xin", "2026-11-23T03:00:00Z", central.hq)
    journal = _entries(random.Random(3), "P09", 3)  # taken at 01:00, 02:00, 03:00 UTC
    report = central.push("P09", "测试营业厅", journal)
    assert report.accepted == 3 and central.applied_up_to("P09") == 0
    client = app.test_client()
    login(client, "xin")
    page = client.get("/terminals").get_data(as_text=True)
    p09 = _row(page, "P09")  # acknowledged 3, applied none; the oldest taken 09:00 Shanghai, 2 h before CLOCK
    assert '<td class="num">3</td>\n<td class="num">0</td>' in p09
    assert '<span class="warn">3</span>' in p09 and "最早 2026-11-23 09:00:00 · 已等 120 分 0 秒" in p09
    t01 = _row(page, "T01")  # the scenario's counters pushed inline: every acknowledged entry applied
    assert re.search(r'<td class="num">(\d+)</td>\n<td class="num">\1</td><td class="num">0</td>', t01)
    central.project()
    page = client.get("/terminals").get_data(as_text=True)
    assert '<td class="num">3</td>\n<td class="num">3</td><td class="num">0</td>' in _row(page, "P09")
