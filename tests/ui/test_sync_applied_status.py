"""Issue 29 item 4: with head office's projector as a service, a payment pushed is acknowledged before head office
applies it; the window's status bar says so in one sentence (app/applied.py, message_table_pull)."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt

from app.model import Method
from app.services.payments import PayRequest, pay
from tests.ui.kbd import Keyboard, open_window


def test_the_status_bar_says_head_office_has_not_applied_this_counters_entries(qtbot, terminal):
    from db.central.mode import set_mode
    from db.central.store import CentralStore

    ledger = CentralStore.open("", terminal.data_dir)  # the embedded ledger; its mode is head office's record
    try:
        set_mode(ledger.engine, "service", "it", "2026-11-23T10:00:00Z", ledger.hq)  # pushes only append
    finally:
        ledger.close()
    pay(terminal.ctx, PayRequest("1000000002", Method.CASH, "C01", amount_fen=500_00))
    with terminal.store.reader() as uow:
        head = uow.journal.head()[0]
    window = open_window(qtbot, terminal, start_sync=True)
    label = window.status_labels["sync"]
    qtbot.waitUntil(lambda: "待入账" in label.text(), timeout=20000)
    # the embedded ledger started empty: nothing of this counter applied, every entry acknowledged
    assert f"总部已入账至本机第 0 笔，待入账 {head} 笔（最早 " in label.text()
    assert (
        label.text().startswith("总部已入账至本机第 0 笔") and " · 总部在线 · 待上传 0 笔 · " in label.text()
    )
    if os.environ.get("HALLPAY_SHOT"):  # a picture a person looks at (not part of the assertion)
        window.resize(1024, 768)
        qtbot.waitUntil(lambda: window.width() == 1024, timeout=2000)
        window.grab().save(os.environ["HALLPAY_SHOT"])


def test_the_counter_warns_when_other_counters_entries_for_this_customer_await_head_office(qtbot, terminal):
    """The last pull named T03's unapplied entries for 1000000002: its lookup says so beside the bills (what T02
    saw in the reproduction, tests/integration/test_projector_lag.py, before it took the bill a second time)."""
    import json

    from app.applied import KEPT, Lagging, Position, Touched

    position = Position(
        (Lagging("T03", 9, 7, "2026-11-23T01:30:00Z"),),
        (Touched("1000000002", "T03", 2, "2026-11-23T01:30:00Z"),),
        2,
    )
    with terminal.ctx.uow() as uow:
        uow.settings.set(KEPT, json.dumps(position.rows()))
        uow.commit()
    window = open_window(qtbot, terminal)
    page, keys = window.counter, Keyboard(qtbot)
    keys.scan("1000000002")

    def banners() -> list[str]:
        return [b.text() for b in page.findChildren(type(page.message), "warning") if b.isVisible()]

    qtbot.waitUntil(lambda: any("总部尚未入账" in b for b in banners()), timeout=5000)
    assert "柜台 T03 有该户 2 笔业务总部尚未入账（最早 11-23 09:30）" in " ".join(banners())
    if os.environ.get("HALLPAY_SHOT"):
        window.resize(1024, 768)
        qtbot.waitUntil(lambda: window.width() == 1024, timeout=2000)
        window.grab().save(os.environ["HALLPAY_SHOT"].replace(".png", "-counter.png"))
    keys.press(Qt.Key.Key_Escape)  # back to the search field
    keys.scan("1000000001")  # a customer those entries do not move: no such banner
    qtbot.waitUntil(
        lambda: page.current is not None and page.current.customer.customer_no == "1000000001", timeout=5000
    )
    assert not any("总部尚未入账" in b for b in banners())
