"""The counter's main window: pages in the middle, the status bar a clerk glances at."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QStackedWidget, QWidget

from app.ports import PrinterState
from ui.counter_page import CounterPage
from ui.tasks import DeviceWorker

PRINTER_TEXT = {
    PrinterState.READY: "就绪", PrinterState.PAPER_NEAR_END: "纸将尽", PrinterState.PAPER_OUT: "缺纸",
    PrinterState.OFFLINE: "离线", PrinterState.UNREACHABLE: "连接不上", PrinterState.DISABLED: "未配置",
}


class MainWindow(QMainWindow):
    def __init__(self, wiring: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._w = wiring
        self.clerk_id = wiring.config.clerk
        self.setWindowTitle(self.tr("HallPay 供电营业厅收费 — %1").replace("%1", wiring.config.hall_name))
        self.printer_worker = DeviceWorker("printer", self)
        self.pages = QStackedWidget()
        self.counter = CounterPage(wiring, self.printer_worker, self.clerk_id)
        self.pages.addWidget(self.counter)
        self.setCentralWidget(self.pages)
        self._status_bar()
        QShortcut(QKeySequence("F1"), self, activated=self.show_keys)
        self.counter.printer_state.connect(lambda _state: self.refresh_printer())
        self.refresh_printer()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh_printer)
        self._timer.start(15000)

    def _status_bar(self) -> None:
        bar = self.statusBar()
        with self._w.ctx.uow() as uow:
            clerk_name = uow.settings.clerk_name(self.clerk_id) or ""
        self.status_labels: dict[str, QLabel] = {}
        items = [
            ("terminal", self.tr("终端 %1").replace("%1", self._w.config.terminal_id)),
            ("clerk", self.tr("收费员 %1 %2").replace("%1", self.clerk_id).replace("%2", clerk_name)),
            ("day", self.tr("营业日 %1").replace("%1", self._w.ctx.today().isoformat())),
            ("printer", self.tr("打印机 …")),
            ("card", self.tr("读卡器 %1").replace("%1", self._card_status())),
            ("sync", self.tr("同步 %1").replace("%1", self._sync_status())),
        ]
        for key, text in items:
            label = QLabel(text)
            label.setObjectName(f"status_{key}")
            label.setStyleSheet("padding:0 8px;")
            bar.addPermanentWidget(label)
            self.status_labels[key] = label

    def _card_status(self) -> str:
        kind = self._w.config.section("card").get("kind", "simulated")
        return self.tr("模拟") if kind == "simulated" else str(kind)

    def _sync_status(self) -> str:
        return self.tr("本机中心库") if not self._w.config.central_url() else self.tr("待连接")

    def refresh_printer(self) -> None:
        printer = self._w.printer()

        def done(status: Any, error: BaseException | None) -> None:
            if error is not None:
                text, ok = str(error), False
            else:
                text, ok = PRINTER_TEXT.get(status.state, status.state.value), status.can_print
            label = self.status_labels["printer"]
            label.setText(self.tr("打印机 %1").replace("%1", text if ok else "✖ " + text))
            label.setStyleSheet("padding:0 8px;" + ("" if ok else "color:#b3261e; font-weight:bold;"))

        if not self.printer_worker.busy:
            self.printer_worker.submit(printer.status, done)

    def show_keys(self) -> None:
        QMessageBox.information(self, self.tr("快捷键"), self.tr(
            "回车：查找 / 下一步 / 确认\nF2 现金  F3 银行卡  F4 微信  F5 支付宝  F6 云闪付  F7 支票\n"
            "F12：确认收款\nEsc：下一位用户\nCtrl+F：回到查找框\nF1：本帮助"))

    def closeEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        self._timer.stop()
        self.printer_worker.stop()
        super().closeEvent(event)
