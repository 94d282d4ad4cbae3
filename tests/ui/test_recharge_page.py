"""The IC卡购电 page with the simulated reader: insert → customer and meter balance → amount → write → receipt."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.journal import Kind
from cardreader.simulated import SimulatedCardReader
from cardreader.virtual_card import load_state
from tests.recharge_helpers import card_key, issue_card, meter, written
from ui.recharge_page import RechargePage, make_recharge_page
from ui.tasks import DeviceWorker


@pytest.fixture
def worker() -> Any:
    w = DeviceWorker("card")
    yield w
    w.stop()


def make_page(qtbot: Any, terminal: Any, worker: Any) -> tuple[RechargePage, SimulatedCardReader]:
    reader = SimulatedCardReader()
    page = make_recharge_page(terminal, worker, reader=reader, master_key=card_key(terminal))
    assert isinstance(page, RechargePage)
    qtbot.addWidget(page)
    page.resize(1100, 720)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=5000)
    return page, reader


def test_insert_card_pay_cash_write_and_receipt(
    qtbot: Any, terminal: Any, worker: Any, tmp_path: Path
) -> None:
    page, reader = make_page(qtbot, terminal, worker)
    key = card_key(terminal)
    card = issue_card(tmp_path / "li.json", key)
    with (
        closing(sqlite3.connect(terminal.data_dir / "local.db")) as conn,
        conn,
    ):  # a risk grade the clerk must see
        conn.execute("UPDATE customers SET risk_grade = 'II' WHERE customer_no = '1000000003'")
    reader.insert(card)  # the watcher's event becomes a read on the card worker
    qtbot.waitUntil(lambda: page.view is not None, timeout=5000)
    assert "李建国" in page.fields["customer"].text()
    assert page.fields["limit"].text().startswith("5,000.00")
    assert len(page.warnings) == 1 and "Ⅱ级" in page.warnings[0].text()
    assert page.amount.isEnabled() and page.amount.hasFocus()
    qtbot.keyClicks(page.amount, "100")
    qtbot.keyClick(page.amount, Qt.Key.Key_Return)
    assert page.tendered.hasFocus()
    qtbot.keyClicks(page.tendered, "150")
    assert page.change.text() == "50.00"
    qtbot.keyClick(page.tendered, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=5000)
    assert page.last_result.card_state == "written" and page.last_result.purchase_count == 1
    assert "第 1 次" in page.result.text() and "已写卡" in page.result.text()
    assert load_state(card).purchase_count == 1
    assert [w.kind for w in written(terminal)] == [Kind.CARD_WRITTEN]
    page.grab().save(str(tmp_path / "recharge_written.png"))  # to look at: pytest --basetemp

    # the card comes back before the meter has loaded the purchase: one sentence, no write possible
    reader.remove()
    qtbot.waitUntil(lambda: page.view is None, timeout=5000)
    reader.insert(card)
    qtbot.waitUntil(lambda: page.view is not None, timeout=5000)
    assert page.banner.property("level") == "error" and "尚未插入电表" in page.banner.text()
    assert not page.confirm_button.isEnabled()

    # after the meter: the meter's balance from the return-write is shown
    reader.remove()
    meter(card, key)
    reader.insert(card)
    qtbot.waitUntil(lambda: page.view is not None and page.view.check.ok, timeout=5000)
    assert page.fields["meter_balance"].text().startswith("100.00")
    page.grab().save(str(tmp_path / "recharge_meter_balance.png"))
