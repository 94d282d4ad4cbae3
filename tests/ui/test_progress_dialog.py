"""Long store work run through ui/ops.py shows a progress dialog fed from the worker thread, and the
dialog goes away when the work answers (success or failure)."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from app.sync import push_pending
from tests.unit.test_sync_orchestration import FakeCentral, FakeOutbox, chain
from ui import ops


def dialogs() -> list[QProgressDialog]:
    """The progress dialogs on screen (a dialog is a top-level window with its page as parent)."""
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]


def test_a_push_of_the_journal_shows_its_progress_then_closes(qtbot):
    page = QWidget()
    qtbot.addWidget(page)
    page.show()
    operations = ops.Operations(object(), parent=page)
    threads: list[str] = []
    release = threading.Event()

    def push(_ctx, progress):
        threads.append(threading.current_thread().name)
        outbox, central = FakeOutbox(chain(9)), FakeCentral()
        result = push_pending(outbox, central, "T01", "厅", batch_size=3, progress=progress)
        release.wait(10)  # the work runs until the test has seen its dialog (shown after SHOW_AFTER_MS)
        return result[0]

    answers: list[int] = []
    op = ops.QueryOp(operations, push, answers.append, parent=page).with_progress("上传流水", page)
    op.run()
    qtbot.waitUntil(lambda: any("9 / 9" in d.labelText() for d in dialogs()), timeout=10000)
    [dialog] = dialogs()
    assert dialog.maximum() == 9 and dialog.value() == 9 and "每秒" in dialog.labelText()
    assert threading.main_thread().name not in threads  # the work ran on the reader thread
    release.set()
    qtbot.waitUntil(lambda: answers == [9], timeout=10000)
    qtbot.waitUntil(lambda: not dialogs(), timeout=5000)
    operations.stop()


def test_the_dialog_closes_when_the_work_fails(qtbot):
    page = QWidget()
    qtbot.addWidget(page)
    page.show()
    operations = ops.Operations(object(), parent=page)
    failures: list[str] = []
    shown = threading.Event()

    def broken(_ctx, progress):
        progress(1, 4)
        shown.wait(10)  # fails only once its dialog is on screen
        raise ValueError("disk gone")

    ops.QueryOp(operations, broken, None, parent=page).with_progress("导出", page).failure(
        lambda e: failures.append(str(e))
    ).run()
    qtbot.waitUntil(lambda: bool(dialogs()), timeout=10000)
    shown.set()
    qtbot.waitUntil(lambda: failures == ["disk gone"], timeout=10000)
    qtbot.waitUntil(lambda: not dialogs(), timeout=5000)
    operations.stop()
