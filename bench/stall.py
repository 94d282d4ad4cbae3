"""How long the UI thread stalls while device or network work runs beside it.

A QTimer asks to fire every few milliseconds; how late each firing comes is how long the event loop
could not run. The work runs on a plain thread, exactly as the sync and device workers do.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication


def measure_stall(work: Callable[[], Any], interval_ms: int = 5, timeout_s: float = 600) -> dict[str, Any]:
    app = QApplication.instance() or QApplication([])
    lateness: list[float] = []
    last = [time.perf_counter()]
    result: dict[str, Any] = {}

    loop = QEventLoop()
    finished = threading.Event()

    def tick() -> None:
        now = time.perf_counter()
        lateness.append(max(0.0, (now - last[0]) * 1000 - interval_ms))
        last[0] = now
        if finished.is_set():  # the work thread cannot post to this loop itself: it has no Qt event loop
            loop.quit()

    def run() -> None:
        try:
            result["value"] = work()
        except Exception as error:  # reported, the probe still ends
            result["error"] = repr(error)
        finally:
            finished.set()

    timer = QTimer()
    timer.setInterval(interval_ms)
    timer.timeout.connect(tick)
    timer.start()
    started = time.perf_counter()
    thread = threading.Thread(target=run, name="stall-probe-work", daemon=True)
    thread.start()
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    timer.stop()
    thread.join(5)
    app.processEvents()
    ordered = sorted(lateness) or [0.0]
    return {
        "work_s": time.perf_counter() - started,
        "ticks": len(lateness),
        "max_stall_ms": ordered[-1],
        "p99_stall_ms": ordered[min(len(ordered) - 1, int(0.99 * (len(ordered) - 1)))],
        **result,
    }
