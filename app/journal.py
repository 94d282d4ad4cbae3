"""The journal: append-only, hash-chained record of every event that moves money or a card.

Each entry's hash is SHA-256 over a canonical encoding of its fields including the previous
entry's hash, so an edit, a deletion or a reordering breaks the chain at that entry. The
sequence number per terminal has no gaps; it orders the journal, never the clock.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

GENESIS_HASH = "0" * 64


class Kind:
    """Journal entry kinds. Strings, because they are stored and sent to head office."""

    PAYMENT = "payment"
    REVERSAL = "reversal"
    WAIVER = "waiver"
    CARD_PURCHASE = "card_purchase"
    CARD_WRITTEN = "card_written"
    CARD_REPLACED = "card_replaced"
    SHIFT_OPEN = "shift_open"
    SHIFT_CLOSE = "shift_close"
    CASH_COUNT = "cash_count"
    RECEIPT_PRINT = "receipt_print"
    NOTICE = "notice"
    APPROVAL = "approval"
    # 预收冲抵: the customer's balance settles open bills by itself (no receipt, no shift); app/moves.py
    OFFSET = "offset"
    # 退补/调整: head office changed a bill (amount, due date, kWh) or a customer's category, approved
    ADJUSTMENT = "adjustment"
    # 退款支付: head office's refund (a review case decided as refund) paid out of the drawer in cash; the
    # balance already moved centrally at the decision, so it moves no account money (app/services/refund_payout.py)
    REFUND_PAYOUT = "refund_payout"
    # a clerk's own PIN (its scrypt hash, never the PIN) set at this counter: head office keeps the newest and
    # every counter of the hall pulls it (issue 27: app/services/clerks.py, db/central/clerk_pins.py)
    PIN_SET = "pin_set"


def canonical(value: Any) -> bytes:
    """One byte string per value: sorted keys, no spaces, UTF-8. Floats are refused: money is int."""

    def refuse_float(obj: Any) -> Any:
        raise TypeError(f"journal values must not be {type(obj).__name__}")

    def check(obj: Any) -> None:
        if isinstance(obj, float):
            refuse_float(obj)
        elif isinstance(obj, dict):
            for v in obj.values():
                check(v)
        elif isinstance(obj, (list, tuple)):
            for v in obj:
                check(v)

    check(value)
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


@dataclass(frozen=True)
class Entry:
    entry_id: str
    terminal_id: str
    seq: int
    kind: str
    created_at: str  # UTC, ISO 8601 with seconds
    clerk_id: str
    payload: dict[str, Any]
    prev_hash: str
    hash: str
    # The terminal's Ed25519 signature over the hash (hex); not part of the hash, but part of equality:
    # the central copy stores it too (central migration c0002), so a copy equals its original only signed alike.
    signature: str = ""

    def body(self) -> dict[str, Any]:
        return {
            "entry_id": self.entry_id,
            "terminal_id": self.terminal_id,
            "seq": self.seq,
            "kind": self.kind,
            "created_at": self.created_at,
            "clerk_id": self.clerk_id,
            "payload": self.payload,
            "prev_hash": self.prev_hash,
        }


def entry_hash(body: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(body)).hexdigest()


def new_entry(
    *,
    terminal_id: str,
    seq: int,
    kind: str,
    created_at: str,
    clerk_id: str,
    payload: dict[str, Any],
    prev_hash: str,
    entry_id: str | None = None,
) -> Entry:
    body: dict[str, Any] = {
        "entry_id": entry_id or str(uuid.uuid4()),
        "terminal_id": terminal_id,
        "seq": seq,
        "kind": kind,
        "created_at": created_at,
        "clerk_id": clerk_id,
        "payload": payload,
        "prev_hash": prev_hash,
    }
    return Entry(**body, hash=entry_hash(body))


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    entry_id: str
    reason: str

    def __str__(self) -> str:
        return f"journal entry #{self.seq} ({self.entry_id}): {self.reason}"


def verify_chain(
    entries: Iterable[Entry], terminal_id: str | None = None, public_key: str | None = None
) -> ChainProblem | None:
    """The first problem in one terminal's journal, in sequence order, or None when intact.

    With `public_key` (the terminal's Ed25519 key, hex) every entry must also carry a valid signature
    over its hash: an entry re-hashed and re-signed with another key fails here.
    """
    from app.signing import verify_hash_signature

    expected_prev = GENESIS_HASH
    expected_seq = 1
    for entry in entries:
        if terminal_id is not None and entry.terminal_id != terminal_id:
            return ChainProblem(entry.seq, entry.entry_id, f"belongs to terminal {entry.terminal_id}")
        if entry.seq != expected_seq:
            return ChainProblem(
                entry.seq, entry.entry_id, f"sequence gap: expected #{expected_seq}, found #{entry.seq}"
            )
        if entry.prev_hash != expected_prev:
            return ChainProblem(entry.seq, entry.entry_id, "does not chain to the entry before it")
        if entry_hash(entry.body()) != entry.hash:
            return ChainProblem(entry.seq, entry.entry_id, "content does not match its hash (edited)")
        if public_key is not None:
            if not entry.signature:
                return ChainProblem(entry.seq, entry.entry_id, "is not signed")
            if not verify_hash_signature(public_key, entry.hash, entry.signature):
                return ChainProblem(
                    entry.seq,
                    entry.entry_id,
                    "signature does not verify with the terminal's key (re-signed or forged)",
                )
        expected_prev = entry.hash
        expected_seq += 1
    return None
