"""The console's words come from the message table (app/message_table_console.py CONSOLE_PAGE_TABLE), like
every other edge's: pages and templates name codes; the language is a session switch (zh | en).
Texts the central ledger wrote itself (case details) stay Chinese."""

from __future__ import annotations

import datetime as dt

from app.clock import local_text
from app.message_table import LABELS_EN
from app.message_table_console import CONSOLE_PAGE_TABLE
from app.messages import MESSAGES, spoken, voice

# A label console/case_texts.py gives in Chinese (a case kind, its way out) -> its code: the ledger's own tables
# name cases in Chinese, so the page says the code that sentence belongs to.
_CODE_OF_LABEL = {zh: code for code, (zh, _en) in CONSOLE_PAGE_TABLE.items()}


def translate(text: str, lang: str, **params: object) -> str:
    """A code of the message table in the page's language (zh | en); a Chinese label the ledger's queries
    hand over is said through its code; anything else (a customer's name, a reason typed by a person) as is."""
    code = text if text in MESSAGES else _CODE_OF_LABEL.get(text)
    if code is None:
        return LABELS_EN.get(text, text) if lang == "en" else text
    return voice(lang).say(code, params)


def said(error: BaseException, lang: str) -> str:
    """A refusal on a page: through its code in the page's language (str(error) is always Chinese)."""
    return spoken(error, lang)


def when(utc: str | dt.datetime | None) -> str:
    """A stored UTC instant as the Shanghai wall-clock time a person reads ("" stays "—")."""
    if not utc:
        return "—"
    if isinstance(utc, dt.datetime):
        return local_text(utc)
    try:
        return local_text(dt.datetime.fromisoformat(utc.replace("Z", "+00:00")))
    except ValueError:
        return utc
