"""The console through a real browser: Debian's chromium, headless, driven by Selenium through Debian's
chromedriver, against the console served by waitress (the production server). Log in, resolve one double
payment as credit and one as refund, look at the alarms and the terminals, open a hall's day report and its PDF. Each page is photographed: into docs/img/console-*.png
when HALLPAY_CONSOLE_SCREENSHOTS names that folder (`make console-screenshots`), else into tmp_path."""

from __future__ import annotations

import os
import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest

from db.central.hq import HQ
from tests.console.conftest import DAY, PASSWORD
from tests.console.http import served

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")


def _need_browser() -> None:
    if CHROMIUM.exists() and CHROMEDRIVER.exists():
        return
    if os.geteuid() == 0:
        pytest.fail("chromium/chromium-driver missing: run `make setup` (it installs them as root)")
    pytest.skip("Debian's chromium and chromium-driver are not installed and we are not root to install them")


@pytest.fixture
def server(app):
    """The console on waitress, the production server (console/deploy.py), not Werkzeug's."""
    with served(app) as base:
        yield base


@pytest.fixture
def browser(tmp_path):
    _need_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
        "--lang=zh-CN",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    driver.set_page_load_timeout(20)
    yield driver
    driver.quit()


@pytest.mark.timeout(90)
def test_head_office_works_its_cases_and_reports_in_a_browser(server, browser, central, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.expected_conditions import staleness_of
    from selenium.webdriver.support.ui import WebDriverWait

    shots = Path(os.environ.get("HALLPAY_CONSOLE_SCREENSHOTS") or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)

    def shot(name: str) -> None:
        browser.save_screenshot(str(shots / f"console-{name}.png"))

    def text() -> str:
        return browser.find_element(By.TAG_NAME, "body").text

    def submitted(button, then: str) -> None:
        """Click a form's button and wait for the page it leads to (a click does not wait for the load)."""
        old = browser.find_element(By.TAG_NAME, "html")
        button.click()
        WebDriverWait(browser, 15).until(staleness_of(old))
        WebDriverWait(browser, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, then))

    browser.get(server + "/cases")  # no session: the login page
    assert "/login" in browser.current_url
    browser.find_element(By.ID, "name").send_keys("cai")
    browser.find_element(By.ID, "password").send_keys("wrong password")
    submitted(browser.find_element(By.ID, "login"), "#login-error")
    assert "用户名或密码不对" in browser.find_element(By.ID, "login-error").text
    browser.find_element(By.ID, "name").send_keys("cai")
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    shot("login")
    submitted(browser.find_element(By.ID, "login"), "table.case")
    assert browser.current_url.endswith("/cases")
    cases = central.review_cases()
    money = [c for c in cases if c.kind == "double_payment"]
    assert len(money) >= 2 and len(browser.find_elements(By.CSS_SELECTOR, "table.case")) == len(money)
    first, second = money[0], money[1]
    page = text()
    assert first.customer_no in page and "T01" in page and "T02" in page and "重复缴费" in page
    shot("cases")

    def decide(case, decision: str, reason: str) -> None:
        form = browser.find_element(By.XPATH, f"//input[@name='case_id' and @value='{case.case_id}']/..")
        form.find_element(By.NAME, "reason").send_keys(reason)
        submitted(form.find_element(By.CSS_SELECTOR, f"button[value='{decision}']"), "#message")
        assert browser.find_element(By.ID, "message").text == "已保存。"

    balance = central.balances()[second.customer_no]
    decide(first, "credit", "客户同意留作预存")
    decide(second, "refund", "客户要求退款")
    resolved = browser.find_element(By.ID, "resolved").text
    assert "客户同意留作预存" in resolved and "客户要求退款" in resolved and "待柜台支付" in resolved
    shot("cases-resolved")
    hq = central.journal(HQ)
    assert [(e.kind, e.payload["case_id"], e.payload["decided_by"]) for e in hq[-2:]] == [
        ("case_decision", first.case_id, "cai"),
        ("refund_order", second.case_id, "cai"),
    ]
    assert central.balances()[second.customer_no] == balance - second.amount_fen
    assert [r["case_id"] for r in central.refunds_to_pay(second.customer_no)] == [second.case_id]

    browser.get(server + "/alarms")
    assert "内容不符" in text() and "python main.py verify" in text()
    shot("alarms")
    browser.get(server + "/reports/day?day=" + DAY)
    figures = browser.find_element(By.ID, "hall-figures").text
    assert browser.find_element(By.ID, "received").text != "0.00", figures
    shot("day-report")
    pdf_url = browser.find_element(By.ID, "pdf").get_attribute("href")
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(pdf_url, headers={"Cookie": cookie})) as resp:
        pdf = resp.read()
    assert pdf.startswith(b"%PDF")
    (tmp_path / "day.pdf").write_bytes(pdf)
    if shutil.which("pdftotext"):
        words = subprocess.run(
            ["pdftotext", str(tmp_path / "day.pdf"), "-"], capture_output=True, text=True
        ).stdout
        assert f"营业日报 {DAY}" in words
    from db.central.admin import CentralAdmin

    for area in (
        "经开区",
        "城北区",
    ):  # the manager's assignment (tests/console/test_collection_rate.py), for the picture
        CentralAdmin(central.engine, central.hq).assign_area("jing", area, "C01")
    browser.get(server + "/reports/clerks?month=" + DAY[:7])
    assert "C01" in text() and "3.1%" in browser.find_element(By.CSS_SELECTOR, "#clerk-C01 .rate").text
    shot("clerks")
    browser.get(server + "/reports/arrears")
    assert browser.find_elements(By.CSS_SELECTOR, "#arrears-chart rect")
    shot("arrears")
    browser.get(server + "/lang/en")
    browser.get(server + "/")
    assert "Review cases" in text()
    shot("overview-en")
    browser.get(server + "/lang/zh")
    browser.get(server + "/")
    shot("overview")
    browser.get(server + "/terminals")  # finance may not: the server refuses
    assert "无权查看此页" in text()

    browser.delete_all_cookies()  # IT's view: terminals and alarms
    browser.get(server + "/login")
    browser.find_element(By.ID, "name").send_keys("xin")
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    submitted(browser.find_element(By.ID, "login"), "h1")
    browser.get(server + "/terminals")
    assert "T01" in text() and "T02" in text() and "完好" in text()
    assert "截至" in text() and "未知" not in text()  # both counters reported their heads when they synced
    shot("terminals")


@pytest.mark.timeout(120)
def test_a_refund_decided_in_the_console_is_paid_out_at_a_counter_after_its_next_sync(
    server, browser, central, tmp_path, monkeypatch
):
    """Must show (issue 21): finance decides a double payment as a refund in the browser; a counter that syncs
    afterwards shows 退款待领 with exactly that amount, pays it out in cash, and after its next sync the console
    says the refund is paid."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.expected_conditions import staleness_of
    from selenium.webdriver.support.ui import WebDriverWait

    import tests.integration.pg_fixtures as fx
    from app.model import Method
    from app.services.payments import PayRequest, pay
    from app.services.refund_payout import PayoutRequest, owed_refunds, pay_out
    from app.services.shift_close import close_preview
    from app.services.sync import run_sync

    shots = Path(os.environ.get("HALLPAY_CONSOLE_SCREENSHOTS") or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)

    def submitted(button, then: str) -> None:
        old = browser.find_element(By.TAG_NAME, "html")
        button.click()
        WebDriverWait(browser, 15).until(staleness_of(old))
        WebDriverWait(browser, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, then))

    browser.get(server + "/cases")  # the login page, then back to the cases
    browser.find_element(By.ID, "name").send_keys("cai")
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    submitted(browser.find_element(By.ID, "login"), "table.case")
    case = next(c for c in central.review_cases() if c.kind == "double_payment")
    form = browser.find_element(By.XPATH, f"//input[@name='case_id' and @value='{case.case_id}']/..")
    form.find_element(By.NAME, "reason").send_keys("客户到柜台领取退款")
    submitted(form.find_element(By.CSS_SELECTOR, "button[value='refund']"), "#message")
    assert "待柜台支付" in browser.find_element(By.ID, "resolved").text
    browser.get(server + "/")
    amount = f"{case.amount_fen // 100:,}.{case.amount_fen % 100:02d}"
    assert browser.find_element(By.ID, "refunds-ordered").text.split() == ["退款待柜台支付", "1", amount]

    monkeypatch.setenv("HALLPAY_NOW", fx.NOW)  # the counter's business day is the scenario's
    url = f"sqlite:///{tmp_path / 'hq' / 'central.db'}"
    counter = fx.make_terminal(tmp_path / "halls", "T03", url)
    try:
        assert owed_refunds(counter.ctx, case.customer_no) == []  # nothing before its next sync
        run_sync(fx.link_for(counter, url))
        owed = owed_refunds(counter.ctx, case.customer_no)
        assert [(r.amount_fen, r.case_id) for r in owed] == [(case.amount_fen, case.case_id)]
        # a refund in cash leaves the drawer only when the drawer holds it (app/services/drawer.py): the
        # counter takes the day's cash first, from another customer
        other = next(c for c in ("1000000001", "1000000002") if c != case.customer_no)
        pay(counter.ctx, PayRequest(other, Method.CASH, "C01", amount_fen=case.amount_fen))
        expected = close_preview(counter.ctx, "C01").figures.expected_cash_fen
        paid = pay_out(counter.ctx, PayoutRequest(case.customer_no, "C01"))
        assert paid.amount_fen == case.amount_fen
        assert close_preview(counter.ctx, "C01").figures.expected_cash_fen == expected - case.amount_fen
        run_sync(fx.link_for(counter, url))
    finally:
        counter.store.close()

    browser.get(server + "/")  # the overview counted it while it waited; it waits no more
    assert browser.find_element(By.ID, "refunds-ordered").text.split() == ["退款待柜台支付", "0", "0.00"]
    browser.get(server + "/cases")
    row = browser.find_element(
        By.XPATH, f"//table[@id='resolved']//tr[td[contains(., '{case.customer_no}')]]"
    )
    assert "已支付" in row.text and "待柜台支付" not in row.text
    browser.execute_script("document.getElementById('resolved').scrollIntoView()")
    browser.save_screenshot(str(shots / "console-cases-refund-paid.png"))
    assert central.refunds_to_pay(case.customer_no) == []


@pytest.mark.timeout(90)
def test_it_approves_a_terminal_and_disables_a_clerk_in_a_browser(server, browser, central, tmp_path):
    """Must show (issue 21): IT registers and approves a terminal and disables a clerk on the provisioning page;
    the central ledger holds the same result the `central` commands would leave, with IT's user as the actor."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.expected_conditions import staleness_of
    from selenium.webdriver.support.ui import WebDriverWait
    from sqlalchemy import select

    from db.central_schema import central_admin_audit, central_clerks, terminals

    shots = Path(os.environ.get("HALLPAY_CONSOLE_SCREENSHOTS") or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)

    def submitted(button, then: str) -> None:
        old = browser.find_element(By.TAG_NAME, "html")
        button.click()
        WebDriverWait(browser, 15).until(staleness_of(old))
        WebDriverWait(browser, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, then))

    def fill(form_id: str, **values: str) -> None:
        form = browser.find_element(By.ID, form_id)
        for name, value in values.items():
            form.find_element(By.NAME, name).send_keys(value)
        submitted(form.find_element(By.TAG_NAME, "button"), "#message")

    browser.get(server + "/provisioning")
    browser.find_element(By.ID, "name").send_keys("xin")
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    submitted(browser.find_element(By.ID, "login"), "#halls")
    fill("hall-add", hall_id="H9", name="城西营业厅")
    fill("terminal-add", terminal_id="T09", hall_id="H9")
    assert "待批准" in browser.find_element(By.ID, "terminal-T09").text
    submitted(browser.find_element(By.CSS_SELECTOR, "#terminal-T09 button[name='approve']"), "#message")
    assert "已批准" in browser.find_element(By.ID, "terminal-T09").text
    fill("clerk-add", clerk_id="C19", name="周敏", hall_id="H9")
    pin = browser.find_element(By.ID, "one-time-pin").text
    assert "C19" in pin and any(w.isdigit() and len(w) == 6 for w in pin.replace(":", " ").split())
    browser.save_screenshot(str(shots / "console-provisioning.png"))
    submitted(browser.find_element(By.CSS_SELECTOR, "#clerk-C19 button[name='disable']"), "#message")
    assert "已停用" in browser.find_element(By.CSS_SELECTOR, "#clerk-C19 .state").text
    assert not browser.find_elements(By.ID, "one-time-pin")  # the PIN was shown on the add's answer only
    with central.engine.connect() as conn:
        assert (
            conn.execute(select(terminals.c.approved).where(terminals.c.terminal_id == "T09")).scalar() == 1
        )
        assert (
            conn.execute(select(central_clerks.c.active).where(central_clerks.c.clerk_id == "C19")).scalar()
            == 0
        )
        actors = {r.actor for r in conn.execute(select(central_admin_audit.c.actor))}
    assert actors == {"xin"}


@pytest.mark.timeout(60)
def test_a_login_link_with_a_hostile_next_lands_on_the_console(server, browser):
    """Review P2-1: Chromium drops the tab of `/%09/example.com/` and went to http://example.com/ after login."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server + "/login?next=/%09/example.com/")
    browser.find_element(By.ID, "name").send_keys("cai")
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    browser.find_element(By.ID, "login").click()
    WebDriverWait(browser, 15).until(lambda d: "/login" not in d.current_url)
    assert browser.current_url == server + "/"
