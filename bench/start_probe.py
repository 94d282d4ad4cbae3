"""Measured by `bench` in a child process: start to a usable counter window, and resident memory.

`python -m bench.start_probe DATA_DIR [--bare]` prints one JSON line: seconds from interpreter start
to the counter window shown with focus in its search box (or, with --bare, to a bare QApplication),
and VmRSS in MB after one lookup and one quote on the counter.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = float(os.environ.get("HALLPAY_PROBE_T0", time.time()))
    if "--bare" in sys.argv:
        from PySide6.QtWidgets import QApplication

        app = QApplication(sys.argv[:1])
        app.processEvents()
        print(json.dumps({"start_s": time.time() - started, "rss_mb": rss_mb()}))
        return
    import bootstrap

    wiring = bootstrap.open_terminal(Path(sys.argv[1]))
    from ui.app import make_application
    from ui.main_window import MainWindow

    app = make_application()
    window = MainWindow(wiring)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    start_s = time.time() - started
    cpu_s = time.process_time()  # this process's CPU to the same point: what a loaded machine cannot inflate
    page = window.counter
    page.search.setText("3100000001")
    page.do_search()
    app.processEvents()
    print(
        json.dumps(
            {"start_s": start_s, "cpu_s": cpu_s, "rss_mb": rss_mb(), "loaded": page.current is not None}
        )
    )
    window.close()


if __name__ == "__main__":
    main()
