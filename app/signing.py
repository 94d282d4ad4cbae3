"""Ed25519 signatures over journal entry hashes (the `cryptography` package; no storage, no Qt).

The terminal signs the 32 raw bytes of each entry's SHA-256 hash; a signature is 64 bytes, kept as
hex. Public keys travel as 64 hex characters (raw 32 bytes). The private key never leaves the
`Signer`; db/keys.py loads it from the data directory.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey


class Signer(Protocol):
    @property
    def public_key_hex(self) -> str: ...

    def sign_hash(self, hash_hex: str) -> str: ...


class Ed25519Signer:
    def __init__(self, private_key: Ed25519PrivateKey) -> None:
        self._key = private_key
        raw = private_key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        self._public_hex = raw.hex()

    @classmethod
    def generate(cls) -> Ed25519Signer:
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_private_bytes(cls, raw: bytes) -> Ed25519Signer:
        return cls(Ed25519PrivateKey.from_private_bytes(raw))

    def private_bytes(self) -> bytes:
        return self._key.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )

    @property
    def public_key_hex(self) -> str:
        return self._public_hex

    def sign_hash(self, hash_hex: str) -> str:
        return self._key.sign(bytes.fromhex(hash_hex)).hex()

    def __repr__(self) -> str:  # never show the private key
        return f"Ed25519Signer(public={self._public_hex[:16]}…)"


@functools.lru_cache(maxsize=1024)
def _public_key(public_key_hex: str) -> Ed25519PublicKey:
    """The key object of a hex key, built once: rebuilding it cost a third of each verification."""
    return Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key_hex))


def verify_hash_signature(public_key_hex: str, hash_hex: str, signature_hex: str) -> bool:
    """True only for a well-formed signature by this key over this hash; never raises."""
    try:
        _public_key(public_key_hex).verify(bytes.fromhex(signature_hex), bytes.fromhex(hash_hex))
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


# THE RULE for a terminal's chain as head office holds it (issue 29): every entry's hash and its link to the
# entry before it are checked, and a signature is required only where one authenticates the entries before
# it: at the chain's head and at the last entry under each key (the entry before a re-key). SHA-256 chains
# each entry to the next, so the signature of a run's last entry binds every entry of the run before it;
# checking all of them (111 us each) cost 6x the COPY of the batch. A push checks exactly this over the
# batch it appends (the batch's last entry becomes the head); every reader of stored rows (the push's
# stored-tail check, db/central/chain_checks.py, checked journals, the counter's verify of its central copy)
# requires no more, so a batch a push accepted is never flagged later. Other entries' signatures are
# stored as the counter sent them; the counter's verify compares them with its own journal's.
def must_verify(seq: int, key_for: Callable[[int], str | None], head: int | None) -> bool:
    """Whether entry #seq's signature is required by the rule above (`head`: the chain's last entry)."""
    return seq == head or key_for(seq + 1) != key_for(seq)
