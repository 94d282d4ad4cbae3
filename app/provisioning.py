"""Provisioning rules (issue 17), pure: ids, roles, one-time PINs, key fingerprints, the re-key message,
and which key signs which entry (a terminal's key history). No storage: db/central/admin.py and the
terminal commands apply these.

A terminal's key history is a list of (from_seq, public_key): the key that signed entry #n is the one
with the largest from_seq <= n. A re-key adds a key from the next sequence number on; entries signed
before stay verifiable with the old key.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app import auth
from app.errors import InputError, Refused
from app.journal import ChainProblem, Entry, verify_chain
from app.messages import coded
from app.signing import verify_hash_signature
from app.store import SettingsRepo

ROLES = auth.ROLES
MODES = ("demo", "production", "training")
# what receipts and the window say on a terminal that is not a production one
MODE_MARKS = {"demo": "DEMO 演示数据，非正式凭证", "training": "培训 非正式凭证"}
DEMO_PIN_VALUES = frozenset({"111111", "222222", "999999", "000000"})

# local.db meta keys of a provisioned terminal (db/provision_local.py writes them, services read them)
HALL_ID = "hall_id"
MODE = "mode"
KEY_HISTORY = "key_history"


def set_identity(
    settings: SettingsRepo, terminal_id: str, hall_id: str, hall_name: str, mode: str, key_history: str
) -> None:
    """A provisioned terminal's own facts in local.db meta (no demo flag: no demo PIN ever works here)."""
    for key, value in (
        ("terminal_id", terminal_id),
        ("hall_name", hall_name),
        (HALL_ID, hall_id),
        (MODE, mode),
        (KEY_HISTORY, key_history),
    ):
        settings.set(key, value)


class OneTimePin(Refused):
    """The PIN was right, but it is head office's one-time PIN: the clerk must set their own first."""


def must_change_key(clerk_id: str) -> str:
    return f"clerk.must_change.{clerk_id}"


def pin_issue_key(clerk_id: str) -> str:
    return f"clerk.pin_issue.{clerk_id}"


def pin_mark_key(clerk_id: str) -> str:
    """Which of the clerk's own PINs is held here (pin_mark): a pulled one applies only if newer (issue 27)."""
    return f"clerk.pin_mark.{clerk_id}"


def pin_mark(version: int, set_at: str, set_by: str) -> str:
    """Own PINs of one one-time issue, oldest first as text: the version (each PIN is 1 + the one it
    replaced), then when and where it was set (two counters that replaced the same PIN offline)."""
    return f"{int(version):08d}|{set_at}|{set_by}"


def pin_version(mark: str) -> int:
    head = mark.split("|", 1)[0]
    return int(head) if head.isdigit() else 0


def check_id(value: str, what: str) -> str:
    """A hall, terminal or clerk id: 1-16 ASCII letters, digits, '-' or '_'."""
    text = (value or "").strip()
    if not (1 <= len(text) <= 16 and text.isascii() and text.replace("-", "").replace("_", "").isalnum()):
        raise coded(InputError, "provision.bad_id", what=what, value=value)
    return text


def check_name(value: str, what: str) -> str:
    text = (value or "").strip()
    if not text or len(text) > 60:
        raise coded(InputError, "provision.bad_name", what=what)
    return text


def check_role(role: str) -> str:
    if role not in ROLES:
        raise coded(InputError, "provision.bad_role")
    return role


def new_one_time_pin() -> str:
    """Six random digits a clerk may use once (auth.check_new_pin holds; never a demo PIN)."""
    while True:
        pin = f"{secrets.randbelow(10**6):06d}"
        if pin in DEMO_PIN_VALUES:
            continue
        try:
            return auth.check_new_pin(pin)
        except InputError:
            continue


# how a key's state orders keys that start at the same sequence number (the later wins): the active key
# over one retired before it signed anything here
KEY_STATE_RANK = {"retired": 0, "superseded": 1, "active": 2}


def fingerprint(public_key_hex: str) -> str:
    """What head office and the terminal show of a key (the fork alarm names keys the same way)."""
    return public_key_hex[:16]


def rekey_message(terminal_id: str, new_public_key: str, from_seq: int) -> str:
    """The SHA-256 (hex) the old key signs to hand over to the new one: `terminal rekey`."""
    text = f"hallpay-rekey|{terminal_id}|{new_public_key}|{int(from_seq)}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class KeyHistory:
    """(from_seq, public_key) pairs, in any order."""

    keys: tuple[tuple[int, str], ...]

    @classmethod
    def of(cls, pairs: Iterable[tuple[int, str]]) -> KeyHistory:
        """One key per starting sequence number: of two given for the same one, the later given wins."""
        by_start: dict[int, str] = {}
        for s, k in pairs:
            by_start[int(s)] = k
        return cls(tuple(sorted(by_start.items())))

    def key_for(self, seq: int) -> str | None:
        found = None
        for from_seq, key in self.keys:
            if from_seq <= seq:
                found = key
        return found

    @property
    def current(self) -> str | None:
        return self.keys[-1][1] if self.keys else None

    def added(self, from_seq: int, key: str) -> KeyHistory:
        return KeyHistory.of([*[(s, k) for s, k in self.keys if s < from_seq], (from_seq, key)])

    def as_text(self) -> str:
        return ";".join(f"{s}:{k}" for s, k in self.keys)

    @classmethod
    def parse(cls, text: str) -> KeyHistory:
        pairs = []
        for part in (text or "").split(";"):
            if ":" in part:
                s, k = part.split(":", 1)
                pairs.append((int(s), k))
        return cls.of(pairs)


def verify_with_history(
    entries: Sequence[Entry], terminal_id: str, history: KeyHistory
) -> ChainProblem | None:
    """The chain (app.journal.verify_chain) and every entry's signature with the key that was the
    terminal's when the entry was made."""
    problem = verify_chain(entries, terminal_id)
    if problem is not None:
        return problem
    for e in entries:
        key = history.key_for(e.seq)
        if key is None:
            continue
        if not e.signature:
            return ChainProblem(e.seq, e.entry_id, "is not signed")
        if not verify_hash_signature(key, e.hash, e.signature):
            return ChainProblem(
                e.seq,
                e.entry_id,
                f"signature does not verify with the terminal's key {fingerprint(key)} (re-signed or forged)",
            )
    return None
