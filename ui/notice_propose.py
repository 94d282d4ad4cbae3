"""提出停电通知 from the window (issue 16): from the counter's banner and the arrears list, Ctrl+Shift+N.

The rules (over 30 days overdue, no open notice) are app/services/notices.propose's; the proposal then
waits for a supervisor's approval on the 停电通知 tab. A CollectionOp on the store's writer thread: the page
never opens a unit of work, and the notice list and the arrears list follow its OpChanges.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject

from app.services import notices
from ui.messages import error_text
from ui.ops import CollectionOp, OpChanges, Operations

PROPOSE_KEY = "Ctrl+Shift+N"


def _tr(text: str) -> str:  # the strings are listed for lupdate in ui/i18n/build.py (EXTRA)
    return QCoreApplication.translate("NoticePropose", text)


def propose_notice(
    ops: Operations,
    customer_no: str,
    clerk_id: str,
    say: Callable[[str, str], None],
    changed: Callable[[str], None] | None = None,
    *,
    parent: QObject | None = None,
) -> None:
    """Propose a notice for customer_no; say(level, sentence) reports the outcome on the page's banner."""
    if not customer_no:
        say("error", _tr("请先选择一位用户。"))
        return

    def done(n: Any) -> None:
        say(
            "ok",
            _tr("已为用户 %1 提出停电通知 %2，待主管在“停电通知”中审批（Ctrl+6，Ctrl+PgDown）。")
            .replace("%1", customer_no)
            .replace("%2", n.notice_id),
        )
        if changed is not None:
            changed(n.notice_id)

    CollectionOp(
        ops,
        lambda ctx: notices.propose(ctx, customer_no, clerk_id),
        done,
        changes=OpChanges(notices=True, customer=customer_no),
        parent=parent,
    ).failure(lambda error: say("error", error_text(error))).run()
