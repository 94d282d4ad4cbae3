"""提出停电通知 from the window (issue 16): from the counter's banner and the arrears list, Ctrl+Shift+N.

The rules (over 30 days overdue, no open notice) are app/services/notices.propose's; the proposal then
waits for a supervisor's approval on the 停电通知 tab. Runs on a worker: the page never opens a unit of work.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.services import notices
from ui.messages import error_text
from ui.tasks import DeviceWorker

PROPOSE_KEY = "Ctrl+Shift+N"
_LIVE: set[DeviceWorker] = set()  # one-shot workers of pages without the window's store worker


def _tr(text: str) -> str:  # the strings are listed for lupdate in ui/i18n/build.py (EXTRA)
    return QCoreApplication.translate("NoticePropose", text)


def propose_notice(worker: Any | None, ctx: Any, customer_no: str, clerk_id: str,
                   say: Callable[[str, str], None], changed: Callable[[str], None] | None = None) -> None:
    """Propose a notice for customer_no; say(level, sentence) reports the outcome on the page's banner."""
    if not customer_no:
        say("error", _tr("请先选择一位用户。"))
        return

    own = worker is None
    if worker is None:
        worker = DeviceWorker("notice-propose")
        _LIVE.add(worker)

    def done(n: Any, error: BaseException | None) -> None:
        if own:
            worker.stop()
            _LIVE.discard(worker)
            worker.deleteLater()
        if error is not None:
            say("error", error_text(error))
            return
        say("ok", _tr("已为用户 %1 提出停电通知 %2，待主管在“停电通知”中审批（Ctrl+6，Ctrl+PgDown）。")
            .replace("%1", customer_no).replace("%2", n.notice_id))
        if changed is not None:
            changed(n.notice_id)

    worker.submit(lambda: notices.propose(ctx, customer_no, clerk_id), done)
