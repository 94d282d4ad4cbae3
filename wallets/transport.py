"""One HTTP POST with a timeout, telling "never left this PC" from "no answer"."""

from __future__ import annotations

import logging
import socket
import urllib.error
import urllib.request

from app.errors import HallPayError
from app.messages import coded

log = logging.getLogger(__name__)


class TransportError(HallPayError):
    """The HTTP exchange failed; wallets/answers.py says what that means for each call."""


class Unreachable(TransportError):
    """The connection was refused or the host unknown: the request never reached the acquirer."""


class NoAnswer(TransportError):
    """The request may have arrived; no (complete) answer came back: the outcome is unknown."""


def post(url: str, body: bytes, content_type: str, timeout_s: float) -> bytes:
    request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:  # noqa: S310 (configured gateway)
            return bytes(response.read())
    except urllib.error.HTTPError as error:
        raise NoAnswer(f"HTTP {error.code}") from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, (ConnectionRefusedError, socket.gaierror)):
            raise Unreachable(str(error.reason)) from error
        raise NoAnswer(str(error.reason)) from error
    except (TimeoutError, OSError) as error:
        raise NoAnswer(type(error).__name__) from error


def get(url: str, timeout_s: float) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as response:  # noqa: S310
            return bytes(response.read())
    except (urllib.error.URLError, OSError) as error:
        raise NoAnswer(str(error)) from error


def unsigned_answer(acquirer: str, call: str) -> NoAnswer:
    """An answer whose signature does not verify is no answer: nothing in it is believed (logged, never shown)."""
    log.warning("%s %s: answer without a valid signature, ignored", acquirer, call)
    return coded(NoAnswer, "wallet.answer_unsigned")
