"""The window's one catalog of what app/ says with codes (issue 15): errors, customer warnings and labels
rendered in the window's language. The Chinese templates of app/messages.py are the sources of the
"messages" context in ui/i18n/hallpay_en.ts; money is grouped (ui.widgets.yuan), methods translated.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

from app.cash import DENOMINATION_LABELS
from app.messages import MESSAGES, render
from app.model import METHOD_LABELS, Method
from app.services.approvals import ROLE_NAMES
from app.warnings import Warning
from ui.widgets import tr0, yuan

# labels from app/ tables and the simulator's name, translated under the empty context
TRANSLATED_PARAMS = ("grade", "ho_grade", "reader")


def _method(value: str) -> str:
    try:
        return tr0(METHOD_LABELS[Method(value)])
    except ValueError:
        return value


def text(code: str, params: Mapping[str, object]) -> str:
    """The sentence of a code in the window's language ("" for a code the catalog does not know)."""
    template = MESSAGES.get(code)
    if template is None:
        return ""
    shown = {k: (tr0(str(v)) if k in TRANSLATED_PARAMS else v) for k, v in params.items()}
    return render(QCoreApplication.translate("messages", template), shown, money=yuan, method=_method)


def error_text(error: BaseException) -> str:
    """What the window says about a refusal: its code through the catalog, else its sentence."""
    code = getattr(error, "code", "")
    return (text(code, getattr(error, "params", {})) if code else "") or str(error)


def warning_text(warning: Warning) -> str:
    return (text(warning.code, warning.params) if warning.code else "") or warning.text


def denomination(fen: int) -> str:
    """100元, 5角, 1分 in the window's language."""
    return QCoreApplication.translate("labels", DENOMINATION_LABELS[fen])


def role(code: str) -> str:
    """收费员 / 主管 / 系统管理员 in the window's language."""
    return QCoreApplication.translate("labels", ROLE_NAMES.get(code, code))
