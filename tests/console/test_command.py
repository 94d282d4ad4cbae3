"""`python main.py console add-user` and the alarms' acknowledgement by IT."""

from __future__ import annotations

import re
import shutil

import pytest

from cli.console import PASSWORD_ENV
from cli.console import main as console_main
from console.users import check_login
from db.central.hq import HQ
from tests.console.conftest import CLOCK, journal_rows
from tests.console.test_security import login, token_of


def test_add_user_takes_the_password_from_the_environment(scenario_db, tmp_path, monkeypatch, capsys):
    for f in scenario_db.parent.glob("central.db*"):
        shutil.copy(f, tmp_path / f.name)
    monkeypatch.setenv(PASSWORD_ENV, "another-long-password")
    assert (
        console_main(["add-user", "zhang", "--role", "manager", "--data-dir", str(tmp_path)], tmp_path) == 0
    )
    assert "zhang" in capsys.readouterr().out
    assert (
        console_main(["add-user", "zhang", "--role", "manager", "--data-dir", str(tmp_path)], tmp_path) == 2
    )
    assert "已存在" in capsys.readouterr().err
    with pytest.raises(SystemExit):  # argparse: a counter role is no console role
        console_main(["add-user", "li", "--role", "clerk", "--data-dir", str(tmp_path)], tmp_path)
    monkeypatch.setenv(PASSWORD_ENV, "short")
    assert console_main(["add-user", "li", "--role", "it", "--data-dir", str(tmp_path)], tmp_path) == 2
    assert "至少 10" in capsys.readouterr().err
    from db.central.store import CentralStore

    store = CentralStore.open("", tmp_path)
    try:
        assert check_login(store.engine, "zhang", "another-long-password", CLOCK).role == "manager"
    finally:
        store.close()


def test_without_a_centre_it_says_so(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("HALLPAY_CENTRAL_URL", raising=False)
    monkeypatch.setenv(PASSWORD_ENV, "another-long-password")
    assert console_main(["add-user", "zhang", "--role", "it", "--data-dir", str(tmp_path)], tmp_path) == 2
    assert "central.db" in capsys.readouterr().err


def test_it_acknowledges_an_alarm_with_a_reason_and_finance_cannot(app, central):
    alarm = next(c for c in central.review_cases() if c.kind == "content_mismatch")
    before = journal_rows(central)
    finance = app.test_client()
    login(finance, "cai")
    form = {"case_id": alarm.case_id, "reason": "已按 verify 恢复"}
    assert (
        finance.post("/alarms/acknowledge", data={**form, "csrf_token": token_of(finance)}).status_code == 403
    )
    it = app.test_client()
    login(it, "xin")
    assert (
        it.post("/alarms/acknowledge", data={**form, "reason": " ", "csrf_token": token_of(it)}).status_code
        == 409
    )
    assert journal_rows(central) == before
    assert it.post("/alarms/acknowledge", data={**form, "csrf_token": token_of(it)}).status_code == 302
    [entry] = [e for e in central.journal(HQ) if e.payload.get("case_id") == alarm.case_id]
    assert (entry.payload["decision"], entry.payload["decided_by"]) == ("acknowledged", "xin")
    assert alarm.case_id not in [c.case_id for c in central.review_cases()]
    page = it.get("/alarms").get_data(as_text=True)
    assert "已按 verify 恢复" in page


@pytest.mark.parametrize("decision", ["credit", "refund"])
def test_an_alarm_is_never_credited_or_refunded(central, decision):
    from app.errors import Refused

    alarm = next(c for c in central.review_cases() if c.kind == "content_mismatch")
    with pytest.raises(Refused):
        central.resolve_case(alarm.case_id, "cai", decision, "x")
    assert re.match(r"content_mismatch:", alarm.case_id)
