"""Issue 18 (D5): a day report built from a journal whose check fails says so on the page. The local
`shift report` checks this terminal's chain and signatures; `shift report --hall` every central copy. Both
put the sentence at the top of the day report and of the deposit slip, on stderr, and in --json."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess

import pytest
from sqlalchemy import text

from app.model import Method
from app.services.payments import PayRequest, pay
from app.services.shift_close import load_day_report
from app.services.sync import run_sync
from db.central.store import CentralStore
from tests.integration.pg_fixtures import link_for, make_terminal

EDIT = {"a": '"amount_fen":19110', "b": '"amount_fen":110'}
pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")


def _pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return "".join(c for c in out if not c.isspace())


def _report(w, tmp_path, capsys, hall: bool) -> tuple[dict, str, str, str]:
    from cli.shift import cmd_shift

    pdf = tmp_path / ("hall.pdf" if hall else "day.pdf")
    capsys.readouterr()
    code = cmd_shift(
        w,
        argparse.Namespace(
            action="report", clerk=None, day="2026-11-23", hall=hall, pdf=str(pdf), slip=None, json=True
        ),
    )
    assert code == 0
    captured = capsys.readouterr()
    return (
        json.loads(captured.out),
        captured.err,
        _pdf_text(pdf),
        _pdf_text(pdf.with_name(f"{pdf.stem}-deposit.pdf")),
    )


def test_the_local_and_the_hall_report_say_on_the_page_when_a_journal_is_edited(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'hq.db'}"
    t1 = make_terminal(tmp_path, "T01", url)
    paid = pay(t1.ctx, PayRequest("1000000001", Method.CASH, "C01"))
    run_sync(link_for(t1, url))
    out, err, page, slip = _report(t1, tmp_path, capsys, hall=False)
    assert out["journal_damaged"] == [] and err == "" and "校验未通过" not in page
    assert load_day_report(t1.ctx, "2026-11-23").journal_problems == ()

    with t1.store.engine.begin() as conn:  # someone edits the payment's amount in local.db
        conn.execute(text("DROP TRIGGER journal_no_update"))
        conn.execute(
            text("UPDATE journal SET payload = replace(payload, :a, :b) WHERE seq = :s"),
            EDIT | {"s": paid.entry.seq},
        )
    out, err, page, slip = _report(t1, tmp_path, capsys, hall=False)
    [sentence] = out["journal_damaged"]
    assert sentence.startswith(
        f"本机流水校验未通过（journal entry #{paid.entry.seq} ({paid.entry.entry_id}): "
        "content does not match its hash (edited)）"
    )
    assert err.strip() == sentence
    assert "警告：本机流水校验未通过" in page and "警告：本机流水校验未通过" in slip
    assert page.index("警告") < page.index("全厅汇总")  # at the top, before any figure

    central = CentralStore.open(url, tmp_path)
    try:
        with central.engine.begin() as conn:  # and in the central copy
            conn.execute(text("DROP TRIGGER central_journal_no_update"))
            conn.execute(
                text(
                    "UPDATE central_journal SET payload = replace(payload, :a, :b) "
                    "WHERE terminal_id = 'T01' AND seq = :s"
                ),
                EDIT | {"s": paid.entry.seq},
            )
    finally:
        central.close()
    out, err, page, slip = _report(t1, tmp_path, capsys, hall=True)
    [sentence] = out["journal_damaged"]
    assert sentence.startswith("总部留存的终端 T01 流水校验未通过") and err.strip() == sentence
    assert "警告：总部留存的终端T01流水校验未通过" in page and "警告：总部留存的终端T01流水校验未通过" in slip
