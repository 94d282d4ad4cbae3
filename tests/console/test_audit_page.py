"""The console's audit page (issue 29 step 3): IT recomputes one customer's books from the journals and sees
each stored value that differs as one sentence; the page shows the last audit kept (the command's too). Only
role it: finance and manager are refused, and a form without its CSRF token recomputes nothing."""

from __future__ import annotations

import html

from sqlalchemy import text

from db.central.audit_record import last_audit
from tests.console.test_security import login, token_of


def _edit_balance(central, cno: str, add_fen: int) -> int:
    with central.engine.begin() as conn:
        conn.execute(
            text("UPDATE central_customers SET balance_fen = balance_fen + :a WHERE customer_no = :c"),
            {"a": add_fen, "c": cno},
        )
    return central.balances()[cno]


def test_it_recomputes_a_customer_and_sees_each_edited_value(app, central):
    it = app.test_client()
    login(it, "xin")
    assert "尚未核对过" in it.get("/audit").get_data(as_text=True)
    token = token_of(it, "/audit")

    clean = it.post("/audit/recompute", data={"csrf_token": token, "customer_no": "1000000002"})
    assert clean.status_code == 200 and 'class="ok"' in clean.get_data(as_text=True)

    stored = _edit_balance(central, "1000000001", 50000)
    page = it.post("/audit/recompute", data={"csrf_token": token, "customer_no": "1000000001"})
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    assert (
        f"用户 1000000001 的余额：总部存储 {stored / 100:.2f} 元，按全部流水重算应为 {(stored - 50000) / 100:.2f} 元"
        in body
    )
    kept = last_audit(central.engine)
    assert kept is not None and kept.customer_no == "1000000001" and kept.count == 1
    assert "1 处不符" in it.get("/audit").get_data(as_text=True)  # the last result, shown again

    it.get("/lang/en")
    english = html.unescape(it.get("/audit").get_data(as_text=True))
    assert f"Customer 1000000001's balance: head office stores {stored / 100:.2f}" in english


def test_only_it_may_audit_and_a_form_without_its_token_does_nothing(app, central):
    for name in ("cai", "jing"):  # finance, manager
        other = app.test_client()
        login(other, name)
        assert other.get("/audit").status_code == 403
        token = token_of(other, "/")
        assert (
            other.post(
                "/audit/recompute", data={"csrf_token": token, "customer_no": "1000000001"}
            ).status_code
            == 403
        )
    it = app.test_client()
    login(it, "xin")
    assert it.post("/audit/recompute", data={"customer_no": "1000000001"}).status_code == 400
    empty = it.post("/audit/recompute", data={"csrf_token": token_of(it, "/audit"), "customer_no": " "})
    assert empty.status_code == 400 and "请填写户号" in empty.get_data(as_text=True)
    assert last_audit(central.engine) is None
