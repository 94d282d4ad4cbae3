"""Review 2026-12-07 P3-3: a double payment's case named "another hall" for two counters of one hall. It now
names the terminal (and its entry) that settled the bill first, and says "same hall" when it is."""

from __future__ import annotations

from sqlalchemy import text

from app.model import Method
from app.services.payments import PayRequest, pay
from app.services.sync import run_sync
from db.central.case_texts import ELSEWHERE
from tests.integration.pg_fixtures import (  # noqa: F401
    central,
    central_url,
    link_for,
    make_terminal,
    pg_server,
)


def test_the_case_names_the_counter_paid_first_and_says_same_hall(tmp_path, central_url, central):
    t11, t12, t21 = (make_terminal(tmp_path, t, central_url) for t in ("T11", "T12", "T21"))
    for t in (t11, t12, t21):  # each registers (its shift); T21 is a counter of another hall
        assert run_sync(link_for(t, central_url)).alarms == ()
    with central.engine.begin() as conn:
        conn.execute(text("UPDATE terminals SET hall_name = '城西营业厅' WHERE terminal_id = 'T21'"))
        hall = conn.execute(text("SELECT hall_name FROM terminals WHERE terminal_id = 'T11'")).scalar_one()
    first = [pay(t11.ctx, PayRequest(c, Method.CASH, "C01")) for c in ("1000000001", "1000000002")]
    assert run_sync(link_for(t11, central_url)).alarms == ()
    # offline, neither has pulled T11's payments: T12 (same hall) pays 1000000001 again, then T21 (another
    # hall) pays 1000000002 again and 1000000001 a third time
    pay(t12.ctx, PayRequest("1000000001", Method.CASH, "C01"))
    run_sync(link_for(t12, central_url))
    for cno in ("1000000002", "1000000001"):
        pay(t21.ctx, PayRequest(cno, Method.CASH, "C01"))
    run_sync(link_for(t21, central_url))

    def details(terminal_id: str, cno: str) -> list[str]:
        found = [
            c.detail
            for c in central.review_cases()
            if (c.kind, c.terminal_id, c.customer_no) == ("double_payment", terminal_id, cno)
        ]
        assert found and not [d for d in found if "其他营业厅" in d]
        return found

    seq = {p.entry.payload["customer_no"]: p.entry.seq for p in first}
    assert all(
        f"已由同一营业厅的终端 T11 第 {seq['1000000001']} 笔收取" in d for d in details("T12", "1000000001")
    )
    assert all(
        f"已由{hall}的终端 T11 第 {seq['1000000002']} 笔收取" in d for d in details("T21", "1000000002")
    )
    # the third payment: the bill's last writer (T12) only paid it again; who settled it is not guessed
    assert all(ELSEWHERE in d for d in details("T21", "1000000001"))
    for t in (t11, t12, t21):
        t.store.close()
