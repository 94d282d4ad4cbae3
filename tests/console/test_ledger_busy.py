"""A ledger that does not answer in time gives the console's user one sentence and 503, never a 500 (issue 31,
seen under load: one of 300 parallel logins on the embedded ledger waited past SQLite's busy timeout and got a
stack trace). Here another process holds the embedded ledger's write lock while a login is tried."""

from __future__ import annotations

import re
import sqlite3

from tests.console.conftest import PASSWORD


def test_a_busy_ledger_is_a_sentence_and_503_and_changes_nothing(app, central):
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    holder = sqlite3.connect(str(central.engine.url.database), timeout=1)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock past the console's busy wait
    try:
        resp = client.post("/login", data={"name": "cai", "password": PASSWORD, "csrf_token": token})
    finally:
        holder.rollback()
        holder.close()
    body = resp.get_data(as_text=True)
    assert resp.status_code == 503
    assert "总部账务中心暂时没有应答" in body and "Traceback" not in body
    # the lock gone, the same login goes through: the refused attempt counted nothing against the user
    resp = client.post("/login", data={"name": "cai", "password": PASSWORD, "csrf_token": token})
    assert resp.status_code in (302, 303)
