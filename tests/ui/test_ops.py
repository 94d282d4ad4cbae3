"""Issue 15 in the window: store work runs off the Qt thread (ui/ops.py), writes announce what changed,
a clerk switch is a signal, and the window's threads end when it closes or fails to open."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

import ui.counter_customer as counter_customer
import ui.counter_pay as counter_pay
from tests.ui.kbd import Keyboard, open_window
from ui import ops


def recording(monkeypatch, module, name: str, seen: list[str]) -> None:
    real = getattr(module, name)

    def wrapper(*args, **kwargs):
        seen.append(QThread.currentThread().objectName() or threading.current_thread().name)
        assert QThread.currentThread() is not QApplication.instance().thread(), f"{name} on the Qt thread"
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapper)


def test_lookup_reads_on_the_reader_and_pay_writes_on_the_writer(qtbot, terminal, monkeypatch):
    seen: list[str] = []
    for module, name in (
        (counter_customer, "find_customers"),
        (counter_customer, "due"),
        (counter_pay, "pay"),
    ):
        recording(monkeypatch, module, name, seen)
    window = open_window(qtbot, terminal)
    page, keys = window.counter, Keyboard(qtbot)
    changes: list[ops.OpChanges] = []
    window.ops.changed.connect(changes.append)
    keys.scan("1000000002")
    assert page.fields["name"].text() == "宏达机械厂"
    keys.type("3100")
    with qtbot.waitSignal(page.printer_state, timeout=10000):
        keys.enter()
    assert seen == ["store-read", "store-read", "store-write"]
    assert changes == [ops.OpChanges(receipts=True, shift=True, customer="1000000002")]
    assert page.result_labels["change"].text() == "59.00"
    qtbot.waitUntil(lambda: window.history.table.rowCount() == 1, timeout=5000)  # refreshed by the change


def test_closing_the_window_stops_every_worker(qtbot, terminal):
    from ui.tasks import DeviceWorker

    window = open_window(qtbot, terminal)
    devices = [w for w in window.workers.values() if isinstance(w, DeviceWorker)]
    assert devices and all(w._thread.isRunning() for w in devices)
    window.close()
    assert not any(w._thread.isRunning() for w in devices)
    assert window.ops.stopped and not window.ops.busy


def test_a_window_that_fails_to_open_leaves_no_thread(qtbot, terminal, monkeypatch):
    from ui.tasks import DeviceWorker

    started: list[str] = []
    stopped: list[str] = []
    stores: list[ops.Operations] = []
    real_init, real_stop, real_ops = DeviceWorker.__init__, DeviceWorker.stop, ops.Operations.__init__

    def init(self, name, parent=None):
        real_init(self, name, parent)
        started.append(name)

    def stop(self):
        real_stop(self)
        if not self._thread.isRunning():
            stopped.append(self._thread.objectName())

    def ops_init(self, *args, **kwargs):
        real_ops(self, *args, **kwargs)
        stores.append(self)

    monkeypatch.setattr(DeviceWorker, "__init__", init)
    monkeypatch.setattr(DeviceWorker, "stop", stop)
    monkeypatch.setattr(ops.Operations, "__init__", ops_init)

    def broken(*_a, **_k):
        raise RuntimeError("page failed")

    monkeypatch.setattr("ui.main_window.HistoryPage", broken)
    with pytest.raises(RuntimeError):
        open_window(qtbot, terminal)
    assert "printer" in started and set(stopped) == set(started)
    assert stores and all(o.stopped for o in stores)


def test_clerk_switch_is_a_session_signal(qtbot, terminal):
    window = open_window(qtbot, terminal)
    page, keys = window.counter, Keyboard(qtbot)
    keys.scan("1000000001")
    assert page.current is not None
    window.session.switch("S01")
    assert page.clerk_id == "S01" and page.current is None
    assert window.ops.context().clerk_id == "S01"
