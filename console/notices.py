"""The green notice after an act: a code in the URL (`?msg=saved`), its sentence from this table. Any other
text in `msg` shows nothing: the notice cannot be made to say what a link's author wants (review P3-1)."""

from __future__ import annotations

from flask import request

NOTICES = {"saved": "console.saved"}  # msg -> a code of the message table
SAVED = "saved"


def notice() -> str:
    """The message code of this request's `msg` (the templates say it in the page's language), or ""."""
    return NOTICES.get(request.args.get("msg", ""), "")
