"""The main window as the clerk controls see it (ui/lock_screen.py): a base class MainWindow fills in, so the
lock screen types its window without importing ui/main_window.py, which installs the lock screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget

if TYPE_CHECKING:
    from app.services.clerks import Session
    from ui.audit_page import AuditPage
    from ui.counter_page import CounterPage
    from ui.customer_display import CustomerDisplay


class ClerkWindow(QMainWindow):
    pages: QTabWidget
    page_names: list[str]
    counter: CounterPage
    display: CustomerDisplay
    audit: AuditPage | None  # the 审计 tab, added when a supervisor signs in
    status_labels: dict[str, QLabel]  # the status bar's, by key ("clerk" is the clerk controls')

    def show_page(self, name: str) -> None:
        raise NotImplementedError

    def sync_audit_tab(self, session: Session) -> AuditPage | None:
        """Add the audit tab when a supervisor acts at the counter; hide it (and its rows) otherwise."""
        raise NotImplementedError
