"""The window's one catalog of what app/ says with codes (issue 15): errors, statuses, customer warnings and
labels rendered in the window's language. The Chinese templates of app/messages.py are the sources of the
"messages" context in ui/i18n/hallpay_en.ts (their English comes from app/message_table.py); money is
grouped (ui.widgets.yuan), methods and labels translated.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

from app.cash import DENOMINATION_LABELS
from app.messages import MESSAGES, Voice
from app.model import METHOD_LABELS, Method
from app.services.approvals import ROLE_NAMES
from app.warnings import Warning
from ui.widgets import tr0, yuan


def _method(value: str) -> str:
    try:
        return tr0(METHOD_LABELS[Method(value)])
    except ValueError:
        return value


def text(code: str, params: Mapping[str, object]) -> str:
    """The sentence of a code in the window's language ("" for a code the catalog does not know)."""
    if code not in MESSAGES:
        return ""
    return _voice().say(code, params)


def _voice() -> Voice:
    # labels from app/ tables (grades, the simulator's name) are translated under the empty context
    return Voice(
        lambda code: QCoreApplication.translate("messages", MESSAGES[code]),
        money=yuan,
        method=_method,
        label=tr0,
    )


def spoken(thing: object) -> str:
    """An error or a status (card reader, sync, backup) in the window's language: its code, else str()."""
    code = getattr(thing, "code", "")
    return (text(code, getattr(thing, "params", None) or {}) if code else "") or str(thing)


def error_text(error: BaseException) -> str:
    """What the window says about a refusal: its code through the catalog, else its sentence."""
    return spoken(error)


def warning_text(warning: Warning) -> str:
    return (text(warning.code, warning.params) if warning.code else "") or warning.text


def denomination(fen: int) -> str:
    """100元, 5角, 1分 in the window's language."""
    return QCoreApplication.translate("labels", DENOMINATION_LABELS[fen])


def role(code: str) -> str:
    """收费员 / 主管 / 系统管理员 in the window's language."""
    return QCoreApplication.translate("labels", ROLE_NAMES.get(code, code))
