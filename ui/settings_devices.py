"""The settings page's device tests: a printer test page, a test card read, a round trip to head office. Each
runs on its device's worker thread (never the window's); the answer is one sentence on the page's message
line and `tested(what, ok, sentence)`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from ui.messages import error_text

if TYPE_CHECKING:
    from bootstrap import Services


class DeviceTests(QObject):
    tested = Signal(str, bool, str)  # what ("printer" | "card" | "central"), ok, sentence

    def __init__(
        self,
        wiring: Services,
        workers: dict[str, Any],
        say: Callable[[str, str], None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._w, self._workers, self._say = wiring, workers, say

    def _run(self, what: str, worker: str, fn: Any, describe: Any) -> None:
        self._say("info", self.tr("正在测试…"))

        def done(value: Any, error: BaseException | None) -> None:
            ok, text = (False, error_text(error)) if error is not None else describe(value)
            self._say("ok" if ok else "error", text)
            self.tested.emit(what, ok, text)

        self._workers[worker].submit(fn, done)

    def print_test_page(self) -> None:
        """Ctrl+T: a test page on the configured printer."""
        from printing.test_page import print_test_page

        make_printer, config = self._w.printer, self._w.config  # built on the printer's thread, not here
        self._run(
            "printer",
            "printer",
            lambda: print_test_page(make_printer(), config.hall_name, config.terminal_id),
            lambda r: (
                r.printed,
                self.tr("测试页已打印。")
                if r.printed
                else self.tr("测试页未打印：%1").replace("%1", r.reason),
            ),
        )

    def read_test_card(self) -> None:
        """Ctrl+K: read the card in the reader (its serial, customer and purchase count)."""
        make = self._w.card_reader

        def describe(card: Any) -> tuple[bool, str]:
            return True, self.tr("读卡成功：卡号 %1，户号 %2，购电次数 %3").replace(
                "%1", str(card.serial)
            ).replace("%2", str(card.customer_no)).replace("%3", str(card.purchase_count))

        self._run("card", "card", lambda: make().read_card(), describe)

    def test_connection(self) -> None:
        """Ctrl+J: one sync with head office (what was pushed, pulled, is still waiting)."""
        make = self._w.sync_link
        from app.services.sync import run_sync

        link = make()
        self._run(
            "central",
            "sync",
            lambda: run_sync(link),
            lambda r: (
                True,
                self.tr("总部连接正常：上传 %1 笔，下载 %2 条，待上传 %3 笔。")
                .replace("%1", str(r.pushed))
                .replace("%2", str(r.pulled))
                .replace("%3", str(r.pending)),
            ),
        )
