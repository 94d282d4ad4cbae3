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


@pytest.fixture
def ledger_dir(scenario_db, tmp_path):
    for f in [*scenario_db.parent.glob("central.db*"), scenario_db.parent / "hq.key"]:
        shutil.copy(f, tmp_path / f.name)
    return tmp_path


def run(argv: list[str], where) -> int:
    return console_main([*argv, "--data-dir", str(where)], where)


def test_it_changes_a_password_disables_and_lists_users(ledger_dir, monkeypatch, capsys):
    import json

    from console.users import LoginRefused

    monkeypatch.setenv(PASSWORD_ENV, "the-new-long-password")
    assert run(["user", "password", "cai"], ledger_dir) == 0
    assert "cai" in capsys.readouterr().out
    assert run(["user", "disable", "xin"], ledger_dir) == 0
    assert run(["user", "password", "nobody"], ledger_dir) == 2
    assert "没有用户 nobody" in capsys.readouterr().err
    assert run(["user", "list", "--json"], ledger_dir) == 0
    users = {u["name"]: u for u in json.loads(capsys.readouterr().out)["users"]}
    assert (users["cai"]["role"], users["xin"]["disabled"], users["jing"]["disabled"]) == (
        "finance",
        True,
        False,
    )
    from db.central.store import CentralStore

    store = CentralStore.open("", ledger_dir)
    try:
        assert check_login(store.engine, "cai", "the-new-long-password", CLOCK).name == "cai"
        with pytest.raises(LoginRefused):
            check_login(store.engine, "xin", "correct-horse-42", CLOCK, "10.0.0.1")
    finally:
        store.close()
    assert run(["user", "enable", "xin"], ledger_dir) == 0
    capsys.readouterr()
    assert (
        run(["user", "list", "--lang", "en"], ledger_dir) == 0
    )  # issue 32: head office's lines in English too
    assert "cai\tfinance\tenabled\t0 sessions" in capsys.readouterr().out
    assert run(["user", "password", "nobody", "--lang", "en"], ledger_dir) == 2
    assert "There is no user nobody." in capsys.readouterr().err


def test_check_names_each_unsafe_setting_and_production_refuses_to_start(ledger_dir, capsys, monkeypatch):
    monkeypatch.delenv("HALLPAY_CENTRAL_URL", raising=False)
    assert run(["check", "--host", "0.0.0.0"], ledger_dir) == 1
    out = capsys.readouterr().out
    assert "central.db" in out and "--proxies 0" in out and "0.0.0.0" in out and "检查未通过：3 项" in out
    assert (ledger_dir / "console.secret").stat().st_mode & 0o777 == 0o600  # beside hq.key
    assert run(["serve", "--production"], ledger_dir) == 2  # refuses before it listens
    assert "生产模式拒绝启动" in capsys.readouterr().err
    assert run(["check", "--host", "0.0.0.0", "--lang", "en"], ledger_dir) == 1
    out = capsys.readouterr().out
    assert "--proxies 0" in out and not re.search(r"[\u4e00-\u9fff]", out)


@pytest.mark.timeout(60)
def test_the_console_command_serves_on_waitress(ledger_dir):
    """`python main.py console` as IT starts it: waitress, no Server header, the cookie key made 0600."""
    import subprocess
    import sys
    import urllib.request
    from pathlib import Path

    main = Path(__file__).resolve().parents[2] / "main.py"
    proc = subprocess.Popen(
        [sys.executable, str(main), "console", "--data-dir", str(ledger_dir), "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stderr.readline()
        port = re.search(r"http://127\.0\.0\.1:(\d+)/", line).group(1)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=20) as resp:
            assert resp.status == 200 and "Server" not in resp.headers
        assert "waitress" in line
        assert (ledger_dir / "console.secret").stat().st_mode & 0o777 == 0o600
    finally:
        proc.terminate()
        proc.wait(10)
