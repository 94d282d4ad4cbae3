"""The window runs the continuous backup worker (issue 17): without a backup location the status bar says
so in red on every start; with one, the journal is copied and the label is not red."""

from __future__ import annotations

from tests.ui.kbd import open_window


def _label(window):
    return window.status_labels["backup"]


def test_no_backup_location_is_said_in_red(qtbot, terminal):
    window = open_window(qtbot, terminal, start_sync=True)
    try:
        assert window.backup_worker is not None
        assert _label(window).text().startswith("✖") and "b3261e" in _label(window).styleSheet()
    finally:
        window.close()
    assert window.backup_worker is None


def test_the_journal_reaches_the_backup_location(qtbot, terminal, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    terminal.config.data["backup"] = {"path": str(usb), "stale_after_s": 120}
    window = open_window(qtbot, terminal, start_sync=True)
    try:
        window.backup_worker.notify()
        qtbot.waitUntil(lambda: bool(list(usb.glob("*-local.db"))), timeout=20000)
        qtbot.waitUntil(
            lambda: (window.refresh_backup(), not _label(window).text().startswith("✖"))[1], timeout=20000
        )
    finally:
        window.close()
