"""The console says what it says from the message table (issue 32): templates and pages name codes, no
Chinese literal of their own, and every page reads as English in English (console/i18n.py was a catalog
keyed by the Chinese sentence, and refusals on a page were str(error): Chinese in an English session)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from app.message_table_console import CONSOLE_PAGE_TABLE
from app.messages import MESSAGES
from console.case_texts import WAY_OUT
from tests.console.test_security import login, open_money_case, token_of

ROOT = Path(__file__).resolve().parents[2]
CHINESE = re.compile(r"[\u4e00-\u9fff]")
# console/case_texts.py is a data table of the ledger's case labels and their way out, in Chinese;
# console/i18n.translate says each through its code.
STILL_CHINESE = {"console/case_texts.py"}


def chinese_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    return [
        f"{path.relative_to(ROOT)}:{node.lineno} {node.value[:40]}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docs
        and CHINESE.search(node.value)
    ]


def test_the_consoles_code_and_templates_hold_no_sentence_of_their_own():
    found = [
        bad
        for path in sorted((ROOT / "console").glob("*.py"))
        if str(path.relative_to(ROOT)) not in STILL_CHINESE
        for bad in chinese_literals(path)
    ]
    for template in sorted((ROOT / "console" / "templates").glob("*.html")):
        text = template.read_text(encoding="utf-8").replace(">中文</a>", "")  # the language switch itself
        found += [
            f"{template.name}: {line.strip()[:60]}" for line in text.splitlines() if CHINESE.search(line)
        ]
    assert found == []


def test_every_code_a_template_names_is_in_the_message_table():
    named = {
        code
        for template in (ROOT / "console" / "templates").glob("*.html")
        for code in re.findall(r"""['"](console\.[a-z0-9_]+)['"]""", template.read_text(encoding="utf-8"))
    }
    assert named and named <= set(MESSAGES), sorted(named - set(MESSAGES))


# The table's Chinese words of four characters or more: none may be left on an English page. Shorter ones, and
# words inside the ledger's own case texts and console/case_texts.py's WAY_OUT prose, stay Chinese there.
SENTENCES = sorted(
    {
        zh
        for zh, _en in CONSOLE_PAGE_TABLE.values()
        if len(zh) >= 4 and "{" not in zh and not any(zh in text for text in WAY_OUT.values())
    }
)
PAGES = {
    "jing": ["/", "/cases", "/alarms", "/terminals", "/provisioning", "/day", "/clerks", "/arrears"],
}


@pytest.mark.parametrize("path", PAGES["jing"])
def test_every_page_reads_as_english_in_an_english_session(app, path):
    client = app.test_client()
    login(client, "jing")
    client.get("/lang/en")
    body = client.get(path).get_data(as_text=True)
    assert "Log out" in body and "Head-office console" in body
    left = [zh for zh in SENTENCES if zh in body]
    assert left == []


def test_a_refusal_and_an_error_page_are_said_in_the_sessions_language(app, central):
    client = app.test_client()
    login(client, "cai")  # finance: may not open the provisioning page
    client.get("/lang/en")
    assert "You may not open this page." in client.get("/provisioning").get_data(as_text=True)
    case_id = open_money_case(central)
    central.resolve_case(case_id, "cai", "credit", "留作预存")
    form = {"csrf_token": token_of(client, "/cases"), "case_id": case_id, "decision": "refund", "reason": "x"}
    answer = client.post("/cases/resolve", data=form)  # decided already: refused, in English
    said = re.search(r'class="err"[^>]*>([^<]*)<', answer.get_data(as_text=True))
    assert answer.status_code == 409 and said is not None
    assert said.group(1).strip() and not CHINESE.search(said.group(1)), said.group(1)
