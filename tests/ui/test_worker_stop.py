"""Closing waits for the device or store job in flight (review §1a, defect 27): DeviceWorker.stop() and the
store pools' stop() gave up after 5 s, so a printer write was cut short or the application quit under a
running QThread. Now they wait however long the job takes, and the log says what they wait for.

The job here ends only when stop() has logged that it waits for it: the old stop() never logged, so it
gave up with the thread still running (after its 5 s) and the test fails; the new one waits a short slice,
says so, and returns once the job has ended."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtCore import QObject

import ui.tasks as tasks
from ui.ops import _Pool
from ui.tasks import DeviceWorker


class ReleaseOnLog(logging.Handler):
    """Lets the job end when a stop() names it in the log."""

    def __init__(self, release: threading.Event, name: str) -> None:
        super().__init__()
        self.event, self.job, self.seen = release, name, []

    def emit(self, record: logging.LogRecord) -> None:
        self.seen.append(record.getMessage())
        if self.job in record.getMessage():
            self.event.set()


@pytest.fixture
def released(monkeypatch):
    monkeypatch.setattr(tasks, "WAIT_SLICE_MS", 20, raising=False)
    release = threading.Event()
    handler = ReleaseOnLog(release, "slow_print")
    logger = logging.getLogger("ui")
    logger.addHandler(handler)
    yield release, handler
    release.set()  # never leave a blocked job behind, whatever the test found
    logger.removeHandler(handler)


def test_stop_waits_for_the_printer_job_in_flight_and_says_what_it_waits_for(qtbot, released):
    release, handler = released
    started, ended = threading.Event(), threading.Event()

    def slow_print() -> str:
        started.set()
        release.wait(30)
        ended.set()
        return "printed"

    worker = DeviceWorker("printer")
    worker.submit(slow_print, lambda result, error: None)
    worker.submit(lambda: "next receipt", lambda result, error: None)
    assert started.wait(5)
    worker.stop()
    assert ended.is_set(), "stop() returned while the printer job still ran"
    assert worker._thread.isFinished()
    assert any("printer" in m and "slow_print" in m for m in handler.seen)


def test_a_store_pool_waits_for_its_running_job_too(qtbot, released):
    release, handler = released
    started, ended = threading.Event(), threading.Event()

    def slow_print() -> None:  # a store job as slow as a printer's, named so the log releases it
        started.set()
        release.wait(30)
        ended.set()

    owner = QObject()
    pool = _Pool("writer", 1, owner)
    pool.submit(slow_print, lambda result, error: None)
    assert started.wait(5)
    pool.stop()
    assert ended.is_set(), "stop() returned while the store job still ran"
    assert any("writer" in m and "slow_print" in m for m in handler.seen)
