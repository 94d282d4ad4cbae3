"""`python main.py screenshot --page P OUT.png`: a page rendered offscreen, for the README and the guide."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from app.errors import InputError

SHOWCASE_CUSTOMER = "1000000002"  # commercial, a bill across the year end: every fee rule visible


def render_page(wiring: Any, page: str, out: Path) -> None:
    from ui.app import make_application
    from ui.main_window import MainWindow

    make_application()
    window = MainWindow(wiring)
    window.resize(1280, 800)
    if page == "counter":
        window.counter.search.setText(SHOWCASE_CUSTOMER)
        window.counter.do_search()
        window.counter.tendered.setText("3100")
    elif page != "empty":
        raise InputError(f"没有名为 {page} 的页面；可用：counter, empty。")
    window.show()
    for _ in range(5):
        QApplication.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out), "PNG"):
        raise InputError(f"无法写入 {out}。")
    window.close()
