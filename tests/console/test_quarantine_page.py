"""Issue 27 part 4 on the console: the fork alarm lists the copy's held entries, says which receipt numbers
both PCs issued, and lets finance (only finance) post a held payment to the books, once."""

from __future__ import annotations

from console.users import add_user
from db.central.store import CentralStore
from tests.console.conftest import CLOCK, PASSWORD
from tests.console.test_security import login, token_of
from tests.integration.test_quarantine_post import _fork


def test_finance_posts_a_held_payment_once_and_sees_the_receipts_issued_twice(tmp_path):
    (tmp_path / "hq").mkdir()
    url = f"sqlite:///{tmp_path / 'hq' / 'central.db'}"
    central = CentralStore.open(url, tmp_path / "hq")
    from tests.integration.pg_fixtures import seed_central

    seed_central(central)
    a, b, mine, copy = _fork(tmp_path, url)
    for name, role in (("cai", "finance"), ("xin", "it")):
        add_user(central.engine, name, role, PASSWORD, CLOCK)
    from console.web import create_app

    app = create_app(central.engine, clock=lambda: CLOCK, secret_key=b"test-key-" * 4, hq=central.hq)
    it, finance = app.test_client(), app.test_client()
    login(it, "xin")
    login(finance, "cai")
    page = it.get("/alarms").get_data(as_text=True)
    assert "收据号重号" in page and mine[0].receipt.receipt_no in page and mine[1].receipt.receipt_no in page
    assert 'action="/alarms/post"' not in page  # IT sees the held entries, cannot post them
    target = copy[1].entry.entry_id
    form = {"entry_id": target, "reason": "客户出示副本收据"}
    assert it.post("/alarms/post", data={**form, "csrf_token": token_of(it)}).status_code == 403
    page = finance.get("/alarms").get_data(as_text=True)
    assert page.count('action="/alarms/post"') == 3
    assert finance.post("/alarms/post", data={**form, "csrf_token": token_of(finance)}).status_code == 302
    paid = {k: v[1] for k, v in central.bills_paid().items() if k.startswith("1000000002")}
    assert paid and all(v > 0 for v in paid.values())
    again = finance.post("/alarms/post", data={**form, "csrf_token": token_of(finance)})
    assert again.status_code == 409 and "不能重复入账" in again.get_data(as_text=True)
    page = finance.get("/alarms").get_data(as_text=True)
    assert page.count('action="/alarms/post"') == 2 and "已入账 · cai" in page
    a.store.close()
    b.store.close()
    central.close()
