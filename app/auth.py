"""Who may use the counter: PIN policy, slow salted hashes, lock-out rules. Pure: no storage.

A PIN is stored as `scrypt$n$r$p$<salt hex>$<key hex>` (hashlib.scrypt, 16 random bytes of salt,
32 bytes of key). Verification is constant-time. Lock-out: after MAX_FAILURES wrong PINs in a row
the clerk is locked for LOCK_MINUTES; a correct PIN resets the count. The PIN itself is never
stored, logged or put into an exception.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
from dataclasses import dataclass

from app.errors import InputError, Refused
from app.messages import coded

ROLES = ("clerk", "supervisor", "admin")
SUPERVISOR_ROLES = ("supervisor", "admin")

PIN_MIN, PIN_MAX = 6, 12
MAX_FAILURES = 5
LOCK_MINUTES = 15
IDLE_LOCK_SECONDS = 300  # the counter locks its screen after this much idle time

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_KEY_LEN, _SALT_LEN = 32, 16


def check_new_pin(pin: str) -> str:
    """The PIN if it may be set, else InputError: 6-12 digits, not one digit repeated, not a run."""
    if not isinstance(pin, str) or not pin.isascii() or not pin.isdigit():
        raise coded(InputError, "pin.format")
    if not PIN_MIN <= len(pin) <= PIN_MAX:
        raise coded(InputError, "pin.format")
    if len(set(pin)) == 1:
        raise coded(InputError, "pin.repeated")
    digits = [int(c) for c in pin]
    steps = {b - a for a, b in zip(digits, digits[1:], strict=False)}
    if steps in ({1}, {-1}):
        raise coded(InputError, "pin.sequence")
    return pin


def hash_pin(
    pin: str, *, salt: bytes | None = None, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P
) -> str:
    if "\x00" in pin:  # see verify_pin: a NUL would make two PINs one
        raise ValueError("a PIN never holds a NUL character")
    salt = os.urandom(_SALT_LEN) if salt is None else salt
    key = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=_KEY_LEN, maxmem=2**26)
    return f"scrypt${n}${r}${p}${salt.hex()}${key.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    """True when `pin` matches the stored hash; False for any malformed or empty stored value."""
    if not stored or not isinstance(pin, str):
        return False
    # scrypt keys HMAC with the password padded with zero bytes, so "1234" and "1234\x00" hash the same (a
    # hypothesis test found '\x00' accepted for the PIN ''): no PIN holds a NUL, so none is ever accepted
    if "\x00" in pin:
        return False
    try:
        scheme, n_s, r_s, p_s, salt_hex, key_hex = stored.split("$")
        if scheme != "scrypt":
            return False
        n, r, p = int(n_s), int(r_s), int(p_s)
        salt, key = bytes.fromhex(salt_hex), bytes.fromhex(key_hex)
        if not (2 <= n <= 2**20 and 1 <= r <= 32 and 1 <= p <= 16 and key):
            return False
        got = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=len(key), maxmem=2**26)
    except (ValueError, UnicodeEncodeError):
        return False
    return hmac.compare_digest(got, key)


def _parse_instant(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def locked_until(locked_until_text: str | None, now: dt.datetime) -> dt.datetime | None:
    """The end of a lock-out still running at `now`, or None."""
    until = _parse_instant(locked_until_text)
    return until if until is not None and until > now else None


@dataclass(frozen=True)
class FailureOutcome:
    failed_attempts: int
    locked_until: dt.datetime | None  # set when this failure locks the clerk

    @property
    def remaining(self) -> int:
        return max(0, MAX_FAILURES - self.failed_attempts)


def after_failure(failed_attempts: int, now: dt.datetime) -> FailureOutcome:
    """The new count after one more wrong PIN; the MAX_FAILURES-th locks for LOCK_MINUTES."""
    count = failed_attempts + 1
    if count >= MAX_FAILURES:
        return FailureOutcome(0, now + dt.timedelta(minutes=LOCK_MINUTES))
    return FailureOutcome(count, None)


def locked_refusal(who: str, until: dt.datetime) -> Refused:
    from app.clock import local_text

    return coded(Refused, "pin.locked", who=who, until=local_text(until)[11:16])
