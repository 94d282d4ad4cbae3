"""Errors a clerk sees. Each carries one sentence that says what happened and what to do."""

from __future__ import annotations

from typing import Any


class HallPayError(Exception):
    """Base of every refusal a user can cause; str(error) is the sentence shown to them.

    A coded error (`coded(Refused, "pay.tender_short", tendered_fen=..., amount_fen=...)`) carries its
    code and parameters (app/messages.py): str() is today's Chinese sentence for the CLI and the logs;
    the window renders the code through its translated catalog (ui/messages.py) instead.
    """

    code: str = ""
    params: dict[str, Any]

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.params = {}


class InputError(HallPayError):
    """The input itself is malformed (amount, customer number, file row)."""


class NotFound(HallPayError):
    """The thing asked for does not exist (customer, receipt)."""


class Refused(HallPayError):
    """A business rule forbids the operation (nothing due, tendered too little, closed shift)."""


class DeviceError(HallPayError):
    """A printer or card reader failed; the money side is untouched or recorded as pending."""


class StoreUnavailable(HallPayError):
    """The local store cannot take a write now (locked, disk full, read-only)."""
