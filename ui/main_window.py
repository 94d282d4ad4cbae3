"""The counter's main window: pages in tabs with keys, the status bar a clerk glances at, the 客显.

Pages: Ctrl+1 收费, Ctrl+2 历史, Ctrl+3 班次, Ctrl+4 设置 (and the arrears page when it is wired).
F1 shows the whole key map. Device and network work runs on one worker thread per device.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QTabWidget,
    QWidget,
)

from app.ports import PrinterState, ReaderState, ReaderStatus
from ui.clerk_window import ClerkWindow
from ui.counter_page import CounterPage
from ui.customer_display import CustomerDisplay
from ui.history_page import HistoryPage
from ui.key_help import PAGE_KEYS, KeyHelp
from ui.messages import error_text, spoken
from ui.messages import text as message_text
from ui.ops import CardAccess, ClerkSession, OpChanges, Operations, QueryOp
from ui.settings_page import SettingsPage
from ui.shift_page import ShiftPage
from ui.tasks import DeviceWorker, Worker
from ui.widgets import ElidedLabel

if TYPE_CHECKING:
    from app.services.backup import BackupWorker
    from app.services.clerks import Session
    from app.services.sync import SyncWorker
    from bootstrap import Services
    from ui.audit_page import AuditPage

PRINTER_TEXT = {
    PrinterState.READY: "就绪",
    PrinterState.PAPER_NEAR_END: "纸将尽",
    PrinterState.PAPER_OUT: "缺纸",
    PrinterState.OFFLINE: "离线",
    PrinterState.UNREACHABLE: "连接不上",
    PrinterState.DISABLED: "未配置",
}


class MainWindow(ClerkWindow):
    def __init__(
        self,
        wiring: Services,
        parent: QWidget | None = None,
        *,
        start_sync: bool = True,
        open_files: bool = True,
    ) -> None:
        super().__init__(parent)
        self._w = wiring
        self._open_files = open_files
        self.clerk_id = wiring.config.clerk
        mark = f" 【{wiring.config.mark}】" if wiring.config.mark else ""  # DEMO / 培训 非正式凭证 (issue 17)
        self.setWindowTitle(
            self.tr("HallPay 供电营业厅收费 — %1").replace("%1", wiring.config.hall_name) + mark
        )
        self.session = ClerkSession(self.clerk_id, self)
        # the store off the Qt thread: one reader, one writer (ui/ops.py); devices have a thread each
        self.ops = Operations(wiring.ctx, self.session, self)
        self.printer_worker = DeviceWorker("printer", self)
        self.workers: dict[str, Worker] = {
            "printer": self.printer_worker,
            "card": DeviceWorker("card", self),
            "sync": DeviceWorker("sync-test", self),
            "reports": DeviceWorker("reports", self),
        }
        self.ops.card = CardAccess(self.workers["card"], wiring.card_reader)  # the void dialog reads cards
        self.sync_worker: SyncWorker | None = None
        self.backup_worker: BackupWorker | None = None
        try:
            self._build(wiring, start_sync, open_files)
        except BaseException:
            self.stop_workers()  # a window that fails to open leaves no thread running
            raise

    def _build(self, wiring: Services, start_sync: bool, open_files: bool) -> None:
        self.clerk_pages: list[Any] = []  # optional pages that act for the signed-in clerk (set_clerk)
        self.pages = QTabWidget()
        self.pages.setObjectName("pages")
        self.pages.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pages.tabBar().setFocusPolicy(
            Qt.FocusPolicy.NoFocus
        )  # keys switch pages; focus stays in the form
        self.key_help = KeyHelp(self.pages, self)
        self.counter = CounterPage(wiring, self.printer_worker, self.clerk_id, ops=self.ops)
        self.history = HistoryPage(
            wiring, self.printer_worker, self.clerk_id, open_files=open_files, ops=self.ops
        )
        self.shift = ShiftPage(
            wiring, self.workers["reports"], self.clerk_id, open_files=open_files, ops=self.ops
        )
        self.settings = SettingsPage(wiring, self.workers, self.clerk_id, ops=self.ops)
        self.page_names: list[str] = []
        self.audit: AuditPage | None = (
            None  # the 审计 tab, added when a supervisor signs in (ui/audit_page.py)
        )
        for name, page, title in (
            ("counter", self.counter, self.tr("收费")),
            ("history", self.history, self.tr("历史")),
            ("shift", self.shift, self.tr("班次")),
            ("settings", self.settings, self.tr("设置")),
        ):
            self.add_page(name, page, title)
        self._optional_pages()
        self.setCentralWidget(self.pages)
        self.pages.currentChanged.connect(self._page_changed)
        self.display = CustomerDisplay(wiring.config.hall_name, self)
        self.counter.display.connect(self.display.show_state)
        self._status_bar()
        QShortcut(QKeySequence("F1"), self, self.show_keys)
        QShortcut(QKeySequence("Ctrl+D"), self, self.toggle_display)
        from ui.lock_screen import install_clerk_controls

        # Ctrl+L lock, Ctrl+Shift+L switch (through self.session), the 审计 tab
        self.clerk_controls = install_clerk_controls(self, wiring, self.session, self.ops)
        self.counter.printer_state.connect(lambda _state: self.refresh_printer())
        self.counter.paid.connect(self._after_payment)
        self.ops.changed.connect(self.counter.refresh_changes)
        self.ops.changed.connect(self._changed)
        self.session.switched.connect(self._clerk_switched)  # Operations.context() follows the same session
        for page in (self.counter, self.history, self.shift, self.settings, *self.clerk_pages):
            self.session.switched.connect(page.set_clerk)
        self.refresh_printer()
        self.refresh_card()
        if start_sync:
            self.start_sync()
            self.start_backup()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh_printer)
        self._timer.timeout.connect(self.refresh_card)
        self._timer.start(15000)
        self._sync_timer = QTimer(self)
        self._sync_timer.timeout.connect(self.refresh_sync)
        self._sync_timer.timeout.connect(self.refresh_backup)
        self._sync_timer.start(3000)

    # ---------------------------------------------------------------- pages

    def add_page(self, name: str, page: QWidget, title: str) -> None:
        """Add a tab with the next Ctrl+N key; the key is printed on the tab."""
        index = len(self.page_names)
        key = PAGE_KEYS[index] if index < len(PAGE_KEYS) else ""
        self.pages.addTab(page, f"{title}  {key}".strip())
        self.page_names.append(name)
        if key:
            QShortcut(QKeySequence(key), self, lambda i=index: self.pages.setCurrentIndex(i))

    def _optional_pages(self) -> None:
        """Pages other engineers own, added when their module is present."""
        from ui.recharge_page import RechargePage, make_recharge_page

        recharge = make_recharge_page(
            self._w, self.workers["card"], printer_worker=self.printer_worker, ops=self.ops
        )
        self.add_page("recharge", recharge, self.tr("IC卡购电"))
        if isinstance(recharge, RechargePage):  # not when the card wiring failed (the page says why)
            self.clerk_pages.append(recharge)
        for signal in ("card_event", "recharged"):  # the status bar follows the card at once, not 15 s later
            if hasattr(recharge, signal):
                getattr(recharge, signal).connect(lambda *_a: QTimer.singleShot(300, self.refresh_card))
        from ui.arrears_page import make_arrears_page

        manager = make_arrears_page(self._w, self.ops)
        self.clerk_pages.append(manager)
        self.add_page("arrears", manager, self.tr("欠费"))
        from ui.collection_page import CollectionPage

        self.collection = CollectionPage(
            self._w, self.workers["reports"], open_files=self._open_files, ops=self.ops
        )
        self.add_page("collection", self.collection, self.tr("责任制"))

    def sync_audit_tab(self, session: Session) -> AuditPage | None:
        """Add the audit tab when a supervisor acts at the counter; hide it (and its rows) otherwise."""
        from ui.audit_page import AuditPage

        page = self.audit
        if page is None:
            if not session.is_supervisor:
                return None
            page = AuditPage(self._w, session, self.ops)
            self.audit = page
            self.add_page("audit", page, self.tr("审计"))
        page.set_session(session)
        index = self.pages.indexOf(page)
        if not session.is_supervisor and self.pages.currentIndex() == index:
            self.show_page("counter")
        self.pages.setTabVisible(index, session.is_supervisor)
        return page

    def show_page(self, name: str) -> None:
        self.pages.setCurrentIndex(self.page_names.index(name))

    def _page_changed(self, index: int) -> None:
        if self.page_names[index] != "counter" and self.counter.wallet.waiting:
            # a scanned payment still waits for the customer's password: another page could take money from
            # the same customer (issue 28); the counter stays until the scan's final state or its Esc
            self.show_page("counter")
            self.counter.scan_blocks()
            return
        if self.page_names[index] == "counter":
            self.counter.search.setFocus()

    def _clerk_switched(self, clerk_id: str) -> None:
        """The window's own clerk follows the session; the services' context is Operations.context(), built
        from the same session for each op, so the wiring's context is never patched."""
        self.clerk_id = clerk_id

    def _changed(self, changes: OpChanges) -> None:
        """A write succeeded: the pages that show what it changed refresh themselves (Anki's OpChanges)."""
        if changes.receipts or changes.shift:
            self.history.refresh()
            self.shift.refresh()
        if changes.reversal is not None and self.sync_worker is not None:
            self.sync_worker.wake()  # a void is money: head office hears of it now, not at the next poll

    def _after_payment(self, _receipt_no: str) -> None:
        if self.sync_worker is not None:
            self.sync_worker.wake()
        if self.backup_worker is not None:
            self.backup_worker.notify()  # the new entry's copy starts now, not at the next poll

    def toggle_display(self) -> None:
        if self.display.isVisible():
            self.display.hide()
            return
        had = QApplication.focusWidget()
        bills = self.counter.bills  # on one screen: over the lower bill rows, never the 收款 or 本笔已收 box
        self.display.place(QRect(bills.mapToGlobal(QPoint(0, 0)), bills.size()))

        def back() -> None:  # the keyboard stays with the clerk, whatever the window manager did (ux N6)
            self.activateWindow()
            if had is not None and had.isVisible():
                had.setFocus()

        back()
        QTimer.singleShot(0, back)

    # ---------------------------------------------------------------- status bar

    def _status_bar(self) -> None:
        bar = self.statusBar()
        self.status_labels: dict[str, QLabel] = {}
        items = [
            ("terminal", self.tr("终端 %1").replace("%1", self._w.config.terminal_id)),
            # the clerk's name and role follow from the store (ClerkControls sets the session it read)
            ("clerk", self.tr("收费员 %1 %2").replace("%1", self.clerk_id).replace("%2", "")),
            ("day", self.tr("营业日 %1").replace("%1", self._w.ctx.today().isoformat())),
            ("printer", self.tr("打印机 …")),
            ("card", self.tr("读卡器 …")),
            ("sync", self.tr("同步 %1").replace("%1", self.tr("未启动"))),
            ("backup", self.tr("备份 %1").replace("%1", self.tr("未启动"))),
        ]
        for key, text in items:
            label = ElidedLabel(text)  # a long sentence is cut with …, never widens the window (issue 28)
            label.setObjectName(f"status_{key}")
            label.setStyleSheet("padding:0 8px;")
            bar.addPermanentWidget(label)
            self.status_labels[key] = label

    def _alarm(self, key: str, text: str, ok: bool) -> None:
        label = self.status_labels[key]
        label.setText(text if ok else "✖ " + text)
        label.setToolTip(text)  # the whole sentence, should a narrow screen cut the bar
        label.setStyleSheet("padding:0 8px;" + ("" if ok else "color:#b3261e; font-weight:bold;"))

    def refresh_printer(self) -> None:
        def done(status: Any, error: BaseException | None) -> None:
            if error is not None:
                text, ok = error_text(error), False
            else:
                text, ok = self.tr(PRINTER_TEXT.get(status.state, status.state.value)), status.can_print
            self._alarm("printer", self.tr("打印机 %1").replace("%1", text), ok)

        if (
            not self.printer_worker.busy
        ):  # built on the printer's thread: its modules are not the first frame's
            self.printer_worker.submit(lambda: self._w.printer().status(), done)

    def refresh_card(self) -> None:
        make = self._w.card_reader

        def done(status: ReaderStatus | None, error: BaseException | None) -> None:
            if error is not None or status is None:
                sentence, ok = (error_text(error) if error is not None else ""), False
            else:  # the state decides, never words in the sentence
                ok = status.state is ReaderState.READY
                sentence = (
                    message_text(status.code, status.params or {}) if status.code else ""
                ) or status.text
            self._alarm("card", self.tr("读卡器 %1").replace("%1", sentence.rstrip("。")), ok)

        worker = self.workers["card"]
        if not worker.busy:
            worker.submit(lambda: make().status(), done)

    def start_sync(self) -> None:
        make = self._w.sync_link
        if self.sync_worker is not None:
            return
        from app.services.sync import make_worker

        interval = self._w.config.settings.central.interval_s
        # the first run waits for the first frame (cold start) unless a payment wakes it sooner
        self.sync_worker = make_worker(make(), interval_s=interval, first_delay_s=2.0)
        self.sync_worker.start()
        self.refresh_sync()

    def start_backup(self) -> None:
        """The continuous copy of the journal to [backup] path; without one the status bar says so, red."""
        if self.backup_worker is not None:
            return
        self.backup_worker = self._w.backup_worker()
        self.backup_worker.start()
        self.refresh_backup()

    def refresh_backup(self) -> None:
        if self.backup_worker is None:
            return
        status = self.backup_worker.status()
        self._alarm("backup", spoken(status), not status.red)

    def refresh_sync(self) -> None:
        """The sync state every 3 s: its pending count is a store read, so it is asked on the reader thread."""
        worker = self.sync_worker
        if worker is None:
            return

        def show(status: Any) -> None:
            self._alarm("sync", spoken(status), status.state != "offline")

        QueryOp(self.ops, lambda _ctx: worker.status(), show, parent=self).run()

    # ---------------------------------------------------------------- keys

    def key_map(self) -> list[tuple[str, str]]:
        """Every key a clerk has, by page: F1 shows it, the guide prints it, tests/ui press each one."""
        return self.key_help.rows()

    def show_keys(self) -> None:
        self.key_dialog = self.key_help.show(self)

    def closeEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        self.stop_workers()
        self.display.close()
        super().closeEvent(event)

    def stop_workers(self) -> None:
        """Every thread the window started ends: timers, sync, devices, the store's reader and writer."""
        for timer in (getattr(self, "_timer", None), getattr(self, "_sync_timer", None)):
            if timer is not None:
                timer.stop()
        if self.sync_worker is not None:
            self.sync_worker.stop()
            self.sync_worker = None
        if self.backup_worker is not None:
            self.backup_worker.stop()
            self.backup_worker = None
        for worker in self.workers.values():
            worker.stop()
        self.ops.stop()
