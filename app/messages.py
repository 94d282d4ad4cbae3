"""Messages with codes (issue 15, STYLE.md habit 20): the core raises a code and its parameters; each edge
says it in its own language. The command line and the logs speak through `voice(config.language)`
(Chinese by default); ui/messages.py renders the same code through Qt's translation of the Chinese template.

A template names its parameters in braces. Parameters ending in `_fen` are money (int fen), `method` is a
Method value, the LABEL_PARAMS (and `*_labels` / `*_list`, tuples of them) are labels from app/ tables: each voice renders them its own way (the CLI as
123.45 and 现金; the window grouped and in the window's language). A parameter may itself be a `Phrase` (a
coded sentence, such as a risk reason) or a tuple of them, said in the same voice. The templates, with
their English beside them, live in app/message_table.py.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from app.errors import HallPayError
from app.message_table import LABELS_EN, TABLE
from app.model import METHOD_LABELS, Method
from app.money import yuan_text

E = TypeVar("E", bound=HallPayError)

MESSAGES: dict[str, str] = {code: zh for code, (zh, _en) in TABLE.items()}
MESSAGES_EN: dict[str, str] = {code: en for code, (_zh, en) in TABLE.items()}
LANGUAGES = ("zh_CN", "en")
# parameters that hold a label from an app/ table (a grade, a reader's name): translated, not formatted
LABEL_PARAMS = (
    "grade",
    "ho_grade",
    "reader",
    "hint",
    "role",
    "action",
    "purpose",
    "state",
    "source",
    "what",
    "field",
    "acquirer",  # 支付宝 / 微信 (app/wallet.py WALLET_LABELS)
)


@dataclass(frozen=True)
class Phrase:
    """A coded sentence that is a parameter of another (a risk reason inside a customer warning)."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return ZH.say(self.code, self.params)


def fen_text(fen: int) -> str:
    """A sentence's money, as the window and the paper show it: grouped (app.money.yuan_text, ux #13)."""
    return yuan_text(fen)


def method_text(method: str) -> str:
    try:
        return METHOD_LABELS[Method(method)]
    except ValueError:
        return method


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class Voice:
    """One language's way of saying a code: its templates, money, methods and labels."""

    template: Callable[[str], str]
    money: Callable[[int], str] = fen_text
    method: Callable[[str], str] = method_text
    label: Callable[[str], str] = _same

    def say(self, code: str, params: Mapping[str, object]) -> str:
        return self.template(code).format(**{k: self._value(k, v) for k, v in params.items()})

    def _value(self, key: str, value: object) -> object:
        if key.endswith("_clause"):  # a sentence used as a clause of another: without its full stop
            return str(self._value(key.removesuffix("_clause"), value)).rstrip("。.")
        if isinstance(value, Phrase):
            return self.say(value.code, value.params)
        if isinstance(value, tuple) and value and all(isinstance(v, Phrase) for v in value):
            return self.template("sep.list").join(self.say(p.code, p.params) for p in value)
        if key.endswith("_labels"):  # several labels: 主管或系统管理员
            return self.template("sep.or").join(self.label(str(v)) for v in value)  # type: ignore[attr-defined]
        if key.endswith("_list"):  # an enumeration of labels: 100元、50元、…
            return self.template("sep.enum").join(self.label(str(v)) for v in value)  # type: ignore[attr-defined]
        if key.endswith("_fen"):
            return self.money(int(str(value)))
        if key == "method":
            return self.method(str(value))
        if key in LABEL_PARAMS:
            return self.label(str(value))
        return value


ZH = Voice(MESSAGES.__getitem__)
EN = Voice(
    MESSAGES_EN.__getitem__,
    method=lambda m: LABELS_EN.get(method_text(m), m),
    label=lambda text: LABELS_EN.get(text, text),
)


def voice(language: str) -> Voice:
    """The command line's voice for config.language (Chinese for anything but English)."""
    return EN if language == "en" else ZH


def message(code: str, **params: object) -> str:
    """The Chinese sentence of a code (the logs, and the command line in Chinese)."""
    return ZH.say(code, params)


def spoken(thing: object, language: str) -> str:
    """An error or a status in `language`: through its code when it has one, else its own sentence."""
    code = getattr(thing, "code", "")
    if code in MESSAGES:
        return voice(language).say(code, getattr(thing, "params", None) or {})
    return str(thing)


def phrase_of(error: BaseException) -> Phrase:
    """An error as a phrase: its code when it has one, else its sentence as it is."""
    code = getattr(error, "code", "")
    return (
        Phrase(code, getattr(error, "params", {}))
        if code in MESSAGES
        else Phrase("plain", {"text": str(error)})
    )


def coded(cls: type[E], code: str, **params: Any) -> E:
    """An error of class `cls` with its code and parameters; str() is the Chinese sentence."""
    error = cls(message(code, **params))
    error.code, error.params = code, params
    return error
