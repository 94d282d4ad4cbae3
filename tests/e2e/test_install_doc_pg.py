"""docs/install.md cannot drift (issue 27): the commands of its sections 1 and 2, run in the order written on the
suite's PostgreSQL, give a counter whose key head office certified and whose pulls succeed.

The test reads the commands from the page itself: every fenced block of "### 1." and "### 2.", and every inline
`hallpay …` command of their prose (section 2's "Then, at head office, `hallpay central terminals …`"), in
document order. `export` lines set the variable (the doc's placeholders mapped onto this test's PostgreSQL and
temporary directories); `hallpay central …` runs on head office's machine (HALLPAY_HQ_KEY as exported), every
other `hallpay …` on the counter PC (never the key). Any other line fails the test: the page and the test must
change together."""

from __future__ import annotations

import re
import shlex
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.e2e.hall_cli import hall_cli, ok_json
from tests.integration.pg_fixtures import pg_server  # noqa: F401

pytestmark = pytest.mark.postgres

DOC = Path(__file__).resolve().parents[2] / "docs" / "install.md"
_COMMAND = re.compile(r"```[^\n]*\n(?P<block>.*?)```|`(?P<inline>hallpay [^`\n]+)`", re.DOTALL)

CUSTOMERS = """customer_no,name,address,phone,category,meter_no,prepaid,risk_grade
3100000001,张三,城东路 1 号,13800000001,residential,M3100000001,0,
3100000002,城东五金店,城东路 2 号,13800000002,commercial,M3100000002,0,II
"""
BILLS = """customer_no,period,kwh,amount,due_date
3100000001,2026-10,210,120.50,2026-11-30
3100000002,2026-10,1500,1380.00,2026-11-30
"""


def doc_commands(text: str) -> list[str]:
    """The shell commands of sections 1 and 2, in order, one per command (continuations joined)."""
    start, end = text.index("\n### 1. "), text.index("\n### 3. ")
    commands: list[str] = []
    for m in _COMMAND.finditer(text[start:end]):
        if m.group("inline"):
            commands.append(m.group("inline"))
            continue
        commands += [c for c in m.group("block").replace("\\\n", " ").splitlines() if c.strip()]
    return commands


def test_the_provisioning_sections_run_in_order_give_a_certified_counter_that_pulls(
    tmp_path, pg_server, monkeypatch, capsys
):  # noqa: F811
    url = pg_server.url(pg_server.new_database())
    places = {  # the page's placeholders -> this machine
        "/srv/hallpay": str(tmp_path / "srv" / "hallpay"),
        "/media/hallpay-backup": str(tmp_path / "media" / "hallpay-backup"),
    }
    (tmp_path / "media" / "hallpay-backup").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)  # billing's files, as `central import` names them
    (tmp_path / "customers.csv").write_text(CUSTOMERS, encoding="utf-8")
    (tmp_path / "bills.csv").write_text(BILLS, encoding="utf-8")
    variables: dict[str, str] = {}
    run = None
    ran: list[list[str]] = []
    commands = doc_commands(DOC.read_text(encoding="utf-8"))
    assert any(c.startswith("hallpay terminal init") for c in commands)
    for command in commands:
        words = shlex.split(command, comments=True)
        if not words:
            continue
        if words[0] == "export":
            name, value = words[1].split("=", 1)
            if name == "HALLPAY_CENTRAL":
                value = url if value.startswith("postgresql") else value
            for placeholder, here in places.items():
                value = value.replace(placeholder, here)
            variables[name] = value
            continue
        assert words[0] == "hallpay", f"docs/install.md has a line this test cannot run: {command!r}"
        argv = []
        for w in words[1:]:
            for name, value in variables.items():
                w = w.replace(f"${name}", value)
            for placeholder, here in places.items():
                w = w.replace(placeholder, here)
            argv.append(w)
        key = variables.get("HALLPAY_HQ_KEY")  # head office's machine has it only when the page exports it
        run = hall_cli(monkeypatch, capsys, Path(key or tmp_path / "unset"))
        rc, out, err = run(*argv, hq=argv[0] == "central" and key is not None)
        assert rc == 0, f"{command!r} exited {rc}: {err}"
        ran.append(argv)
    assert [a[:2] for a in ran] == [
        ["central", "import"],
        ["central", "hall"],
        ["central", "terminal"],
        ["central", "terminal"],
        ["central", "clerk"],
        ["central", "clerk"],
        ["terminal", "init"],
        ["central", "terminals"],
    ]
    assert run is not None
    hq = ["--central", url]
    [t07] = ok_json(run("central", "terminals", "--json", *hq, hq=True))["terminals"]
    assert (t07["terminal_id"], t07["approved"], t07["certified"]) == ("T07", True, True)
    data = places["/srv/hallpay"] + "/T07"
    synced = ok_json(run("sync", "--once", "--json", "--data-dir", data))
    assert synced["alarms"] == [] and synced["pending"] == 0
    # billing's bills reached the counter, signed
    with closing(sqlite3.connect(Path(data) / "local.db")) as db, db:
        bills = db.execute("SELECT customer_no, amount_fen FROM bills ORDER BY customer_no").fetchall()
    assert bills == [("3100000001", 12050), ("3100000002", 138000)]
