"""The printer is built on the printer's thread (review §1a): the pages called the wiring's printer() on the
Qt thread, where a slow or broken [printer] (a network printer's DNS, a USB probe) being built on first use
froze the window. Here the printer factory blocks until the test lets it go: on the old code the page's call
blocked the Qt thread (and the factory ran on it); now the page returns at once and the job builds it."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from tests.ui.kbd import Keyboard, open_window


@pytest.fixture
def slow_printer(terminal):
    """terminal.printer replaced by a factory that blocks until released (5 s at most); it records its thread."""
    real = terminal.printer
    release, threads = threading.Event(), []

    def factory():
        threads.append(QThread.currentThread())
        release.wait(5)
        return real()

    terminal.printer = factory
    yield release, threads
    release.set()


def on_qt_thread(threads) -> bool:
    return any(t is QApplication.instance().thread() for t in threads)


def test_a_receipt_printed_after_a_payment_builds_its_printer_off_the_qt_thread(
    qtbot, terminal, slow_printer
):
    release, threads = slow_printer
    window = open_window(qtbot, terminal)
    page, keys = window.counter, Keyboard(qtbot)
    keys.scan("1000000002")
    keys.type("3100")
    with qtbot.waitSignal(window.ops.changed, timeout=10000):
        keys.enter()
    qtbot.waitUntil(lambda: bool(threads), timeout=5000)
    assert not release.is_set() and not on_qt_thread(
        threads
    )  # the window answered while the printer was built
    release.set()
    with qtbot.waitSignal(page.printer_state, timeout=10000):
        pass
    window.close()


def test_the_settings_test_page_builds_its_printer_off_the_qt_thread(qtbot, terminal, slow_printer):
    release, threads = slow_printer
    window = open_window(qtbot, terminal)
    window.settings.print_test_page()
    qtbot.waitUntil(lambda: bool(threads), timeout=5000)
    assert not release.is_set() and not on_qt_thread(threads)
    release.set()
    window.close()
