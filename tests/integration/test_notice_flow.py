"""Stop-power notice workflow on a real store: policy dates, supervisor approval, journal, cancel on payment."""

from __future__ import annotations

import datetime as dt

import pytest

from app.errors import Refused
from app.model import Method
from app.services import notices
from app.services.payments import PayRequest, pay
from app.services.risk import risk_view
from app.warnings import customer_warnings


def _notice_entries(w):
    with w.store.uow() as uow:
        return [e for e in uow.journal.entries() if e.kind == "notice"]


def _served(w, customer_no="1000000002"):
    n = notices.propose(w.ctx, customer_no, "C01")
    notices.approve(w.ctx, n.notice_id, "C01", "S01", "999999")
    return notices.serve(w.ctx, n.notice_id, "C01", "in_person")


def test_propose_refused_when_not_over_30_days(terminal):
    with pytest.raises(Refused, match="30 天"):
        notices.propose(terminal.ctx, "1000000001", "C01")  # 10 days overdue
    assert _notice_entries(terminal) == []


def test_non_residential_stop_date_is_days_other_after_serving(terminal):
    n = _served(terminal)
    assert (n.state, n.served_on, n.pay_by, n.stop_from) == (
        "served",
        "2026-11-23",
        "2026-11-25",
        "2026-11-26",
    )
    assert [e.payload["action"] for e in _notice_entries(terminal)] == ["propose", "approve", "serve"]


def test_notice_dates_follow_policy_values(terminal):
    with terminal.store.uow() as uow:
        uow.settings.set_policy_values({"notice.days_other": "5", "notice.days_residential": "9"})
        uow.bills.upsert(
            [
                dict(
                    bill_id="1000000001-old",
                    customer_no="1000000001",
                    period="2026-07",
                    kwh=100,
                    amount_fen=5300,
                    due_date="2026-08-20",
                )
            ]
        )
        uow.commit()
    assert _served(terminal).stop_from == "2026-11-28"
    assert _served(terminal, "1000000001").stop_from == "2026-12-02"  # residential: 9 days


def test_clerk_cannot_approve_and_wrong_pin_refused(terminal):
    n = notices.propose(terminal.ctx, "1000000005", "C01")
    assert n.important
    with pytest.raises(Refused, match="不是主管"):
        notices.approve(terminal.ctx, n.notice_id, "C01", "C02", "222222")
    with pytest.raises(Refused):
        notices.approve(terminal.ctx, n.notice_id, "C01", "S01", "123456")
    assert notices.get_notice(terminal.ctx, n.notice_id).state == "proposed"
    with pytest.raises(Refused, match="状态"):
        notices.serve(terminal.ctx, n.notice_id, "C01")


def test_counter_shows_served_notice_and_earliest_stop_date(terminal):
    _served(terminal)
    from app.services.payments import due

    d = due(terminal.ctx, "1000000002")
    view = risk_view(terminal.ctx, "1000000002")
    texts = [w.text for w in customer_warnings(d.customer, d.quote, _policy(terminal), view)]
    assert any("停电通知书已于 2026-11-23 送达，最早可于 2026-11-26 起停电" in t for t in texts)
    # one grade, the graver (ux P3: it said Ⅲ级 and, in brackets, head office's Ⅱ级)
    assert "风险等级 Ⅱ级（中风险）（总部评级）；本柜台所见：最长逾期 337 天（>30）" in texts
    assert not any("Ⅲ级" in t for t in texts)


def _policy(w):
    from app.services.payments import policy_of

    with w.store.uow() as uow:
        return policy_of(uow)


def test_partial_payment_keeps_notice_full_payment_cancels_it(terminal):
    n = _served(terminal)
    pay(terminal.ctx, PayRequest("1000000002", Method.CASH, "C01", amount_fen=50000))
    assert notices.get_notice(terminal.ctx, n.notice_id).state == "served"
    pay(terminal.ctx, PayRequest("1000000002", Method.CASH, "C01"))
    done = notices.get_notice(terminal.ctx, n.notice_id)
    assert done.state == "cancelled" and done.close_reason == "欠费已结清"
    assert _notice_entries(terminal)[-1].payload["action"] == "cancel"


def test_reminder_only_from_the_day_before_the_stop(terminal, monkeypatch):
    n = _served(terminal)
    with pytest.raises(Refused, match="停电前一天"):
        notices.remind(terminal.ctx, n.notice_id, "C01")
    terminal.ctx.clock.now = dt.datetime.fromisoformat("2026-11-25T09:00:00+08:00")
    assert [x.notice_id for x in notices.reminders_due(terminal.ctx)] == [n.notice_id]
    assert notices.remind(terminal.ctx, n.notice_id, "C01").state == "reminded"


def test_a_notice_id_names_its_terminal_and_journal_entry(terminal):
    """Found by the province simulation (issue 26): the id was TZ-<day>-<6 random hex digits>, so the same
    run twice gave other ids (the central journal differed) and two counters of a province could give one
    notice id the same day (24 random bits). It is now the terminal's and its journal entry's: unique."""
    n = notices.propose(terminal.ctx, "1000000002", "C01")
    (entry,) = _notice_entries(terminal)
    assert n.notice_id == f"TZ-20261123-{terminal.ctx.terminal.terminal_id}-{entry.seq}"
    assert entry.payload["notice_id"] == n.notice_id
